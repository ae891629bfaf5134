import datetime

import pytest
from django.core.management import call_command

from courses.models import Course
from weeks.models import ProgramItem, Week

pytestmark = pytest.mark.django_db


def test_load_demo_creates_the_course_and_week_7_with_its_program(demo):
    course = Course.objects.get(slug="chinese-cities")
    assert course.title_line == "Chinese Cities - Sciences Po - OGLM 3050 - 59127 - S2 2025/26"
    week = Week.objects.get(course=course, number=7)
    assert (week.title, week.date, week.is_published) == (
        "Planning For Innovation",
        datetime.date(2026, 3, 17),
        True,
    )
    assert week.program_items.count() == 6


def test_the_demo_week_meets_on_tuesday_17_00_to_19_00_in_a_room(demo):
    week = Week.objects.get(course__slug="chinese-cities", number=7)
    assert week.date.strftime("%A") == "Tuesday"
    assert week.starts_at.isoformat() == "2026-03-17T17:00:00+01:00"
    assert week.ends_at.isoformat() == "2026-03-17T19:00:00+01:00"
    assert "room K.011" in week.room


def test_load_demo_twice_creates_no_duplicates():
    call_command("load_demo")
    call_command("load_demo")
    assert (Course.objects.count(), Week.objects.count(), ProgramItem.objects.count()) == (1, 1, 6)


def test_load_demo_keeps_the_instructors_program_edits():
    call_command("load_demo")
    ProgramItem.objects.filter(kind="break").update(title="Tea break")
    call_command("load_demo")
    assert ProgramItem.objects.get(kind="break").title == "Tea break"


def test_demo_admin_is_refused_outside_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", "--admin")
