"""gunicorn settings for `make serve` and the benchmark.

Several worker processes, with or without Redis: each re-reads the content version from the
shared store (Redis or the database) within a second, sessions live in the database, and the
login counters in Redis or the database (core.counters), so the processes never disagree.
"""

import gc
import multiprocessing
import os

from glossary.chinese import load_dictionaries

bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("THREADS", "4"))
max_requests = 100_000
max_requests_jitter = 10_000
timeout = 30
graceful_timeout = 20
# No control socket: several servers (scale-out test, benchmark) may run side by side.
control_socket_disable = True
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker):
    """Load the Chinese dictionaries now rather than in the first request that shows Chinese
    (a second, about 90 MB per worker), then freeze what loading the site allocated (modules,
    templates, URL patterns, the dictionaries): the garbage collector's full passes then skip
    it, instead of pausing a worker for tens of milliseconds in the middle of a class's burst
    of requests."""
    load_dictionaries()
    gc.freeze()
