import re

import pytest
from django.core import mail
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.throttle import counts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", email="alice@example.org")


def log_in(client, username, password, path=LOGIN, **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def without_csrf_token(content):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_the_login_page_wears_the_sites_look(client):
    content = client.get(LOGIN).content.decode()
    assert 'class="site-header"' in content and "<h1>Log in</h1>" in content


def test_a_student_logs_in_and_lands_on_the_course_list(client, alice):
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("courses:list")


def test_unknown_users_and_wrong_passwords_get_the_same_answer(client, alice):
    unknown = log_in(client, "nobody", "wrong password")
    wrong = log_in(client, "alice", "wrong password")
    assert unknown.status_code == wrong.status_code == 200
    echoed = without_csrf_token(unknown.content).replace('value="nobody"', 'value="alice"')
    assert echoed == without_csrf_token(wrong.content)
    assert "sessionid" not in wrong.cookies


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "/\\evil.example",
        "https:evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_next_never_leaves_the_site(client, alice, next_url):
    response = log_in(client, "alice", PASSWORD, path=f"{LOGIN}?next={next_url}")
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:list")


def test_next_within_the_site_is_followed(client, alice):
    response = log_in(client, "alice", PASSWORD, path=f"{LOGIN}?next=/chinese-cities/")
    assert response["Location"] == "/chinese-cities/"


def test_five_failures_for_one_username_delay_it_with_429_from_any_address(client, alice, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "alice", "wrong").status_code == 200
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "try again in 2 seconds" in response.content.decode()
    assert "sessionid" not in response.cookies
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert log_in(other_address, "alice", PASSWORD).status_code == 429


def test_an_unknown_username_is_locked_the_same_way(client, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(client, "nobody", "wrong")
    assert log_in(client, "nobody", "wrong").status_code == 429


def test_many_failures_from_one_address_lock_that_address_only(alice, settings):
    attacker = Client(REMOTE_ADDR="10.0.0.1")
    for number in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        log_in(attacker, f"guess{number}", "wrong")
    assert log_in(attacker, "alice", PASSWORD).status_code == 429
    assert log_in(Client(REMOTE_ADDR="10.0.0.2"), "alice", PASSWORD).status_code == 302


def test_behind_the_proxy_addresses_come_from_x_forwarded_for(alice, settings):
    settings.BEHIND_PROXY = True
    proxy = "127.0.0.1"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="spoofed, 10.0.0.1")
    for number in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        log_in(attacker, f"guess{number}", "wrong")
    assert log_in(attacker, "alice", PASSWORD).status_code == 429
    student = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert log_in(student, "alice", PASSWORD).status_code == 302


def test_the_count_is_forgotten_a_window_after_the_last_attempt(
    client, alice, settings, time_machine
):
    """The database counters, like local memory, expire by time.time, which we can move."""
    if isinstance(counts(), RedisCache):
        pytest.skip("Redis expires the counts itself: no clock of ours can hurry it")
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "alice", "wrong").status_code == 200
    time_machine.shift(settings.LOGIN_FAILURE_WINDOW + 1)
    # Remembered, the count would open a delay at once; forgotten, these are all free again.
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert log_in(client, "alice", "wrong").status_code == 200


def test_a_successful_login_clears_the_usernames_failures(client, alice, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME - 1):
        log_in(client, "alice", "wrong")
    log_in(client, "alice", PASSWORD)
    client.post(reverse("accounts:logout"))
    assert log_in(client, "alice", "wrong").status_code == 200


def test_the_admin_login_counts_and_locks_too(client, alice, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(client, "alice", "wrong", path=reverse("admin:login"))
    assert log_in(client, "alice", PASSWORD, path=reverse("admin:login")).status_code == 429
    assert log_in(client, "alice", PASSWORD).status_code == 429


def test_logout_asks_on_get_and_happens_on_post_only(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_offers_log_in_or_log_out(client, alice, course):
    assert reverse("accounts:login") in client.get(course.get_absolute_url()).content.decode()
    client.force_login(alice)
    assert reverse("accounts:logout") in client.get(course.get_absolute_url()).content.decode()


def test_password_reset_mails_a_link_that_sets_a_new_password(client, alice):
    response = client.post(reverse("accounts:password-reset"), {"email": "alice@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    call_command("deliver_mail")
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body)[1]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a brand new passphrase"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response["Location"] == reverse("accounts:password-reset-complete")
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_password_reset_answers_the_same_for_unknown_addresses(client, alice):
    response = client.post(reverse("accounts:password-reset"), {"email": "x@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_login_failures_and_successes_are_logged_without_passwords(client, alice, caplog):
    with caplog.at_level("INFO", logger="accounts.security"):
        log_in(client, "alice", "wrong-password")
        log_in(client, "alice", PASSWORD)
    messages = [record.getMessage() for record in caplog.records]
    assert any("login failed for 'alice'" in message for message in messages)
    assert any("login of 'alice'" in message for message in messages)
    assert not any("wrong-password" in message or PASSWORD in message for message in messages)


def test_the_login_page_wears_the_courses_look(client, course):
    content = client.get(f"{LOGIN}?next=/{course.slug}/weeks/7/").content.decode()
    assert f'<a class="site-title" href="/{course.slug}/">{course.title}</a>' in content
    assert f'href="/{course.slug}/readings/"' in content
    assert "Username or e-mail address" in content


@pytest.mark.parametrize(
    "path", ["/accounts/password-reset/", "/accounts/password-reset/sent/", "/accounts/reset/done/"]
)
def test_the_password_pages_wear_the_courses_look(client, course, path):
    content = client.get(path).content.decode()
    assert f'<a class="site-title" href="/{course.slug}/">{course.title}</a>' in content


def test_the_page_she_lands_on_says_who_is_logged_in(client, alice, course):
    alice.first_name, alice.last_name = "Alice", "Martin"
    alice.save()
    response = client.post(
        LOGIN, {"username": "alice@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == course.get_absolute_url()
    assert "You are logged in as Alice Martin (alice)." in response.content.decode()
    next_page = client.get(course.get_absolute_url()).content.decode()
    assert "You are logged in as" not in next_page
