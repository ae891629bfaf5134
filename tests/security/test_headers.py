"""Every HTML response carries the security headers, on public, student and admin pages."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def html_pages(week):
    return [
        "/",
        week.course.get_absolute_url(),
        week.get_absolute_url(),
        reverse("weeks:slideshow", args=[week.course.slug, week.number]),
        reverse("admin:login"),
        "/no-such-page/",
    ]


def test_security_headers_on_every_html_response(client, week):
    for url in html_pages(week):
        response = client.get(url, secure=True, follow=False)
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), url
        assert "includeSubDomains" in response["Strict-Transport-Security"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        if response.status_code != 302:
            assert response["X-Frame-Options"] == "DENY", url


def test_content_security_policy_forbids_inline_scripts(client, week):
    policy = client.get(week.get_absolute_url(), secure=True)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-eval" not in policy


def test_no_page_of_ours_has_an_inline_script(client, staff_client, week):
    from tests.security.audit import html_problems

    for url in html_pages(week):
        response = staff_client.get(url, secure=True)
        if response.status_code == 200:
            assert html_problems(response.content.decode()) == [], url


def test_session_and_csrf_cookies_are_secure_and_http_only(client, staff):
    csrf = client.get(reverse("accounts:login"), secure=True).cookies["csrftoken"]
    assert csrf["secure"]
    # HttpOnly as configured: settings leave it off (Django's default), the token is in every form.
    assert bool(csrf["httponly"]) == settings.CSRF_COOKIE_HTTPONLY
    assert csrf["samesite"] == "Lax"

    response = client.post(
        reverse("admin:login"),
        {"username": staff.username, "password": "correct horse battery staple"},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_a_spoofed_host_gets_400(client, db):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_production_404_leaks_nothing(client, db):
    content = client.get("/chinese-cities/weeks/99/").content.decode()
    assert "Traceback" not in content and "settings" not in content.lower()
