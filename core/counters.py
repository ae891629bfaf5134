"""A cache backend for numbers that every process shares through the database.

The login throttle counts attempts with `add`, `incr`, `touch` and `get` on a cache. Redis makes
those atomic across processes; without Redis, local memory would give each worker its own counts
(and a guesser one try per worker per delay). This backend keeps them in core.Counter instead:
`add` is an INSERT that the primary key makes atomic, `incr` one UPDATE … RETURNING, so of
simultaneous attempts in several processes each gets its own number. It holds numbers only.
Expiry is by `time.time()`, so tests can move the clock.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import IntegrityError, connection, transaction


class CounterCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    @staticmethod
    def _model():
        from core.models import Counter

        return Counter

    def _expires(self, timeout):
        seconds = self.get_backend_timeout(timeout)
        return float("inf") if seconds is None else seconds  # an absolute time.time()

    def _live(self, key):
        return self._model().objects.filter(key=key, expires__gt=time.time())

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        Counter = self._model()
        Counter.objects.filter(key=key, expires__lte=time.time()).delete()
        try:
            with transaction.atomic():
                Counter.objects.create(key=key, value=value, expires=self._expires(timeout))
        except IntegrityError:
            return False
        return True

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self._live(key).values_list("value", flat=True).first()
        return default if value is None else _number(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self._model().objects.update_or_create(
            key=key, defaults={"value": value, "expires": self._expires(timeout)}
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(self._live(key).update(expires=self._expires(timeout)))

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        table, key_column, value, expires = map(
            connection.ops.quote_name, (self._model()._meta.db_table, "key", "value", "expires")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {value} = {value} + %s "  # noqa: S608 (names quoted above)
                f"WHERE {key_column} = %s AND {expires} > %s RETURNING {value}",
                [delta, key, time.time()],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return _number(row[0])

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(self._model().objects.filter(key=key).delete()[0])

    def delete_many(self, keys, version=None):
        keys = [self.make_and_validate_key(key, version=version) for key in keys]
        self._model().objects.filter(key__in=keys).delete()

    def has_key(self, key, version=None):
        return self._live(self.make_and_validate_key(key, version=version)).exists()

    def clear(self):
        self._model().objects.all().delete()


def _number(value):
    return int(value) if float(value).is_integer() else value
