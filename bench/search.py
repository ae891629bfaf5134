"""Search at scale: milliseconds per query on a course of 12 weeks of 400 slides each.

It migrates a throwaway database (a temporary SQLite file, or with --database-url a PostgreSQL
database on that server, made and dropped here), builds a course of 12 published weeks whose
decks are the Week 7 deck's slides repeated to 400, lets the site index them as a save does,
then times each query of QUERIES (English, characters and pinyin) through search.services, the
code the search page runs, best of --repeat, and counts its SQL queries.

    python bench/search.py [--repeat 5]
    python -m bench.search --database-url postgres://postgres@127.0.0.1:5432/postgres

It exits 1 if any query takes 50 ms or more, or runs more than one SQL query.
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "search-benchmark-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 (throwaway)
WEEKS, SLIDES = 12, 400
MAX_MS = 50.0
QUERIES = [
    "City Brain",
    "makers",
    "planning innovation",
    "城市",
    "智慧城市",
    "创客",
    "chuangke",
    "chuàngkè",
    "chuang ke",
    "shenzhen",
    "nothing-matches-this",
]


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


def build_course():
    import datetime

    from courses.models import Course
    from demo import DECK_PATH
    from weeks.models import Week
    from weeks.remark import export_deck, parse_deck
    from weeks.revisions import save_deck

    slides = parse_deck(DECK_PATH.read_text(encoding="utf-8")).slides
    deck = export_deck([slides[i % len(slides)] for i in range(SLIDES)])
    course = Course.objects.create(slug="bench", title="Bench course")
    for number in range(1, WEEKS + 1):
        week = Week.objects.create(
            course=course,
            number=number,
            title=f"Week {number}",
            is_published=True,
            date=datetime.date(2027, 1, 5) + datetime.timedelta(weeks=number),
        )
        save_deck(week, deck)
    return course


def measure(course, repeat):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.services import search

    rows = []
    for query in QUERIES:
        best = float("inf")
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                results = search(course, query, AnonymousUser())
                best = min(best, (time.perf_counter() - started) * 1000)
        rows.append((query, len(results), best, len(queries.captured_queries)))
    return rows


def run(repeat):
    from django.core.management import call_command

    from search.models import Entry

    call_command("migrate", verbosity=0)
    started = time.process_time()
    course = build_course()
    seconds = time.process_time() - started
    from django.db import connection

    if connection.vendor == "postgresql":  # as autovacuum would soon after such a bulk save
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")
    print(f"{WEEKS} weeks x {SLIDES} slides saved and indexed in {seconds:.1f} s CPU")
    print(f"{Entry.objects.count()} entries")
    print(f"{'query':24} {'results':>7} {'ms':>7} {'SQL':>4}")
    ok = True
    for query, found, ms, sql in measure(course, repeat):
        print(f"{query:24} {found:7} {ms:7.1f} {sql:4}")
        ok = ok and ms < MAX_MS and sql <= 1
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", help="a PostgreSQL server URL; a database is made on it")
    args = parser.parse_args()
    if args.database_url:
        ok = run_on_postgresql(args.database_url, args.repeat)
    else:
        with tempfile.TemporaryDirectory() as directory:
            setup_django(f"sqlite:///{directory}/bench.sqlite3")
            ok = run(args.repeat)
    sys.exit(0 if ok else 1)


def run_on_postgresql(server_url, repeat):
    import psycopg

    name = f"bench_search_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        setup_django(server_url.rsplit("/", 1)[0] + f"/{name}")
        ok = run(repeat)
        from django.db import connections

        connections.close_all()
        return ok
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
