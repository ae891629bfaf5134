"""Whole public pages for anonymous visitors, stored under the content version they show."""

import contextlib
import copy
import functools
import hashlib
import logging
import threading
from time import monotonic

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.http import http_date

from core.pagecache import personal
from core.pagecache.memory import BoundedMemory
from core.pagecache.versions import (
    STORE_ERRORS,
    current_version,
    follow_changes,
    readers_version,
    sessions_version,
)

logger = logging.getLogger(__name__)

SKIPPED_HEADERS = {"set-cookie"}
LOCAL_BYTES = 64 * 1024 * 1024  # the most page content one process keeps in memory


class LocalEntries(BoundedMemory):
    """With Redis, this process's own copies of cache entries, so a hit costs no round trip:
    bounded by the entries' total content size and by their age (each entry's `expires`)."""

    def get(self, key, version):
        entry = super().get(key)
        return entry if entry is not None and entry["version"] == version else None

    def put(self, key, entry):
        super().put(key, entry, entry["expires"], size=len(entry["content"]))


local_entries = LocalEntries(max_bytes=LOCAL_BYTES)


class OneRenderAtATime:
    """Per cache key, one thread of this process renders a missing page while the others with
    the same key wait for it: after a change, a class opening one page renders it once per
    process, not once per thread."""

    def __init__(self):
        self.guard = threading.Lock()
        self.slots = {}  # key -> [lock, threads holding or waiting for it]

    @contextlib.contextmanager
    def __call__(self, key):
        with self.guard:
            slot = self.slots.setdefault(key, [threading.Lock(), 0])
            slot[1] += 1
        try:
            with slot[0]:
                yield
        finally:
            with self.guard:
                slot[1] -= 1
                if not slot[1]:
                    del self.slots[key]


one_render = OneRenderAtATime()


def public_page(view=None, *, query=None, logged_in=False):
    """Mark a view whose anonymous responses may be shared through the cache.

    `query` maps each query parameter the view reads to the values it knows. A request with one
    of those values is cached apart; with any other value it is not cached at all. Parameters
    the view does not read (utm_source, cache busters) are left out of the key, so such a
    request gets the cached page. With `logged_in`, a logged-in reader who is not staff gets the
    shared page too, her parts punched in (core.pagecache.personal): everything the view shows
    her and not an anonymous visitor must be in a `{% personal %}` block.
    """
    if view is None:
        return functools.partial(public_page, query=query, logged_in=logged_in)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    wrapper.page_query = {name: frozenset(values) for name, values in (query or {}).items()}
    wrapper.page_logged_in = logged_in
    return wrapper


@functools.lru_cache(maxsize=4096)
def public_view(path_info):
    """The public view at `path_info` (its `page_query` and `page_logged_in`), or None.

    Remembered per path: resolving the URL costs more than serving the cached page.
    """
    try:
        view = resolve(path_info).func
    except Resolver404:
        return None
    return view if hasattr(view, "page_query") else None


def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        public_view.cache_clear()


setting_changed.connect(_urlconf_changed, dispatch_uid="pagecache-urlconf")


def page_key(request, view):
    """The cache key of this request's page, or None when the page must not be cached."""
    parts = [request.scheme, request.get_host(), request.path]
    for name, values in sorted(view.page_query.items()):
        value = request.GET.get(name)
        if value is not None:
            if value not in values:
                return None
            parts.append(f"{name}={value}")
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cacheable_view(request):
    """The public view a cached page may answer this request for, or None."""
    if request.method not in ("GET", "HEAD") or "messages" in request.COOKIES:
        return None
    view = public_view(request.path_info)
    if view is None:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES and not view.page_logged_in:
        return None
    return view


def anonymous_copy(request):
    """The request as a visitor without cookies would send it: what a shared page is made of."""
    anonymous = copy.copy(request)
    anonymous.META = {name: value for name, value in request.META.items() if name != "HTTP_COOKIE"}
    anonymous.environ = anonymous.META
    anonymous.COOKIES = {}
    for name in ("session", "user", "_cached_user", "_messages"):
        anonymous.__dict__.pop(name, None)
    return anonymous


class PublicPageCacheMiddleware:
    """Serve GETs of `@public_page` views from the cache, under the current version.

    Only pages rendered for an anonymous visitor are stored. A request with a session gets one
    only if the view allows it (`logged_in`), with the reader's parts punched in; any other
    request with a session or a messages cookie never touches the cache. Conditional GETs of
    anonymous visitors get a 304 from the version alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        if settings.PAGE_CACHE_SECONDS:
            follow_changes()

    def __call__(self, request):
        view = cacheable_view(request) if settings.PAGE_CACHE_SECONDS else None
        key = page_key(request, view) if view else None
        if key is None:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.serve_reader(request, key)
        try:
            version = current_version()
            entry = self.cached_entry(key, version)
        except STORE_ERRORS:
            logger.warning("Page cache unavailable: %s uncached", request.path, exc_info=True)
            return self.get_response(request)
        etag = self.etag(key, version)
        if entry:
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
            return self.replay(entry)
        with one_render(key):
            entry = self.cached_entry(key, version)  # rendered while this thread waited
            if entry:
                return self.replay(entry)
            response = self.get_response(request)
            kept = self.keep(key, response, version)
        if kept and etag in request.headers.get("If-None-Match", ""):
            return self.not_modified(etag, version)
        return response

    def serve_reader(self, request, key):
        """The shared page with the reader's parts; the whole stack for staff and non-readers."""
        try:
            version, readers = current_version(), readers_version()
            user = personal.reader_of(request, sessions_version())
            if user is None or user.is_staff:  # the whole stack authenticates them again
                return self.get_response(personal.as_received(request))
            entry = self.cached_entry(key, version)
            if entry is None:
                with one_render(key):
                    entry = self.cached_entry(key, version) or self.keep(
                        key, self.get_response(anonymous_copy(request)), version
                    )
            if entry is None:  # not a page everyone may see (a draft's 404): render it for her
                return self.get_response(request)
            return personal.assemble(request, entry, (version, readers))
        except STORE_ERRORS:
            logger.warning("Page cache unavailable: %s uncached", request.path, exc_info=True)
            return self.get_response(personal.as_received(request))

    def keep(self, key, response, version):
        """Store a shareable `response` under `key` and `version`; its entry, or None."""
        if not self.is_shareable(response):
            return None
        response["ETag"] = self.etag(key, version)
        response["Last-Modified"] = http_date(version / 1e6)
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        entry = self.entry(response, version)
        self.store(key, entry)
        return entry

    @staticmethod
    def etag(key, version):
        return f'"{version:x}-{key[-12:]}"'

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
        content = response.content
        return {
            "version": version,
            "headers": headers,
            "content": content,
            "segments": personal.split_parts(content),
        }

    @staticmethod
    def replay(entry):
        return HttpResponse(entry["content"], headers=dict(entry["headers"]))

    @staticmethod
    def not_modified(etag, version):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(version / 1e6)
        return response
