"""What the benchmark (bench.run) and the load test (bench.load) share: a fresh database, the
production environment, and the production server (gunicorn) on a free 127.0.0.1 port."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
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
