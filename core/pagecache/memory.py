"""This process's own bounded memory, shared by the page cache's local copies of pages and by
the readers' sessions and parts (core.pagecache.personal)."""

import threading
from collections import OrderedDict
from time import monotonic


class BoundedMemory:
    """A thread-safe LRU of `key -> value`, each until its `expires` (a `monotonic()` time),
    bounded by the number of items and by their total size, the oldest used dropped first."""

    def __init__(self, max_items=None, max_bytes=None):
        self.max_items, self.max_bytes = max_items, max_bytes
        self.items = OrderedDict()  # key -> (value, expires, size)
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.items.get(key)
            if item is None or item[1] < monotonic():
                return None
            self.items.move_to_end(key)
            return item[0]

    def put(self, key, value, expires, size=0):
        with self.lock:
            self._drop(key)
            self.items[key] = (value, expires, size)
            self.size += size
            while (self.max_items and len(self.items) > self.max_items) or (
                self.max_bytes and self.size > self.max_bytes
            ):
                self._drop(next(iter(self.items)))

    def _drop(self, key):
        item = self.items.pop(key, None)
        if item is not None:
            self.size -= item[2]

    def clear(self):
        with self.lock:
            self.items.clear()
            self.size = 0
