import contextlib
import os
import time

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import Client

from core import pagecache
from core.pagecache import LOCAL_BYTES, LocalEntries, VersionListener, stored_version
from tests.factories import WeekFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks, as a real request's transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_an_anonymous_page_is_served_from_the_cache(client, week, django_assert_num_queries):
    first = client.get(week.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(week.get_absolute_url())
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_change_by_the_instructor_shows_at_once(client, week, commit):
    client.get(week.get_absolute_url())
    with commit():
        week.title = "Planning for Innovation, revised"
        week.save()
    assert (
        "Planning for Innovation, revised" in client.get(week.get_absolute_url()).content.decode()
    )


def test_deleting_content_invalidates_too(client, course, commit):
    week = WeekFactory(course=course, number=3, title="Soon gone")
    assert "Soon gone" in client.get(course.get_absolute_url()).content.decode()
    with commit():
        week.delete()
    assert "Soon gone" not in client.get(course.get_absolute_url()).content.decode()


def test_conditional_get_answers_304_when_nothing_changed(client, week, commit):
    etag = client.get(week.get_absolute_url())["ETag"]
    response = client.get(week.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    with commit():
        week.save()
    assert client.get(week.get_absolute_url(), headers={"if-none-match": etag}).status_code == 200


def test_logged_in_users_never_get_a_shared_page(staff_client, course):
    draft = WeekFactory(course=course, number=2, title="Draft topic", is_published=False)
    assert "Draft topic" not in Client().get(course.get_absolute_url()).content.decode()
    assert "Draft topic" in staff_client.get(course.get_absolute_url()).content.decode()
    assert staff_client.get(draft.get_absolute_url()).status_code == 200


def test_a_logged_in_page_is_never_stored_for_anonymous_visitors(staff_client, course):
    WeekFactory(course=course, number=2, title="Draft topic", is_published=False)
    staff_client.get(course.get_absolute_url())
    assert "Draft topic" not in Client().get(course.get_absolute_url()).content.decode()


def test_not_found_pages_are_not_cached(client, course, commit):
    assert client.get("/chinese-cities/weeks/4/").status_code == 404
    with commit():
        WeekFactory(course=course, number=4)
    assert client.get("/chinese-cities/weeks/4/").status_code == 200


def test_local_entries_stay_within_their_byte_budget():
    entries = LocalEntries(max_bytes=10)
    for number in range(5):
        entries.put(f"page-{number}", {"version": 1, "content": b"1234"})
    assert entries.size <= 10
    assert entries.get("page-0", 1) is None  # the oldest went first
    assert entries.get("page-4", 1) is not None
    assert entries.get("page-4", 2) is None  # another content version: stale


needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_TEST_URL"), reason="needs REDIS_TEST_URL (CI sets it)"
)


@pytest.fixture
def servers(monkeypatch):
    """Two servers sharing one Redis: each has its own cache client and its own local entries.

    `as_server(name)` makes the page cache of this process act as that server for a while."""
    shared = {
        name: (
            RedisCache(os.environ["REDIS_TEST_URL"], {"KEY_PREFIX": "two-servers-test"}),
            LocalEntries(LOCAL_BYTES),
        )
        for name in ("here", "there")
    }
    shared["here"][0].clear()

    @contextlib.contextmanager
    def as_server(name):
        with monkeypatch.context() as patch:
            patch.setattr(pagecache, "cache", shared[name][0])
            patch.setattr(pagecache, "local_entries", shared[name][1])
            yield

    yield as_server
    shared["here"][0].clear()


@needs_redis
def test_a_page_cached_by_another_server_is_fresh_here_too(
    client, week, commit, servers, django_assert_num_queries
):
    """The shared cache's version decides: this process's own copy never outlives an edit."""
    with servers("there"):
        Client().get(week.get_absolute_url())
    with servers("here"), django_assert_num_queries(0):
        client.get(week.get_absolute_url())  # the other server's page, now also kept here
    with servers("there"), commit():
        week.title = "Edited through another server"
        week.save()
    with servers("here"):
        content = client.get(week.get_absolute_url()).content.decode()
    assert "Edited through another server" in content


@needs_redis
def test_the_redis_listener_follows_every_bump(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_TEST_URL"],
            "KEY_PREFIX": "listener-test",
        }
    }
    from django.core.cache import caches

    caches["default"].clear()
    follower = VersionListener(os.environ["REDIS_TEST_URL"])
    deadline = time.monotonic() + 5
    while follower.version is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert follower.version == stored_version()
    for _ in range(3):
        version = time.time_ns()
        follower.publish(version)
        while follower.version != version and time.monotonic() < deadline:
            time.sleep(0.01)
        assert follower.version == version
