"""While Redis is away the cache misses instead of failing, and it recovers when Redis returns.

The test runs a Redis server of its own on a free port, so stopping it disturbs nobody.
"""

import pytest
from django.core.cache.backends.redis import RedisCache

from bench.load.redis_fault import PrivateRedis
from core.cache import ResilientRedisCache

pytestmark = pytest.mark.skipif(PrivateRedis().binary is None, reason="needs redis-server")


@pytest.fixture
def redis_server():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def cache_on(server, backend=ResilientRedisCache):
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return backend(f"redis://127.0.0.1:{server.port}/0", {"OPTIONS": options})


def test_the_stock_backend_fails_every_call_while_redis_is_away(redis_server):
    cache = cache_on(redis_server, RedisCache)
    redis_server.stop()
    with pytest.raises(Exception, match="(?i)connect"):
        cache.get("page")


def test_reads_miss_and_writes_are_dropped_while_redis_is_away(redis_server, caplog):
    cache = cache_on(redis_server)
    cache.set("page", "before")
    redis_server.stop()
    assert cache.get("page", "missing") == "missing"
    assert cache.get_many(["page"]) == {}
    assert cache.add("counter", 1) is False
    cache.set("page", "during")  # dropped, not raised
    cache.delete("page")
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert "Redis cache unreachable" in caplog.text


def test_the_cache_works_again_as_soon_as_redis_is_back(redis_server):
    cache = cache_on(redis_server)
    redis_server.stop()
    assert cache.get("page") is None
    redis_server.start()
    cache.set("page", "after")
    assert cache.get("page") == "after"
    assert cache.add("counter", 1)
    assert cache.incr("counter") == 2
