"""How a change reaches the streams: a Redis pub/sub wake-up when REDIS_URL is set, else polling.

The message carries nothing but the week: every stream then reads the week's live row and the
contributions changed since its last event id, so the database stays the one source of truth, a
lost message costs at most a heartbeat interval (the stream reads the row then too), and no
event is sent twice.
"""

import asyncio
import contextlib
import logging

from django.conf import settings

log = logging.getLogger(__name__)


def channel(week_id):
    return f"{settings.LIVE_CHANNEL_PREFIX}:{week_id}"


def notify(week_id):
    """Wake the streams of `week_id`; without Redis (or while it is away) they poll for it."""
    if not settings.REDIS_URL:
        return
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=0.5)
        with contextlib.closing(client):
            client.publish(channel(week_id), "1")
    except redis.RedisError as error:
        log.warning("Live: could not publish to Redis (%s); streams fall back to polling", error)


class Waiter:
    """`await waiter.wait(seconds)`: returns after a wake-up for the week, or a poll interval."""

    def __init__(self, week_id):
        self.week_id = week_id
        self.pubsub = None
        self.client = None
        self.degraded = not settings.REDIS_URL

    async def __aenter__(self):
        if settings.REDIS_URL:
            await self._subscribe()
        return self

    async def _subscribe(self):
        import redis.asyncio as aioredis

        try:
            self.client = aioredis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5)
            self.pubsub = self.client.pubsub(ignore_subscribe_messages=True)
            await self.pubsub.subscribe(channel(self.week_id))
        except (aioredis.RedisError, OSError) as error:
            log.warning("Live: Redis unavailable (%s); polling the database instead", error)
            await self._drop()

    async def _drop(self):
        pubsub, client, self.pubsub, self.client, self.degraded = (
            self.pubsub,
            self.client,
            None,
            None,
            True,
        )
        with contextlib.suppress(Exception):
            if pubsub is not None:
                await pubsub.aclose()
            if client is not None:
                await client.aclose()

    async def wait(self, seconds):
        """Wait up to `seconds` for a change; polling checks every LIVE_POLL_SECONDS."""
        if self.pubsub is None:
            await asyncio.sleep(min(seconds, settings.LIVE_POLL_SECONDS))
            return
        import redis.asyncio as aioredis

        try:
            await self.pubsub.get_message(timeout=seconds)
        except (aioredis.RedisError, OSError) as error:
            log.warning("Live: lost Redis (%s); polling the database instead", error)
            await self._drop()
        task = asyncio.current_task()
        if task is not None and task.cancelling():  # redis-py's timeout can swallow a cancel
            raise asyncio.CancelledError

    async def __aexit__(self, *exc):
        await self._drop()
