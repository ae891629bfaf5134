"""The weeks' lines of a course panel: the next session and the deck images still missing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, WeekFactory
from weeks.dashboard import DECK_URL_NAME, week_lines
from weeks.models import Slide, SlideImage

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def lines_of(course):
    return week_lines([course.pk], timezone.now())[course.pk]


def test_the_next_session_is_the_first_week_from_today_on_with_its_state_and_deck(course):
    WeekFactory(course=course, number=1, date=days(-7))
    today = WeekFactory(course=course, number=2, date=days(0), is_published=False)
    WeekFactory(course=course, number=3, date=days(7))
    session, _ = lines_of(course)
    assert session.text.startswith("Next session, ")
    assert session.text.endswith(str(today))
    assert session.status == "Draft"
    assert session.url == reverse(DECK_URL_NAME, args=[today.pk])


def test_a_published_next_session_says_so(course):
    WeekFactory(course=course, number=1, date=days(3), is_published=True)
    session, _ = lines_of(course)
    assert session.status == "Published"


def test_after_the_last_session_the_line_asks_for_a_new_week(course):
    WeekFactory(course=course, number=1, date=days(-14))
    last = WeekFactory(course=course, number=2, date=days(-7))
    session, _ = lines_of(course)
    assert session.text.startswith("No session planned after ")
    assert session.detail == f"The last one was {last}."
    assert session.url == reverse("admin:weeks_week_add") + f"?course={course.pk}"


def test_a_course_without_weeks_asks_for_its_first(course):
    session, _ = lines_of(course)
    assert session.text == "No session planned: add a week"
    assert not session.needs_attention


def test_missing_images_are_the_file_names_no_upload_answers_to_in_every_deck(course):
    past = WeekFactory(course=course, number=1, date=days(-7))
    coming = WeekFactory(course=course, number=2, date=days(7))
    Slide.objects.create(week=past, position=0, background_image="img/cover.jpg")
    Slide.objects.create(
        week=past, position=1, content='![a](img/map.png) <img src="/talks/x/img/plan.gif">'
    )
    Slide.objects.create(
        week=coming,
        position=0,
        content="![a](other/map.png) ![b](https://example.org/remote.png) ![c](img/logo.png)",
    )
    Slide.objects.create(week=coming, position=1, content="No image here.")
    SlideImage.objects.create(course=course, file_name="logo.png", image="slides/logo.png")
    _, images = lines_of(course)
    assert images.text == "3 deck images still missing"
    assert images.count == 3
    assert images.detail == "cover.jpg, map.png, plan.gif (week 1, week 2)"
    assert images.url == reverse("admin:weeks_slideimage_add") + f"?course={course.pk}"


def test_an_upload_of_another_course_does_not_answer_for_this_one(course):
    week = WeekFactory(course=course, number=1)
    Slide.objects.create(week=week, position=0, content="![a](img/map.png)")
    other = CourseFactory(slug="other")
    SlideImage.objects.create(course=other, file_name="map.png", image="slides/map.png")
    lines = week_lines([course.pk, other.pk], timezone.now())
    assert lines[course.pk][1].count == 1
    assert lines[other.pk][1].count == 0
    assert lines[other.pk][1].text == "0 deck images still missing"
