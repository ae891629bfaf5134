"""`python -m bench.load`: the arguments, then the run: a fresh database, the production server,
the load, the database read back, the checks and the report (exit 1 if a check fails)."""

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import bench.load
from bench.load.checks import analyse
from bench.load.database import django_json, dump, populate
from bench.load.figures import read_server_log
from bench.load.redis_fault import PrivateRedis, restart_redis
from bench.load.report import print_report
from bench.load.scenario import PUBLIC_PAGES, Load
from bench.server import (
    collectstatic,
    create_database,
    drop_database,
    free_port,
    server_env,
    start_gunicorn,
    stop,
    wait_until_up,
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=bench.load.__doc__.splitlines()[0]
    )
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
        "--restart-redis",
        action="store_true",
        help="Run a Redis server of the load's own and restart it (empty) while students save.",
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
    if args.restart_redis and (args.restart_db or args.redis_url):
        parser.error("--restart-redis brings its own Redis; not with --redis-url or --restart-db")
    if args.students < 1 or args.seconds <= 0:
        parser.error("--students and --seconds must be positive")
    return args


def start_private_redis(args):
    """For --restart-redis: a Redis server of the load's own, which the run may stop."""
    if not args.restart_redis:
        return None
    private = PrivateRedis()
    if not private.binary:
        sys.exit("--restart-redis needs redis-server")
    private.start()
    args.redis_url = private.url
    return private


def judge(load, args, env, log_path):
    """Read the database back, check and print; the report."""
    stored = django_json(["--dump"], env)
    report = analyse(load, stored, args, read_server_log(log_path))
    print_report(report)
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1, ensure_ascii=False))
    if not report["ok"]:
        tail = log_path.read_text(errors="replace").splitlines()[-40:]
        print("\nLast lines of the server log:\n" + "\n".join(tail))
    return report


def main():
    args = parse_args()
    if args.populate is not None:
        populate(args.populate)
        return
    if args.dump:
        dump()
        return
    if args.restart_db and not shutil.which("pg_ctlcluster"):
        sys.exit("--restart-db needs pg_ctlcluster (Debian's postgresql-common)")
    private_redis = start_private_redis(args)
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
        database = (args.database_url, db_name) if args.database_url else None
        load = Load(args, port, populated, server.pid, database)
        if private_redis is not None:
            load.fault = functools.partial(restart_redis, load, private_redis, env)
        load.run()
        stop(server)
        server = None
        report = judge(load, args, env, log_path)
    finally:
        if server is not None:
            stop(server)
        if args.server_log and log_path.exists():
            shutil.copyfile(log_path, args.server_log)
        drop_database(args.database_url, db_name)
        if private_redis is not None:
            private_redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
