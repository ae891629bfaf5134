"""Benchmark the public pages against static files of the same size, at two deck sizes.

For each size (weeks × slides per week) it builds a fresh database from the Week 7 deck, counts
the SQL queries each page runs when rendered uncached, starts the production server (gunicorn,
WhiteNoise, production settings) on 127.0.0.1, and drives every page and a static file of the
same byte size with wrk. It prints bytes, requests per second, p50/p99 latency, the ratio to the
static file, the queries per page at each size, the worker memory and the deck import time.

    python -m bench.run                      # SQLite + local-memory cache, 12×40 and 12×400
    python -m bench.run --database-url postgres://postgres@127.0.0.1:5432/postgres \\
        --redis-url redis://127.0.0.1:6379/14 --seconds 10
"""

import argparse
import json
import os
import re
import subprocess
import time

from bench.server import add_size_arguments, run_sizes, served_course, wait_until_up

COURSE = "chinese-cities"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser, connections=32)
    parser.add_argument(
        "--populate", nargs=2, type=int, metavar=("WEEKS", "SLIDES"), help=argparse.SUPPRESS
    )
    return parser.parse_args()


# --- inside a Django process -------------------------------------------------------------------


BENCH_PAGES = {
    "course home": f"/{COURSE}/",
    "week page": f"/{COURSE}/weeks/7/",
    "slideshow": f"/{COURSE}/weeks/7/slides/",
    "readings": f"/{COURSE}/readings/",
    "glossary": f"/{COURSE}/glossary/",
}


def build_course(weeks, slides_per_week):
    """The demo course with `weeks` published weeks of `slides_per_week` slides of the Week 7
    deck; returns the slowest week's deck import time in seconds (inside a Django process)."""
    from demo import DECK_PATH
    from demo.loader import load_demo
    from weeks.models import Week
    from weeks.remark import parse_deck
    from weeks.revisions import save_deck

    course = load_demo()
    source = parse_deck(DECK_PATH.read_text(encoding="utf-8")).slides
    deck_text = "\n---\n".join(
        _slide_markdown(source[i % len(source)]) for i in range(slides_per_week)
    )
    import_seconds = []
    for number in range(1, weeks + 1):
        week, _ = Week.objects.get_or_create(
            course=course,
            number=number,
            defaults={
                "title": f"Week {number}",
                "date": f"2026-02-{number + 1:02d}",
                "is_published": True,
            },
        )
        started = time.perf_counter()
        save_deck(week, deck_text)
        import_seconds.append(time.perf_counter() - started)
    return course, max(import_seconds)


def count_queries(client, url):
    """The response to `url` rendered with every cache emptied, and the SQL queries it ran."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.pagecache import current_version, forget_local_copies

    cache.clear()
    forget_local_copies()
    current_version()  # read now, so only the page's own queries are counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def populate(weeks, slides_per_week):
    """Build the course and report each page's URL, size and uncached query count (JSON)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    _, import_seconds = build_course(weeks, slides_per_week)
    client = Client(HTTP_HOST="127.0.0.1")  # an allowed host in production settings
    report = {"import_seconds_max": import_seconds, "pages": {}}
    for label, url in BENCH_PAGES.items():
        response, queries = count_queries(client, url)
        if response.status_code == 200:
            report["pages"][label] = {
                "url": url,
                "bytes": len(response.content),
                "queries": queries,
            }
    cache.clear()
    print(json.dumps(report))


def _slide_markdown(slide):
    from weeks.remark import export_deck

    return export_deck([slide]).strip("\n")


# --- the driver --------------------------------------------------------------------------------


def wrk(url, args, script=None):
    """(req/s, p50 ms, p99 ms, non-2xx count) of `url` under wrk; `script` is a Lua file."""
    result = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "--latency",
            *(["--script", str(script)] if script else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _latency_ms(re.search(r"\s50%\s+([\d.]+\w+)", out).group(1))
    p99 = _latency_ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def _latency_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_size(args, weeks, slides):
    with served_course(
        args, slides, ["-m", "bench.run", "--populate", str(weeks), str(slides)]
    ) as served:
        for page in served.report["pages"].values():
            wait_until_up(served.base + page["url"])  # warm up: render and cache it once
            page["page"] = wrk(served.base + page["url"], args)
            page["file"] = wrk(served.base + page["static"], args)
    return served.report


def print_table(args, reports):
    sizes = list(reports)
    print(
        f"\nwrk: {args.connections} connections, {args.threads} threads, {args.seconds}s per URL; "
        f"database: {'PostgreSQL' if args.database_url else 'SQLite'}; "
        f"cache: {'Redis' if args.redis_url else 'local memory'}; {os.cpu_count()} cores\n"
    )
    for size, report in reports.items():
        print(
            f"== {args.weeks} weeks × {size} slides "
            f"(deck import, worst week: {report['import_seconds_max']:.2f} s; "
            f"worker RSS MB: {', '.join(f'{mb:.0f}' for mb in report['rss_mb'])})"
        )
        print(
            f"{'page':<12} {'bytes':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'file req/s':>10} {'file p99':>9} {'ratio':>6} {'non-2xx':>7}"
        )
        for label, page in report["pages"].items():
            rps, p50, p99, errors = page["page"]
            file_rps, _, file_p99, _ = page["file"]
            print(
                f"{label:<12} {page['bytes']:>9} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} "
                f"{file_rps:>10.0f} {file_p99:>9.2f} {rps / file_rps:>6.2f} {errors:>7}"
            )
        print()
    print(
        "SQL queries per page, rendered uncached: "
        + ", ".join(
            f"{label} " + "/".join(str(reports[s]["pages"][label]["queries"]) for s in sizes)
            for label in reports[sizes[0]]["pages"]
        )
        + f"  (at {' / '.join(map(str, sizes))} slides per week)"
    )


def main():
    args = parse_args()
    if args.populate:
        populate(*args.populate)
        return
    print_table(args, run_sizes(args, run_size))


if __name__ == "__main__":
    main()
