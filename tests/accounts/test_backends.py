import pytest
from django.contrib.auth import authenticate

from accounts.backends import AMBIGUOUS_EMAIL, login_candidates
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/accounts/login/"


@pytest.fixture
def camille(db):
    return UserFactory(username="camille.martin", email="Camille.Martin@example.org")


@pytest.fixture
def roster_student(db):
    """Roster students' usernames are their e-mail addresses."""
    return UserFactory(username="anne@sciencespo.fr", email="anne@sciencespo.fr")


def log_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.parametrize(
    "typed",
    [
        "camille.martin@example.org",
        " CAMILLE.MARTIN@EXAMPLE.ORG ",
        "camille.martin@example.org\u3000",
        "ｃａｍｉｌｌｅ.martin@example.org",  # full-width letters, NFKC-normalised
    ],
)
def test_a_student_logs_in_with_her_e_mail_address_however_typed(client, camille, typed):
    response = log_in(client, typed)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(camille.pk)


def test_a_student_still_logs_in_with_her_username(client, camille):
    assert log_in(client, " camille.martin").status_code == 302


def test_a_roster_student_logs_in_with_the_address_that_is_her_username(client, roster_student):
    assert log_in(client, "Anne@SciencesPo.fr").status_code == 302


def test_the_wrong_password_for_an_e_mail_address_logs_nobody_in(client, camille):
    response = log_in(client, "camille.martin@example.org", "wrong")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_an_address_two_accounts_share_logs_neither_in_and_says_why(client, camille):
    twin = UserFactory(username="cmartin", email="camille.martin@example.org")
    for password_owner in (camille, twin):
        password_owner.set_password("her own password")
        password_owner.save()
        response = log_in(client, "camille.martin@example.org", "her own password")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
        assert "log in with your username instead" in response.content.decode()
        password_owner.set_password(PASSWORD)
        password_owner.save()
    assert log_in(client, "cmartin").status_code == 302


def test_a_shared_address_with_a_wrong_password_gets_the_usual_answer(client, camille):
    UserFactory(username="cmartin", email="camille.martin@example.org")
    content = log_in(client, "camille.martin@example.org", "wrong").content.decode()
    assert AMBIGUOUS_EMAIL.split(",")[0] not in content
    assert "Please enter a correct" in content


def test_an_exact_username_wins_over_an_address_another_account_has(roster_student):
    UserFactory(username="anne", email="anne@sciencespo.fr")
    assert login_candidates("anne@sciencespo.fr") == [roster_student]


def test_an_inactive_account_cannot_log_in_by_e_mail(camille):
    camille.is_active = False
    camille.save()
    assert authenticate(username="camille.martin@example.org", password=PASSWORD) is None


def test_a_name_without_at_sign_is_never_read_as_an_address(camille):
    assert login_candidates("Camille.Martin") == []
