"""gunicorn settings for the live streams (`make serve` starts it beside the site's gunicorn).

The site's pages stay on WSGI threads (config/gunicorn.py): persistent database connections,
the speed the benchmark measures. Only the Server-Sent Events of the live classroom come here,
routed by the reverse proxy (config/nginx/site.conf): uvicorn workers run config.asgi, where a
stream waits in the event loop instead of holding a thread, so one process holds hundreds of
followers. gunicorn restarts a worker that dies; its followers reconnect (EventSource does) and
resume from their last event id. The workers share changes through Redis when REDIS_URL is set.
"""

import os

bind = os.environ.get("LIVE_BIND", "127.0.0.1:8001")
worker_class = "uvicorn_worker.UvicornWorker"
workers = int(os.environ.get("LIVE_CONCURRENCY", "2"))
# A stream ends itself after LIVE_STREAM_SECONDS; heartbeats keep it from looking idle.
timeout = 60
graceful_timeout = 10
control_socket_disable = True
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
