"""Faults around a roster import's e-mail: the SMTP server down or refusing some mail, a batch
failing. Each invitation reaches the real SMTP server (aiosmtpd) exactly once."""

import datetime
from collections import Counter

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from accounts import services
from outbox.bulk import enqueue_many
from outbox.models import Message
from tests.smtp import Inbox, free_port

pytestmark = pytest.mark.django_db(transaction=True)


def roster_of(count):
    return "name,email\n" + "".join(f"Student {n},student{n}@example.org\n" for n in range(count))


def import_roster(course, text, **options):
    return services.import_roster(
        course=course, text=text, absolute_url=lambda path: f"https://example.org{path}", **options
    )


class Server:
    """SMTP settings for a free port where nothing listens until `start()` opens the server."""

    def __init__(self, inbox):
        self.inbox = inbox
        self.controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        self.running = False

    def start(self):
        self.controller.start()
        self.running = True

    def received_by(self):
        return Counter(message["To"] for message in self.inbox.received)


class RefusingInbox(Inbox):
    """Answers "451 try again later" to every third message the first time it arrives."""

    def __init__(self):
        super().__init__()
        self.seen = Counter()

    async def handle_DATA(self, server, session, envelope):
        recipient = envelope.rcpt_tos[0]
        self.seen[recipient] += 1
        if self.seen[recipient] == 1 and len(self.seen) % 3 == 0:
            return "451 4.3.0 try again later"
        return await super().handle_DATA(server, session, envelope)


def smtp_server(settings, inbox):
    server = Server(inbox)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 10
    return server


@pytest.fixture
def server(settings):
    server = smtp_server(settings, Inbox())
    yield server
    if server.running:
        server.controller.stop()


@pytest.fixture
def refusing_server(settings):
    server = smtp_server(settings, RefusingInbox())
    server.start()
    yield server
    server.controller.stop()


def deliver_later(minutes):
    """Run deliver_mail as if `minutes` had passed, past the back-off of failed attempts."""
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes)):
        call_command("deliver_mail")


def test_invitations_queued_while_the_smtp_server_is_down_are_each_delivered_once_later(
    server, course
):
    report = import_roster(course, roster_of(300), batch_size=100)
    call_command("deliver_mail")  # connection refused: every message backs off
    assert set(Message.objects.values_list("state", "attempts")) == {("queued", 1)}
    assert len(report.invited) == Message.objects.count() == 300

    server.start()
    call_command("deliver_mail")
    assert server.inbox.received == []  # not due yet: the back-off holds
    deliver_later(minutes=2)
    deliver_later(minutes=60)
    assert server.received_by() == Counter(f"student{n}@example.org" for n in range(300))
    assert set(Message.objects.values_list("state", "attempts")) == {("sent", 2)}


def test_mail_the_server_refuses_for_now_is_sent_again_and_only_that(refusing_server, course):
    import_roster(course, roster_of(30), batch_size=10)
    call_command("deliver_mail")
    assert Message.objects.filter(state="queued").count() == 10
    assert len(refusing_server.inbox.received) == 20
    deliver_later(minutes=2)
    deliver_later(minutes=60)
    assert refusing_server.received_by() == Counter(f"student{n}@example.org" for n in range(30))


def test_mail_of_a_failed_batch_is_never_sent_and_importing_again_sends_the_rest_once(
    server, course, monkeypatch
):
    def fail_the_second_batch(messages):
        enqueue_many(messages)
        if "student10@example.org" in (message["to"][0] for message in messages):
            raise DatabaseError("the disk is full")

    server.start()
    monkeypatch.setattr(services, "enqueue_many", fail_the_second_batch)
    with pytest.raises(DatabaseError):
        import_roster(course, roster_of(30), batch_size=10)
    call_command("deliver_mail")
    assert server.received_by() == Counter(f"student{n}@example.org" for n in range(10))

    monkeypatch.undo()
    import_roster(course, roster_of(30), batch_size=10)
    call_command("deliver_mail")
    assert server.received_by() == Counter(f"student{n}@example.org" for n in range(30))


def test_enqueue_many_queues_a_key_once_and_nothing_when_rolled_back():
    message = {"to": ["a@example.org"], "subject": "Hi", "body": "x", "idempotency_key": "k1"}
    enqueue_many([message])
    enqueue_many([message, {**message, "idempotency_key": "k2"}])
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_many([{**message, "idempotency_key": "k3"}])
        raise RuntimeError("rolled back")
    assert sorted(Message.objects.values_list("idempotency_key", flat=True)) == ["k1", "k2"]
    assert all(message.headers["Message-ID"] for message in Message.objects.all())


def test_with_delivery_on_commit_each_batch_starts_delivery_once_it_has_committed(
    settings, course, monkeypatch
):
    settings.OUTBOX_DELIVER_ON_COMMIT = True
    kicks = []
    monkeypatch.setattr("outbox.bulk.kick_delivery", lambda: kicks.append(Message.objects.count()))
    import_roster(course, roster_of(30), batch_size=10)
    assert kicks == [10, 20, 30]  # the mail each kick finds queued: its batch's and the earlier
