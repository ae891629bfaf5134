"""Announcements: e-mailed once to the enrolled students who want them, when published."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import MailPreferences
from announcements.models import Announcement
from announcements.services import mail_due_announcements, save_announcement
from tests.factories import EnrolmentFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def students(course):
    return [
        EnrolmentFactory(course=course, user=UserFactory(username=name)).user
        for name in ("ana", "bo", "cy")
    ]


def announce(course, **fields):
    return save_announcement(
        Announcement(course=course, title="Room change", body="We meet in **H405**.", **fields)
    )


def test_an_announcement_from_the_admin_reaches_every_student_who_has_not_opted_out(
    smtp_server, client, course, week, students
):
    MailPreferences.objects.create(enrolment=students[1].enrolments.get(), announcements=False)
    EnrolmentFactory(course=course, role="instructor", user=UserFactory(username="prof"))
    UserFactory(username="outsider")  # an account not enrolled in the course
    client.force_login(StaffFactory(username="boss"))
    response = client.post(
        reverse("admin:announcements_announcement_add"),
        {
            "course": course.pk,
            "week": week.pk,
            "title": "Room change",
            "body": "We meet in **H405**.\r\nBring the reading.",
            "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    call_command("deliver_mail")
    call_command("send_announcements")
    call_command("deliver_mail")
    assert smtp_server.to() == ["ana@example.org", "cy@example.org"]
    plain, html = smtp_server.parts(smtp_server.received[0])
    announcement = Announcement.objects.get()
    assert announcement.body == "We meet in **H405**.\nBring the reading."
    assert "We meet in **H405**." in plain and "Week 7" in plain
    assert "<strong>H405</strong>" in html
    assert f"{course.get_absolute_url()}#announcement-{announcement.pk}" in plain


def test_editing_a_sent_announcement_sends_nothing_again(smtp_server, course, students):
    announcement = announce(course)
    announcement.title = "Room change (corrected)"
    save_announcement(announcement)
    call_command("deliver_mail")
    assert len(smtp_server.received) == 3


def test_a_scheduled_announcement_is_mailed_once_when_its_time_comes(smtp_server, course, students):
    later = timezone.now() + datetime.timedelta(hours=5)
    announcement = announce(course, published_at=later)
    assert mail_due_announcements() == 0
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        call_command("send_announcements")
        call_command("send_announcements")
        call_command("deliver_mail")
    assert smtp_server.to() == ["ana@example.org", "bo@example.org", "cy@example.org"]
    announcement.refresh_from_db()
    assert announcement.emailed_at is not None


def test_the_body_is_sanitised(course):
    announcement = announce(course)
    announcement.body = "Hi <script>alert(1)</script><img src=x onerror=alert(1)>"
    announcement.save()
    assert "<script" not in announcement.body_html and "onerror" not in announcement.body_html
