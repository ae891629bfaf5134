"""A browser that logged in before is not locked out by someone else's failures on its account."""

import pytest
from django.test import Client, RequestFactory

from accounts.devices import COOKIE_NAME, device_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def li_wei():
    return UserFactory(username="li.wei")


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    return time_machine


def log_in(client, password, username="li.wei"):
    return client.post(LOGIN, {"username": username, "password": password})


def her_laptop():
    """The browser she has logged in with before, logged out since."""
    laptop = Client(REMOTE_ADDR="10.0.2.1")
    assert log_in(laptop, PASSWORD).status_code == 302
    laptop.post("/accounts/logout/")
    return laptop


def grief(times):
    griefer = Client(REMOTE_ADDR="10.0.9.9")
    for _ in range(times):
        log_in(griefer, "a guess")
    return griefer


def test_a_successful_login_gives_the_browser_a_signed_http_only_device_cookie(li_wei):
    client = Client()
    response = log_in(client, PASSWORD)
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] >= 30 * 24 * 3600
    request = RequestFactory().get("/", HTTP_COOKIE=f"{COOKIE_NAME}={cookie.value}")
    assert device_of(request, li_wei.pk)
    assert device_of(request, li_wei.pk + 1) is None  # issued for her account only


def test_her_own_browser_logs_in_while_a_griefer_holds_the_account_in_its_delay(li_wei, frozen):
    laptop = her_laptop()
    griefer = grief(30)
    assert log_in(griefer, PASSWORD).status_code == 429  # the account itself is in its delay
    assert log_in(Client(REMOTE_ADDR="10.0.3.3"), PASSWORD).status_code == 429  # a new browser
    assert log_in(laptop, PASSWORD).status_code == 302


def test_guesses_from_a_known_device_are_throttled_on_the_device(li_wei, settings, frozen):
    laptop = her_laptop()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(laptop, "a guess").status_code == 200
    assert log_in(laptop, PASSWORD).status_code == 429  # the device's own delay
    assert log_in(Client(REMOTE_ADDR="10.0.4.4"), PASSWORD).status_code == 302  # others unaffected


def test_a_device_cookie_of_another_account_or_a_forged_one_counts_on_the_account(li_wei, frozen):
    UserFactory(username="camille")
    laptop = Client(REMOTE_ADDR="10.0.2.1")
    assert log_in(laptop, PASSWORD, username="camille").status_code == 302
    laptop.post("/accounts/logout/")
    grief(30)
    assert log_in(laptop, PASSWORD).status_code == 429  # camille's device, not li.wei's
    forged = Client(REMOTE_ADDR="10.0.2.2")
    forged.cookies[COOKIE_NAME] = laptop.cookies[COOKIE_NAME].value[:-2] + "xx"
    assert log_in(forged, PASSWORD).status_code == 429
