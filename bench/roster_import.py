"""Roster import at scale: how long 2,000 rows take, and how long the import holds the write lock.

It migrates a fresh database (a temporary SQLite file, or with --database-url a throwaway
PostgreSQL database on that server, dropped afterwards), creates a course and a few existing
accounts, builds a roster of --rows rows and imports it as the admin page does. Meanwhile a
separate process logs a student in again and again (reads the account, updates last_login, as
Django's login does) and records how long each login waited, and any "database is locked".
Every write transaction of the import is timed, from the moment it holds the lock (SQLite's
BEGIN IMMEDIATE, PostgreSQL's first statement) to its commit. The same roster is then imported
again, which must add nothing.

    python bench/roster_import.py [--rows 2000]
    python -m bench.roster_import --database-url postgres://postgres@127.0.0.1:5432/postgres

It prints the figures and exits 1 if the import took over 10 s, held the lock over 1 s, a login
failed, or the second import added anything.
"""

import argparse
import multiprocessing
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXISTING = 100  # accounts that exist before the import; half of them already enrolled
LOGIN_PAUSE = 0.01
MAX_SECONDS, MAX_LOCK_SECONDS = 10.0, 1.0
SECRET_KEY = "roster-benchmark-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 (throwaway)


def setup_django(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=SECRET_KEY,
        DEBUG="0",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class TransactionClock:
    """An execute_wrapper timing each write transaction from its first statement to its commit."""

    def __init__(self, connection):
        self.connection = connection
        self.opened_at = None
        self.durations = []
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if self.connection.in_atomic_block:
            if self.opened_at is None:
                self.opened_at = time.perf_counter()
                self.statements.append(0)
                self.connection.on_commit(self.committed)
            self.statements[-1] += 1
        return result

    def committed(self):
        self.durations.append(time.perf_counter() - self.opened_at)
        self.opened_at = None


def log_in_repeatedly(database_url, username, stop, results):
    """In its own process: update the student's last_login until `stop`; report the waits."""
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import OperationalError
    from django.utils import timezone

    waits, failures = [], []
    while not stop.is_set():
        started = time.perf_counter()
        try:
            user = get_user_model().objects.get(username=username)
            user.last_login = timezone.now()
            user.save(update_fields=["last_login"])
        except OperationalError as error:
            failures.append(str(error))
        waits.append(time.perf_counter() - started)
        time.sleep(LOGIN_PAUSE)
    results.put((waits, failures))


def build_roster(rows):
    lines = ["name,email"]
    lines += [f"Existing {number},existing{number}@example.org" for number in range(EXISTING)]
    lines += [f"Student {number},student{number}@example.org" for number in range(rows - EXISTING)]
    return "\n".join(lines) + "\n"


def prepare():
    """Migrate; create the course, the student who logs in, and the existing accounts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from accounts.models import Enrolment
    from courses.models import Course

    call_command("migrate", verbosity=0)
    course = Course.objects.create(title="Chinese Cities", slug="chinese-cities")
    User = get_user_model()
    User.objects.create(username="logging-in", email="logging-in@example.org")
    password = make_password("a long passphrase 17")  # hashed once: existing accounts log in
    existing = User.objects.bulk_create(
        User(username=f"existing{number}", email=f"existing{number}@example.org", password=password)
        for number in range(EXISTING)
    )
    Enrolment.objects.bulk_create(Enrolment(user=user, course=course) for user in existing[::2])
    return course


def timed_import(course, roster, batch_size):
    from django.db import connection

    from accounts.services import ROSTER_BATCH_SIZE, import_roster

    clock = TransactionClock(connection)
    with connection.execute_wrapper(clock):
        started = time.perf_counter()
        report = import_roster(
            course=course,
            text=roster,
            absolute_url=lambda path: f"https://example.org{path}",
            batch_size=batch_size or ROSTER_BATCH_SIZE,
        )
        elapsed = time.perf_counter() - started
    return report, elapsed, clock


def counts():
    from django.contrib.auth import get_user_model

    from accounts.models import Enrolment, Invitation
    from outbox.models import Message

    return (
        get_user_model().objects.count(),
        Enrolment.objects.count(),
        Invitation.objects.count(),
        Message.objects.count(),
    )


def run(database_url, rows, batch_size):
    setup_django(database_url)
    course = prepare()
    spawn = multiprocessing.get_context("spawn")
    stop, results = spawn.Event(), spawn.Queue()
    login = spawn.Process(
        target=log_in_repeatedly, args=(database_url, "logging-in", stop, results)
    )
    login.start()
    time.sleep(3)  # let the login process set Django up and log in a few times first
    roster = build_roster(rows)
    report, elapsed, clock = timed_import(course, roster, batch_size)
    time.sleep(0.5)
    stop.set()
    waits, failures = results.get(timeout=30)
    login.join(timeout=30)
    before = counts()
    again, again_elapsed, _ = timed_import(course, roster, batch_size)
    print_figures(report, elapsed, clock, waits, failures)
    print(f"second import:   {again_elapsed:.2f} s, {len(again.already_enrolled)} already enrolled")
    added = [after - first for after, first in zip(counts(), before, strict=True)]
    print(f"added by it:     users, enrolments, invitations, e-mails = {added}")
    longest = max(clock.durations, default=0)
    return (
        elapsed <= MAX_SECONDS and longest <= MAX_LOCK_SECONDS and not failures and not any(added)
    )


def print_figures(report, elapsed, clock, waits, failures):
    print(
        f"report:          {len(report.invited)} invited, {len(report.enrolled)} enrolled, "
        f"{len(report.already_enrolled)} already enrolled, {len(report.errors)} errors"
    )
    print(f"total time:      {elapsed:.2f} s")
    print(
        f"transactions:    {len(clock.durations)}, longest {max(clock.durations):.3f} s, "
        f"at most {max(clock.statements)} statements"
    )
    waits = sorted(waits)
    print(
        f"logins meanwhile: {len(waits)}, worst wait {waits[-1]:.3f} s, "
        f"p95 {waits[int(len(waits) * 0.95)]:.3f} s, {len(failures)} failed"
        + (f" ({failures[0]})" if failures else "")
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--batch-size", type=int, help="rows per transaction (default: the app's)")
    parser.add_argument("--database-url", help="a PostgreSQL server (default: a SQLite file)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        if options.database_url:
            name = f"roster_bench_{os.getpid()}"
            database_url = create_database(options.database_url, name)
            try:
                ok = run(database_url, options.rows, options.batch_size)
            finally:
                drop_database(options.database_url, name)
        else:
            ok = run(
                f"sqlite:///{Path(workdir) / 'roster.sqlite3'}", options.rows, options.batch_size
            )
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


def create_database(server_url, name):
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return re.sub(r"/[^/]*$", f"/{name}", server_url)


def drop_database(server_url, name):
    from django.db import connections

    connections.close_all()
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
