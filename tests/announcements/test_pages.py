"""Announcements on the course home and their week's page, fresh through the page cache."""

import datetime

import pytest
from django.utils import timezone

from announcements.models import Announcement
from tests.factories import WeekFactory

pytestmark = pytest.mark.django_db


def test_the_course_home_shows_published_announcements_and_hides_scheduled_ones(
    client, settings, course, week, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    url = course.get_absolute_url()
    assert "Announcements" not in client.get(url).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        Announcement.objects.create(course=course, week=week, title="Room change", body="**H405**")
        Announcement.objects.create(
            course=course,
            title="Next month",
            body="Later",
            published_at=timezone.now() + datetime.timedelta(days=30),
        )
    content = client.get(url).content.decode()
    assert "Room change" in content and "<strong>H405</strong>" in content
    assert "Next month" not in content
    assert f'href="{week.get_absolute_url()}"' in content


def test_a_week_page_shows_only_its_own_announcements(client, course, week):
    other = WeekFactory(course=course, number=8)
    Announcement.objects.create(course=course, week=week, title="About week 7", body="x")
    Announcement.objects.create(course=course, week=other, title="About week 8", body="x")
    content = client.get(week.get_absolute_url()).content.decode()
    assert "About week 7" in content and "About week 8" not in content


def test_the_course_home_keeps_its_query_count_with_many_announcements(course, page_queries):
    Announcement.objects.create(course=course, title="One", body="x")
    one, _ = page_queries(course.get_absolute_url())
    for number in range(20):
        Announcement.objects.create(course=course, title=f"More {number}", body="x")
    many, response = page_queries(course.get_absolute_url())
    assert one == many
    assert len(response.context["course"].listed_announcements) == 5
