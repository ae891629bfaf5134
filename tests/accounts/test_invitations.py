import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, hash_token
from outbox.services import deliver_due
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase about Shenzhen"


def invitation_url(token):
    return reverse("accounts:invitation", args=[token])


@pytest.fixture
def invited(course):
    user = UserFactory(username="newcomer", password=None)
    user.set_unusable_password()
    user.save()
    return InvitationFactory(user=user, course=course, token="the-secret-token")


def set_password(client, token, password=PASSWORD):
    return client.post(
        invitation_url(token), {"new_password1": password, "new_password2": password}
    )


def test_an_invitation_e_mail_carries_a_link_whose_token_is_stored_only_hashed(course):
    user = UserFactory(email="new@example.org")
    invitation = services.invite(user=user, course=course, absolute_url=lambda path: path)
    deliver_due()
    [message] = mail.outbox
    token = message.body.split("/accounts/invitation/")[1].split("/")[0]
    assert invitation.token_hash == hash_token(token) != token
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_the_link_sets_the_password_logs_in_and_goes_to_the_course(client, invited, course):
    assert client.get(invitation_url("the-secret-token")).status_code == 200
    response = set_password(client, "the-secret-token")
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()
    invited.user.refresh_from_db()
    assert invited.user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(invited.user.pk)


def test_the_link_works_only_once(client, invited):
    set_password(client, "the-secret-token")
    response = set_password(Client(), "the-secret-token", "another passphrase 12")
    assert response.status_code == 410
    assert "has been used already" in response.content.decode()
    invited.user.refresh_from_db()
    assert invited.user.check_password(PASSWORD)


def test_an_expired_link_shows_a_clear_page_and_changes_nothing(client, invited):
    Invitation.objects.filter(pk=invited.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    for response in (
        client.get(invitation_url("the-secret-token")),
        set_password(client, "the-secret-token"),
    ):
        assert response.status_code == 410
        assert "This invitation has expired" in response.content.decode()
    invited.user.refresh_from_db()
    assert not invited.user.has_usable_password()


def test_an_unknown_token_is_404(client, db):
    response = client.get(invitation_url("made-up"))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [("password", "too common"), ("12345678", "too short"), ("newcomer12", "too similar")],
)
def test_the_password_validators_apply(client, invited, password, message):
    response = set_password(client, "the-secret-token", password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Invitation.objects.get().used_at is None


def test_a_hundred_character_passphrase_is_accepted(client, invited):
    assert set_password(client, "the-secret-token", "x7 " * 33 + "z").status_code == 302


def test_the_instructor_can_send_a_fresh_invitation_from_the_enrolment_list(staff_client, invited):
    from accounts.models import Enrolment

    enrolment = Enrolment.objects.create(user=invited.user, course=invited.course)
    staff_client.post(
        reverse("admin:accounts_enrolment_changelist"),
        {"action": "send_invitation", "_selected_action": [enrolment.pk]},
    )
    deliver_due()
    assert len(mail.outbox) == 1
    assert Invitation.objects.filter(user=invited.user).count() == 2
