"""ASGI entry point: the live classroom's streams (config/gunicorn_live.py) and `make run`."""

import os
import re

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# The same paths as config/nginx/site.conf sends to this process.
LIVE_EVENTS = re.compile(r"^/[^/]+/weeks/[0-9]+/live/events$")


class SiteHandler(ASGIHandler):
    """Django's ASGI handler, except that the live streams share one thread.

    Django gives each request a thread of its own for its synchronous parts (the middleware,
    the ORM), which lives as long as the request: for a stream, minutes, with its memory and
    its database connection. A stream's synchronous work is a few queries when it connects
    (live/hub.py reads the changes for all of them), so these requests run it in the process's
    one shared thread instead, and 200 followers cost 200 coroutines, not 200 threads.
    """

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and LIVE_EVENTS.match(scope["path"]):
            await self.handle(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)

    async def get_response_async(self, request):
        """Files (WhiteNoise's static files and /favicon.ico, downloads) stream from a worker
        thread, part by part, instead of Django reading their synchronous iterator on the event
        loop (which it does with a warning)."""
        response = await super().get_response_async(request)
        if response.streaming and not response.is_async:
            response.streaming_content = parts_in_thread(iter(response.streaming_content))
        return response


async def parts_in_thread(parts):
    """The parts of a synchronous iterator, each read in a thread (a file's blocking reads)."""
    next_part = sync_to_async(next, thread_sensitive=False)
    while (part := await next_part(parts, None)) is not None:
        yield part


def get_site_application():
    django.setup(set_prefix=False)
    return SiteHandler()


application = get_site_application()
