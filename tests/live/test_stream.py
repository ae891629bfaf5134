"""The stream's contract: text/event-stream, a slide event on connect and on every move, board
events for posts, and Last-Event-ID resuming; read through Django's ASGI handler."""

import os
import time

import pytest
from asgiref.sync import sync_to_async

from live import services
from live.models import LiveSession
from live.stream import format_event, parse_last_id, snapshot
from tests.live.conftest import DISCUSSION, close, live_url, parse, read_until, run, slides

# The streams read the database from their own threads, which see committed rows only.
pytestmark = pytest.mark.django_db(transaction=True)


def test_an_event_is_id_name_and_one_json_data_line():
    assert format_event("slide", {"slide": 12}, 7) == 'id: 7\nevent: slide\ndata: {"slide": 12}\n\n'


@pytest.mark.parametrize("value", [None, "", "abc", "-3", "1.5"])
def test_a_missing_or_malformed_last_event_id_counts_as_none(value):
    assert parse_last_id(value) is None


def test_an_anonymous_reader_gets_the_position_on_connect(async_client, deck):
    services.move(week=deck, slide=4)

    async def connect():
        response = await async_client.get(live_url(deck, "events"))
        assert response["Content-Type"] == "text/event-stream"
        assert response["Cache-Control"] == "no-cache, no-store"
        events = await read_until(response, lambda events: slides(events))
        await close(response)
        return events

    events = run(connect)
    assert events[0] == {"retry": "1000"}
    assert events[1] == {
        "id": "1",
        "event": "slide",
        "data": {"slide": 4, "live": True, "board": False},
    }


def test_every_presenter_move_reaches_a_connected_follower(async_client, deck):
    async def follow():
        response = await async_client.get(live_url(deck, "events"))
        await read_until(response, lambda events: slides(events) == [1])
        for slide in (2, 12, 5):
            await sync_to_async(services.move)(week=deck, slide=slide)
            await read_until(response, lambda events, s=slide: slides(events)[-1:] == [s])
        await close(response)

    run(follow)


def test_board_posts_reach_enrolled_readers_live(async_client, deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    async_client.force_login(enrolled)

    async def read():
        response = await async_client.get(live_url(deck, "events"))
        await read_until(response, lambda events: slides(events))
        await sync_to_async(services.post)(week=deck, user=enrolled, text="Privacy, first")
        events = await read_until(response, lambda es: any(e.get("event") == "board" for e in es))
        await close(response)
        return events

    board = [e for e in run(read) if e.get("event") == "board"]
    assert board[0]["data"] | {"id": 0} == {
        "id": 0,
        "slide": DISCUSSION,
        "text": "Privacy, first",
        "author": "enrolled-student",
        "votes": 0,
        "pinned": False,
        "hidden": False,
    }
    assert board[0]["id"] == str(LiveSession.objects.get(week=deck).serial)


def test_last_event_id_resumes_with_the_latest_position_and_what_was_missed(client, deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    seen = LiveSession.objects.get(week=deck).serial
    services.post(week=deck, user=enrolled, text="Missed while offline")
    services.move(week=deck, slide=9)
    client.force_login(enrolled)

    response = client.get(live_url(deck, "events"), headers={"Last-Event-ID": str(seen)})

    events = parse(b"".join(response.streaming_content).decode())
    assert [e["event"] for e in events[1:]] == ["slide", "board"]
    assert events[1]["data"]["slide"] == 9
    assert events[2]["data"]["text"] == "Missed while offline"
    assert events[1]["id"] == str(LiveSession.objects.get(week=deck).serial)


def test_anonymous_readers_never_receive_the_board(client, deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    services.post(week=deck, user=enrolled, text="For the class only")

    response = client.get(live_url(deck, "events"), {"last_event_id": "0"})

    body = b"".join(response.streaming_content).decode()
    assert "event: board" not in body and "For the class only" not in body


def test_a_wsgi_worker_sends_the_present_state_and_ends_the_response(client, deck):
    response = client.get(live_url(deck, "events"))
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("retry: 1000\n\nid: 0\nevent: slide\n")


def test_the_stream_of_an_unpublished_week_is_not_found(client, deck):
    deck.is_published = False
    deck.save()
    assert client.get(live_url(deck, "events")).status_code == 404


def test_hidden_contributions_travel_without_their_text(deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    made = services.post(week=deck, user=enrolled, text="Something rude")
    services.moderate(contribution=made, hidden=True)

    _, _, changed = snapshot(deck.pk, 0, with_board=True)

    assert changed == [(3, {"id": made.pk, "slide": DISCUSSION, "hidden": True})]


def test_the_stream_sends_heartbeats_and_ends_after_its_lifetime(async_client, deck, settings):
    settings.LIVE_HEARTBEAT_SECONDS = 0.05
    settings.LIVE_STREAM_SECONDS = 0.3

    async def read_all():
        response = await async_client.get(live_url(deck, "events"))
        return [chunk async for chunk in response.streaming_content]

    chunks = [c.decode() if isinstance(c, bytes) else c for c in run(read_all)]
    assert ": heartbeat\n\n" in chunks


@pytest.fixture
def redis_url(settings):
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        pytest.skip("REDIS_TEST_URL is not set")
    settings.REDIS_URL = url
    settings.LIVE_POLL_SECONDS = 30  # so only a Redis message can wake the stream in time
    return url


def test_with_redis_a_move_wakes_the_stream_at_once(async_client, deck, redis_url):
    async def follow():
        response = await async_client.get(live_url(deck, "events"))
        await read_until(response, lambda events: slides(events) == [1])
        started = time.monotonic()
        await sync_to_async(services.move)(week=deck, slide=12)
        await read_until(response, lambda events: slides(events)[-1:] == [12])
        await close(response)
        return time.monotonic() - started

    assert run(follow) < 1


def test_without_a_reachable_redis_the_stream_polls_the_database(async_client, deck, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens on the discard port

    async def follow():
        response = await async_client.get(live_url(deck, "events"))
        await read_until(response, lambda events: slides(events) == [1])
        await sync_to_async(services.move)(week=deck, slide=6)
        await read_until(response, lambda events: slides(events)[-1:] == [6])
        await close(response)

    run(follow)


def test_followers_of_a_week_share_one_listener_in_a_process(async_client, deck):
    from live.hub import Hub

    async def two_followers():
        first = await async_client.get(live_url(deck, "events"))
        second = await async_client.get(live_url(deck, "events"))
        await read_until(first, lambda events: slides(events) == [1])
        await read_until(second, lambda events: slides(events) == [1])
        await sync_to_async(services.move)(week=deck, slide=8)
        for response in (first, second):
            await read_until(response, lambda events: slides(events)[-1:] == [8])
        hubs = [hub for (_, week), hub in Hub._running.items() if week == deck.pk]
        listening = len(hubs[0].queues)
        for response in (first, second):
            await close(response)
        return hubs, listening

    hubs, listening = run(two_followers)
    assert (len(hubs), listening) == (1, 2)
    assert not hubs[0].queues  # both streams left when their clients went
