"""A week with a short deck whose slide 3 is a discussion slide, and SSE reading helpers."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse

from tests.factories import EnrolmentFactory, UserFactory
from weeks.models import Slide

DISCUSSION = 3
HEADINGS = {1: "Planning For Innovation", 3: "Discussion: smart city limits", 5: "Questions"}


@pytest.fixture(autouse=True)
def quick_streams(settings):
    settings.REDIS_URL = ""
    settings.LIVE_POLL_SECONDS = 0.02
    settings.LIVE_HEARTBEAT_SECONDS = 15
    settings.LIVE_STREAM_SECONDS = 5


@pytest.fixture
def deck(week):
    Slide.objects.bulk_create(
        Slide(
            week=week,
            position=i - 1,
            index=i,
            number=i,
            heading=HEADINGS.get(i, f"Slide {i}"),
            css_classes="discussion" if i == 5 else "",
            html=f"<h1>{HEADINGS.get(i, f'Slide {i}')}</h1>",
        )
        for i in range(1, 13)
    )
    return week


@pytest.fixture
def enrolled(course):
    user = UserFactory(username="enrolled-student")
    EnrolmentFactory(user=user, course=course)
    return user


def live_url(week, name, *args):
    return reverse(f"live:{name}", args=[week.course.slug, week.number, *args])


def parse(text):
    """SSE text as a list of {"id", "event", "data"} (comments as {"comment": ...})."""
    events = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        event = {}
        for line in block.split("\n"):
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "":
                event["comment"] = value
            elif field == "data":
                event["data"] = json.loads(value)
            else:
                event[field] = value
        events.append(event)
    return events


async def read_until(response, done, limit=200):
    """Read a streaming ASGI response until `done(events)` holds; return the events."""
    text = ""
    iterator = aiter(response.streaming_content)
    for _ in range(limit):
        chunk = await anext(iterator)
        text += chunk.decode() if isinstance(chunk, bytes) else chunk
        events = parse(text)
        if done(events):
            return events
    raise AssertionError(f"the stream never got there: {text!r}")


async def close(response):
    """End a stream as a departing client does, keeping the test's database connection (as the
    test client does around its own requests)."""
    request_finished.disconnect(close_old_connections)
    try:
        await sync_to_async(response.close)()
    finally:
        request_finished.connect(close_old_connections)


def slides(events):
    return [e["data"]["slide"] for e in events if e.get("event") == "slide"]


def run(coroutine_function):
    """Run `coroutine_function()` to its end in a thread of its own: the browser tests'
    Playwright (session-wide) keeps an event loop in the main thread, where async_to_sync
    refuses to start. The streaming tests are transactional, so any thread sees their rows."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_function()).result()
