import pytest
from django.core.management import call_command
from django.db import transaction

from accounts import services
from outbox import enqueue
from outbox.models import Message
from tests.smtp import free_port

ROSTER = "name,email\nAna,a@example.org\nBo,b@example.org\n"


@pytest.mark.django_db
def test_deliver_mail_sends_each_queued_message_once_and_a_second_run_sends_nothing(smtp_server):
    for number in range(3):
        enqueue(to=[f"s{number}@example.org"], subject="Hello", body="Text")
    call_command("deliver_mail")
    call_command("deliver_mail")
    assert sorted(message["To"] for message in smtp_server.received) == [
        "s0@example.org",
        "s1@example.org",
        "s2@example.org",
    ]
    assert set(Message.objects.values_list("state", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_a_message_waits_with_back_off_while_the_server_is_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )
    message = enqueue(to=["a@example.org"], subject="Hello", body="Text")
    call_command("deliver_mail")
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("queued", 1)
    assert message.next_attempt_at > message.created_at
    assert message.last_error


@pytest.mark.django_db
def test_the_same_idempotency_key_is_queued_once():
    first = enqueue(to=["a@example.org"], subject="Hi", body="x", idempotency_key="k")
    again = enqueue(to=["a@example.org"], subject="Hi", body="x", idempotency_key="k")
    assert first.pk == again.pk
    assert Message.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_roster_import_queues_and_sends_nothing(smtp_server, course):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.import_roster(course=course, text=ROSTER, absolute_url=lambda path: path)
        raise RuntimeError("the import fails after its rows")
    call_command("deliver_mail")
    assert (Message.objects.count(), smtp_server.received) == (0, [])


@pytest.mark.django_db(transaction=True)
def test_a_roster_import_queues_one_invitation_per_row_and_sends_after_commit(smtp_server, course):
    report = services.import_roster(course=course, text=ROSTER, absolute_url=lambda path: path)
    assert (len(report.invited), Message.objects.count(), smtp_server.received) == (2, 2, [])
    call_command("deliver_mail")
    assert sorted(message["To"] for message in smtp_server.received) == [
        "a@example.org",
        "b@example.org",
    ]
