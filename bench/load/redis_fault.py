"""The Redis fault (--restart-redis): a Redis server of the load's own, stopped while students
save and readers browse, then started again empty; afterwards an edit made by another process
must reach the anonymous pages within the page cache's version TTL."""

import shutil
import socket
import subprocess
import time

from bench.load.client import Client
from bench.load.database import COURSE
from bench.server import PYTHON, ROOT

EDITED_TITLE = "Planning For Innovation, edited after the Redis restart"
WEEK_PAGE = f"/{COURSE}/weeks/7/"
FRESH_WITHIN_SECONDS = 2.0  # the version TTL (1 s) and a request's worth of slack
WATCH_SECONDS = 10.0


class PrivateRedis:
    """redis-server on a free port, keeping nothing on disk."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def restart_redis(load, redis, env):
    """Stop Redis at --restart-at of the run for --outage-seconds, start it, then edit the week
    from another process and watch the anonymous week page until it shows the edit."""
    at = load.t0 + load.args.seconds * load.args.restart_at
    if load.done.wait(max(0.0, at - time.monotonic())):
        return
    outage = load.outage
    outage["start"] = time.monotonic()
    redis.stop()
    time.sleep(load.args.outage_seconds or 2.0)
    redis.start()
    outage["end"] = time.monotonic()
    outage["commands"] = [{"command": "redis-server stop, start", "returncode": 0, "stderr": ""}]
    outage["fresh_after_s"] = edit_and_watch(load, env)
    load.deadline = max(load.deadline, time.monotonic() + 2)


def edit_and_watch(load, env):
    """Seconds from the end of the edit command until the page showed it; None if never."""
    script = (
        "from weeks.models import Week; "
        f"week = Week.objects.get(course__slug={COURSE!r}, number=7); "
        f"week.title = {EDITED_TITLE!r}; week.save()"
    )
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, timeout=60
    )
    edited = time.monotonic()
    client = Client(load.port, [])
    while time.monotonic() < edited + WATCH_SECONDS:
        _, _, body, _ = client.request("week page", "GET", WEEK_PAGE)
        if EDITED_TITLE in body:
            return round(time.monotonic() - edited, 2)
        time.sleep(0.1)
    return None
