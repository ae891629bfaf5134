"""Benchmark the pages as logged-in students get them, against static files of the same size.

Like bench.run, for each size (weeks × slides per week) it builds a fresh database from the
Week 7 deck, then enrols 30 students (the two demo students and 28 more, in groups of two with a
draft of Assignment 2) and logs each in. It counts the SQL queries of each page for a student,
rendered with every cache empty and again once warm; starts the production server (gunicorn,
WhiteNoise, production settings) on 127.0.0.1; and drives every page with wrk, each request
carrying the next student's session, beside a static file of the page's byte size. Last, the
class opens the slideshow in the same second: the students' requests are sent together, many
times over, with the page in the cache, for its static twin, and just after a content change.

    python -m bench.logged_in                      # SQLite + local-memory cache, 12×40 and 12×400
    python -m bench.logged_in --database-url postgres://postgres@127.0.0.1:5432/postgres \\
        --redis-url redis://127.0.0.1:6379/14 --seconds 10
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

from bench.run import build_course, count_queries, wrk
from bench.server import PYTHON, ROOT, add_size_arguments, run_sizes, served_course, wait_until_up

COURSE = "chinese-cities"
PAGES = {
    "course home": f"/{COURSE}/",
    "week page": f"/{COURSE}/weeks/7/",
    "slideshow": f"/{COURSE}/weeks/7/slides/",
    "readings": f"/{COURSE}/readings/",
    "glossary": f"/{COURSE}/glossary/",
    "assignment": f"/{COURSE}/assignments/final-project/",
}
BURSTS = 20  # how many times the class opens the slideshow together, per case


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser, connections=16)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--populate", nargs=3, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--bump", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- inside a Django process -------------------------------------------------------------------


def populate(weeks, slides_per_week, students):
    """Build the course and the class; print the sessions and each page's size and queries."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    course, import_seconds = build_course(weeks, slides_per_week)
    cookies = [cookie_of(user) for user in enrol_class(course, students)]
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(cookies[0])
    report = {"import_seconds_max": import_seconds, "cookies": cookies, "pages": {}}
    for label, url in PAGES.items():
        response, cold = count_queries(client, url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code} for a logged-in student")
        with CaptureQueriesContext(connection) as warm:
            response = client.get(url)
        report["pages"][label] = {
            "url": url,
            "bytes": len(response.content),
            "queries": cold,
            "queries_warm": len(warm),
        }
    cache.clear()
    if connection.vendor == "postgresql":  # now, not autovacuum during the measurements
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(json.dumps(report))


def enrol_class(course, size):
    """The demo students and enough more to make `size`, in groups of two with a first draft."""
    from django.contrib.auth import get_user_model

    from accounts.models import Enrolment
    from assignments.models import Assignment, Membership
    from assignments.services import save_revision, start_group

    User = get_user_model()
    students = list(User.objects.filter(enrolments__course=course, is_staff=False))
    assignment = Assignment.objects.get(course=course, slug="final-project")
    for n in range(len(students), size):
        student = User.objects.create_user(
            f"student{n:02d}", email=f"student{n:02d}@example.org", first_name=f"Student {n}"
        )
        Enrolment.objects.create(user=student, course=course)
        students.append(student)
    in_groups = set(Membership.objects.values_list("user_id", flat=True))
    alone = [student for student in students if student.pk not in in_groups]
    for first in range(0, len(alone) - 1, 2):
        pair = alone[first : first + 2]
        group = start_group(assignment=assignment, name=f"Group {first // 2 + 2}")
        for student in pair:
            Membership.objects.create(group=group, user=student)
        save_revision(
            group=group,
            author=pair[0],
            base_number=0,
            topic="Shenzhen's maker spaces",
            sources=["Hui Ching-Yuen, “The Maker Movement in Shenzhen” (2019)"],
            argument="Planning made room for the makers it now claims.",
        )
    return students


def cookie_of(user):
    """The Cookie header of a browser where `user` has logged in (a session and a CSRF cookie)."""
    from importlib import import_module

    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
    )


def bump():
    """A content change, as the instructor's save makes it: every page renders afresh."""
    import django

    django.setup()
    from core.pagecache import bump_version

    bump_version()


# --- the driver --------------------------------------------------------------------------------


def rotating_cookies_script(path, cookies):
    """A wrk script sending each request with the next student's cookies."""
    entries = ",\n".join(json.dumps(cookie) for cookie in cookies)
    path.write_text(
        f"local cookies = {{\n{entries}\n}}\nlocal n = 0\n"
        "request = function()\n"
        "  n = n % #cookies + 1\n"
        '  return wrk.format("GET", nil, {["Cookie"] = cookies[n]})\n'
        "end\n"
    )
    return path


def timed_get(port, path, cookie, start, times):
    """One student's request, sent when `start` opens; its time to the last byte, in ms."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
    request += "Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        start.wait()
        began = time.perf_counter()
        sock.sendall(request.encode())
        status = b""
        while chunk := sock.recv(65536):
            status = status or chunk[:12]
        times.append(((time.perf_counter() - began) * 1000, status.endswith(b"200")))


def class_bursts(port, path, cookies, env, after_change):
    """Latencies (ms) of the class opening `path` together, BURSTS times over: the first burst
    (the first time these students arrive together: each worker's threads meet them at once)
    apart from the others."""
    times, first = [], None
    for _ in range(BURSTS):
        if after_change:
            subprocess.run(
                [PYTHON, "-m", "bench.logged_in", "--bump"], cwd=ROOT, env=env, check=True
            )
            time.sleep(1.2)  # past PAGE_CACHE_VERSION_TTL: every worker has heard of it
        start = threading.Event()
        threads = [
            threading.Thread(target=timed_get, args=(port, path, cookie, start, times))
            for cookie in cookies
        ]
        for thread in threads:
            thread.start()
        time.sleep(0.2)  # every connection is open
        start.set()
        for thread in threads:
            thread.join()
        if first is None:
            first, times = max(ms for ms, _ in times), [t for t in times if not t[1]]
        time.sleep(0.3)
    failed = sum(1 for _, ok in times if not ok)
    latencies = sorted(ms for ms, ok in times if ok)
    return {
        "first": first,
        "p50": statistics.median(latencies),
        "p99": latencies[max(0, round(len(latencies) * 0.99) - 1)],
        "max": latencies[-1],
        "failed": failed,
    }


def warm_up(url, args):
    """Two seconds of anonymous load, so every worker has booted and loaded the site before the
    first page is measured (a worker still importing Django counts against that page)."""
    subprocess.run(
        ["wrk", f"-t{args.threads}", f"-c{args.connections}", "-d2s", url],
        capture_output=True,
        check=True,
    )


def run_size(args, weeks, slides):
    populate = ["-m", "bench.logged_in", "--populate", str(weeks), str(slides), str(args.students)]
    with served_course(args, slides, populate) as served:
        report, base = served.report, served.base
        script = rotating_cookies_script(
            Path(served.env["STATIC_ROOT"]) / "students.lua", report["cookies"]
        )
        warm_up(base + report["pages"]["course home"]["url"], args)
        for page in report["pages"].values():
            wait_until_up(base + page["url"])  # as bench.run: the shared page, rendered once
            page["page"] = wrk(base + page["url"], args, script)
            page["file"] = wrk(base + page["static"], args)
        slideshow, cookies = report["pages"]["slideshow"], report["cookies"]
        report["bursts"] = {
            "cached": class_bursts(served.port, slideshow["url"], cookies, served.env, False),
            "its static twin": class_bursts(
                served.port, slideshow["static"], cookies, served.env, False
            ),
            "after a change": class_bursts(
                served.port, slideshow["url"], cookies, served.env, True
            ),
        }
    return report


def print_table(args, reports):
    sizes = list(reports)
    print(
        f"\nLogged in: {args.students} students' sessions in turn; wrk: {args.connections} "
        f"connections, {args.threads} threads, {args.seconds}s per URL; database: "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}; cache: "
        f"{'Redis' if args.redis_url else 'local memory'}; {os.cpu_count()} cores\n"
    )
    for size, report in reports.items():
        print(
            f"== {args.weeks} weeks × {size} slides "
            f"(worker RSS MB: {', '.join(f'{mb:.0f}' for mb in report['rss_mb'])})"
        )
        print(
            f"{'page':<12} {'bytes':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'file req/s':>10} {'ratio':>6} {'SQL cold':>8} {'SQL warm':>8} {'non-2xx':>7}"
        )
        for label, page in report["pages"].items():
            rps, p50, p99, errors = page["page"]
            file_rps = page["file"][0]
            print(
                f"{label:<12} {page['bytes']:>9} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} "
                f"{file_rps:>10.0f} {rps / file_rps:>6.2f} {page['queries']:>8} "
                f"{page['queries_warm']:>8} {errors:>7}"
            )
        for case, burst in report["bursts"].items():
            print(
                f"the class opens the slideshow together, {case}: first time, slowest "
                f"{burst['first']:.1f} ms; then {args.students} × {BURSTS - 1}: p50 "
                f"{burst['p50']:.1f} ms, p99 {burst['p99']:.1f} ms, max {burst['max']:.1f} ms, "
                f"failed {burst['failed']}"
            )
        print()
    print(
        "SQL queries per page for a student, cold / warm: "
        + ", ".join(
            f"{label} "
            + " | ".join(
                f"{reports[s]['pages'][label]['queries']}/{reports[s]['pages'][label]['queries_warm']}"
                for s in sizes
            )
            for label in reports[sizes[0]]["pages"]
        )
        + f"  (at {' | '.join(map(str, sizes))} slides per week)"
    )


def main():
    args = parse_args()
    if args.populate:
        populate(*args.populate)
        return
    if args.bump:
        bump()
        return
    print_table(args, run_sizes(args, run_size))


if __name__ == "__main__":
    main()
