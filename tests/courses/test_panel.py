"""The member's panel on the course home: what a logged-in student (or teacher) finds there,
never shown to visitors nor stored in the page cache, in a fixed number of queries."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from assignments import services
from tests.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    UserFactory,
    WeekFactory,
    WeekReadingFactory,
)

pytestmark = pytest.mark.django_db

CONTENT = {"topic": "Shenzhen", "sources": ["A", "B"], "argument": "Cities win."}


@pytest.fixture
def next_week(course):
    week = WeekFactory(
        course=course,
        number=8,
        title="Smart Cities",
        date=timezone.localdate() + datetime.timedelta(days=2),
    )
    WeekReadingFactory(week=week, reading__title="Required one", role="required")
    WeekReadingFactory(week=week, reading__title="Only recommended", role="recommended")
    return week


@pytest.fixture
def student(course):
    return EnrolmentFactory(course=course, user=UserFactory(username="li", first_name="Li")).user


@pytest.fixture
def classmate(course):
    return EnrolmentFactory(course=course, user=UserFactory(username="camille")).user


@pytest.fixture
def answered_group(assignment, student, classmate):
    group = GroupFactory(assignment=assignment, name="Shenzhen makers")
    MembershipFactory(group=group, user=student)
    MembershipFactory(group=group, user=classmate)
    services.save_revision(group=group, author=student, base_number=0, **CONTENT)
    submission = services.submit_for_review(group=group, base_number=1)
    with transaction.atomic():
        current = services.lock_for_feedback(submission, 0)
        current.status, current.feedback = "needs-revision", "Narrow it."
        services.record_feedback(current, by=UserFactory(), base_number=0, changed=True)
    return group


def home(client, course):
    return client.get(course.get_absolute_url()).content.decode()


def test_a_student_finds_her_session_readings_assignment_group_and_new_feedback(
    client, course, next_week, assignment, answered_group, student
):
    client.force_login(student)
    content = home(client, course)
    assert 'data-home-panel="student"' in content and "For you, Li" in content
    assert "Week 8: Smart Cities" in content
    panel = content.split("Weeks</h2>")[0].lower()  # Chicago title-cases the reading's title
    assert "required one" in panel and "only recommended" not in panel
    due = timezone.localtime(assignment.due_at)  # as the page shows it: Paris time, not UTC
    assert assignment.title in content and f'data-countdown="{due:%Y-%m-%d}' in content
    assert "Shenzhen makers" in content and "camille" in content and "Needs revision" in content
    assert "data-unread-feedback" in content
    assert "assignments-countdown.js" in content


def test_feedback_is_no_longer_new_once_she_opened_the_assignment(
    client, course, assignment, answered_group, student, classmate
):
    client.force_login(student)
    client.get(assignment.get_absolute_url())
    assert "data-unread-feedback" not in home(client, course)
    client.force_login(classmate)
    assert "data-unread-feedback" in home(client, course)  # she has not read it yet


def test_a_student_without_a_group_is_shown_the_way_to_one(client, course, assignment, student):
    client.force_login(student)
    assert "You are not in a group yet" in home(client, course)


def test_visitors_and_non_members_get_the_public_page_and_no_panel_is_cached(
    client, settings, course, assignment, answered_group, student
):
    settings.PAGE_CACHE_SECONDS = 3600
    client.force_login(student)
    response = client.get(course.get_absolute_url())
    assert "data-home-panel" in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"
    client.logout()
    client.cookies.clear()
    assert "data-home-panel" not in home(client, course)
    client.force_login(UserFactory(username="stranger"))
    assert "data-home-panel" not in home(client, course)


def test_teachers_see_how_many_groups_submitted_and_wait_for_feedback(
    client, course, assignment, answered_group, student
):
    waiting = GroupFactory(assignment=assignment, name="Waiting")
    MembershipFactory(group=waiting, user=EnrolmentFactory(course=course).user)
    MembershipFactory(group=waiting, user=EnrolmentFactory(course=course).user)
    services.save_revision(group=waiting, author=waiting.members.first(), base_number=0, **CONTENT)
    services.submit_for_review(group=waiting, base_number=1)
    GroupFactory(assignment=assignment, name="Not yet")
    ta = EnrolmentFactory(course=course, role="teaching-assistant").user
    client.force_login(ta)
    content = home(client, course)
    assert 'data-home-panel="class"' in content
    assert "2 of 3 groups submitted · 1 waiting for feedback" in content


def many_assignments(course, student, count):
    for _ in range(count):
        assignment = AssignmentFactory(course=course)
        group = GroupFactory(assignment=assignment)
        MembershipFactory(group=group, user=student)
        for _ in range(2):
            MembershipFactory(group=group, user=EnrolmentFactory(course=course).user)


@pytest.mark.parametrize("count", [1, 4])
def test_the_student_panel_runs_a_fixed_number_of_queries(
    client, course, next_week, student, count, django_assert_num_queries
):
    many_assignments(course, student, count)
    for _ in range(count):
        WeekReadingFactory(week=next_week, role="required")
    client.force_login(student)
    # Cached, nothing but her session (once in a while): session, user. Rendered, the shared
    # page: course (+ announcements, + the listed assignments), weeks; her panel: course, weeks,
    # role, readings, assignments, her groups, their members.
    with django_assert_num_queries(13):
        assert "data-home-panel" in home(client, course)
    with django_assert_num_queries(0):
        assert "data-home-panel" in home(client, course)


@pytest.mark.parametrize("count", [1, 4])
def test_the_class_panel_runs_a_fixed_number_of_queries(
    client, course, staff, count, django_assert_num_queries
):
    many_assignments(course, EnrolmentFactory(course=course).user, count)
    client.force_login(staff)
    home(client, course)
    # Staff pages are rendered whole each time: session, user, course (+ announcements, + the
    # listed assignments), weeks, role, one query counting every group
    with django_assert_num_queries(8):
        assert 'data-home-panel="class"' in home(client, course)
