import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, WeekFactory

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
