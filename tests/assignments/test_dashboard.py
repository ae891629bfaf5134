"""The assignments' lines of a course panel: work waiting for feedback and groups late."""

import datetime

import pytest
from django.utils import timezone

from assignments.dashboard import assignment_lines
from assignments.models import Group, Submission
from tests.factories import AssignmentFactory, CourseFactory, GroupFactory

pytestmark = pytest.mark.django_db


def past_due(course, **kwargs):
    return AssignmentFactory(
        course=course, opens_at=timezone.now() - datetime.timedelta(days=30), **kwargs
    )


def with_status(group, status, submitted=True):
    Submission.objects.filter(group=group).update(
        status=status, submitted_at=timezone.now() if submitted else None
    )
    return group


def test_a_group_is_late_when_the_due_date_passed_and_nothing_was_submitted(course):
    late = GroupFactory(assignment=past_due(course), name="Late")
    with_status(GroupFactory(assignment=late.assignment, name="On time"), "needs-revision")
    GroupFactory(assignment=AssignmentFactory(course=course), name="Not due yet")
    assert list(Group.objects.late(timezone.now())) == [late]


def test_submissions_waiting_are_those_submitted_and_not_answered_yet(course):
    assignment = past_due(course)
    with_status(GroupFactory(assignment=assignment, name="Waiting"), "submitted")
    with_status(GroupFactory(assignment=assignment, name="Accepted"), "accepted")
    with_status(GroupFactory(assignment=assignment, name="Revising"), "needs-revision")
    waiting, late = assignment_lines([course.pk], timezone.now())[course.pk]
    assert waiting.text == "1 submission waiting for feedback"
    assert late.text == "0 groups late: past the due date with nothing submitted"


def test_each_course_counts_its_own_groups(course):
    other = CourseFactory(slug="other")
    GroupFactory(assignment=past_due(course), name="A")
    GroupFactory(assignment=past_due(other), name="B")
    GroupFactory(assignment=Group.objects.get(name="B").assignment, name="C")
    lines = assignment_lines([course.pk, other.pk], timezone.now())
    assert [line.count for line in lines[course.pk]] == [0, 1]
    assert [line.count for line in lines[other.pk]] == [0, 2]


def test_the_lines_open_the_filtered_lists_where_staff_answer(staff_client, course):
    assignment = past_due(course)
    GroupFactory(assignment=assignment, name="Late")
    with_status(GroupFactory(assignment=assignment, name="Waiting"), "submitted")
    GroupFactory(assignment=past_due(CourseFactory(slug="other")), name="Elsewhere")
    waiting, late = assignment_lines([course.pk], timezone.now())[course.pk]
    submissions = staff_client.get(waiting.url).context["cl"].result_list
    assert [submission.group.name for submission in submissions] == ["Waiting"]
    groups = staff_client.get(late.url).context["cl"].result_list
    assert [group.name for group in groups] == ["Late"]
