import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.factories import AssignmentFactory, CourseFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_home_goes_straight_to_the_only_course(client, course):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/chinese-cities/"


def test_home_lists_courses_when_there_are_several(client, course):
    CourseFactory(slug="other", title="Urban China")
    response = client.get("/")
    assert response.status_code == 200
    assert b"/chinese-cities/" in response.content and b"/other/" in response.content


def test_course_home_shows_the_title_block(client, course):
    response = client.get(course.get_absolute_url())
    content = response.content.decode()
    for text in (
        "Chinese Cities",
        "Sciences Po",
        "OGLM 3050",
        "59127",
        "S2 2025/26",
        "Clément Renaud",
    ):
        assert text in content
    assert 'href="mailto:hi@clementrenaud.com"' in content
    assert content.count("<h1") == 1


def test_course_home_lists_published_weeks_only(client, course):
    WeekFactory(course=course, number=1, title="Introduction")
    WeekFactory(course=course, number=2, title="Secret draft", is_published=False)
    content = client.get(course.get_absolute_url()).content.decode()
    assert "Introduction" in content
    assert "Secret draft" not in content


def test_course_home_shows_drafts_to_staff_with_a_badge(staff_client, course):
    WeekFactory(course=course, number=2, title="Secret draft", is_published=False)
    content = staff_client.get(course.get_absolute_url()).content.decode()
    assert "Secret draft" in content and "Draft" in content


def test_course_home_highlights_the_next_session(client, course):
    today = timezone.localdate()
    WeekFactory(course=course, number=1, date=today - datetime.timedelta(days=7))
    upcoming = WeekFactory(course=course, number=2, date=today + datetime.timedelta(days=1))
    WeekFactory(course=course, number=3, date=today + datetime.timedelta(days=8))
    response = client.get(course.get_absolute_url())
    assert response.context["next_week"] == upcoming
    assert response.content.decode().count("Next session") == 1


def test_unknown_course_is_404(client, db):
    assert client.get("/no-such-course/").status_code == 404


def test_course_home_runs_the_same_queries_for_1_and_30_weeks(course, page_queries):
    WeekFactory(course=course, number=1)
    one, _ = page_queries(course.get_absolute_url())
    for number in range(2, 31):
        WeekFactory(course=course, number=number)
    thirty, response = page_queries(course.get_absolute_url())
    assert one == thirty <= 3
    assert len(response.context["weeks"]) == 30


def test_calendar_is_served_as_text_calendar(client, course):
    WeekFactory(course=course, number=7)
    response = client.get(reverse("courses:calendar", args=[course.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_course_home_lists_every_assignment_with_its_kind_and_due_date(client, course):
    week = WeekFactory(course=course, number=7)
    draft = WeekFactory(course=course, number=9, is_published=False)
    first = AssignmentFactory(course=course, title="Assignment 1: Reading notes", week=week)
    AssignmentFactory(course=course, title="Assignment 2: Final project")
    AssignmentFactory(course=course, title="Assignment 3: Field report", kind="file")
    AssignmentFactory(course=course, title="Hidden draft work", week=draft)
    content = client.get(course.get_absolute_url()).content.decode()
    titles = ["Assignment 1: Reading notes", "Assignment 2: Final project", "Assignment 3: Field"]
    assert [content.index(title) for title in titles] == sorted(content.index(t) for t in titles)
    assert "Topic, sources and argument" in content and "A PDF file" in content
    assert first.get_absolute_url() in content and "Week 7" in content
    assert "Hidden draft work" not in content


def test_staff_see_draft_weeks_assignments_on_the_course_home(staff_client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    AssignmentFactory(course=course, title="Hidden draft work", week=draft)
    assert "Hidden draft work" in staff_client.get(course.get_absolute_url()).content.decode()


def test_course_home_runs_the_same_queries_for_1_and_6_assignments(
    client, course, django_assert_max_num_queries
):
    AssignmentFactory(course=course, week=WeekFactory(course=course, number=1))
    client.get(course.get_absolute_url())
    cache.clear()
    with django_assert_max_num_queries(10) as one:
        client.get(course.get_absolute_url())
    for number in range(2, 7):
        AssignmentFactory(course=course, week=WeekFactory(course=course, number=number))
    cache.clear()
    with django_assert_max_num_queries(len(one.captured_queries)):
        content = client.get(course.get_absolute_url()).content.decode()
    assert content.count('class="assignment-list__item"') == 6
