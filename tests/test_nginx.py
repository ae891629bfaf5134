"""The documented reverse-proxy configuration, run in a real nginx in front of the app.

It serves uploaded images itself with the media rules (the app workers never see them), refuses
everything else under /media/, and passes the rest to the app. CI installs nginx; elsewhere the
test is skipped with a message unless REQUIRE_NGINX is set.
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.server import (
    PYTHON,
    ROOT,
    collectstatic,
    free_port,
    server_env,
    start_gunicorn,
    start_live,
    stop,
    wait_until_up,
)

SITE_CONF = Path(__file__).resolve().parent.parent / "config" / "nginx" / "site.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)

pytestmark = pytest.mark.skipif(
    NGINX is None and not os.environ.get("REQUIRE_NGINX"),
    reason="needs nginx (apt-get install nginx); CI installs it",
)


def main_conf(folder, site):
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read pytest's tmp folder
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    return f"""{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    {site}
}}
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """gunicorn as `make serve` runs it (production settings) on a fresh SQLite database."""
    workdir = tmp_path_factory.mktemp("serve")
    env = server_env({}, f"sqlite:///{workdir / 'db.sqlite3'}", "", workdir)
    env.pop("SERVE_MEDIA", None)  # the production default: off
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    collectstatic(env)
    media = workdir / "media" / "slides"
    media.mkdir(parents=True)
    (media / "map.png").write_bytes(b"\x89PNG\r\n\x1a\nimage")
    (media / "evil.html").write_text("<script>alert(1)</script>")
    (media / "evil.svg").write_text("<svg><script>alert(1)</script></svg>")
    subprocess.run([PYTHON, "manage.py", "shell", "-c", LIVE_WEEK], cwd=ROOT, env=env, check=True)
    port, live_port = free_port(), free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    server = start_gunicorn(env, port, **quiet)
    live = start_live(env, live_port, **quiet)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/admin/login/")
        wait_until_up(f"http://127.0.0.1:{live_port}/admin/login/")
        yield f"127.0.0.1:{port}", workdir / "media", f"127.0.0.1:{live_port}"
    finally:
        stop(live)
        stop(server)


# A published week with one slide, whose live stream the proxy must pass on unbuffered.
LIVE_WEEK = """
import datetime
from courses.models import Course
from weeks.models import Slide, Week
course = Course.objects.create(title="Chinese Cities", slug="cities")
week = Week.objects.create(course=course, number=7, title="Live", date=datetime.date(2026, 3, 3),
                           is_published=True)
Slide.objects.create(week=week, position=0, index=1, number=1, html="<h1>One</h1>")
"""


@pytest.fixture(scope="module")
def proxy(app, tmp_path_factory):
    assert NGINX, "REQUIRE_NGINX is set but nginx is not installed"
    app_address, media_root, live_address = app
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = SITE_CONF.read_text()
    values = {
        "{app_address}": app_address,
        "{live_address}": live_address,
        "{listen}": f"127.0.0.1:{port}",
    }
    for placeholder, value in (values | {"{media_root}": str(media_root)}).items():
        site = site.replace(placeholder, value)
    conf = folder / "nginx.conf"
    conf.write_text(main_conf(folder, site))
    subprocess.run([NGINX, "-t", "-c", str(conf)], check=True, capture_output=True)
    server = subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"])
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


def wait_for(port):
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not start")


def get(url):
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_proxy_serves_uploaded_images_with_the_media_rules(proxy, app):
    status, headers, body = get(f"{proxy}/media/slides/map.png")
    assert (status, body) == (200, b"\x89PNG\r\n\x1a\nimage")
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    app_address, _, _ = app
    assert get(f"http://{app_address}/media/slides/map.png")[0] == 404  # not the app's work


@pytest.mark.parametrize(
    "path", ["slides/evil.html", "slides/evil.svg", "slides/missing.png", "../config/settings.py"]
)
def test_the_proxy_serves_nothing_else_under_media(proxy, path):
    status, _, body = get(f"{proxy}/media/{path}")
    assert status == 404
    assert b"<script>" not in body and b"SECRET_KEY" not in body


def test_everything_else_reaches_the_app_through_the_proxy(proxy):
    status, headers, body = get(f"{proxy}/accounts/login/")
    assert status == 200
    assert b"csrfmiddlewaretoken" in body  # a page rendered by Django
    assert "Content-Security-Policy" in headers


def test_the_live_stream_reaches_the_browser_unbuffered_from_the_asgi_process(proxy):
    started = time.monotonic()
    url = f"{proxy}/cities/weeks/7/live/events"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own nginx)
        assert response.headers["Content-Type"] == "text/event-stream"
        first = b""
        while b"event: slide" not in first:
            first += response.read1(1024)
        received = time.monotonic() - started
        response.fp.raw._sock.settimeout(1)
        with pytest.raises(TimeoutError):  # still open: an ASGI stream, not a WSGI fallback
            response.read1(1024)
    # Received while the stream stays open (it lasts minutes): nginx passed it on as it came.
    assert received < 5
    assert b'data: {"slide": 1, "live": false, "board": false}' in first
