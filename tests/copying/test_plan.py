"""The plan of a copy: the new calendar and deadlines, worked out before anything is written."""

import datetime

import pytest

from copying.calendar import PARIS
from copying.plan import CopyError
from tests.copying.helpers import plan
from tests.factories import AssignmentFactory, CourseFactory, WeekFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def course():
    course = CourseFactory(slug="chinese-cities")
    for number, day in enumerate([D(2026, 1, 13), D(2026, 1, 20), D(2026, 2, 3)], start=1):
        WeekFactory(course=course, number=number, date=day)
    return course


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def test_the_plan_lists_old_and_new_dates_week_by_week(course):
    moves = [(item.week.number, item.move.old, item.move.new) for item in plan(course).weeks]
    assert moves == [
        (1, D(2026, 1, 13), D(2027, 1, 19)),
        (2, D(2026, 1, 20), D(2027, 1, 26)),
        (3, D(2026, 2, 3), D(2027, 2, 9)),
    ]


def test_deadlines_move_like_their_week_and_course_wide_ones_like_the_first_session(course):
    week_3 = course.weeks.get(number=3)
    AssignmentFactory(
        course=course,
        week=week_3,
        slug="essay",
        opens_at=at(D(2026, 2, 3), 9),
        group_formation_deadline=at(D(2026, 2, 10), 9),
        due_at=at(D(2026, 2, 17), 18),
    )
    AssignmentFactory(
        course=course,
        slug="final",
        opens_at=at(D(2026, 1, 13), 9),
        group_formation_deadline=at(D(2026, 1, 20), 9),
        due_at=at(D(2026, 3, 1), 23),
    )
    moved = {
        a.slug: [new.astimezone(PARIS) for _, _, new in moves]
        for a, moves in plan(course, skips=[D(2027, 1, 26)]).deadline_moves()
    }
    # Week 3 is pushed a week by the skip (2027-02-16); the final project moves like week 1.
    assert moved["essay"] == [at(D(2027, 2, 16), 9), at(D(2027, 2, 23), 9), at(D(2027, 3, 2), 18)]
    assert moved["final"] == [at(D(2027, 1, 19), 9), at(D(2027, 1, 26), 9), at(D(2027, 3, 7), 23)]


def test_the_term_reaches_as_far_past_the_sessions_as_the_originals_deadlines(course):
    AssignmentFactory(
        course=course,
        opens_at=at(D(2026, 1, 6), 9),
        group_formation_deadline=at(D(2026, 1, 20), 9),
        due_at=at(D(2026, 2, 20), 18),
    )
    assert plan(course).term_bounds() == (D(2027, 1, 12), D(2027, 2, 26))


def test_a_course_without_weeks_is_refused():
    with pytest.raises(CopyError, match="no weeks to copy"):
        plan(CourseFactory(slug="empty"))


@pytest.mark.parametrize(
    ("slug", "reason"),
    [("chinese-cities", "exists already"), ("admin", "reserved"), ("no spaces", "slug")],
)
def test_a_slug_that_cannot_be_the_new_courses_is_refused(course, slug, reason):
    with pytest.raises(CopyError, match=reason):
        plan(course, slug=slug)
