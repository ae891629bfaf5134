"""Public pages served from the cache, never staler than a second.

Anonymous GETs of views marked `@public_page` are stored whole (status, headers, body) under the
site's content version (logged-in readers get the same pages with their own parts punched in:
core.pagecache.personal), keyed by scheme, host, path and the query parameters the view reads.
Any change to content bumps the version in the shared store (Redis, or the database without it)
once the transaction commits, from whichever process made it, so the next request renders afresh:
nothing needs to know which page showed what. Each process keeps the entries it served last in
memory (bounded) and re-reads the version at most once a second (PAGE_CACHE_VERSION_TTL); with
Redis, pub/sub brings each bump sooner.
"""

from core.pagecache.pages import (
    PublicPageCacheMiddleware,
    local_entries,
    public_page,
)
from core.pagecache.personal import forget_readers, personal_parts, timeless
from core.pagecache.versions import (
    bump_after_migrate,
    bump_readers,
    bump_version,
    current_version,
    forget_version,
    invalidate_on_change,
    invalidate_readers_on_change,
    one_bump,
)


def forget_local_copies():
    """Drop this process's copies of pages, readers' parts and the versions (tests, the
    benchmark)."""
    local_entries.clear()
    forget_readers()
    forget_version()


__all__ = [
    "PublicPageCacheMiddleware",
    "bump_after_migrate",
    "bump_readers",
    "bump_version",
    "current_version",
    "forget_local_copies",
    "invalidate_on_change",
    "invalidate_readers_on_change",
    "one_bump",
    "personal_parts",
    "timeless",
    "public_page",
]
