"""Whole public pages for anonymous visitors, stored under the content version they show."""

import functools
import hashlib
import logging
import threading
from collections import OrderedDict
from time import monotonic

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.http import http_date

from core.pagecache.versions import STORE_ERRORS, current_version, follow_changes

logger = logging.getLogger(__name__)

SKIPPED_HEADERS = {"set-cookie"}
LOCAL_BYTES = 64 * 1024 * 1024  # the most page content one process keeps in memory


class LocalEntries:
    """With Redis, this process's own copies of cache entries, so a hit costs no round trip: a
    thread-safe LRU bounded by the entries' total content size and by their age."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, version):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry["version"] != version or entry["expires"] < monotonic():
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


def public_page(view=None, *, query=None):
    """Mark a view whose anonymous responses may be shared through the cache.

    `query` maps each query parameter the view reads to the values it knows. A request with one
    of those values is cached apart; with any other value it is not cached at all. Parameters
    the view does not read (utm_source, cache busters) are left out of the key, so such a
    request gets the cached page.
    """
    if view is None:
        return functools.partial(public_page, query=query)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    wrapper.page_query = {name: frozenset(values) for name, values in (query or {}).items()}
    return wrapper


@functools.lru_cache(maxsize=4096)
def view_query(path_info):
    """The `query` of the public view at `path_info`, or None when it is not a public page.

    Remembered per path: resolving the URL costs more than serving the cached page.
    """
    try:
        return resolve(path_info).func.page_query
    except (Resolver404, AttributeError):
        return None


def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        view_query.cache_clear()


setting_changed.connect(_urlconf_changed, dispatch_uid="pagecache-urlconf")


def page_key(request):
    """The cache key of this request's page, or None when the page must not be cached."""
    if request.method not in ("GET", "HEAD") or (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    ):
        return None
    query = view_query(request.path_info)
    if query is None:
        return None
    parts = [request.scheme, request.get_host(), request.path]
    for name, values in sorted(query.items()):
        value = request.GET.get(name)
        if value is not None:
            if value not in values:
                return None
            parts.append(f"{name}={value}")
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of `@public_page` views from the cache, under the current version.

    Requests that carry a session or messages cookie never touch the cache, so a logged-in page
    is never shared. Conditional GETs get a 304 from the version alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        if settings.PAGE_CACHE_SECONDS:
            follow_changes()

    def __call__(self, request):
        key = page_key(request) if settings.PAGE_CACHE_SECONDS else None
        if key is None:
            return self.get_response(request)
        try:
            version = current_version()
            entry = self.cached_entry(key, version)
        except STORE_ERRORS:
            logger.warning("Page cache unavailable: %s uncached", request.path, exc_info=True)
            return self.get_response(request)
        etag = f'"{version:x}-{key[-12:]}"'
        if entry:
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
            return self.replay(entry)
        response = self.get_response(request)
        if self.is_shareable(response):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(version / 1e6)
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            self.store(key, self.entry(response, version))
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
        return response

    @staticmethod
    def cached_entry(key, version):
        """The entry stored under `version`: this process's copy, else the cache's.

        Without Redis the cache is this process's own (bounded) memory, so no second copy.
        """
        shared = bool(settings.REDIS_URL)
        entry = local_entries.get(key, version) if shared else None
        if entry is None:
            entry = cache.get(key)
            if not entry or entry["version"] != version:
                return None
            if shared:
                local_entries.put(
                    key, entry | {"expires": monotonic() + settings.PAGE_CACHE_SECONDS}
                )
        return entry

    @staticmethod
    def store(key, entry):
        try:
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        except redis.RedisError:
            logger.warning("Page cache: could not store %s", key, exc_info=True)
        if settings.REDIS_URL:
            local_entries.put(key, entry | {"expires": monotonic() + settings.PAGE_CACHE_SECONDS})

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
        response["Last-Modified"] = http_date(version / 1e6)
        return response
