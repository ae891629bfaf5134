"""Benchmark the live classroom: followers connected to the stream process, a presenter moving,
students posting; delivery latency, memory per stream, every post delivered once.

It builds a fresh database (a published week, a staff user, enrolled followers and posters, each
with a session), starts the live process as `make serve` does (config/gunicorn_live.py: gunicorn
with uvicorn workers, production settings), connects the followers' EventSource streams with
plain sockets, then times each presenter move until every follower has it, and posts at a steady
rate while counting what each follower receives.

    python -m bench.live                                   # 200 followers, SQLite, no Redis
    python -m bench.live --followers 200 --post-rate 30 --post-seconds 60 \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres --redis-url redis://…/12
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.server import (
    PYTHON,
    ROOT,
    create_database,
    drop_database,
    free_port,
    server_env,
    start_live,
    stop,
    wait_until_up,
    worker_rss_mb,
)

COURSE, WEEK, DISCUSSION, SLIDES = "cities", 7, 3, 20
CSRF = "benchmarkcsrftoken0123456789abcd"  # 32 characters: the cookie and the header agree


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--moves", type=int, default=20, help="Presenter moves to time.")
    parser.add_argument("--post-rate", type=int, default=30, help="Board posts per second.")
    parser.add_argument("--post-seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="Live worker processes.")
    parser.add_argument("--database-url", default="", help="PostgreSQL server; SQLite if empty.")
    parser.add_argument("--redis-url", default="", help="Redis pub/sub; database polling if empty.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON only.")
    parser.add_argument("--populate", nargs=2, type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


# --- inside a Django process -------------------------------------------------------------------


def populate(followers, posters):
    """Create the week and the users; print their session keys as JSON."""
    import datetime

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import Enrolment
    from courses.models import Course
    from weeks.models import Slide, Week

    course = Course.objects.create(title="Chinese Cities", slug=COURSE)
    week = Week.objects.create(
        course=course, number=WEEK, title="Live", date=datetime.date(2026, 3, 3), is_published=True
    )
    Slide.objects.bulk_create(
        Slide(
            week=week,
            position=i - 1,
            index=i,
            number=i,
            heading="Discussion" if i == DISCUSSION else f"Slide {i}",
            html=f"<h1>Slide {i}</h1>",
        )
        for i in range(1, SLIDES + 1)
    )
    User = get_user_model()

    def session_of(user):
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    staff = User.objects.create_user("presenter", password=None, is_staff=True)
    unusable = make_password(None)
    people = User.objects.bulk_create(
        User(username=f"student{n}", password=unusable) for n in range(followers + posters)
    )
    Enrolment.objects.bulk_create(Enrolment(user=user, course=course) for user in people)
    print(
        json.dumps(
            {
                "staff": session_of(staff),
                "followers": [session_of(user) for user in people[:followers]],
                "posters": [session_of(user) for user in people[followers:]],
            }
        )
    )


# --- the clients -------------------------------------------------------------------------------


class Follower:
    """One device's stream, read with a plain socket; when each event arrived."""

    def __init__(self, session):
        self.session = session
        self.slides = {}  # slide number -> arrival time (the latest)
        self.posts = {}  # contribution id -> times received
        self.connected = asyncio.Event()

    async def run(self, port):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                f"GET /{COURSE}/weeks/{WEEK}/live/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Cookie: sessionid={self.session}\r\nAccept: text/event-stream\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        buffer = b""
        try:
            while chunk := await reader.read(65536):
                buffer += chunk
                *blocks, buffer = buffer.split(b"\n\n")
                for block in blocks:
                    self.receive(block.decode(errors="replace"))
        finally:
            writer.close()

    def receive(self, block):
        fields = dict(line.partition(": ")[::2] for line in block.split("\n") if ": " in line)
        name = fields.get("event")
        if "data" not in fields or name not in {"slide", "board"}:
            return
        data = json.loads(fields["data"])
        if name == "slide":
            self.slides[data["slide"]] = time.monotonic()
            self.connected.set()
        else:
            self.posts[data["id"]] = self.posts.get(data["id"], 0) + 1


async def post(port, path, session, fields):
    body = "&".join(f"{key}={value}" for key, value in fields.items()).encode()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Cookie: sessionid={session}; csrftoken={CSRF}\r\nX-CSRFToken: {CSRF}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
    )
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    writer.close()
    return status


async def warm_up(port, sessions, workers):
    """A few streams and a move first, so the memory counted is the streams', not the imports,
    templates and connections of each worker's first requests."""
    first = [Follower(key) for key in sessions["followers"][: 4 * workers]]
    tasks = [asyncio.create_task(f.run(port)) for f in first]
    await asyncio.wait_for(asyncio.gather(*(f.connected.wait() for f in first)), 60)
    await post(port, f"/{COURSE}/weeks/{WEEK}/live/position", sessions["staff"], {"slide": 2})
    await asyncio.sleep(1)
    for task in tasks:
        task.cancel()
    await asyncio.sleep(1)


async def drive(args, port, sessions, master_pid):
    followers = [Follower(key) for key in sessions["followers"]]
    await warm_up(port, sessions, args.workers)
    before = sum(worker_rss_mb(master_pid))
    tasks = [asyncio.create_task(f.run(port)) for f in followers]
    await asyncio.wait_for(asyncio.gather(*(f.connected.wait() for f in followers)), 60)
    await asyncio.sleep(1)
    after = sum(worker_rss_mb(master_pid))

    base = f"/{COURSE}/weeks/{WEEK}/live"
    latencies = []
    for move in range(args.moves):
        slide = 4 + move % (SLIDES - 4)
        started = time.monotonic()
        assert await post(port, f"{base}/position", sessions["staff"], {"slide": slide}) == 204
        deadline = started + 10
        while any(f.slides.get(slide, 0) < started for f in followers):
            assert time.monotonic() < deadline, f"move {move} did not reach every follower"
            await asyncio.sleep(0.005)
        latencies += [f.slides[slide] - started for f in followers]
        await asyncio.sleep(0.2)

    await post(port, f"{base}/position", sessions["staff"], {"slide": DISCUSSION})
    statuses = []
    posters = iter(sessions["posters"])
    for _ in range(args.post_seconds):
        second = time.monotonic()
        batch = [
            post(port, f"{base}/board", next(posters), {"text": "An+answer", "slide": DISCUSSION})
            for _ in range(args.post_rate)
        ]
        statuses += await asyncio.gather(*batch)
        await asyncio.sleep(max(0, second + 1 - time.monotonic()))
    sent = statuses.count(201)
    await asyncio.sleep(3)
    for task in tasks:
        task.cancel()
    received = [f.posts for f in followers]
    ordered = sorted(latencies)
    return {
        "followers": len(followers),
        "moves": args.moves,
        "delivery_p50_ms": round(statistics.median(ordered) * 1000, 1),
        "delivery_p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1),
        "memory_growth_mb": round(after - before, 1),
        "memory_per_stream_kb": round((after - before) * 1024 / len(followers), 1),
        "posts_sent": sent,
        "posts_refused": len(statuses) - sent,
        "posts_delivered_to_every_follower": min(len(r) for r in received),
        "posts_received_twice": sum(count > 1 for r in received for count in r.values()),
    }


def main():
    args = parse_args()
    if args.populate:
        return populate(*args.populate)
    workdir = Path(tempfile.mkdtemp(prefix="bench-live-"))
    name = f"bench_live_{os.getpid()}"
    database_url = create_database(args.database_url, name) or f"sqlite:///{workdir / 'db.sqlite3'}"
    env = server_env({}, database_url, args.redis_url, workdir)
    env["LIVE_CONCURRENCY"] = str(args.workers)
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        posters = args.post_rate * args.post_seconds
        made = subprocess.run(
            [PYTHON, "-m", "bench.live", "--populate", str(args.followers), str(posters)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        sessions = json.loads(made.stdout.strip().splitlines()[-1])
        port = free_port()
        server = start_live(env, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # A stream answers at once, without the static manifest a page would need.
            wait_until_up(f"http://127.0.0.1:{port}/{COURSE}/weeks/{WEEK}/live/events")
            figures = asyncio.run(drive(args, port, sessions, server.pid))
        finally:
            stop(server)
    finally:
        drop_database(args.database_url, name)
    print(json.dumps(figures, indent=None if args.json else 2))
    return figures


if __name__ == "__main__":
    main()
