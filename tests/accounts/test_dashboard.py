"""The accounts' line of a course panel: invitations sent and not accepted yet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.dashboard import account_lines
from accounts.models import Invitation
from outbox.models import Message
from tests.factories import CourseFactory, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_pending_invitations_are_unused_unexpired_and_of_people_who_accepted_none(course):
    now = timezone.now()
    waiting = InvitationFactory(course=course)
    InvitationFactory(course=course, used_at=now)
    InvitationFactory(course=course, expires_at=now - datetime.timedelta(seconds=1))
    accepted_since = UserFactory(username="accepted")
    InvitationFactory(course=course, user=accepted_since)
    InvitationFactory(course=course, user=accepted_since, used_at=now)
    assert list(Invitation.objects.pending(now)) == [waiting]


def test_a_person_invited_twice_counts_once(course):
    person = UserFactory(username="twice")
    InvitationFactory(course=course, user=person)
    InvitationFactory(course=course, user=person)
    InvitationFactory(course=CourseFactory(slug="other"), user=person)
    [line] = account_lines([course.pk], timezone.now())[course.pk]
    assert line.text == "1 invitation waiting to be accepted"


def test_the_line_opens_the_course_invitations_still_waiting(staff_client, course):
    waiting = InvitationFactory(course=course)
    InvitationFactory(course=course, used_at=timezone.now())
    InvitationFactory(course=CourseFactory(slug="other"))
    [line] = account_lines([course.pk], timezone.now())[course.pk]
    assert list(staff_client.get(line.url).context["cl"].result_list) == [waiting]


def test_staff_resend_one_new_link_per_person_still_waiting(staff_client, course):
    person = UserFactory(username="waiting")
    first = InvitationFactory(course=course, user=person)
    second = InvitationFactory(course=course, user=person)
    accepted = InvitationFactory(course=course, used_at=timezone.now())
    response = staff_client.post(
        reverse("admin:accounts_invitation_changelist"),
        {
            "action": "send_new_invitation",
            "_selected_action": [first.pk, second.pk, accepted.pk],
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(user=person).count() == 3
    assert Invitation.objects.filter(user=accepted.user).count() == 1
    assert [m.to for m in Message.objects.all()] == [[person.email]]


def test_invitations_cannot_be_written_in_the_admin(staff_client, course):
    invitation = InvitationFactory(course=course)
    change = staff_client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert staff_client.get(reverse("admin:accounts_invitation_add")).status_code == 403
