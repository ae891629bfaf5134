"""The Server-Sent Events of a week's live session (docs/live.md has the contract).

`event: slide` (data {"slide": K, "live": bool, "board": bool}) on connect and on every move,
`event: board` (one contribution) for every post, vote or moderation. Each event's id is the
week's live serial, so `Last-Event-ID` resumes: the position again, then every contribution
changed since that id.
"""

import asyncio
import json
import time

from django.conf import settings
from django.utils import timezone

from live.hub import Hub, in_pool
from live.models import Contribution, LiveSession


def format_event(name, data, event_id=None):
    lines = [f"id: {event_id}"] if event_id is not None else []
    lines += [f"event: {name}", f"data: {json.dumps(data, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n\n"


def contribution_data(contribution, votes):
    if contribution.is_hidden:  # gone from every board; its text never leaves the server again
        return {"id": contribution.pk, "slide": contribution.slide, "hidden": True}
    return {
        "id": contribution.pk,
        "slide": contribution.slide,
        "text": contribution.text,
        "author": contribution.author.get_short_name() or contribution.author.get_username(),
        "votes": votes,
        "pinned": contribution.is_pinned,
        "hidden": False,
    }


def snapshot(week_id, since, with_board):
    """The week's serial, position and the contributions changed after serial `since`, each as
    (its serial, its event data).

    `since` None (a first connection without an id) or `with_board` False (a visitor who may not
    read the boards) gives no contributions.
    """
    session = LiveSession.objects.filter(week_id=week_id).first()
    serial = session.serial if session else 0
    changed = []
    if with_board and since is not None and since < serial:
        changed = [
            (c.serial, contribution_data(c, c.votes))
            for c in Contribution.objects.with_votes()
            .filter(week_id=week_id, serial__gt=since)
            .order_by("serial", "pk")
        ]
    # A contribution committed between the two reads is newer than the row read first: count
    # it as seen, so the next read (after it) does not send it again.
    serial = max([serial, *(contribution_serial for contribution_serial, _ in changed)])
    position = {
        "slide": session.slide if session else 1,
        "live": bool(session and session.is_live(timezone.now())),
        "board": bool(session and session.board_shown),
    }
    return serial, position, changed


def parse_last_id(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def connect_events(week_id, last_id, with_board):
    """What every stream starts with: the retry delay, the position, what was missed."""
    serial, position, changed = snapshot(week_id, last_id, with_board)
    chunks = [f"retry: {settings.LIVE_RETRY_MS}\n\n", format_event("slide", position, serial)]
    chunks += [format_event("board", data, serial) for _, data in changed]
    return serial, position, chunks


async def follow(week_id, serial, position, chunks, with_board):
    """The stream itself, after `connect_events`: its chunks, then changes as they happen, a
    heartbeat comment now and then, and an end after LIVE_STREAM_SECONDS."""
    for chunk in chunks:
        yield chunk
    read = in_pool(snapshot)
    hub, queue = Hub.join(week_id, serial, position, lambda week, since: read(week, since, True))
    try:
        # What changed between the first read and joining the hub, which may have read it.
        queue.put_nowait(await read(week_id, serial, True))
        end = time.monotonic() + settings.LIVE_STREAM_SECONDS
        while (now := time.monotonic()) < end:
            timeout = min(settings.LIVE_HEARTBEAT_SECONDS, end - now)
            try:
                latest, new_position, changed = await asyncio.wait_for(queue.get(), timeout)
            except TimeoutError:
                if time.monotonic() < end:
                    yield ": heartbeat\n\n"
                continue
            if latest < serial:
                continue  # an older read than one already sent
            if new_position != position:
                yield format_event("slide", new_position, latest)
            for contribution_serial, data in changed:
                if with_board and contribution_serial > serial:
                    yield format_event("board", data, latest)
            serial, position = max(serial, latest), new_position
    finally:
        hub.leave(queue)
