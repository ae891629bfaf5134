"""Two app servers on one PostgreSQL and one Redis serve the same, fresh pages."""

import http.cookiejar
import os
import re
import subprocess
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from bench.server import collectstatic, free_port, server_env, start_gunicorn, stop, wait_until_up
from tests.factories import StaffFactory, WeekFactory

REDIS_URL = os.environ.get("REDIS_TEST_URL", "")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not REDIS_URL,
        reason="needs DATABASE_URL on PostgreSQL and REDIS_TEST_URL (CI sets both)",
    ),
]


@pytest.fixture
def servers(tmp_path):
    """Start two gunicorn servers on the test database, sharing Redis; yield their base URLs."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    env = server_env({"WEB_CONCURRENCY": "1"}, database_url, REDIS_URL, tmp_path)
    collectstatic(env)
    ports = [free_port(), free_port()]
    processes = [
        start_gunicorn(env, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_up(url + "/admin/login/")
        yield urls
    finally:
        for process in processes:
            stop(process)


def test_an_edit_through_one_server_is_visible_through_the_other_at_once(servers, course, settings):
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
    # The session made on the first server is valid on the second: sessions live in the database.
    assert '<form id="logout-form"' in get(second + "/admin/")
    opener.addheaders = []
    anonymous = urllib.request.build_opener()
    with anonymous.open(second + slideshow, timeout=10) as response:
        assert "Fresh slide from server one" in response.read().decode()
