"""The site's ASGI application (config/asgi.py, as `make run` and the live workers serve it)."""

import warnings
from io import BytesIO

from asgiref.testing import ApplicationCommunicator
from PIL import Image

from config.asgi import SiteHandler
from tests.live.conftest import run

ICON_TYPES = {b"image/x-icon", b"image/vnd.microsoft.icon"}  # by the platform's mimetypes


def get(path):
    """Status, headers and body of a GET through the ASGI application, and the warnings of the
    request (not of loading the middleware, where WhiteNoise notes that tests have no
    collected static files)."""
    application = SiteHandler()

    async def exchange():
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": [(b"host", b"testserver")],
            "server": ("testserver", 80),
            "client": ("127.0.0.1", 50000),
        }
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(5)
        body, more = b"", True
        while more:
            message = await communicator.receive_output(5)
            body, more = body + message.get("body", b""), message.get("more_body", False)
        await communicator.wait(5)
        return start["status"], dict(start["headers"]), body

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        status, headers, body = run(exchange)
    return status, headers, body, [str(warning.message) for warning in caught]


def test_a_file_is_streamed_whole_without_a_warning():
    status, headers, body, caught = get("/favicon.ico")
    assert status == 200 and headers[b"Content-Type"] in ICON_TYPES
    assert int(headers[b"Content-Length"]) == len(body)
    assert Image.open(BytesIO(body)).format == "ICO"
    assert caught == []
