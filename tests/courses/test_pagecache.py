import pytest
from django.test import Client

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
