"""The cache key: host and scheme, the query parameters a page reads, nothing else; the
entries stay few, and sessions do not share their fate."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache

from readings.models import WeekReading
from tests.core.conftest import REDIS_TEST_URL, ROOT
from tests.factories import ReadingFactory, WeekReadingFactory

pytestmark = pytest.mark.django_db


def page_entries(store):
    """How many pages the cache holds (Redis keys, or the local-memory cache's entries)."""
    if store is not None:
        return len(list(store.scan_iter(f"{store.prefix}:*pagecache:page:*")))
    return sum("pagecache:page:" in key for key in cache._cache)


def test_query_strings_a_page_does_not_read_share_one_entry(
    store, client, week, django_assert_num_queries
):
    url = week.get_absolute_url()
    first = client.get(url + "?utm_source=1")
    with django_assert_num_queries(0):
        for number in range(2, 2001):
            response = client.get(f"{url}?utm_source={number}&fbclid=x{number}")
            assert response.content == first.content
    assert page_entries(store) == 1


def test_each_allowed_host_gets_its_own_absolute_links(client, week, settings):
    settings.ALLOWED_HOSTS = ["cities.example.org", "villes.example.org"]
    calendar = f"/{week.course.slug}/calendar.ics"
    assert (
        b"http://cities.example.org/"
        in client.get(calendar, HTTP_HOST="cities.example.org").content
    )
    other = client.get(calendar, HTTP_HOST="villes.example.org").content
    assert b"http://villes.example.org/" in other
    assert b"cities.example.org" not in other
    secure = client.get(calendar, HTTP_HOST="cities.example.org", secure=True).content
    assert b"https://cities.example.org/" in secure


def test_a_parameter_the_page_reads_is_cached_apart(client, week, django_assert_num_queries):
    WeekReadingFactory(week=week, reading=ReadingFactory(course=week.course, title="Must read"))
    WeekReadingFactory(
        week=week,
        reading=ReadingFactory(course=week.course, title="May read"),
        role=WeekReading.Role.RECOMMENDED,
    )
    url = f"/{week.course.slug}/readings/"
    assert "May read" in client.get(url).content.decode()
    required = client.get(url + "?role=required").content.decode()
    assert "Must read" in required and "May read" not in required
    with django_assert_num_queries(0):
        assert client.get(url + "?role=required&utm_source=x").content.decode() == required
        assert "May read" in client.get(url + "?utm_source=x").content.decode()


def test_a_value_the_page_does_not_know_is_rendered_each_time(client, week, page_queries):
    slides = f"/{week.course.slug}/weeks/{week.number}/slides/"
    reading = client.get(slides + "?view=reading").content.decode()
    assert "deck-body--reading" in reading
    assert "deck-body--reading" not in client.get(slides).content.decode()
    for _ in range(2):  # never stored: a thousand values would make a thousand entries
        queries, response = page_queries(slides + "?view=" + "x" * 500)
        assert queries > 0
        assert "deck-body--slideshow" in response.content.decode()


def production_setting(name, **env):
    code = f"from django.conf import settings; print(settings.{name})"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_a_student_stays_logged_in_when_redis_loses_everything(
    redis_pages, client, student, settings
):
    """Production's session engine with REDIS_URL, then Redis emptied as by a restart."""
    settings.SESSION_ENGINE = production_setting("SESSION_ENGINE", REDIS_URL=REDIS_TEST_URL)
    client.force_login(student)
    assert client.get("/").wsgi_request.user == student
    redis_pages.flushdb()
    assert client.get("/").wsgi_request.user == student
