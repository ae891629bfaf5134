import datetime

import pytest
from django.db import IntegrityError

from tests.factories import CourseFactory, WeekFactory
from weeks.models import Week

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuesdays(db):
    return CourseFactory(
        slug="tuesdays",
        session_start=datetime.time(17),
        session_end=datetime.time(19),
        meeting_place="Room K.011",
    )


def test_a_new_week_gets_the_courses_session_times_and_room(tuesdays):
    week = WeekFactory(course=tuesdays)
    week.refresh_from_db()
    assert (week.start_time, week.end_time, week.room) == (
        datetime.time(17),
        datetime.time(19),
        "Room K.011",
    )


def test_a_new_week_keeps_its_own_time_and_room(tuesdays):
    week = WeekFactory(
        course=tuesdays, start_time=datetime.time(9), end_time=datetime.time(12), room="Amphi"
    )
    assert (week.start_time, week.end_time, week.room) == (
        datetime.time(9),
        datetime.time(12),
        "Amphi",
    )


def test_a_week_cleared_of_its_times_stays_without_them(tuesdays):
    week = WeekFactory(course=tuesdays)
    week.start_time = week.end_time = None
    week.save()
    week.refresh_from_db()
    assert week.start_time is None and week.starts_at is None


def test_changing_the_courses_defaults_leaves_existing_weeks_alone(tuesdays):
    week = WeekFactory(course=tuesdays)
    tuesdays.session_start, tuesdays.session_end = datetime.time(8), datetime.time(10)
    tuesdays.save()
    week.refresh_from_db()
    assert week.start_time == datetime.time(17)


def test_a_session_is_placed_in_paris_whatever_the_season():
    week = Week(date=datetime.date(2026, 3, 31), start_time=datetime.time(17))
    assert week.starts_at.utcoffset() == datetime.timedelta(hours=2)
    week.date = datetime.date(2026, 3, 24)
    assert week.starts_at.utcoffset() == datetime.timedelta(hours=1)
    assert week.ends_at is None


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.time(19), datetime.time(17)),
        (datetime.time(17), datetime.time(17)),
        (datetime.time(17), None),
        (None, datetime.time(19)),
    ],
)
def test_the_database_refuses_a_session_that_does_not_end_after_it_starts(course, start, end):
    with pytest.raises(IntegrityError):
        WeekFactory(course=course, start_time=start, end_time=end)


def test_the_database_refuses_course_defaults_that_end_before_they_start(db):
    with pytest.raises(IntegrityError):
        CourseFactory(session_start=datetime.time(19), session_end=datetime.time(17))
