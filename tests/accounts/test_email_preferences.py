"""The page where a member chooses the course's e-mails she gets."""

import pytest
from django.urls import reverse

from accounts.mailing import addressees
from accounts.models import MailPreferences
from tests.factories import EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(course):
    return reverse("accounts:email-preferences", args=[course.slug])


def test_a_student_turns_announcements_off_and_stops_being_an_addressee(client, course):
    student = EnrolmentFactory(course=course).user
    client.force_login(student)
    page = client.get(url(course)).content.decode()
    assert (
        'name="announcements" id="id_announcements" checked' in page
        and 'name="submissions"' not in page
    )
    response = client.post(
        url(course), {"feedback": "on", "group_changes": "on", "reminders": "on"}
    )
    assert response.status_code == 302
    preferences = MailPreferences.objects.get(enrolment__user=student)
    assert (preferences.announcements, preferences.feedback) == (False, True)
    assert addressees(course, "announcements") == []
    assert addressees(course, "feedback") == [student]
    assert "Your e-mail choices are saved." in client.get(url(course)).content.decode()


def test_teaching_staff_choose_among_the_mail_they_get(client, course):
    client.force_login(EnrolmentFactory(course=course, role="instructor").user)
    page = client.get(url(course)).content.decode()
    assert 'name="submissions"' in page and 'name="reminders"' not in page


def test_someone_not_enrolled_in_the_course_gets_404(client, course):
    client.force_login(UserFactory())
    assert client.get(url(course)).status_code == 404


def test_visitors_are_sent_to_log_in(client, course):
    response = client.get(url(course))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
