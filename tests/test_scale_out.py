"""Two app servers on one PostgreSQL and one Redis serve the same, fresh pages."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import StaffFactory, WeekFactory

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_TEST_URL", "")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not REDIS_URL,
        reason="needs DATABASE_URL on PostgreSQL and REDIS_TEST_URL (CI sets both)",
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def servers(tmp_path):
    """Start two gunicorn servers on the test database, sharing Redis; yield their base URLs."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "scale-out-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_CONCURRENCY": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [gunicorn, "config.wsgi", "--config", "config/gunicorn.py"],
                cwd=ROOT,
                env=env | {"BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_for(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/admin/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def test_an_edit_through_one_server_is_visible_through_the_other_at_once(
    servers, course, settings
):
    first, second = servers
    week = WeekFactory(course=course, number=7, title="Planning For Innovation")
    # The servers check passwords with the production hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    StaffFactory(username="instructor")
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )

    def get(url):
        with opener.open(url, timeout=10) as response:
            return response.read().decode()

    def post(url, data):
        data["csrfmiddlewaretoken"] = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', get(url)
        ).group(1)
        request = urllib.request.Request(
            url, urllib.parse.urlencode(data).encode(), headers={"Referer": url}
        )
        with opener.open(request, timeout=30) as response:
            return response.read().decode()

    slideshow = f"/{course.slug}/weeks/7/slides/"
    assert "Fresh slide from server one" not in get(second + slideshow)  # now cached on two
    post(
        first + "/admin/login/?next=/admin/",
        {"username": "instructor", "password": "correct horse battery staple"},
    )
    post(
        first + f"/admin/weeks/week/{week.pk}/import-deck/",
        {"text": "# Fresh slide from server one\n", "confirm": "1"},
    )
    # The session made on the first server is valid on the second: sessions live in Redis.
    assert "Log out" in get(second + "/admin/") or "logout" in get(second + "/admin/")
    opener.addheaders = []
    anonymous = urllib.request.build_opener()
    with anonymous.open(second + slideshow, timeout=10) as response:
        assert "Fresh slide from server one" in response.read().decode()
