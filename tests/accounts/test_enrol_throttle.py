"""The public enrolment form: a wrong key tells nothing about accounts, and is counted."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.services import INVALID_KEY
from tests.factories import EnrolmentKeyFactory, UserFactory

pytestmark = pytest.mark.django_db

ENROL = "/accounts/enrol/"
PASSWORD = "a long passphrase for cities"


@pytest.fixture
def key(course):
    return EnrolmentKeyFactory(course=course, key="cities-2026")


@pytest.fixture
def li_wei(db):
    return UserFactory(username="li.wei", email="li.wei@example.org")


def sign_up(client, username, email, key):
    data = {
        "username": username,
        "first_name": "Li",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "key": key,
    }
    return client.post(ENROL, data)


def test_a_wrong_key_answers_the_same_for_taken_and_free_names(client, key, li_wei):
    taken = sign_up(client, "li.wei", "li.wei@example.org", "wrong")
    free = sign_up(client, "nadia", "nadia@example.org", "wrong")
    assert taken.status_code == free.status_code == 200
    assert taken.context["form"].errors == free.context["form"].errors == {"key": [INVALID_KEY]}
    assert "already" not in taken.content.decode()


def test_with_the_right_key_taken_names_are_refused_and_the_typing_kept(client, key, li_wei):
    response = sign_up(client, "li.wei", "li.wei@example.org", "cities-2026")
    errors = response.context["form"].errors
    assert set(errors) == {"username", "email"}
    content = response.content.decode()
    assert 'value="li.wei"' in content and 'value="cities-2026"' in content
    assert PASSWORD not in content


@pytest.mark.parametrize("spelling", ["li.wei ", " li.wei", "li.wei\u3000", "ｌｉ．ｗｅｉ"])
def test_a_respelled_username_is_no_second_account(client, key, li_wei, spelling):
    response = sign_up(client, spelling, "other@example.org", "cities-2026")
    assert "username" in response.context["form"].errors
    assert get_user_model().objects.count() == 1


def test_a_new_username_is_stored_as_the_login_spells_it(client, key):
    response = sign_up(client, "\u3000ｎａｄｉａ ", "nadia@example.org", "cities-2026")
    assert response.status_code == 302
    assert get_user_model().objects.get(email="nadia@example.org").username == "nadia"


def test_wrong_keys_from_one_address_are_throttled_keeping_the_typing(key, settings):
    guesser = Client(REMOTE_ADDR="10.0.3.1")
    for number in range(settings.ENROL_FAILURES_PER_ADDRESS):
        assert sign_up(guesser, "nadia", "nadia@example.org", f"guess-{number}").status_code == 200
    response = sign_up(guesser, "nadia", "nadia@example.org", "cities-2026")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    content = response.content.decode()
    assert "Try again in 15 minutes" in content
    assert 'value="nadia"' in content and 'value="nadia@example.org"' in content
    assert 'value="cities-2026"' in content and PASSWORD not in content
    assert not get_user_model().objects.exists()
    elsewhere = Client(REMOTE_ADDR="10.0.3.2")
    assert sign_up(elsewhere, "nadia", "nadia@example.org", "cities-2026").status_code == 302


def test_a_logged_in_students_wrong_keys_count_too(student, key, settings):
    client = Client(REMOTE_ADDR="10.0.3.1")
    client.force_login(student)
    for _ in range(settings.ENROL_FAILURES_PER_ADDRESS):
        assert client.post(ENROL, {"key": "wrong"}).status_code == 200
    assert client.post(ENROL, {"key": "cities-2026"}).status_code == 429
