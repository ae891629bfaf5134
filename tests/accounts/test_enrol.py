import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Enrolment
from tests.factories import EnrolmentKeyFactory

pytestmark = pytest.mark.django_db

ENROL = "/accounts/enrol/"


@pytest.fixture
def key(course):
    return EnrolmentKeyFactory(course=course, key="cities-2026")


def test_a_logged_in_student_enrols_with_the_key(client, student, key, course):
    client.force_login(student)
    response = client.post(ENROL, {"key": " cities-2026 "})
    assert response["Location"] == course.get_absolute_url()
    assert Enrolment.objects.get(user=student).role == "student"


def test_enrolling_twice_changes_nothing(client, student, key):
    client.force_login(student)
    client.post(ENROL, {"key": "cities-2026"})
    client.post(ENROL, {"key": "cities-2026"})
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize("active", [True, False])
def test_a_wrong_or_inactive_key_is_refused(client, student, key, active):
    key.is_active = active
    key.save()
    client.force_login(student)
    response = client.post(ENROL, {"key": "cities-2026" if not active else "wrong"})
    assert response.status_code == 200
    assert "not valid" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_new_student_creates_an_account_with_the_key(client, key, course):
    password = "a long passphrase for cities"
    response = client.post(
        ENROL,
        {
            "username": "newbie",
            "first_name": "Nadia",
            "email": "nadia@example.org",
            "password1": password,
            "password2": password,
            "key": "cities-2026",
        },
    )
    assert response["Location"] == course.get_absolute_url()
    user = get_user_model().objects.get(username="newbie")
    assert user.check_password(password) and Enrolment.objects.filter(user=user).exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_key_creates_no_account(client, key):
    password = "a long passphrase for cities"
    data = {
        "username": "newbie",
        "first_name": "N",
        "email": "n@example.org",
        "password1": password,
        "password2": password,
        "key": "wrong",
    }
    response = client.post(ENROL, data)
    assert "not valid" in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_the_enrol_page_links_to_login_for_existing_accounts(client, db):
    assert reverse("accounts:login") in client.get(ENROL).content.decode()
