import datetime

import pytest

from assignments.events import assignment_events
from courses.extensions import events_for
from tests.factories import AssignmentFactory, MembershipFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_each_assignment_gives_its_three_moments_in_order(course):
    assignment = AssignmentFactory(course=course, slug="essay", title="Essay")
    events = assignment_events(course, None)
    assert [(event.summary, event.start) for event in events] == [
        ("Essay opens", assignment.opens_at),
        ("Essay groups close", assignment.group_formation_deadline),
        ("Essay due", assignment.due_at),
    ]
    assert all(
        event.end is None and event.url == "/chinese-cities/assignments/essay/" for event in events
    )


def test_a_students_due_date_names_her_group_and_its_status(course, assignment):
    student = UserFactory()
    MembershipFactory(group__assignment=assignment, group__name="Makers", user=student)
    due = assignment_events(course, student)[-1]
    assert due.summary == "Final project due — your group “Makers”"
    assert due.description.endswith("Your group: Makers. Its work: Draft.")


def test_a_student_without_a_group_gets_the_courses_due_date(course, assignment):
    due = assignment_events(course, UserFactory())[-1]
    assert due.uid == "chinese-cities-assignment-final-project-due@chinese-cities"


def test_staff_feeds_include_assignments_of_draft_weeks(course, staff):
    AssignmentFactory(course=course, week=WeekFactory(course=course, is_published=False))
    assert assignment_events(course, None) == []
    assert len(assignment_events(course, staff)) == 3


def test_the_feed_lists_sessions_and_deadlines_together_by_time(course):
    week = WeekFactory(course=course, number=3, date=datetime.date(2026, 3, 17))
    AssignmentFactory(
        course=course,
        opens_at=datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC),
        group_formation_deadline=datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC),
        due_at=datetime.datetime(2026, 3, 30, 9, tzinfo=datetime.UTC),
    )
    summaries = [event.summary for event in events_for(course)]
    assert [summary.rsplit(" ", 1)[-1] for summary in summaries] == [
        "opens",
        week.title.rsplit(" ", 1)[-1],
        "close",
        "due",
    ]
