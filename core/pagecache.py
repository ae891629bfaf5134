"""Public pages served from the shared cache, always fresh.

Anonymous GETs of views marked `@public_page` are stored whole (status, headers, body) under the
site's content version. Any change to content bumps the version once the transaction commits,
so the next request renders afresh: nothing needs to know which page showed what. Requests that
carry a session or messages cookie never touch the cache, so a logged-in page is never shared.
Conditional GETs get a 304 from the version alone, without rendering or even reading the entry.

Each process also keeps the entries it served last in memory (bounded). With Redis, each process
follows the version through Redis pub/sub, so a cached page costs no round trip at all; while the
subscription is down, every request reads the version from Redis instead.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date

VERSION_KEY = "pagecache:version"
SKIPPED_HEADERS = {"set-cookie"}
LOCAL_BYTES = 64 * 1024 * 1024  # the most page content one process keeps in memory


class LocalEntries:
    """A small thread-safe LRU of cache entries, bounded by their total content size."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, version):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry["version"] != version:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            if key in self.entries:
                self.size -= len(self.entries.pop(key)["content"])
            self.entries[key] = entry
            self.size += len(entry["content"])
            while self.size > self.max_bytes:
                _, oldest = self.entries.popitem(last=False)
                self.size -= len(oldest["content"])

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


local_entries = LocalEntries(LOCAL_BYTES)


def current_version():
    if listener is not None and (version := listener.version) is not None:
        return version
    return stored_version()


def stored_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version():
    """Invalidate every cached page once the current transaction commits."""
    transaction.on_commit(_store_new_version)


def _store_new_version():
    version = time.time_ns()
    cache.set(VERSION_KEY, version, timeout=None)
    if listener is not None:
        listener.publish(version)


class VersionListener:
    """This process's copy of the content version, kept current through Redis pub/sub."""

    CHANNEL = "pagecache:version"

    def __init__(self, url):
        import redis

        self.client = redis.Redis.from_url(url)
        self.version = None
        threading.Thread(target=self.follow, name="pagecache-version", daemon=True).start()

    def publish(self, version):
        self.client.publish(self.CHANNEL, version)

    def follow(self):
        import redis

        while True:
            try:
                pubsub = self.client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.CHANNEL)
                # Read after subscribing: every later change then arrives as a message, in order.
                self.version = stored_version()
                for message in pubsub.listen():
                    self.version = int(message["data"])
            except redis.RedisError:
                self.version = None  # until subscribed again, requests ask Redis themselves
                time.sleep(1)


listener = None


def invalidate_on_change(*models):
    """Bump the content version whenever one of `models` is saved, deleted or relinked."""
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}"
        )
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_changed, sender=field.remote_field.through, weak=False)


def _changed(**kwargs):
    bump_version()


def public_page(view):
    """Mark a view whose anonymous responses may be shared through the cache."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        global listener
        self.get_response = get_response
        if listener is None and settings.PAGE_CACHE_SECONDS and settings.REDIS_URL:
            listener = VersionListener(settings.REDIS_URL)

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not self.is_anonymous_read(request):
            return self.get_response(request)
        key = "pagecache:page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        version = current_version()
        etag = f'"{version:x}-{key[-12:]}"'
        entry = local_entries.get(key, version) or self.shared_entry(key, version)
        if entry:
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
            return self.replay(entry)
        response = self.get_response(request)
        if self.is_shareable(response):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(version / 1e9)
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            entry = self.entry(response, version)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            local_entries.put(key, entry)
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
        return response

    @staticmethod
    def shared_entry(key, version):
        entry = cache.get(key)
        if entry and entry["version"] == version:
            local_entries.put(key, entry)
            return entry
        return None

    @staticmethod
    def is_anonymous_read(request):
        return request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        )

    @staticmethod
    def is_shareable(response):
        return (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )

    @staticmethod
    def entry(response, version):
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
        ]
        return {"version": version, "headers": headers, "content": response.content}

    @staticmethod
    def replay(entry):
        return HttpResponse(entry["content"], headers=dict(entry["headers"]))

    @staticmethod
    def not_modified(etag, version):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(version / 1e9)
        return response
