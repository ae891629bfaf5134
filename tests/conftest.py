import itertools

import pytest
from aiosmtpd.controller import Controller
from django.apps import apps
from django.conf import settings as django_settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.pagecache import current_version, forget_local_copies, forget_readers
from core.pagecache.versions import (
    READERS,
    SESSIONS,
    local_version,
    readers_version,
    sessions_version,
)
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    StaffFactory,
    UserFactory,
    WeekFactory,
)
from tests.smtp import Inbox, free_port


@pytest.fixture
def course(db):
    return CourseFactory(slug="chinese-cities")


@pytest.fixture
def week(course):
    return WeekFactory(course=course, number=7, title="Planning For Innovation")


@pytest.fixture
def staff(db):
    return StaffFactory(username="instructor")


@pytest.fixture
def student(db):
    return UserFactory(username="student")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path_factory):
    """Hand-ins go to a temporary private storage, never to the checkout's private/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.getbasetemp() / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with no cached page, no rate-limit counters and a known content version,
    trusted until a change: a test's first page then runs only its own queries, however long the
    test took to get there (the tests of the version's TTL set their own clock)."""
    settings.PAGE_CACHE_VERSION_TTL = 3600
    cache.clear()
    forget_local_copies()
    local_version().hear(0)
    local_version(READERS).hear(0)
    local_version(SESSIONS).hear(0)
    yield
    cache.clear()
    forget_local_copies()


@pytest.fixture
def assignment(course):
    return AssignmentFactory(course=course, slug="final-project", title="Final project")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file rather than in shared-cache memory: threads of the concurrency
    tests then queue for the write lock (IMMEDIATE, busy timeout) as in production, instead of
    failing at once with "database table is locked"."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_file = tmp_path_factory.mktemp("sqlite") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_file)


@pytest.fixture
def page_queries(client):
    """Return a function that GETs a URL uncached and gives (number of SQL queries, response).

    Uncached for a logged-in client too: no page, no part of hers, no memory of her session."""

    def measure(url, user_client=None):
        cache.clear()
        forget_readers()
        # Read the versions now: only the page's queries are counted.
        current_version(), readers_version(), sessions_version()
        with CaptureQueriesContext(connection) as queries:
            response = (user_client or client).get(url)
        assert response.status_code == 200
        return len(queries), response

    return measure


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production hashes passwords slowly on purpose; tests need not wait for it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Rows every database starts with, not the demo's.
# Rows of the site, not of the demo: each test database has its own.
NOT_DEMO_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "core.pagecacheversion",
    "core.counter",
}


@pytest.fixture(scope="session")
def demo_rows(django_db_setup, django_db_blocker):
    """The rows load_demo writes into an empty database, built once per test session (and rolled
    back at once, so that no other test sees them)."""
    models = serializers.sort_dependencies(
        [(app_config, None) for app_config in apps.get_app_configs()]
    )
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo")
        rows = serializers.serialize(
            "json",
            (
                row
                for model in models
                if model._meta.label_lower not in NOT_DEMO_MODELS
                for row in model._default_manager.order_by("pk")
            ),
        )
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def demo(db, demo_rows):
    """The demo course, as load_demo leaves it, for tests that only read it."""
    rows = list(serializers.deserialize("json", demo_rows))
    with transaction.atomic():  # foreign keys are checked at commit, whatever the model order
        for model, group in itertools.groupby(rows, key=lambda row: type(row.object)):
            model._default_manager.bulk_create(row.object for row in group)
        for row in rows:
            for name, values in (row.m2m_data or {}).items():
                if values:
                    getattr(row.object, name).set(values)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 that the site sends to; yields its Inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()
