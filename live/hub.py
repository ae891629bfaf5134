"""One listener per process and week, however many followers it has.

A hub holds the week's Redis subscription (or its polling) and makes one database read per
change, then hands the result to the queue of every stream of that week in this process. The
reads run in a small shared thread pool, so 200 followers cost a handful of threads and
database connections per process, not one each.
"""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

from live.broker import Waiter

log = logging.getLogger(__name__)
DATABASE_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="live-db")


def in_pool(function):
    """`function` as a coroutine run in the live threads (each with its own connection)."""

    def checked(*args):
        close_old_connections()  # a connection past CONN_MAX_AGE or broken is replaced
        return function(*args)

    return sync_to_async(checked, thread_sensitive=False, executor=DATABASE_THREADS)


class Hub:
    _running = {}  # (event loop, week id) -> Hub

    def __init__(self, week_id, serial, position, read):
        self.week_id, self.serial, self.position, self.read = week_id, serial, position, read
        self.queues = set()
        self.task = None

    @classmethod
    def join(cls, week_id, serial, position, read):
        """A queue that receives (serial, position, changed) after every change of the week."""
        key = (asyncio.get_running_loop(), week_id)
        hub = cls._running.get(key)
        if hub is None or hub.task.done():
            hub = cls._running[key] = cls(week_id, serial, position, read)
            hub.task = asyncio.get_running_loop().create_task(hub.run(key))
        queue = asyncio.Queue()
        hub.queues.add(queue)
        return hub, queue

    def leave(self, queue):
        self.queues.discard(queue)

    async def run(self, key):
        try:
            async with Waiter(self.week_id) as waiter:
                while True:
                    await waiter.wait(settings.LIVE_HEARTBEAT_SECONDS)
                    if not self.queues:
                        self._forget(key)  # before any await: a stream joining now starts anew
                        break
                    await self._read()
        finally:
            self._forget(key)

    async def _read(self):
        try:
            serial, position, changed = await self.read(self.week_id, self.serial)
        except Exception:  # the database is away: the streams keep their heartbeat, we retry
            log.exception("Live: could not read week %s", self.week_id)
            return
        if serial > self.serial or position != self.position:
            self.serial, self.position = serial, position
            for queue in self.queues:
                queue.put_nowait((serial, position, changed))

    def _forget(self, key):
        if self._running.get(key) is self:
            del self._running[key]
