"""The logged-in student's course home in chromium: her assignment with its countdown, her
group and the feedback she has not read yet, at laptop and phone widths."""

import pytest
from django.db import transaction

from assignments import services
from tests.browser.conftest import PHONE, screenshot
from tests.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENT = {"topic": "Shenzhen", "sources": ["A", "B"], "argument": "Cities win."}


def test_the_logged_in_home_shows_the_assignment_the_group_and_unread_feedback(
    course, browser_page, live_server, login
):
    assignment = AssignmentFactory(course=course, slug="final-project", title="Final project")
    li = EnrolmentFactory(course=course, user=UserFactory(username="li", first_name="Li")).user
    camille = EnrolmentFactory(course=course, user=UserFactory(username="camille")).user
    group = GroupFactory(assignment=assignment, name="Shenzhen makers")
    for user in (li, camille):
        MembershipFactory(group=group, user=user)
    services.save_revision(group=group, author=li, base_number=0, **CONTENT)
    submission = services.submit_for_review(group=group, base_number=1)
    with transaction.atomic():
        current = services.lock_for_feedback(submission, 0)
        current.status, current.feedback = "needs-revision", "Narrow the **topic**."
        services.record_feedback(current, by=UserFactory(), base_number=0, changed=True)

    login(li)
    page = browser_page
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    panel = page.locator("[data-home-panel=student]")
    assert panel.locator("h2").inner_text() == "For you, Li"
    work = panel.locator("[data-assignment=final-project]")
    assert "Final project" in work.inner_text()
    assert "left)" in work.locator("[data-countdown]").inner_text()  # the countdown ran
    assert "Shenzhen makers" in work.locator("[data-group]").inner_text()
    assert "Needs revision" in work.locator("[data-group]").inner_text()
    assert work.locator("[data-unread-feedback]").is_visible()
    screenshot(page, "student-home-laptop")
    page.set_viewport_size(PHONE)
    assert panel.bounding_box()["width"] <= PHONE["width"]
    screenshot(page, "student-home-phone")

    work.get_by_role("link", name="read it").click()
    assert "Narrow the" in page.locator("#feedback").inner_text()
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    assert page.locator("[data-unread-feedback]").count() == 0
