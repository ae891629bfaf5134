"""A logged-in reader's page: the page everyone shares, from the cache, with her parts punched in.

A template marks each part of a page that depends on who reads it (the header's account links,
her panel, her group's work) with ``{% personal "name" arg %}…{% endpersonal %}``
(core/templatetags/personal.py), and the app registers in `personal_parts` how to render that
part alone: ``renderer(request, arg) -> safe HTML``, the HTML the block gives when the page is
rendered for her. The page cache only ever stores pages rendered for an anonymous visitor, so
nothing personal can enter it. For a logged-in reader who is not staff, on a view marked
``@public_page(logged_in=True)``, the middleware takes that shared page and replaces each marked
part with hers: rendered once per session, part, content version and readers' version
(core.pagecache.versions), then kept in this process's memory and, with Redis, for the other
processes too. Who the session belongs to is remembered under the sessions' version (bumped by a
logout and by any change to a user, not by her group's work or a board post) for
PAGE_CACHE_READER_TTL seconds at most, so a reader's page costs no query at all.

Staff (whose pages show drafts and presenter links) and pages that carry messages get the page
rendered whole, as before, and it is never cached.
"""

import functools
import hashlib
import re
from importlib import import_module
from time import monotonic

from django.conf import settings
from django.contrib.auth import get_user, user_logged_out
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe

from core.pagecache.memory import BoundedMemory
from core.pagecache.versions import bump_sessions
from core.registry import Registry

personal_parts = Registry("personal parts of cached pages")

PART_SECONDS = 60  # a part may show the time (a countdown, an open deadline): re-rendered after
TIMELESS_SECONDS = 3600  # a part that shows no time (timeless): only the versions end it
FRAGMENT_BYTES = 16 * 1024 * 1024  # the most rendered parts one process keeps in memory
READER_SESSIONS = 10_000  # the most sessions one process remembers the reader of
NOT_SHARED = {"etag", "last-modified", "cache-control", "content-length"}


def _mark_token():
    """A token of this site's secret in every mark, so no text a page shows can forge one."""
    return _token_of(settings.SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _token_of(secret):
    return salted_hmac("core.pagecache.personal", "mark", secret=secret).hexdigest()[:16]


NAME, ARG = re.compile(r"[a-z-]+"), re.compile(r"[\w.-]*", re.ASCII)


def marked(name, arg, html):
    """`html` (safe HTML), the part `name` of the page for `arg` (a number or a slug), between
    the marks the cache splits at."""
    if not (NAME.fullmatch(name) and ARG.fullmatch(arg)):
        raise ValueError(f"A personal part is named in lowercase, its argument a slug: {arg!r}")
    token = _mark_token()
    return mark_safe(f"<!--personal-{token}:{name}:{arg}-->{html}<!--/personal-{token}-->")  # noqa: S308 (checked name and slug around safe HTML)


def split_parts(content):
    """The page's bytes as [bytes, (name, arg), bytes, …], or None when it has no marks."""
    token = re.escape(_mark_token().encode())
    pattern = rb"<!--personal-" + token + rb":([a-z-]+):([^>]*?)-->.*?<!--/personal-" + token
    pattern += rb"-->"
    pieces = re.split(pattern, content, flags=re.DOTALL)
    if len(pieces) == 1:
        return None
    segments = []
    for index in range(0, len(pieces) - 1, 3):
        segments += [pieces[index], (pieces[index + 1].decode(), pieces[index + 2].decode())]
    return segments + [pieces[-1]]


readers = BoundedMemory(max_items=READER_SESSIONS)
fragments = BoundedMemory(max_bytes=FRAGMENT_BYTES)
_csrf = CsrfViewMiddleware(lambda request: None)


def reader_of(request, sessions_version):
    """The logged-in user of the request's session, or None; remembered per session under the
    sessions' version, which a logout, a deactivation or a new password bumps everywhere."""
    session_key = request.COOKIES[settings.SESSION_COOKIE_NAME]
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    user = readers.get((session_key, sessions_version))
    if user is None:
        user = get_user(request)  # checks the session's password hash, as every request does
        if not user.is_authenticated:
            return None
        expires = monotonic() + settings.PAGE_CACHE_READER_TTL
        readers.put((session_key, sessions_version), user, expires)
    request.user = request._cached_user = user
    return user


def as_received(request):
    """The request without the session and user `reader_of` gave it."""
    for name in ("session", "user", "_cached_user"):
        request.__dict__.pop(name, None)
    return request


def _logged_out(sender, request, **kwargs):
    """Her session ends: no process may go on taking it for hers."""
    bump_sessions()


user_logged_out.connect(_logged_out, dispatch_uid="pagecache-logged-out")


def render_part(request, name, arg, versions):
    """The reader's part `name` for `arg`, from this process's memory when still current."""
    secret = request.META.get("CSRF_COOKIE")
    key = (request.COOKIES[settings.SESSION_COOKIE_NAME], secret, name, arg, versions)
    html = fragments.get(key)
    if html is not None:
        return html
    shared_key = "pagecache:part:" + hashlib.sha256(repr(key).encode()).hexdigest()
    html = cache.get(shared_key) if settings.REDIS_URL else None  # another process's render
    renderer = personal_parts.get(name)
    seconds = TIMELESS_SECONDS if getattr(renderer, "timeless", False) else PART_SECONDS
    if html is None:
        html = marked(name, arg, renderer(request, arg)).encode()
        if request.META.get("CSRF_COOKIE") != secret:  # it holds a token of a new secret
            return html
        if settings.REDIS_URL:
            cache.set(shared_key, html, timeout=seconds)
    fragments.put(key, html, monotonic() + seconds, size=len(html))
    return html


def timeless(renderer):
    """Mark a part's renderer whose HTML does not change with the time of day."""
    renderer.timeless = True
    return renderer


def assemble(request, entry, versions):
    """The shared `entry` (a cached page) for the request's reader, her parts punched in.

    Her CSRF cookie is read (and set, if a part needed a token she had no cookie for) as the
    CSRF middleware does it."""
    _csrf.process_request(request)
    segments = entry.get("segments") or [entry["content"]]
    content = b"".join(
        segment if isinstance(segment, bytes) else render_part(request, *segment, versions)
        for segment in segments
    )
    headers = {name: value for name, value in entry["headers"] if name.lower() not in NOT_SHARED}
    response = HttpResponse(content, headers=headers)
    response["Cache-Control"] = "private, no-cache"
    response["Content-Length"] = str(len(content))
    patch_vary_headers(response, ["Cookie"])
    return _csrf.process_response(request, response)


def forget_readers():
    """Drop this process's readers and parts (tests, the benchmark)."""
    readers.clear()
    fragments.clear()
