"""Password-reset mail goes through the outbox: queued with the request, sent after it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from outbox.models import Message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return UserFactory(username="alice", email="alice@example.org")


def test_the_reset_link_is_queued_not_sent_during_the_request(client, alice):
    client.post(reverse("accounts:password-reset"), {"email": "alice@example.org"})
    assert mail.outbox == []
    [queued] = Message.objects.all()
    assert queued.to == ["alice@example.org"]
    assert "/accounts/reset/" in queued.body
    call_command("deliver_mail")
    [sent] = mail.outbox
    assert sent.to == ["alice@example.org"] and sent.body == queued.body
    assert "\n" not in sent.subject


def test_a_reset_asked_while_smtp_is_down_answers_at_once_and_is_sent_later(
    client, alice, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    response = client.post(reverse("accounts:password-reset"), {"email": "alice@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    call_command("deliver_mail")  # refused: the message waits for its next attempt
    queued = Message.objects.get()
    assert queued.sent_at is None and queued.attempts == 1
