"""Fixtures the page cache tests share: a settable clock, Redis, a command in another process."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from bench.server import server_env
from core.pagecache import versions

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "")


class Clock:
    """Stands in for time.monotonic in the page cache, so the version's TTL passes on demand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds

    def pass_the_ttl(self):
        self.advance(django_settings.PAGE_CACHE_VERSION_TTL + 0.01)


@pytest.fixture
def clock(monkeypatch, settings):
    settings.PAGE_CACHE_VERSION_TTL = 1  # as in production (tests/conftest.py holds it otherwise)
    fake = Clock()
    monkeypatch.setattr(versions, "monotonic", fake)
    monkeypatch.setattr("core.pagecache.pages.monotonic", fake)
    monkeypatch.setattr("core.pagecache.memory.monotonic", fake)
    return fake


@pytest.fixture
def redis_pages(settings):
    """Pages and the version in Redis, as with REDIS_URL; yields a client on that Redis."""
    if not REDIS_TEST_URL:
        pytest.skip("needs REDIS_TEST_URL (CI sets it)")
    import redis

    prefix = f"pagecache-test-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL = REDIS_TEST_URL
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.prefix = prefix
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture(params=["database", "redis"])
def store(request):
    """Run the test once with the version in the database, once with it in Redis."""
    return request.getfixturevalue("redis_pages") if request.param == "redis" else None


def database_url():
    db = django_settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def manage(tmp_path):
    """Run a management command in another process, on the test database (and Redis)."""

    def run(*args, redis_client=None):
        env = server_env({}, database_url(), REDIS_TEST_URL if redis_client else "", tmp_path)
        if redis_client:
            env["CACHE_KEY_PREFIX"] = redis_client.prefix
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    return run
