"""Load and faults: public browsing and students editing group submissions, all at once.

It builds a fresh database (the demo course plus N students enrolled in it, in groups of 3 for
Assignment 2), starts the production server (gunicorn, production settings) on 127.0.0.1 and,
for --seconds, drives it with anonymous readers of the public pages and with the N students,
each logged in once, loading their assignment page and saving their group's submission from the
version they last saw, so members of a group genuinely conflict (409). Every answer is recorded.
A save counts as acknowledged only when the server redirects with "Saved as version N." in the
message cookie it sets. Every ~2 s it samples each worker's memory (VmRSS) and, on PostgreSQL,
the server's connections to the database (pg_stat_activity).

At the end it reads the database back and checks: no 5xx; per group, the revisions stored are
exactly the saves acknowledged (none lost, none duplicated), numbered 1..n, the latest equal to
the submission's current content; worker memory flat; database connections flat and bounded by
workers × threads. It prints requests, statuses and p50/p95 latency per kind, and exits 1 if a
check fails.

With --restart-db (PostgreSQL only) it restarts the PostgreSQL cluster while the students save:
answers that overlap the outage may be 500, but only the site's friendly error page; every save
acknowledged before, during or after the outage must be in the database; service must resume
(the run goes on at least 5 s after the database is back, even past --seconds).

    python bench/load.py                                # SQLite + local-memory cache, 60 s, 30
    python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/postgres \\
        --redis-url redis://127.0.0.1:6379/13 [--restart-db]

Traffic goes only to the server this script starts on 127.0.0.1; every loop is bounded in time.
"""

import argparse
import base64
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from server import (
    PYTHON,
    ROOT,
    collectstatic,
    create_database,
    drop_database,
    free_port,
    server_env,
    start_gunicorn,
    stop,
    wait_until_up,
    worker_rss,
)

COURSE = "chinese-cities"
ASSIGNMENT = "final-project"
GROUP_SIZE = 3
GROUP_PREFIX = "Load group"
PASSWORD = "load-test-password-4821"  # noqa: S105 (set on throwaway accounts of a fresh database)
PUBLIC_PAGES = {
    "course home": f"/{COURSE}/",
    "week page": f"/{COURSE}/weeks/7/",
    "slideshow": f"/{COURSE}/weeks/7/slides/",
    "readings": f"/{COURSE}/readings/",
    "glossary": f"/{COURSE}/glossary/",
    "characters": f"/{COURSE}/characters/",
}
FRIENDLY_ERROR = "<title>Something went wrong</title>"
LEAKS = ("Traceback", 'File "', "OperationalError", "InterfaceError", "psycopg", "sqlite3")
SAMPLE_SECONDS = 2.0
REQUEST_TIMEOUT = 40  # above gunicorn's 30 s worker timeout
JOIN_SECONDS = 50  # how long threads may overrun the deadline (one request at most)
RECOVERY_SECONDS = 5  # the least a --restart-db run goes on after the database is back
MEMORY_GROWTH_MB = 30
MEMORY_GROWTH_RATIO = 0.10


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=6, help="Anonymous readers.")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think", type=float, default=0.5, help="A student's longest pause before a save (s)."
    )
    parser.add_argument(
        "--browse-think", type=float, default=0.2, help="A reader's longest pause (s)."
    )
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL server URL; an SQLite file if empty."
    )
    parser.add_argument("--redis-url", default="", help="Shared cache; local memory if empty.")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: config/gunicorn.py's choice)."
    )
    parser.add_argument("--threads", type=int, default=4, help="Threads per gunicorn worker.")
    parser.add_argument(
        "--restart-db", action="store_true", help="Restart PostgreSQL while students save."
    )
    parser.add_argument(
        "--restart-at", type=float, default=0.4, help="When to restart, as a fraction of the run."
    )
    parser.add_argument(
        "--outage-seconds",
        type=float,
        default=0,
        help="Keep PostgreSQL stopped this long (stop, wait, start) instead of a plain restart.",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--report", help="Also write the figures and checks to this JSON file.")
    parser.add_argument("--server-log", help="Keep gunicorn's log (stderr) at this path.")
    parser.add_argument("--populate", type=int, metavar="STUDENTS", help=argparse.SUPPRESS)
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.restart_db and not args.database_url:
        parser.error("--restart-db needs --database-url (PostgreSQL)")
    if args.students < 1 or args.seconds <= 0:
        parser.error("--students and --seconds must be positive")
    return args


# --- inside a Django process -------------------------------------------------------------------


def populate(students):
    """The demo course, plus `students` enrolled students in groups of 3 (JSON on stdout)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.urls import reverse

    from accounts.models import Enrolment
    from assignments import services
    from assignments.models import Assignment
    from demo.loader import load_demo

    call_command("migrate", verbosity=0)
    course = load_demo()
    assignment = Assignment.objects.get(course=course, slug=ASSIGNMENT)
    password = make_password(PASSWORD)  # hashed once; each login still checks it in full
    report = {"assignment": assignment.get_absolute_url(), "students": [], "groups": {}}
    group = None
    for index in range(students):
        user = get_user_model().objects.create(
            username=f"load-{index + 1:03d}",
            first_name=f"Student {index + 1}",
            email=f"load-{index + 1:03d}@example.org",
            password=password,
        )
        Enrolment.objects.create(user=user, course=course, role=Enrolment.Role.STUDENT)
        if index % GROUP_SIZE == 0:
            name = f"{GROUP_PREFIX} {index // GROUP_SIZE + 1:02d}"
            group = services.create_group(assignment=assignment, user=user, name=name)
            report["groups"][str(group.pk)] = {
                "name": name,
                "save": reverse("assignments:save", args=[course.slug, assignment.slug, group.pk]),
            }
        else:
            services.join_group(assignment=assignment, user=user, code=group.join_code)
        report["students"].append({"username": user.username, "group": str(group.pk)})
    print(json.dumps(report))


def dump():
    """Every load group's submission and revisions, as stored (JSON on stdout)."""
    import django

    django.setup()
    from assignments.models import Group

    groups = Group.objects.filter(name__startswith=GROUP_PREFIX).select_related("submission")
    report = {}
    for group in groups:
        submission = group.submission
        revisions = submission.revisions.select_related("author").order_by("number")
        report[str(group.pk)] = {
            "name": group.name,
            "revision_number": submission.revision_number,
            "content": submission.content,
            "revisions": [
                {
                    "number": revision.number,
                    "author": revision.author.username if revision.author else None,
                    "content": revision.content,
                }
                for revision in revisions
            ],
        }
    print(json.dumps(report))


# --- the HTTP clients --------------------------------------------------------------------------


@dataclass
class Record:
    kind: str
    status: int | None  # None: no HTTP answer (connection refused, reset, timed out)
    started: float
    ended: float
    outcome: str = ""
    detail: str = ""


class Client:
    """One browser: its own cookies, one short connection per request (no retries, ever)."""

    def __init__(self, port, log):
        self.port = port
        self.log = log
        self.cookies = {}

    def request(self, kind, method, path, form=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            record = Record(kind, None, started, time.monotonic(), "transport", repr(error))
            self.log.append(record)
            return record, None, "", {}
        finally:
            connection.close()
        record = Record(kind, response.status, started, time.monotonic())
        self.log.append(record)
        return record, response, content, self._take_cookies(response)

    def _take_cookies(self, response):
        """Keep what Set-Cookie says, like a browser; return {name: value or None if deleted}."""
        changed = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            try:
                jar.load(header)
            except CookieError:
                continue
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                    changed[name] = None
                else:
                    self.cookies[name] = morsel.value
                    changed[name] = morsel.value
        return changed


def message_texts(cookie_value):
    """The texts of Django's messages cookie (signed, maybe zlib-compressed JSON; unverified)."""
    if not cookie_value:
        return []
    payload = cookie_value.split(":", 1)[0]  # then ":timestamp:signature"
    compressed = payload.startswith(".")
    payload = payload.lstrip(".")
    try:
        data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        if compressed:
            data = zlib.decompress(data)
        items = json.loads(data.decode("latin-1"))
    except (ValueError, zlib.error):
        return []
    return [item[3] for item in items if isinstance(item, list) and len(item) > 3]


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASE = re.compile(r'name="base_number" value="(\d+)"')
SAVED = re.compile(r"Saved as version (\d+)\.")


def form_state(content):
    """(base revision, CSRF token) of the submission form on an assignment page, or None."""
    start = content.find('id="submission-form"')
    if start < 0:
        return None
    form = content[start:]
    base, token = BASE.search(form), CSRF.search(form)
    return (int(base.group(1)), token.group(1)) if base and token else None


def is_friendly_error(content):
    return FRIENDLY_ERROR in content and not any(leak in content for leak in LEAKS)


class Load:
    """The students, the readers, the sampler and the fault, around one running server."""

    def __init__(self, args, port, populated, server_pid, database):
        self.args = args
        self.port = port
        self.populated = populated
        self.server_pid = server_pid
        self.database = database  # (server URL, database name) on PostgreSQL, else None
        self.log = []  # every Record; list.append is atomic
        self.acks = []  # (group pk, number, username, content, started, ended)
        self.unconfirmed = []  # (group pk, username, content, started, ended): no answer
        self.logged_in = []
        self.samples = []
        self.outage = {}
        self.go = threading.Event()
        self.done = threading.Event()
        self.t0 = None
        self.deadline = None

    # Students ------------------------------------------------------------------------------

    def student(self, index, username, group):
        rng = random.Random(self.args.seed * 1000 + index)  # noqa: S311 (think times)
        client = Client(self.port, self.log)
        if not self.log_in(client, username):
            return
        self.logged_in.append(username)
        if not self.go.wait(timeout=300):
            return
        save_path = self.populated["groups"][group]["save"]
        state = self.load_page(client)
        sequence = 0
        while time.monotonic() < self.deadline:
            if state is None:  # the page did not load: wait a little and reload it
                time.sleep(min(0.5, max(0.0, self.deadline - time.monotonic())))
                if time.monotonic() < self.deadline:
                    state = self.load_page(client)
                continue
            time.sleep(rng.uniform(0, self.args.think))
            if time.monotonic() >= self.deadline:
                break
            sequence += 1
            base, token = state
            content = {
                "topic": f"{self.populated['groups'][group]['name']}, draft {sequence} "
                f"by {username}",
                "sources": [
                    f"Field notes of {username}, visit {sequence}",
                    "Lindtner, S. (2020). Prototype Nation. Princeton University Press.",
                    f"https://example.org/{username}/{sequence}",
                ],
                "argument": f"{username} argues in draft {sequence} that planning shapes "
                "innovation in Shenzhen",
            }
            form = {
                "csrfmiddlewaretoken": token,
                "base_number": str(base),
                "topic": content["topic"],
                "sources": "\n".join(content["sources"]),
                "argument": content["argument"],
            }
            record, response, body, cookies = client.request("save", "POST", save_path, form)
            state = self.after_save(
                client, record, response, body, cookies, group, username, content
            )

    def log_in(self, client, username):
        record, _, body, _ = client.request("login page", "GET", "/accounts/login/")
        token = CSRF.search(body) if record.status == 200 else None
        if token is None:
            return False
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PASSWORD,
        }
        record, _, _, _ = client.request("login", "POST", "/accounts/login/", form)
        return record.status == 302 and "sessionid" in client.cookies

    def load_page(self, client, path=None):
        record, _, body, _ = client.request(
            "assignment page", "GET", path or self.populated["assignment"]
        )
        if record.status != 200:
            self.note_error(record, body)
            return None
        state = form_state(body)
        if state is None:
            record.outcome, record.detail = "unexpected", "no submission form on the page"
        return state

    def after_save(self, client, record, response, body, cookies, group, username, content):
        """Classify the save's answer; return the form state to save from next."""
        unconfirmed = (group, username, content, record.started, record.ended)
        if record.status == 302:
            texts = message_texts(cookies.get("messages"))
            last = texts[-1] if texts else ""
            saved = SAVED.fullmatch(last)
            if saved:
                record.outcome = "acknowledged"
                number = int(saved.group(1))
                self.acks.append((group, number, username, content, record.started, record.ended))
            elif last == "No changes to save.":
                record.outcome = "unchanged"
            else:
                record.outcome, record.detail = "rejected", last or "no message"
            location = urlsplit(response.headers.get("Location", "")).path
            return self.load_page(client, location or None)
        if record.status == 409:
            record.outcome = "conflict"
            state = form_state(body)
            return state if state is not None else self.load_page(client)
        if record.status is None or record.status >= 500:
            self.unconfirmed.append(unconfirmed)
            self.note_error(record, body)
        else:
            record.outcome, record.detail = "unexpected", body[:200]
        return self.load_page(client)

    @staticmethod
    def note_error(record, body):
        if record.status is not None and record.status >= 500:
            record.outcome = "friendly error" if is_friendly_error(body) else "raw error"
            record.detail = body[:300]

    # Readers -------------------------------------------------------------------------------

    def reader(self, index):
        rng = random.Random(self.args.seed * 1000 + 500 + index)  # noqa: S311 (page choice)
        client = Client(self.port, self.log)
        pages = list(PUBLIC_PAGES.items())
        if not self.go.wait(timeout=300):
            return
        while time.monotonic() < self.deadline:
            kind, path = rng.choice(pages)
            record, _, body, _ = client.request(kind, "GET", path)
            self.note_error(record, body)
            time.sleep(rng.uniform(0, self.args.browse_think))

    # Sampler and fault ---------------------------------------------------------------------

    def sample(self, connection=None):
        """One sample of worker memory and database connections; returns the connection."""
        connections = None
        if self.database:
            import psycopg

            server_url, name = self.database
            try:
                if connection is None or connection.closed:
                    connection = psycopg.connect(server_url, autocommit=True, connect_timeout=2)
                connections = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND backend_type = 'client backend'",
                    [name],
                ).fetchone()[0]
            except psycopg.Error:
                if connection is not None:
                    connection.close()
                connection = None
        self.samples.append(
            {
                "t": time.monotonic() - self.t0,
                "rss_mb": worker_rss(self.server_pid),
                "db_connections": connections,
            }
        )
        return connection

    def sampler(self):
        connection = None
        while not self.done.is_set():
            connection = self.sample(connection)
            self.done.wait(SAMPLE_SECONDS)
        if connection is not None:
            connection.close()

    def restart_database(self):
        """Restart the PostgreSQL cluster once, at --restart-at of the run; note the outage."""
        import psycopg

        at = self.t0 + self.args.seconds * self.args.restart_at
        if self.done.wait(max(0.0, at - time.monotonic())):
            return
        version = sorted(os.listdir("/etc/postgresql"))[0]
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
        self.outage["start"] = time.monotonic()
        if self.args.outage_seconds:
            steps = [command + ["stop"], None, command + ["start"]]
        else:
            steps = [command + ["restart"]]
        results = []
        for step in steps:
            if step is None:
                time.sleep(self.args.outage_seconds)
                continue
            result = subprocess.run(step, capture_output=True, text=True, timeout=120)
            results.append(
                {
                    "command": " ".join(step),
                    "returncode": result.returncode,
                    "stderr": result.stderr,
                }
            )
        self.outage["commands"] = results
        server_url, _ = self.database
        up_by = time.monotonic() + 60
        while time.monotonic() < up_by:  # the outage ends when a new connection succeeds
            try:
                with psycopg.connect(server_url, connect_timeout=2):
                    break
            except psycopg.Error:
                time.sleep(0.1)
        else:
            self.outage["never_recovered"] = True
        self.outage["end"] = time.monotonic()
        # Watch normal service for a while after the outage, even past --seconds.
        self.deadline = max(self.deadline, self.outage["end"] + RECOVERY_SECONDS)

    # Running ------------------------------------------------------------------------------

    def run(self):
        self.login_started = time.monotonic()
        threads = [
            threading.Thread(target=self.student, args=(i, s["username"], s["group"]), daemon=True)
            for i, s in enumerate(self.populated["students"])
        ]
        for thread in threads:
            thread.start()
        login_by = time.monotonic() + 60 + 2 * len(threads)
        while len(self.logged_in) < len(threads) and time.monotonic() < login_by:
            if not any(thread.is_alive() for thread in threads):
                break
            time.sleep(0.1)
        self.login_seconds = time.monotonic() - self.login_started
        readers = [
            threading.Thread(target=self.reader, args=(i,), daemon=True)
            for i in range(self.args.browsers)
        ]
        for thread in readers:
            thread.start()
        self.t0 = time.monotonic()
        self.deadline = self.t0 + self.args.seconds
        helpers = [threading.Thread(target=self.sampler, daemon=True)]
        if self.args.restart_db:
            helpers.append(threading.Thread(target=self.restart_database, daemon=True))
        for thread in helpers:
            thread.start()
        self.go.set()
        for thread in threads + readers:  # the deadline may move (restart_database)
            while thread.is_alive() and time.monotonic() < self.deadline + JOIN_SECONDS:
                thread.join(timeout=1)
        self.stuck = sum(thread.is_alive() for thread in threads + readers)
        self.elapsed = time.monotonic() - self.t0
        self.done.set()
        for thread in helpers:
            thread.join(timeout=130)
        self.sample()  # the end of the run


# --- the figures and the checks ----------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def in_outage(record, outage):
    return bool(outage) and record.started <= outage["end"] and record.ended >= outage["start"]


def analyse(load, stored, args, server_log):
    """Every figure and check, as a JSON-ready dict."""
    outage = load.outage if args.restart_db else {}
    records = load.log
    report = {
        "students": len(load.populated["students"]),
        "groups": len(load.populated["groups"]),
        "browsers": args.browsers,
        "seconds": round(load.elapsed, 1),
        "login_seconds": round(load.login_seconds, 1),
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "cache": "Redis" if args.redis_url else "local memory",
        "cores": os.cpu_count(),
        "threads": args.threads,
        "kinds": {},
    }
    kinds = {}
    for record in records:
        kinds.setdefault(record.kind, []).append(record)
    for kind, items in kinds.items():
        statuses = {}
        for record in items:
            key = str(record.status) if record.status is not None else "no answer"
            statuses[key] = statuses.get(key, 0) + 1
        latencies = [1000 * (r.ended - r.started) for r in items if r.status is not None]
        report["kinds"][kind] = {
            "requests": len(items),
            "statuses": statuses,
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
        }
    report["requests"] = len(records)
    report["requests_per_second"] = round(len(records) / max(load.elapsed, 0.001), 1)
    saves = kinds.get("save", [])
    outcomes = {}
    for record in saves:
        outcomes[record.outcome or "?"] = outcomes.get(record.outcome or "?", 0) + 1
    report["save_outcomes"] = outcomes
    rejected = {}
    for record in saves:
        if record.outcome in ("rejected", "unexpected"):
            rejected[record.detail[:120]] = rejected.get(record.detail[:120], 0) + 1
    report["save_rejections"] = rejected

    errors = [r for r in records if r.status is None or r.status >= 500]
    in_window = [r for r in errors if r.status is not None and in_outage(r, outage)]
    outside = [r for r in errors if r not in in_window]
    report["errors"] = {
        "5xx": sum(r.status is not None for r in errors),
        "no answer": sum(r.status is None for r in errors),
        "in outage": len(in_window),
        "in outage, friendly page": sum(r.outcome == "friendly error" for r in in_window),
        "outside outage": len(outside),
        "outside, examples": sorted(
            {f"{r.kind} {r.status}: {(r.detail or '')[:160]}" for r in outside}
        )[:5],
    }
    report["unexpected"] = sum(r.outcome in ("unexpected", "rejected") for r in records)

    checks = []

    def check(name, ok, detail=""):
        checks.append({"check": name, "ok": bool(ok), "detail": detail})

    check(
        "every student logged in",
        len(load.logged_in) == report["students"],
        f"{len(load.logged_in)} of {report['students']} in {report['login_seconds']} s",
    )
    check("every client stopped in time", load.stuck == 0, f"{load.stuck} still running")
    check(
        "no 5xx and no unanswered request" + (" outside the outage" if outage else ""),
        not outside,
        f"{len(outside)} outside"
        + (f", {len(in_window)} inside the outage window" if outage else ""),
    )
    check(
        "no unexpected answer (save refused, bad form, no submission form, odd status)",
        report["unexpected"] == 0,
        f"{report['unexpected']}",
    )
    if outage:
        check(
            "errors inside the outage show the friendly error page",
            all(r.outcome == "friendly error" for r in in_window),
            f"{report['errors']['in outage, friendly page']} of {len(in_window)} friendly",
        )

    # Revisions: acknowledged saves against the database.
    acks_by_group = {}
    for group, number, username, content, started, ended in load.acks:
        acks_by_group.setdefault(group, []).append((number, username, content, started, ended))
    unconfirmed_groups = {item[0] for item in load.unconfirmed}
    lost, duplicated, unconfirmed_stored, gaps, stale = [], [], [], [], []
    per_group = {}
    for group, info in load.populated["groups"].items():
        state = stored.get(group, {"revisions": [], "revision_number": 0, "content": {}})
        revisions = {r["number"]: r for r in state["revisions"]}
        acks = acks_by_group.get(group, [])
        acked_numbers = {}
        for number, username, content, _, _ in acks:
            revision = revisions.get(number)
            if (
                number in acked_numbers
                or revision is None
                or (revision["author"], revision["content"]) != (username, content)
            ):
                lost.append(f"{info['name']} version {number} by {username}")
            acked_numbers[number] = username
        for number in sorted(set(revisions) - set(acked_numbers)):
            # A save whose answer never came (outage) may have landed: that is not a loss.
            if group in unconfirmed_groups and outage:
                unconfirmed_stored.append(f"{info['name']} version {number}")
            else:
                duplicated.append(f"{info['name']} version {number}")
        numbers = sorted(revisions)
        if numbers != list(range(1, len(numbers) + 1)) or state["revision_number"] != len(numbers):
            gaps.append(f"{info['name']}: {numbers[:3]}…{numbers[-3:]}")
        if numbers and revisions[numbers[-1]]["content"] != state["content"]:
            stale.append(info["name"])
        per_group[info["name"]] = {"acknowledged": len(acks), "stored": len(revisions)}
    report["revisions"] = {
        "acknowledged": len(load.acks),
        "stored": sum(len(s["revisions"]) for s in stored.values()),
        "lost": len(lost),
        "duplicated or unacknowledged": len(duplicated),
        "stored, answer lost in the outage": len(unconfirmed_stored),
        "per group": per_group,
    }
    check(
        "every acknowledged save is stored as acknowledged (no lost revision)",
        not lost,
        f"{len(load.acks)} acknowledged, {len(lost)} lost {lost[:5]}",
    )
    check(
        "no stored revision that was not acknowledged (no duplicate)",
        not duplicated,
        f"{report['revisions']['stored']} stored, {len(duplicated)} unacknowledged {duplicated[:5]}"
        + (
            f"; {len(unconfirmed_stored)} from saves whose answer was lost in the outage"
            if unconfirmed_stored
            else ""
        ),
    )
    check("revision numbers contiguous from 1", not gaps, "; ".join(gaps[:5]))
    check("latest revision equals the current submission", not stale, ", ".join(stale[:5]))
    check("some saves were acknowledged", load.acks, f"{len(load.acks)}")

    # Worker memory: from a third of the run to its end, per worker.
    samples = load.samples
    baseline = next((s for s in samples if s["t"] >= args.seconds / 3), samples[0])
    final = samples[-1]
    memory = {}
    flat = True
    for pid, start_mb in baseline["rss_mb"].items():
        end_mb = final["rss_mb"].get(pid)
        if end_mb is None:
            memory[str(pid)] = {"third": round(start_mb, 1), "end": None}
            continue
        growth = end_mb - start_mb
        memory[str(pid)] = {
            "third": round(start_mb, 1),
            "end": round(end_mb, 1),
            "growth_mb": round(growth, 1),
            "max": round(max(s["rss_mb"].get(pid, 0) for s in samples), 1),
        }
        if not (growth < MEMORY_GROWTH_MB or growth < MEMORY_GROWTH_RATIO * start_mb):
            flat = False
    workers = len(baseline["rss_mb"]) or len(final["rss_mb"])
    report["workers"] = workers
    report["memory_mb"] = memory
    report["worker_pids_seen"] = len({pid for s in samples for pid in s["rss_mb"]})
    check(
        f"worker memory flat (growth from a third of the run < {MEMORY_GROWTH_MB} MB or "
        f"< {MEMORY_GROWTH_RATIO:.0%})",
        flat and memory,
        ", ".join(
            f"{m['third']}→{m['end']} MB" for m in memory.values() if m.get("end") is not None
        ),
    )

    # Database connections (PostgreSQL): bounded by workers × threads, and steady.
    if args.database_url:
        bound = workers * args.threads
        counts = [s["db_connections"] for s in samples if s["db_connections"] is not None]
        steady = [
            s["db_connections"]
            for s in samples
            if s["db_connections"] is not None
            and s["t"] >= args.seconds / 3
            and not (
                outage
                and outage["start"] - load.t0 - SAMPLE_SECONDS <= s["t"]
                and s["t"] <= outage["end"] - load.t0 + 2 * SAMPLE_SECONDS
            )
        ]
        report["db_connections"] = {
            "min": min(counts, default=None),
            "max": max(counts, default=None),
            "steady min": min(steady, default=None),
            "steady max": max(steady, default=None),
            "bound": bound,
            "samples": counts,
        }
        check(
            "database connections bounded by workers × threads",
            counts and max(counts) <= bound,
            f"max {max(counts, default=None)} ≤ {workers} × {args.threads} = {bound}",
        )
        spread = max(steady) - min(steady) if steady else None
        check(
            "database connections flat (steady max − min ≤ threads per worker)",
            spread is not None and spread <= args.threads,
            f"{min(steady, default=None)}..{max(steady, default=None)} after the first third",
        )

    if outage:
        start, end = outage["start"], outage["end"]
        report["outage"] = {
            "starts_at_s": round(start - load.t0, 2),
            "lasts_s": round(end - start, 2),
            "commands": outage.get("commands"),
            "errors inside": len(in_window),
            "errors inside, by kind": {
                kind: sum(r.kind == kind for r in in_window) for kind in {r.kind for r in in_window}
            },
            "first and last error inside, s": [
                round(min(r.started for r in in_window) - load.t0, 2),
                round(max(r.ended for r in in_window) - load.t0, 2),
            ]
            if in_window
            else None,
            "saves acknowledged during it": sum(start <= a[5] and a[4] <= end for a in load.acks),
        }
        after = [a for a in load.acks if a[4] > end]
        first_after = min((a[5] for a in after), default=None)
        report["outage"]["first save acknowledged after it, s"] = (
            round(first_after - end, 2) if first_after else None
        )
        report["outage"]["saves acknowledged after it"] = len(after)
        check(
            "the restart ran",
            all(c["returncode"] == 0 for c in outage.get("commands", []))
            and not outage.get("never_recovered"),
            json.dumps(outage.get("commands")),
        )
        check("service resumed: saves acknowledged after the outage", after, f"{len(after)}")

    report["server_log"] = server_log
    check(
        'no "database is locked" in the server log',
        server_log["database is locked"] == 0,
        f"{server_log['database is locked']}",
    )
    report["checks"] = checks
    report["ok"] = all(c["ok"] for c in checks)
    return report


def read_server_log(path):
    text = path.read_text(errors="replace") if path.exists() else ""
    failing = {}
    for match in re.finditer(r"^Internal Server Error: (\S+)", text, re.M):
        failing[match.group(1)] = failing.get(match.group(1), 0) + 1
    exceptions = {}
    for match in re.finditer(r"^([\w.]+(?:Error|Exception)): (.{0,100})", text, re.M):
        key = f"{match.group(1)}: {match.group(2)}"
        exceptions[key] = exceptions.get(key, 0) + 1
    return {
        "internal server errors by path": failing,
        "exceptions": dict(sorted(exceptions.items(), key=lambda item: -item[1])[:8]),
        "database is locked": text.count("database is locked"),
        "worker timeouts": text.count("WORKER TIMEOUT"),
    }


def print_report(report):
    print(
        f"\nLoad: {report['students']} students in {report['groups']} groups + "
        f"{report['browsers']} anonymous readers for {report['seconds']} s "
        f"(logins took {report['login_seconds']} s before); {report['database']}, "
        f"{report['cache']} cache; gunicorn {report['workers']} worker(s) × "
        f"{report['threads']} threads; {report['cores']} cores"
    )
    print(
        f"{'kind':<16} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses\n"
        + "\n".join(
            f"{kind:<16} {k['requests']:>8} {k['p50_ms']:>8.1f} {k['p95_ms']:>8.1f}  "
            + ", ".join(f"{status}: {n}" for status, n in sorted(k["statuses"].items()))
            for kind, k in sorted(report["kinds"].items())
        )
    )
    print(f"{'total':<16} {report['requests']:>8}  ({report['requests_per_second']} requests/s)")
    print(f"\nSaves: {report['save_outcomes']}")
    if report["save_rejections"]:
        print(f"  rejected or unexpected: {report['save_rejections']}")
    revisions = report["revisions"]
    print(
        f"Revisions: {revisions['acknowledged']} acknowledged, {revisions['stored']} stored, "
        f"{revisions['lost']} lost, {revisions['duplicated or unacknowledged']} unacknowledged"
        + (
            f", {revisions['stored, answer lost in the outage']} stored from saves whose answer "
            "was lost in the outage"
            if revisions["stored, answer lost in the outage"]
            else ""
        )
    )
    print(
        "  per group (acknowledged/stored): "
        + ", ".join(
            f"{name[-2:]} {g['acknowledged']}/{g['stored']}"
            for name, g in revisions["per group"].items()
        )
    )
    print(f"Errors: {json.dumps(report['errors'], ensure_ascii=False)}")
    print(
        "Worker RSS MB (a third in → end): "
        + ", ".join(
            f"{m['third']} → {m['end']}" + (f" (max {m['max']})" if "max" in m else "")
            for m in report["memory_mb"].values()
        )
        + f"; {report['worker_pids_seen']} worker process(es) seen"
    )
    if "db_connections" in report:
        db = report["db_connections"]
        print(
            f"DB connections: min {db['min']}, max {db['max']}, steady {db['steady min']}.."
            f"{db['steady max']}, bound {db['bound']}; samples {db['samples']}"
        )
    if "outage" in report:
        print(f"Outage: {json.dumps(report['outage'], ensure_ascii=False)}")
    print(f"Server log: {json.dumps(report['server_log'], ensure_ascii=False)}")
    print("\nChecks:")
    for check in report["checks"]:
        print(f"  {'PASS' if check['ok'] else 'FAIL'}  {check['check']}  ({check['detail']})")
    print(f"\nRESULT: {'PASS' if report['ok'] else 'FAIL'}")


def django_json(mode, env):
    result = subprocess.run(
        [PYTHON, __file__, *mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode:
        sys.exit(f"{' '.join(mode)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    args = parse_args()
    if args.populate is not None:
        sys.path.insert(0, str(ROOT))
        populate(args.populate)
        return
    if args.dump:
        sys.path.insert(0, str(ROOT))
        dump()
        return
    if args.restart_db and not shutil.which("pg_ctlcluster"):
        sys.exit("--restart-db needs pg_ctlcluster (Debian's postgresql-common)")
    workdir = Path(tempfile.mkdtemp(prefix="load-"))
    db_name = f"load_{os.getpid()}"
    database_url = create_database(args.database_url, db_name) or f"sqlite:///{workdir}/db.sqlite3"
    extra = {"THREADS": str(args.threads)}
    if args.workers:
        extra["WEB_CONCURRENCY"] = str(args.workers)
    env = server_env(extra, database_url, args.redis_url, workdir)
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
    server = None
    log_path = workdir / "server.log"
    try:
        static = threading.Thread(target=collectstatic, args=(env,))
        static.start()
        populated = django_json(["--populate", str(args.students)], env)
        static.join()
        port = free_port()
        with log_path.open("w") as log_file:
            server = start_gunicorn(env, port, stdout=log_file, stderr=subprocess.STDOUT)
        wait_until_up(f"http://127.0.0.1:{port}{PUBLIC_PAGES['course home']}")
        load = Load(
            args,
            port,
            populated,
            server.pid,
            (args.database_url, db_name) if args.database_url else None,
        )
        load.run()
        stop(server)
        server = None
        stored = django_json(["--dump"], env)
        report = analyse(load, stored, args, read_server_log(log_path))
        print_report(report)
        if args.report:
            Path(args.report).write_text(json.dumps(report, indent=1, ensure_ascii=False))
        if not report["ok"]:
            tail = log_path.read_text(errors="replace").splitlines()[-40:]
            print("\nLast lines of the server log:\n" + "\n".join(tail))
    finally:
        if server is not None:
            stop(server)
        if args.server_log and log_path.exists():
            shutil.copyfile(log_path, args.server_log)
        drop_database(args.database_url, db_name)
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
