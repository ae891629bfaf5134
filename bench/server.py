"""What the benchmark (bench.run) and the load test (bench.load) share: a fresh database, the
production environment, and the production server (gunicorn) on a free 127.0.0.1 port."""

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(base, database_url, redis_url, workdir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env | base


def create_database(server_url, name):
    if not server_url:
        return None
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return re.sub(r"/[^/]*$", f"/{name}", server_url)


def drop_database(server_url, name):
    if server_url:
        import psycopg

        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def collectstatic(env):
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def start_gunicorn(env, port, **popen_kwargs):
    """The production server on 127.0.0.1:`port`; the caller stops it. Its settings are loaded
    as the module config.gunicorn, so an installed project (no config/ folder here) has them too."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--config",
            "python:config.gunicorn",
        ],
        cwd=ROOT,
        env=env | {"BIND": f"127.0.0.1:{port}"},
        **popen_kwargs,
    )


def start_live(env, port, **popen_kwargs):
    """The live streams' ASGI server (config/gunicorn_live.py) on 127.0.0.1:`port`."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.asgi",
            "--config",
            "python:config.gunicorn_live",
        ],
        cwd=ROOT,
        # Each stream's request has a thread of its own (Django under ASGI); two malloc arenas
        # instead of one per thread keep their memory down (docs/operations.md).
        env={"MALLOC_ARENA_MAX": "2"} | env | {"LIVE_BIND": f"127.0.0.1:{port}"},
        **popen_kwargs,
    )


def stop(server, timeout=30):
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=timeout)


def worker_rss(master_pid):
    """{worker pid: resident memory in MB} of the gunicorn master's workers."""
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True)
    sizes = {}
    for pid in children.stdout.split():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:  # the worker exited meanwhile
            continue
        match = re.search(r"VmRSS:\s+(\d+)", status)
        if match:
            sizes[int(pid)] = int(match.group(1)) / 1024
    return sizes


def worker_rss_mb(master_pid):
    return list(worker_rss(master_pid).values())


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not start at {url}")


def run_sizes(args, run_size):
    """{slides per week: run_size(args, weeks, slides)} for each of `args.sizes`, with wrk."""
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    sizes = [int(size) for size in args.sizes.split(",")]
    return {size: run_size(args, args.weeks, size) for size in sizes}


def add_size_arguments(parser, connections):
    """The options bench.run and bench.logged_in share: the course's sizes, wrk, the servers."""
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--sizes", default="40,400", help="Slides per week, comma-separated.")
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per URL.")
    parser.add_argument("--connections", type=int, default=connections)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL server URL; SQLite if empty."
    )
    parser.add_argument("--redis-url", default="", help="Shared cache; local memory if empty.")


@dataclass
class Served:
    report: dict  # what the populating command printed, each page with its static twin
    base: str
    port: int
    env: dict
    server: subprocess.Popen


@contextlib.contextmanager
def served_course(args, slides, populate):
    """A fresh database populated by the command `populate` (a list; it prints its report as
    JSON on its last line, {"pages": {label: {"url", "bytes", …}}}), a static file of each
    page's size beside it, and gunicorn serving both; all removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{slides}-"))
    db_name = f"bench_{slides}_{os.getpid()}"
    database_url = create_database(args.database_url, db_name) or f"sqlite:///{workdir}/db.sqlite3"
    env = server_env({}, database_url, args.redis_url, workdir)
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
    try:
        # Before populating: its uncached renders need the manifest of the hashed static files.
        collectstatic(env)
        populated = subprocess.run(
            [PYTHON, *populate], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
        )
        report = json.loads(populated.stdout.strip().splitlines()[-1])
        for label, page in report["pages"].items():
            twin = workdir / "static" / "bench" / f"{label.replace(' ', '-')}.html"
            twin.parent.mkdir(parents=True, exist_ok=True)
            twin.write_bytes(b"x" * page["bytes"])
            page["static"] = f"/static/bench/{twin.name}"
        port = free_port()
        server = start_gunicorn(env, port)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + next(iter(report["pages"].values()))["url"])
            yield Served(report, base, port, env, server)
            report["rss_mb"] = worker_rss_mb(server.pid)
        finally:
            stop(server)
    finally:
        drop_database(args.database_url, db_name)
        shutil.rmtree(workdir, ignore_errors=True)
