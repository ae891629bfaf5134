"""Changes made outside this process reach its cached pages within the version's TTL."""

import time

import pytest

from core.pagecache.versions import follow_changes, local_version
from tests.factories import CourseFactory, WeekFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db(transaction=True)

UNPUBLISH = (
    "from weeks.models import Week; "
    "week = Week.objects.get(course__slug='chinese-cities', number=7); "
    "week.is_published = False; week.save()"
)


@pytest.fixture
def published_week(db):
    course = CourseFactory(slug="chinese-cities")
    return WeekFactory(course=course, number=7, title="Planning For Innovation")


def test_a_week_unpublished_from_the_shell_answers_404_within_the_ttl(
    store, clock, client, published_week, manage
):
    url = published_week.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # served from the cache
    manage("shell", "-c", UNPUBLISH, redis_client=store)
    clock.pass_the_ttl()
    assert client.get(url).status_code == 404


def test_a_deck_imported_by_the_command_shows_after_a_second(
    store, client, manage, tmp_path, settings
):
    """The bulk write path (bump_version), on the real clock and the production TTL."""
    settings.PAGE_CACHE_VERSION_TTL = 1
    week = WeekFactory(course=CourseFactory(slug="chinese-cities"), number=7)
    save_deck(week, "# Old slide\n")
    url = "/chinese-cities/weeks/7/slides/"
    assert "Old slide" in client.get(url).content.decode()
    deck = tmp_path / "deck.md"
    deck.write_text("# Fresh slide from the command\n", encoding="utf-8")
    args = ["import_deck", str(deck), "--course", "chinese-cities", "--week", "7", "--replace"]
    manage(*args, redis_client=store)
    time.sleep(1.1)
    content = client.get(url).content.decode()
    assert "Fresh slide from the command" in content
    assert "Old slide" not in content


def test_a_dropped_subscription_leaves_no_stale_page_beyond_the_ttl(
    redis_pages, clock, client, published_week
):
    url = published_week.get_absolute_url()
    assert "Planning For Innovation" in client.get(url).content.decode()
    local = local_version()
    wait_for(lambda: redis_pages.pubsub_numsub(local.store.channel)[0][1] == 1)
    wait_for(lambda: len(listeners(redis_pages, local.store.client_name)) == 1)  # earlier ones gone
    (listener,) = listeners(redis_pages, local.store.client_name)
    assert redis_pages.client_kill_filter(_id=listener["id"]) == 1
    # The edit's message is lost with the connection: the version changes without one.
    type(published_week).objects.filter(pk=published_week.pk).update(title="Edited meanwhile")
    redis_pages.set(local.store.key, local.store.read() + 1)
    clock.pass_the_ttl()
    assert "Edited meanwhile" in client.get(url).content.decode()
    wait_for(lambda: redis_pages.pubsub_numsub(local.store.channel)[0][1] == 1)  # resubscribed


def test_the_listener_brings_a_bump_from_another_process_at_once(
    redis_pages, clock, client, published_week, manage
):
    url = published_week.get_absolute_url()
    assert client.get(url).status_code == 200
    follow_changes()
    local = local_version()
    wait_for(lambda: redis_pages.pubsub_numsub(local.store.channel)[0][1] == 1)
    before = local.value
    manage("shell", "-c", UNPUBLISH, redis_client=redis_pages)
    wait_for(lambda: local.value != before)  # no clock advance: the message, not the TTL
    assert client.get(url).status_code == 404


def listeners(client, name):
    return [found for found in client.client_list(_type="pubsub") if found["name"] == name]


def wait_for(condition, timeout=5):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
