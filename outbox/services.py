"""Queue e-mail in the caller's transaction; deliver it after commit, each message once."""

import datetime
import logging
import threading
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.utils import timezone

from outbox.models import Message

logger = logging.getLogger(__name__)
BATCH_SIZE = 100
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
_kick_lock = threading.Lock()


def enqueue(
    *, to, subject, body, html_body="", headers=None, from_email=None, idempotency_key=None
):
    """Queue one message, to be sent once this transaction commits (nothing if it rolls back).

    A message whose idempotency key is already queued is not queued again; the existing one is
    returned.
    """
    if idempotency_key:
        existing = Message.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    headers = {"Message-ID": make_msgid(domain=_domain()), **(headers or {})}
    message = Message.objects.create(
        to=list(to),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        body=body,
        html_body=html_body,
        headers=headers,
        idempotency_key=idempotency_key or None,
        next_attempt_at=timezone.now(),
    )
    if settings.OUTBOX_DELIVER_ON_COMMIT:
        transaction.on_commit(kick_delivery)
    return message


def _domain():
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"


def kick_delivery():
    """Development: deliver in a background thread, so mail appears without a worker."""
    if _kick_lock.acquire(blocking=False):
        threading.Thread(target=_deliver_in_thread, daemon=True).start()


def _deliver_in_thread():
    try:
        deliver_due()
    finally:
        connection.close()
        _kick_lock.release()


def deliver_due(*, limit=BATCH_SIZE):
    """Send every due message (up to `limit` per round) until none is due; returns how many sent."""
    sent = 0
    while claimed := claim_due(limit):
        sent += send_claimed(claimed)
    return sent


def claim_due(limit):
    """Mark up to `limit` due messages as being sent by this worker and return them."""
    now = timezone.now()
    Message.objects.filter(state=Message.State.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT).update(
        state=Message.State.QUEUED
    )
    due = Message.objects.due(now).order_by("next_attempt_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            Message.objects.filter(pk__in=ids).update(state=Message.State.SENDING, claimed_at=now)
    else:
        ids = [
            pk
            for pk in due.values_list("pk", flat=True)[:limit]
            if Message.objects.filter(pk=pk, state=Message.State.QUEUED).update(
                state=Message.State.SENDING, claimed_at=now
            )
        ]
    return list(Message.objects.filter(pk__in=ids).order_by("pk"))


def send_claimed(messages):
    """Send claimed messages over one SMTP connection; failures are queued again, backed off."""
    smtp = get_connection()
    try:
        smtp.open()
    except Exception as error:
        for message in messages:
            _back_off(message, error)
        return 0
    sent = 0
    try:
        for message in messages:
            try:
                smtp.send_messages([_email(message, smtp)]) or _refused()
            except Exception as error:
                _back_off(message, error)
            else:
                _mark_sent(message)
                sent += 1
    finally:
        smtp.close()
    return sent


def _refused():
    raise RuntimeError("the mail server accepted none of the recipients")


def _email(message, smtp):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        headers=message.headers,
        connection=smtp,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    return email


def _mark_sent(message):
    Message.objects.filter(pk=message.pk).update(
        state=Message.State.SENT, sent_at=timezone.now(), attempts=message.attempts + 1
    )


def _back_off(message, error):
    attempts = message.attempts + 1
    gave_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
    delay = min(settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1), settings.OUTBOX_MAX_DELAY)
    logger.warning("E-mail %s not sent (attempt %s): %s", message.pk, attempts, error)
    Message.objects.filter(pk=message.pk).update(
        state=Message.State.FAILED if gave_up else Message.State.QUEUED,
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
    )


def retry_now(queryset):
    """Queue the given unsent messages again for immediate delivery; returns how many."""
    return queryset.exclude(state__in=[Message.State.SENT, Message.State.SENDING]).update(
        state=Message.State.QUEUED, next_attempt_at=timezone.now()
    )
