import pytest
from django.conf import settings as django_settings

from tests.factories import CourseFactory, StaffFactory, UserFactory, WeekFactory


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
