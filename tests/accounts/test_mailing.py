"""Who gets a course's non-essential mail, and how one notification is built."""

import pytest

from accounts.mailing import addressees, course_mail, instructor_address, teaching_addressees
from accounts.models import MailPreferences
from tests.factories import CourseFactory, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_addressees_are_the_enrolled_members_who_want_the_kind_and_have_an_address(course):
    ana, bo = (EnrolmentFactory(course=course, user=UserFactory(username=n)).user for n in "ab")
    EnrolmentFactory(course=course, user=UserFactory(username="c", email=""))
    EnrolmentFactory(course=course, user=UserFactory(username="d", is_active=False))
    EnrolmentFactory(course=CourseFactory(slug="other"), user=UserFactory(username="e"))
    MailPreferences.objects.create(enrolment=bo.enrolments.get(), reminders=False)
    assert addressees(course, "reminders") == [ana]
    assert addressees(course, "announcements") == [ana, bo]
    with pytest.raises(ValueError):
        addressees(course, "spam")


def test_teaching_addressees_are_instructors_and_assistants(course):
    EnrolmentFactory(course=course)
    prof = EnrolmentFactory(course=course, role="instructor").user
    ta = EnrolmentFactory(course=course, role="teaching-assistant").user
    assert teaching_addressees(course, "submissions") == [prof, ta]


def test_the_course_address_is_used_only_when_no_enrolled_account_has_it(course):
    assert instructor_address(course) == "hi@clementrenaud.com"
    EnrolmentFactory(
        course=course, role="instructor", user=UserFactory(email="HI@clementrenaud.com")
    )
    assert instructor_address(course) is None


def test_a_notification_has_one_subject_line_the_course_as_sender_and_a_key_per_person(
    course, settings
):
    settings.SITE_URL = "https://seminar.example.org"
    user = UserFactory(username="li", first_name="Li")
    mail = course_mail(
        course=course,
        recipient=user,
        kind="membership",
        key="g1",
        subject="Li joined\r\nBcc: everyone@example.org",
        template="assignments/emails/status",
        context={"assignment": None, "group": None, "submission": None},
    )
    assert mail["subject"] == "[Chinese Cities] Li joined Bcc: everyone@example.org"
    assert mail["from_email"] == "Chinese Cities <noreply@localhost>"
    assert mail["idempotency_key"] == f"membership:g1:to:{user.pk}"
    assert mail["headers"]["List-Unsubscribe"] == (
        "<https://seminar.example.org/accounts/email/chinese-cities/>"
    )
    assert mail["body"].startswith("Hello Li,") and "<" not in mail["body"].split("\n")[0]
