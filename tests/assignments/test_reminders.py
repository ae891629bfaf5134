"""`send_reminders`, run hourly by cron: 48 hours before the deadline, each member of a group
that has not handed in gets one reminder, however often the command runs."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import MailPreferences
from assignments import services
from assignments.models import Assignment, DeadlineReminder
from assignments.reminders import send_reminders
from tests.factories import AssignmentFactory, GroupFactory, MembershipFactory, WeekFactory

pytestmark = pytest.mark.django_db

CONTENT = {"topic": "Shenzhen", "sources": ["A", "B"], "argument": "Cities win."}


@pytest.fixture
def due_soon(course):
    """Due in 30 hours: inside the 48-hour window."""
    now = timezone.now()
    return AssignmentFactory(
        course=course,
        slug="final-project",
        title="Final project",
        opens_at=now - datetime.timedelta(days=10),
        group_formation_deadline=now - datetime.timedelta(days=1),
        due_at=now + datetime.timedelta(hours=30),
    )


def group_of(assignment, *users, name):
    group = GroupFactory(assignment=assignment, name=name)
    for user in users:
        MembershipFactory(group=group, user=user)
    return group


def test_reminders_go_once_across_two_runs_to_groups_that_have_not_submitted(
    smtp_server, due_soon, s1, s2, s3
):
    waiting = group_of(due_soon, s1, s2, name="Waiting")
    done = group_of(due_soon, s3, name="Done")
    due_soon.group_min_size = 1
    due_soon.save()
    services.save_revision(group=done, author=s3, base_number=0, **CONTENT)
    services.submit_for_review(group=done, base_number=1)
    smtp_server.received.clear()

    call_command("send_reminders")
    call_command("deliver_mail")
    call_command("send_reminders")
    call_command("deliver_mail")

    reminders = [m for m in smtp_server.received if "due in two days" in m["Subject"]]
    assert sorted(m["To"] for m in reminders) == ["s1@example.org", "s2@example.org"]
    assert list(DeadlineReminder.objects.values_list("group", flat=True)) == [waiting.pk]
    plain, html = smtp_server.parts(reminders[0])
    assert "has not submitted its work yet" in plain and "Waiting" in plain
    assert due_soon.get_absolute_url() in html


def test_no_reminder_outside_the_48_hours_or_for_a_hidden_week(due_soon, course, s1, s2):
    group_of(due_soon, s1, s2, name="Waiting")
    Assignment.objects.filter(pk=due_soon.pk).update(
        due_at=timezone.now() + datetime.timedelta(hours=49)
    )
    assert send_reminders() == 0
    hidden = WeekFactory(course=course, is_published=False)
    Assignment.objects.filter(pk=due_soon.pk).update(
        due_at=timezone.now() + datetime.timedelta(hours=47), week=hidden
    )
    assert send_reminders() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        assert send_reminders() == 0  # the deadline passed: too late to remind


def test_a_deadline_moved_later_gets_its_own_reminder(due_soon, s1, s2):
    group_of(due_soon, s1, s2, name="Waiting")
    assert send_reminders() == 1
    due_soon.due_at += datetime.timedelta(hours=12)
    due_soon.save()
    assert send_reminders() == 1
    assert send_reminders() == 0
    assert DeadlineReminder.objects.count() == 2


def test_a_student_who_turned_reminders_off_gets_none(smtp_server, due_soon, course, s1, s2):
    group_of(due_soon, s1, s2, name="Waiting")
    MailPreferences.objects.create(enrolment=s2.enrolments.get(course=course), reminders=False)
    send_reminders()
    call_command("deliver_mail")
    assert smtp_server.to() == ["s1@example.org"]


def test_the_dry_run_lists_the_groups_and_sends_nothing(due_soon, s1, s2, capsys):
    group_of(due_soon, s1, s2, name="Waiting")
    call_command("send_reminders", "--dry-run")
    assert "Final project: Waiting" in capsys.readouterr().out
    assert DeadlineReminder.objects.count() == 0
