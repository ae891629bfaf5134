"""The site's versions: kept in the shared store, followed by every process.

Three versions: the content version, which every cached page is stored under; the readers'
version, which the logged-in readers' own parts of pages are cached under (core.pagecache.
personal): a group's new draft or an answer to it changes what its members see, not the pages;
and the sessions' version, under which each process remembers whose a session is: only a logout
or a change to a user bumps it, so a board post in class re-renders parts but no session is read
again.
The store is Redis when REDIS_URL is set, otherwise the database (core.PageCacheVersion, one row
each). Any process may bump any of them (a request, a management command, the shell, a
migration); each serving process trusts its own copy for PAGE_CACHE_VERSION_TTL seconds at most,
then reads it again. With Redis, pub/sub also delivers every bump at once; if the subscription
fails, the re-read still bounds how long a process can serve the previous version.
"""

import contextlib
import functools
import logging
import os
import threading
import time
from time import monotonic

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

STORE_ERRORS = (DatabaseError, redis.RedisError)  # a page is then served uncached
HEALTH_CHECK_SECONDS = 5  # the subscription pings Redis when idle this long
CONTENT, READERS, SESSIONS = "version", "readers", "sessions"  # their names (and Redis keys)
ROWS = {CONTENT: 1, READERS: 2, SESSIONS: 3}  # without Redis, their rows of PageCacheVersion


def new_version():
    """Microseconds since the epoch: later than any earlier version, exact in Redis's Lua."""
    return time.time_ns() // 1000


class DatabaseVersions:
    """The version in a row of its own, bumped in one UPDATE so concurrent bumps all count."""

    def __init__(self, row=ROWS[CONTENT]):
        self.row = row

    def read(self):
        from core.models import PageCacheVersion

        rows = PageCacheVersion.objects.filter(pk=self.row)
        version = rows.values_list("version", flat=True).first()
        if version is None:
            row, _ = PageCacheVersion.objects.get_or_create(
                pk=self.row, defaults={"version": new_version()}
            )
            version = row.version
        return version

    def bump(self):
        from core.models import PageCacheVersion

        rows = PageCacheVersion.objects.filter(pk=self.row)
        while not rows.update(version=Greatest(F("version") + 1, Value(new_version()))):
            _, created = PageCacheVersion.objects.get_or_create(
                pk=self.row, defaults={"version": new_version()}
            )
            if created:
                return


class RedisVersions:
    """The version in Redis, bumped and published in one script."""

    BUMP = """
local version = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + 1, tonumber(ARGV[1]))
version = string.format('%d', version)
redis.call('SET', KEYS[1], version)
redis.call('PUBLISH', KEYS[1], version)
return version
"""

    def __init__(self, url, name=CONTENT):
        self.client_name = (
            f"pagecache-{name}-{os.getpid()}"  # in CLIENT LIST, which process this is
        )
        self.client = redis.Redis.from_url(
            url,
            client_name=self.client_name,
            health_check_interval=HEALTH_CHECK_SECONDS,
            socket_connect_timeout=5,
            socket_timeout=5,
        )
        self.key = self.channel = cache.make_key(f"pagecache:{name}")
        self.bump_script = self.client.register_script(self.BUMP)

    def read(self):
        version = self.client.get(self.key)
        if version is None:  # a new or flushed Redis: start from the clock
            fresh = new_version()
            self.client.set(self.key, fresh, nx=True)
            # Flushed again in between (a FLUSHDB racing us): the clock's value is as good.
            version = self.client.get(self.key) or fresh
        return int(version)

    def bump(self):
        self.bump_script(keys=[self.key], args=[new_version()])


class LocalVersion:
    """This process's copy of the shared version, trusted for `ttl` seconds."""

    def __init__(self, store, ttl):
        self.store = store
        self.ttl = ttl
        self.value = None
        self.expires = float("-inf")
        self.generation = 0  # changes on every bump heard, so a slower read cannot undo one
        self.lock = threading.Lock()
        self.listener = None
        self.bump_pending = False

    def current(self):
        if monotonic() < self.expires:
            return self.value
        if self.bump_pending:  # a bump that could not reach the store: it goes first
            self.store.bump()
            self.bump_pending = False
        generation = self.generation
        value = self.store.read()
        with self.lock:
            if self.generation == generation:
                self.value, self.expires = value, monotonic() + self.ttl
            return self.value

    def hear(self, value):
        with self.lock:
            self.value, self.expires = value, monotonic() + self.ttl
            self.generation += 1

    def expire(self):
        with self.lock:
            self.expires = float("-inf")
            self.generation += 1


class VersionListener(threading.Thread):
    """Follows the bumps published in Redis; reconnects (and reads the version) after a failure."""

    def __init__(self, local):
        super().__init__(name="pagecache-version", daemon=True)
        self.local = local
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                self.follow()
            except (redis.RedisError, ValueError, TypeError) as error:
                logger.warning("Page cache: version subscription lost (%s); retrying", error)
                self.stopped.wait(1)

    def follow(self):
        store = self.local.store
        pubsub = store.client.pubsub(ignore_subscribe_messages=True)
        try:
            pubsub.subscribe(store.channel)
            self.local.hear(store.read())  # after subscribing: every later bump is a message
            while not self.stopped.is_set():
                message = pubsub.get_message(timeout=1.0)  # also pings when idle
                if message is not None:
                    self.local.hear(int(message["data"]))
        finally:
            pubsub.close()

    def stop(self):
        self.stopped.set()


_locals = {}
_local_lock = threading.Lock()


def local_version(name=CONTENT):
    with _local_lock:
        if name not in _locals:
            if settings.REDIS_URL:
                store = RedisVersions(settings.REDIS_URL, name)
            else:
                store = DatabaseVersions(ROWS[name])
            _locals[name] = LocalVersion(store, settings.PAGE_CACHE_VERSION_TTL)
        return _locals[name]


def follow_changes():
    """Subscribe this (serving) process to the bumps, when the store can publish them."""
    for name in ROWS:
        local = local_version(name)
        with _local_lock:
            if isinstance(local.store, RedisVersions) and local.listener is None:
                local.listener = VersionListener(local)
                local.listener.start()


def forget_version():
    """Drop this process's copies of the versions (and their subscriptions): the next use
    reads them."""
    with _local_lock:
        for local in _locals.values():
            if local.listener is not None:
                local.listener.stop()
        _locals.clear()


def _settings_changed(setting, **kwargs):
    if setting in {"REDIS_URL", "CACHES", "PAGE_CACHE_VERSION_TTL"}:
        forget_version()


setting_changed.connect(_settings_changed, dispatch_uid="pagecache-settings")


def current_version():
    return local_version().current()


def readers_version():
    return local_version(READERS).current()


def sessions_version():
    return local_version(SESSIONS).current()


_batch = threading.local()


def bump_version():
    """Invalidate every cached page, in every process, once the current transaction commits."""
    if getattr(_batch, "active", False):
        _batch.pending = True
        return
    transaction.on_commit(_bump, robust=True)


@contextlib.contextmanager
def one_bump():
    """Bump the version once for all the changes made inside, when they are done: a deck's
    terms and readings save hundreds of rows, each of which would bump it on its own."""
    if getattr(_batch, "active", False):
        yield
        return
    _batch.active, _batch.pending = True, False
    try:
        yield
    finally:
        _batch.active = False
        if _batch.pending:
            bump_version()


def bump_readers():
    """Invalidate every reader's cached parts of pages, once the current transaction commits."""
    transaction.on_commit(functools.partial(_bump, READERS), robust=True)


def bump_sessions():
    """Make every process read again whose each session is, once the current transaction
    commits: a session ended, or a user changed (deactivated, a new password, now staff)."""
    transaction.on_commit(functools.partial(_bump, SESSIONS), robust=True)


def _bump(name=CONTENT):
    """Bump a shared version; while the store cannot be reached, keep trying on each read.

    The change itself is committed: its request must not fail because Redis is away, and the
    bump must not be forgotten either, or other processes would keep serving the old pages.
    """
    local = local_version(name)
    local.expire()
    try:
        local.store.bump()
    except STORE_ERRORS:
        logger.warning("Page cache: version bump postponed, store unreachable", exc_info=True)
        local.bump_pending = True
    else:
        local.bump_pending = False


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


def invalidate_readers_on_change(*models, unseen_fields=(), sessions=False):
    """Bump the readers' version whenever one of `models` is saved, deleted or relinked: the
    models of what a reader's own parts of pages show (her group, its work, her enrolment).
    A save of `unseen_fields` alone (a user's last_login) changes nothing they show. With
    `sessions` (the user model), the sessions' version too: who a session is has changed."""
    unseen = frozenset(unseen_fields)

    def changed(**kwargs):
        bump_readers()
        if sessions:
            bump_sessions()

    def saved(update_fields=None, **kwargs):
        if not (update_fields and update_fields <= unseen):
            changed()

    for model in models:
        uid = model._meta.label_lower
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"readers-save-{uid}")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"readers-delete-{uid}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                changed, sender=through, weak=False, dispatch_uid=f"readers-m2m-{through}"
            )


def bump_after_migrate(using, **kwargs):
    """Migrations may change content without signals: start a new version after each migrate."""
    from core.models import PageCacheVersion

    if settings.REDIS_URL or (
        PageCacheVersion._meta.db_table in connections[using].introspection.table_names()
    ):
        bump_version()
