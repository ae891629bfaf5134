"""gunicorn settings for `make serve` and the benchmark.

Several worker processes only when the cache is shared (Redis). Pages and sessions would be
safe across processes without it (the content version is re-read from the database within a
second, sessions live there), but the login throttle counts in the cache: separate processes
would each count on their own and let a guesser try once per process per delay.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "gthread"
shared_cache = bool(os.environ.get("REDIS_URL"))
workers = int(
    os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 if shared_cache else 1)
)
threads = int(os.environ.get("THREADS", "4"))
max_requests = 100_000
max_requests_jitter = 10_000
timeout = 30
graceful_timeout = 20
# No control socket: several servers (scale-out test, benchmark) may run side by side.
control_socket_disable = True
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
