"""The load and fault test (`python -m bench.load`), reduced to fit CI.

The first two tests check the script's own judgement, in a blink. SLOW: each of the others starts
its own production server (gunicorn) on a fresh database the script builds itself, and takes
15-30 s. The full-length runs (60 s, 30 students) are `make load`.
"""

import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connections
from django.http import HttpRequest, HttpResponse

from bench.load.checks import analyse
from bench.load.client import Record, message_texts

ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
MAY_RESTART = os.geteuid() == 0 or pwd.getpwuid(os.geteuid()).pw_name == "postgres"


def test_a_save_is_acknowledged_from_the_message_cookie_django_sets():
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(messages.ERROR, "An older message.")
    storage.add(messages.SUCCESS, "Saved as version 12.")
    response = HttpResponse()
    storage.update(response)
    value = response.cookies["messages"].value
    assert message_texts(value) == ["An older message.", "Saved as version 12."]
    long_one = "Saved as version 3. " * 40  # compressed by Django
    storage = CookieStorage(HttpRequest())
    storage.add(messages.SUCCESS, long_one)
    response = HttpResponse()
    storage.update(response)
    assert response.cookies["messages"].value.startswith(".")
    assert message_texts(response.cookies["messages"].value) == [long_one]


def test_the_checks_catch_a_lost_and_a_duplicated_revision():
    """The checker itself, on made-up figures: one acknowledged save missing from the database,
    one stored revision nobody was told about."""
    content = {"topic": "t", "sources": [], "argument": "a"}
    other = {"topic": "u", "sources": [], "argument": "b"}
    record = Record("save", 302, 1.0, 1.1, "acknowledged")
    load = SimpleNamespace(
        outage={},
        log=[record],
        populated={"students": [{"username": "s1", "group": "1"}], "groups": {"1": {"name": "G"}}},
        elapsed=10.0,
        login_seconds=1.0,
        acks=[("1", 1, "s1", content, 1.0, 1.1), ("1", 2, "s1", other, 2.0, 2.1)],
        unconfirmed=[],
        logged_in=["s1"],
        stuck=0,
        samples=[{"t": 0.0, "rss_mb": {1: 100.0}, "db_connections": None}] * 2,
        t0=0.0,
    )
    args = SimpleNamespace(
        restart_db=False, browsers=0, database_url="", redis_url="", threads=4, seconds=10
    )
    stored = {
        "1": {
            "revision_number": 3,
            "content": content,
            "revisions": [
                {"number": 1, "author": "s1", "content": content},
                {"number": 2, "author": "s1", "content": content},  # not what was acknowledged
                {"number": 3, "author": "s1", "content": content},  # never acknowledged
            ],
        }
    }
    server_log = {"database is locked": 0}
    report = analyse(load, stored, args, server_log)
    assert report["revisions"]["lost"] == 1
    assert report["revisions"]["duplicated or unacknowledged"] == 1
    assert not report["ok"]
    failed = {check["check"] for check in report["checks"] if not check["ok"]}
    assert failed == {
        "every acknowledged save is stored as acknowledged (no lost revision)",
        "no stored revision that was not acknowledged (no duplicate)",
    }


def run_load(tmp_path, *args):
    """Run bench.load with the local-memory cache; return (exit code, report, output)."""
    report_path = tmp_path / "report.json"
    env = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", "--report", str(report_path), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = result.stdout + result.stderr[-4000:]
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    return result.returncode, report, output


def test_students_editing_under_load_lose_no_revision(tmp_path):
    """SLOW (~25 s): 10 students in groups of 3 and 3 readers for 8 s, on SQLite, 1 worker."""
    code, report, output = run_load(
        tmp_path, "--students", "10", "--browsers", "3", "--seconds", "8", "--workers", "1"
    )
    assert code == 0, output
    revisions = report["revisions"]
    assert revisions["lost"] == 0
    assert revisions["duplicated or unacknowledged"] == 0
    assert revisions["acknowledged"] == revisions["stored"] > 0
    assert report["save_outcomes"].get("conflict", 0) > 0, "group members never conflicted"
    assert report["errors"]["5xx"] == report["errors"]["no answer"] == 0
    assert all(check["ok"] for check in report["checks"]), output


@pytest.mark.skipif(
    not ON_POSTGRESQL or not shutil.which("pg_ctlcluster") or not MAY_RESTART,
    reason="restarts the PostgreSQL cluster: needs DATABASE_URL on PostgreSQL, pg_ctlcluster, "
    "and root or postgres",
)
def test_a_database_restart_during_saves_loses_no_acknowledged_save(tmp_path):
    """SLOW (~30 s): restart PostgreSQL while 6 students save, on a database of the script's.

    The restart also cuts this test process's own connection to the test database: it is
    closed afterwards, so the tests after this one reconnect instead of failing.
    """
    database = settings.DATABASES["default"]
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    server_url = f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/postgres"
    try:
        code, report, output = run_load(
            tmp_path,
            "--database-url",
            server_url,
            "--restart-db",
            "--restart-at",
            "0.3",
            "--students",
            "6",
            "--browsers",
            "2",
            "--seconds",
            "10",
            "--workers",
            "1",
        )
    finally:
        connections.close_all()
    assert code == 0, output
    outage = report["outage"]
    assert all(command["returncode"] == 0 for command in outage["commands"]), output
    assert report["revisions"]["lost"] == 0, output
    assert report["errors"]["outside outage"] == 0, output
    assert report["errors"]["in outage"] == report["errors"]["in outage, friendly page"]
    assert outage["saves acknowledged after it"] > 0, output


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server (CI installs it)")
def test_a_redis_restart_during_saves_logs_nobody_out_and_leaves_no_stale_page(tmp_path):
    """SLOW (~30 s): the load's own Redis is stopped for 2 s while 6 students save and 3 readers
    browse, then started again empty; an edit made afterwards from another process must show."""
    code, report, output = run_load(
        tmp_path,
        "--restart-redis",
        "--restart-at",
        "0.3",
        "--outage-seconds",
        "2",
        "--students",
        "6",
        "--browsers",
        "3",
        "--seconds",
        "10",
        "--workers",
        "2",
    )
    assert code == 0, output
    assert report["errors"]["5xx"] == report["errors"]["no answer"] == 0, output
    assert report["unexpected"] == 0, output  # a logged-out student's save would be one
    assert report["revisions"]["lost"] == 0, output
    assert report["outage"]["saves acknowledged after it"] > 0, output
    assert report["outage"]["edit visible after, s"] <= 2.0, output
