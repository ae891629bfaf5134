"""core.counters: numbers every process shares through the database (the login counters)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from core.counters import CounterCache

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def counters(time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    return CounterCache("", {})


def test_add_only_creates_and_incr_counts_what_exists(counters):
    assert counters.add("attempts", 0, timeout=60)
    assert not counters.add("attempts", 5, timeout=60)
    assert [counters.incr("attempts") for _ in range(3)] == [1, 2, 3]
    assert counters.incr("attempts", -1) == 2
    with pytest.raises(ValueError):
        counters.incr("nobody")


def test_numbers_expire_by_the_clock_and_touch_extends_them(counters, time_machine):
    counters.set("delay-until", 1_780_000_000.25, timeout=10)
    assert counters.get("delay-until") == 1_780_000_000.25
    time_machine.shift(9)
    assert counters.touch("delay-until", timeout=10)
    time_machine.shift(9)
    assert counters.get("delay-until") == 1_780_000_000.25
    time_machine.shift(2)
    assert counters.get("delay-until", "gone") == "gone"
    assert counters.add("delay-until", 1, timeout=10)  # an expired key may be added again
    with pytest.raises(ValueError):
        counters.incr("attempts")


def test_delete_many_and_clear_forget_the_counts(counters):
    for key in ("a", "b", "c"):
        counters.set(key, 1, timeout=60)
    counters.delete_many(["a", "b"])
    assert [counters.get(key) for key in ("a", "b", "c")] == [None, None, 1]
    counters.clear()
    assert counters.get("c") is None


INCREMENTS = """
import django; django.setup()
from accounts.throttle import _increment
print(" ".join(str(_increment("login:account:1:attempts", 600)) for _ in range(25)))
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="other processes cannot see SQLite's in-memory test database",
)
def test_four_processes_counting_at_once_each_get_their_own_numbers():
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("REDIS_URL", None)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", INCREMENTS], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    numbers = [int(n) for worker in workers for n in worker.communicate(timeout=60)[0].split()]
    assert all(worker.returncode == 0 for worker in workers)
    assert sorted(numbers) == list(range(1, 101))  # none lost, none twice
