"""`manage.py copy_course`: the new calendar printed, the copy made, or refused with a reason."""

import datetime

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from courses.models import Course
from tests.factories import CourseFactory, WeekFactory

pytestmark = pytest.mark.django_db

ARGS = ["--slug", "cc-2027", "--term", "S2 2026/27", "--first-session", "2027-01-19"]


@pytest.fixture
def course():
    course = CourseFactory(slug="chinese-cities")
    WeekFactory(course=course, number=1, date=datetime.date(2026, 1, 13))
    WeekFactory(course=course, number=2, date=datetime.date(2026, 1, 20))
    return course


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_the_command_copies_the_course_and_prints_the_new_calendar(course, capsys):
    call_command("copy_course", "chinese-cities", *ARGS, "--skip", "2027-01-26")
    out = capsys.readouterr().out
    assert "Week 1: Tue 13 Jan 2026 → Tue 19 Jan 2027" in out
    assert "Week 2: Tue 20 Jan 2026 → Tue 02 Feb 2027" in out
    assert "Copied chinese-cities to cc-2027 (S2 2026/27), as drafts." in out
    copy = Course.objects.get(slug="cc-2027")
    assert list(copy.weeks.values_list("date", "is_published")) == [
        (datetime.date(2027, 1, 19), False),
        (datetime.date(2027, 2, 2), False),
    ]


def test_a_dry_run_prints_the_calendar_and_writes_nothing(course, capsys):
    before = row_counts()
    call_command("copy_course", "chinese-cities", *ARGS, "--dry-run")
    out = capsys.readouterr().out
    assert "Week 2: Tue 20 Jan 2026 → Tue 26 Jan 2027" in out and "nothing was written" in out
    assert row_counts() == before


def test_an_existing_slug_is_refused_and_nothing_is_written(course):
    CourseFactory(slug="cc-2027")
    before = row_counts()
    with pytest.raises(CommandError, match="“cc-2027” exists already"):
        call_command("copy_course", "chinese-cities", *ARGS)
    assert row_counts() == before


def test_an_unknown_course_is_refused():
    with pytest.raises(CommandError, match="No course with the slug 'nowhere'"):
        call_command("copy_course", "nowhere", *ARGS)


def test_a_date_that_is_not_a_date_is_refused(course):
    with pytest.raises(CommandError, match="is not a date such as 2027-01-19"):
        call_command("copy_course", "chinese-cities", *ARGS[:4], "--first-session", "19/01/2027")
