"""Public pages served from the shared cache, always fresh.

Anonymous GETs of views marked `@public_page` are stored whole (status, headers, body) under the
site's content version. Any change to content bumps the version once the transaction commits,
so the next request renders afresh: nothing needs to know which page showed what. Requests that
carry a session or messages cookie never touch the cache, so a logged-in page is never shared.
Conditional GETs get a 304 from the version alone, without rendering or even reading the entry.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date

VERSION_KEY = "pagecache:version"
SKIPPED_HEADERS = {"set-cookie"}


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version():
    """Invalidate every cached page once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), timeout=None))


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
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_anonymous_read(request):
            return self.get_response(request)
        key = "pagecache:page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or current_version()
        etag = f'"{version:x}-{key[-12:]}"'
        entry = found.get(key)
        if entry and entry["version"] == version:
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
            return self.replay(entry)
        response = self.get_response(request)
        if self.is_shareable(response):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(version / 1e9)
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            cache.set(key, self.entry(response, version), timeout=settings.PAGE_CACHE_SECONDS)
            if etag in request.headers.get("If-None-Match", ""):
                return self.not_modified(etag, version)
        return response

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
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        return response

    @staticmethod
    def not_modified(etag, version):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(version / 1e9)
        return response
