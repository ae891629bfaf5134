"""Assignment 2 end to end in chromium: two students form a group, write, submit; the
instructor answers in the admin; the students read the feedback."""

import os

import pytest
from django.urls import reverse

from assignments.models import Submission
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    StaffFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def record_error(message, errors):
    """Console errors, CSP refusals included."""
    if message.type == "error":
        errors.append(message.text)


def open_as(browser, live_server, username, path, errors, login_path="/accounts/login/"):
    """A new browser session logged in through the login form, then showing `path`."""
    context = browser.new_context()
    page = context.new_page()
    page.on("console", lambda message: record_error(message, errors))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{login_path}?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}{path}")
    return page


def test_two_students_write_submit_and_read_the_instructors_feedback(browser, live_server):
    course = CourseFactory(slug="chinese-cities")
    assignment = AssignmentFactory(course=course, slug="final-project", min_sources=2)
    for username in ("alice", "bob"):
        EnrolmentFactory(course=course, user=UserFactory(username=username, password=PASSWORD))
    StaffFactory(username="teacher", password=PASSWORD)
    path = assignment.get_absolute_url()
    errors = []

    alice = open_as(browser, live_server, "alice", path, errors)
    assert "left)" in alice.locator("[data-countdown]").inner_text()  # the static script ran
    alice.fill("#id_name", "Makers of Shenzhen 深圳")
    alice.get_by_role("button", name="Create the group").click()
    code = alice.locator(".join-code").inner_text()

    bob = open_as(browser, live_server, "bob", path, errors)
    bob.fill("#id_code", code)
    bob.get_by_role("button", name="Join", exact=True).click()
    assert "You joined" in bob.locator(".messages").inner_text()

    alice.reload()
    alice.fill("#id_topic", "Shenzhen's maker spaces")
    alice.fill("#id_sources", "Lindtner, Prototype Nation (2020)\nhttps://example.org/report")
    alice.fill("#id_argument", "Maker spaces turned factories into a planning asset.")
    alice.get_by_role("button", name="Save", exact=True).click()
    assert "Saved as version 1" in alice.locator(".messages").inner_text()

    bob.reload()
    bob.fill("#id_argument", "Maker spaces made Shenzhen plan for hardware.")
    bob.get_by_role("button", name="Save", exact=True).click()
    assert "Saved as version 2" in bob.locator(".messages").inner_text()

    alice.reload()
    alice.get_by_role("button", name="Submit version 2 for review").click()
    assert "Submitted for review" in alice.locator(".messages").inner_text()

    submission = Submission.objects.get(group__assignment=assignment)
    change = reverse("admin:assignments_submission_change", args=[submission.pk])
    teacher = open_as(browser, live_server, "teacher", change, errors, "/admin/login/")
    teacher.select_option("#id_status", "accepted")
    teacher.fill("#id_feedback", "A sharp argument; now find a third source.")
    teacher.locator("input[name=_save]").click()
    teacher.wait_for_url(f"{live_server.url}{reverse('admin:assignments_submission_changelist')}")

    for student in (alice, bob):
        student.reload()
        assert "Accepted" in student.locator(".status").inner_text()
        assert "now find a third source" in student.locator(".feedback").inner_text()
    bob.get_by_role("link", name="History of every version").click()
    assert "Version 2" in bob.locator("h2").first.inner_text()
    assert errors == []
