"""Queue many e-mails at once, for imports that write in batches: one query finds the keys
already queued, one insert queues the rest, in the caller's transaction."""

from email.utils import make_msgid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.models import Message
from outbox.services import _domain, kick_delivery


def enqueue_many(messages):
    """Queue each message (the keyword arguments of `outbox.enqueue`, idempotency key required),
    to be sent once this transaction commits; a key already queued is not queued again."""
    keys = [message["idempotency_key"] for message in messages]
    queued = set(
        Message.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True)
    )
    now = timezone.now()
    new = [
        _message(now, **message) for message in messages if message["idempotency_key"] not in queued
    ]
    Message.objects.bulk_create(new, ignore_conflicts=True)
    if new and settings.OUTBOX_DELIVER_ON_COMMIT:
        transaction.on_commit(kick_delivery)


def _message(
    now, *, to, subject, body, idempotency_key, html_body="", headers=None, from_email=None
):
    return Message(
        to=list(to),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        body=body,
        html_body=html_body,
        headers={"Message-ID": make_msgid(domain=_domain()), **(headers or {})},
        idempotency_key=idempotency_key,
        next_attempt_at=now,
    )
