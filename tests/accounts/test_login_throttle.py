"""The login throttle: one spelling of a username, a growing delay per account, a roomy address."""

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.forms import LoginForm
from accounts.normalise import normalise_username
from accounts.throttle import claim_attempt
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"
SPELLINGS = {
    "trailing space": "li.wei ",
    "leading space": " li.wei",
    "tab": "\tli.wei",
    "ideographic space": "li.wei\u3000",
    "no-break space": "\u00a0li.wei",
    "full-width": "ｌｉ．ｗｅｉ",
}


@pytest.fixture
def li_wei(db):
    return UserFactory(username="li.wei", email="li.wei@example.org")


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    return time_machine


def log_in(client, username, password, path=LOGIN):
    return client.post(path, {"username": username, "password": password})


def fail_as_soon_as_allowed(clients, username, times, clock):
    """Fail `times` logins for `username`, rotating clients, each once the delay is over."""
    for number in range(times):
        client = clients[number % len(clients)]
        response = log_in(client, username, "a guess")
        if response.status_code == 429:
            clock.shift(int(response["Retry-After"]))
            response = log_in(client, username, "a guess")
        assert response.status_code == 200


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_a_respelled_username_is_the_same_throttled_account(client, li_wei, settings, spelling):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "li.wei", "wrong").status_code == 200
    assert log_in(client, spelling, PASSWORD).status_code == 429


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_failures_under_a_respelled_username_count_for_the_account(
    client, li_wei, settings, spelling
):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, spelling, "wrong").status_code == 200
    assert log_in(client, "li.wei", PASSWORD).status_code == 429


def test_the_login_form_and_the_throttle_spell_usernames_alike():
    for spelling in SPELLINGS.values():
        form = LoginForm(data={"username": spelling, "password": "x"})
        form.is_valid()
        assert form.cleaned_data["username"] == normalise_username(spelling) == "li.wei"
        assert normalise_username(normalise_username(spelling)) == "li.wei"


def test_an_unknown_name_is_counted_on_its_normalised_case_folded_spelling(client, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(client, "nobody", "wrong")
    assert log_in(client, "NOBODY\u3000", "wrong").status_code == 429


def test_a_username_matches_only_exactly_so_other_cases_never_guess_its_password(client, li_wei):
    for other in ("LI.WEI", "Li.Wei"):
        assert log_in(client, other, PASSWORD).status_code == 200
    assert log_in(client, "li.wei", PASSWORD).status_code == 302


def test_failures_under_the_e_mail_address_count_for_the_account(client, li_wei, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, " LI.WEI@example.org", "wrong").status_code == 200
    assert log_in(client, "li.wei", PASSWORD).status_code == 429


def test_failures_under_the_username_count_for_the_e_mail_address(client, li_wei, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "li.wei", "wrong").status_code == 200
    assert log_in(client, "li.wei@example.org", PASSWORD).status_code == 429


def test_a_shared_e_mail_address_counts_on_every_account_that_has_it(client, li_wei, settings):
    twin = UserFactory(username="wei.li", email="li.wei@example.org")
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "li.wei@example.org", "wrong").status_code == 200
    assert log_in(client, "li.wei", PASSWORD).status_code == 429
    assert log_in(client, twin.username, PASSWORD).status_code == 429


def test_the_admin_login_spells_usernames_as_the_site_login(client, li_wei, settings):
    admin_login = reverse("admin:login")
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "li.wei ", "wrong", path=admin_login).status_code == 200
    assert log_in(client, "ｌｉ．ｗｅｉ", PASSWORD, path=admin_login).status_code == 429


def test_each_attempt_past_the_free_ones_doubles_the_delay_up_to_the_cap(
    client, li_wei, settings, frozen
):
    waits = []
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME + 10):
        response = log_in(client, "li.wei", "wrong")
        if response.status_code == 429:
            waits.append(int(response["Retry-After"]))
            frozen.shift(waits[-1])
            assert log_in(client, "li.wei", "wrong").status_code == 200
    assert settings.LOGIN_DELAY_CAP == 300
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]


def test_a_griefer_cannot_keep_the_student_out_longer_than_the_current_delay(
    li_wei, settings, frozen
):
    griefers = [Client(REMOTE_ADDR=f"10.0.1.{number}") for number in range(3)]
    fail_as_soon_as_allowed(griefers, "li.wei", 20, frozen)
    student = Client(REMOTE_ADDR="10.0.2.1")
    refused = log_in(student, "li.wei", PASSWORD)
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert wait <= settings.LOGIN_DELAY_CAP
    assert "try again in 5 minutes" in refused.content.decode()
    for griefer in griefers * 10:  # hammering during the delay neither counts nor lengthens it
        assert log_in(griefer, "li.wei", "a guess").status_code == 429
    frozen.shift(wait)
    assert log_in(student, "li.wei", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_delay(li_wei, settings, frozen):
    client = Client()
    fail_as_soon_as_allowed([client], "li.wei", 8, frozen)
    frozen.shift(settings.LOGIN_DELAY_CAP)
    assert log_in(client, "li.wei", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "li.wei", "wrong").status_code == 200


def reset_password(client, email, new_password):
    client.post(reverse("accounts:password-reset"), {"email": email})
    call_command("deliver_mail")
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[-1].body)[1]
    form_page = client.get(link, follow=True)
    data = {"new_password1": new_password, "new_password2": new_password}
    response = client.post(form_page.redirect_chain[-1][0], data)
    assert response["Location"] == reverse("accounts:password-reset-complete")


def test_a_password_reset_lifts_the_delay(li_wei, settings, frozen):
    griefer = Client(REMOTE_ADDR="10.0.1.1")
    fail_as_soon_as_allowed([griefer], "li.wei", 12, frozen)
    student = Client(REMOTE_ADDR="10.0.2.1")
    assert log_in(student, "li.wei", PASSWORD).status_code == 429
    reset_password(student, "li.wei@example.org", "a brand new passphrase")
    assert log_in(student, "li.wei", "a brand new passphrase").status_code == 302


def test_a_class_behind_one_nat_logs_in_within_a_minute_typos_and_all(db, settings, frozen):
    students = UserFactory.create_batch(30)
    for student in students:
        browser = Client(REMOTE_ADDR="192.0.2.7")
        assert log_in(browser, student.username, "a typo").status_code == 200
        assert log_in(browser, student.username, PASSWORD).status_code == 302
        frozen.shift(1)


def test_the_throttled_page_keeps_the_username_but_never_the_password(client, li_wei, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(client, "li.wei", "wrong")
    response = client.post(
        LOGIN, {"username": "li.wei ", "password": PASSWORD, "next": "/chinese-cities/"}
    )
    content = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "2"
    assert "try again in 2 seconds" in content
    assert 'value="li.wei "' in content and 'value="/chinese-cities/"' in content
    assert PASSWORD not in content


@pytest.fixture
def redis_cache(settings):
    if not os.environ.get("REDIS_TEST_URL"):
        pytest.skip("needs REDIS_TEST_URL (CI sets it)")
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_TEST_URL"],
        "KEY_PREFIX": "login-throttle-test",
    }
    settings.CACHES = {"default": redis, "throttle": redis}
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_on_redis_every_spelling_counts_for_one_account(redis_cache, li_wei, settings):
    client = Client()
    spellings = list(SPELLINGS.values())[: settings.LOGIN_FAILURES_PER_USERNAME]
    for spelling in spellings:
        assert log_in(client, spelling, "wrong").status_code == 200
    assert redis_cache.get(f"login:account:{li_wei.pk}:attempts") == len(spellings)
    assert log_in(Client(REMOTE_ADDR="10.0.2.1"), "li.wei", PASSWORD).status_code == 429
    reset_password(client, "li.wei@example.org", "a brand new passphrase")
    assert log_in(client, "li.wei", "a brand new passphrase").status_code == 302


def test_on_redis_a_class_behind_one_nat_logs_in(redis_cache, db, settings):
    for student in UserFactory.create_batch(30):
        browser = Client(REMOTE_ADDR="192.0.2.7")
        assert log_in(browser, student.username, "a typo").status_code == 200
        assert log_in(browser, student.username, PASSWORD).status_code == 302
    assert redis_cache.get("login-failures:192.0.2.7") == 30


def claim_at_once(key, count):
    """`count` simultaneous attempts on the account `key`: how many may check their password."""
    start = threading.Barrier(count)

    def attempt(_):
        start.wait()
        try:
            return claim_attempt(key)
        finally:
            connection.close()  # each thread's own, if the counts are in the database

    with ThreadPoolExecutor(max_workers=count) as pool:
        return sum(wait == 0 for wait in pool.map(attempt, range(count)))


@pytest.fixture
def locmem_counts(settings):
    settings.CACHES = settings.CACHES | {
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }


ON_POSTGRESQL = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.mark.parametrize(
    "backend",
    [
        "locmem",
        "redis",
        pytest.param(
            "database",
            marks=[
                pytest.mark.django_db(transaction=True),  # the threads' rows are flushed after
                pytest.mark.skipif(
                    not ON_POSTGRESQL,
                    # The tests' SQLite is one in-memory database shared by the threads, which
                    # answers "table is locked" to concurrent writers (a site's file waits).
                    reason="concurrent writers from threads need PostgreSQL here",
                ),
            ],
        ),
    ],
)
def test_of_simultaneous_attempts_only_the_free_ones_go_through(request, settings, backend):
    if backend != "database":  # the database counters are the tests' own settings
        request.getfixturevalue({"locmem": "locmem_counts", "redis": "redis_cache"}[backend])
    key = "login:name:simultaneous"
    assert claim_at_once(key, 20) == settings.LOGIN_FAILURES_PER_USERNAME
    assert claim_at_once(key, 20) == 0  # the delay that the last of them opened still runs


def test_of_simultaneous_attempts_after_a_delay_one_goes_through(settings, frozen, locmem_counts):
    key = "login:name:simultaneous"
    claim_at_once(key, 20)
    frozen.shift(settings.LOGIN_DELAY_CAP)
    assert claim_at_once(key, 20) == 1
