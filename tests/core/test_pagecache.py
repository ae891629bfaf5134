import time

import pytest
from django.db import transaction
from django.test import Client

from core.pagecache import current_version, local_entries
from core.pagecache.pages import LocalEntries
from core.pagecache.versions import follow_changes, local_version
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


def test_local_entries_stay_within_their_byte_budget_and_age(clock):
    entries = LocalEntries(max_bytes=10)
    for number in range(5):
        entries.put(f"page-{number}", {"version": 1, "content": b"1234", "expires": 1060})
    assert entries.size <= 10
    assert entries.get("page-0", 1) is None  # the oldest went first
    assert entries.get("page-4", 1) is not None
    assert entries.get("page-4", 2) is None  # another content version: stale
    clock.advance(61)
    assert entries.get("page-4", 1) is None  # past PAGE_CACHE_SECONDS


def test_a_page_kept_in_this_process_never_outlives_an_edit(client, week, commit):
    """Another process's edit is tests/core/test_pagecache_freshness.py's: here, this one's."""
    client.get(week.get_absolute_url())
    with commit():
        week.title = "Edited after it was cached"
        week.save()
    local_entries.put("unrelated", {"version": 0, "content": b"", "expires": 0})
    assert "Edited after it was cached" in client.get(week.get_absolute_url()).content.decode()


def test_the_version_is_read_at_most_once_per_ttl(client, week, clock, django_assert_num_queries):
    client.get(week.get_absolute_url())
    with django_assert_num_queries(0):
        client.get(week.get_absolute_url())
    clock.pass_the_ttl()
    with django_assert_num_queries(1):  # the version, nothing else: the page is still current
        client.get(week.get_absolute_url())


def test_a_rolled_back_change_does_not_bump(week, commit):
    before = current_version()
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        week.title = "Never saved"
        week.save()
        raise RuntimeError
    assert current_version() == before


def test_a_migration_bumps_the_version(db, commit):
    from django.core.management.sql import emit_post_migrate_signal

    before = current_version()
    with commit():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert current_version() != before


def test_the_redis_listener_follows_every_bump(redis_pages, commit):
    from core.pagecache.versions import bump_version

    follow_changes()
    local = local_version()
    deadline = time.monotonic() + 5
    while local.value is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert local.value == local.store.read()
    for _ in range(3):
        local.store.bump()  # as another process would: this process learns it only by message
        version = local.store.read()
        while local.value != version and time.monotonic() < deadline:
            time.sleep(0.01)
        assert local.value == version
    with commit():
        bump_version()
    assert current_version() == local.store.read()


def test_a_bump_that_cannot_reach_the_store_fails_no_request_and_is_made_later(
    client, week, commit, monkeypatch
):
    """Redis away just when an edit commits: the edit's answer is normal, and the bump is made
    on this process's next read of the version, so no process keeps the old pages."""
    import redis

    from core.pagecache.versions import local_version

    store = local_version().store
    real_bump, bumps = store.bump, []

    def unreachable():
        raise redis.ConnectionError("Redis is restarting")

    monkeypatch.setattr(store, "bump", unreachable)
    before = current_version()
    with commit():
        week.title = "Edited while Redis was away"
        week.save()
    assert local_version().bump_pending
    monkeypatch.setattr(store, "bump", lambda: bumps.append(real_bump()))
    content = client.get(week.get_absolute_url()).content.decode()
    assert bumps and not local_version().bump_pending
    assert current_version() != before
    assert "Edited while Redis was away" in content


def test_reading_the_version_from_a_redis_flushed_twice_in_a_row_still_gives_one(monkeypatch):
    """A FLUSHDB between setting the fresh version and reading it back left nothing to read."""
    from core.pagecache.versions import RedisVersions

    class FlushedRedis:
        def get(self, key):
            return None

        def set(self, key, value, nx):
            return True

    store = RedisVersions.__new__(RedisVersions)
    store.client, store.key = FlushedRedis(), "pagecache:version"
    assert store.read() > 0


def test_changes_made_inside_one_bump_bump_the_version_once(
    course, django_capture_on_commit_callbacks
):
    from core.pagecache import one_bump
    from core.pagecache.versions import _bump

    with django_capture_on_commit_callbacks() as batched, one_bump():
        for number in range(1, 4):
            WeekFactory(course=course, number=number, title=f"Week {number}")
    with django_capture_on_commit_callbacks() as unbatched:
        for number in range(4, 6):
            WeekFactory(course=course, number=number, title=f"Week {number}")
    assert batched.count(_bump) == 1
    assert unbatched.count(_bump) >= 2
