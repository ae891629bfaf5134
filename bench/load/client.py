"""The HTTP clients: one browser's cookies and requests, every answer recorded, and what a page
or Django's messages cookie says (the submission form's state, a save's acknowledgement)."""

import base64
import http.client
import json
import re
import time
import zlib
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode

FRIENDLY_ERROR = "<title>Something went wrong</title>"
LEAKS = ("Traceback", 'File "', "OperationalError", "InterfaceError", "psycopg", "sqlite3")
REQUEST_TIMEOUT = 40  # above gunicorn's 30 s worker timeout


@dataclass
class Record:
    kind: str
    status: int | None  # None: no HTTP answer (connection refused, reset, timed out)
    started: float
    ended: float
    outcome: str = ""
    detail: str = ""


class Client:
    """One browser: its own cookies, one short connection per request (no retries, ever)."""

    def __init__(self, port, log):
        self.port = port
        self.log = log
        self.cookies = {}

    def request(self, kind, method, path, form=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            record = Record(kind, None, started, time.monotonic(), "transport", repr(error))
            self.log.append(record)
            return record, None, "", {}
        finally:
            connection.close()
        record = Record(kind, response.status, started, time.monotonic())
        self.log.append(record)
        return record, response, content, self._take_cookies(response)

    def _take_cookies(self, response):
        """Keep what Set-Cookie says, like a browser; return {name: value or None if deleted}."""
        changed = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            try:
                jar.load(header)
            except CookieError:
                continue
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                    changed[name] = None
                else:
                    self.cookies[name] = morsel.value
                    changed[name] = morsel.value
        return changed


def message_texts(cookie_value):
    """The texts of Django's messages cookie (signed, maybe zlib-compressed JSON; unverified)."""
    if not cookie_value:
        return []
    payload = cookie_value.split(":", 1)[0]  # then ":timestamp:signature"
    compressed = payload.startswith(".")
    payload = payload.lstrip(".")
    try:
        data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        if compressed:
            data = zlib.decompress(data)
        items = json.loads(data.decode("latin-1"))
    except (ValueError, zlib.error):
        return []
    return [item[3] for item in items if isinstance(item, list) and len(item) > 3]


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASE = re.compile(r'name="base_number" value="(\d+)"')
SAVED = re.compile(r"Saved as version (\d+)\.")


def form_state(content):
    """(base revision, CSRF token) of the submission form on an assignment page, or None."""
    start = content.find('id="submission-form"')
    if start < 0:
        return None
    form = content[start:]
    base, token = BASE.search(form), CSRF.search(form)
    return (int(base.group(1)), token.group(1)) if base and token else None


def is_friendly_error(content):
    return FRIENDLY_ERROR in content and not any(leak in content for leak in LEAKS)
