"""The instructor copies the course to next term from the admin's course list, in chromium:
the preview shows each week's old and new date, confirming makes the draft copy."""

import datetime

import pytest
from playwright.sync_api import expect

from courses.models import Course
from tests.browser.conftest import screenshot
from tests.factories import StaffFactory, WeekFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_instructor_previews_the_new_calendar_and_copies_the_course(
    browser_context, login, live_server, course
):
    for number, day in ((1, datetime.date(2026, 1, 13)), (2, datetime.date(2026, 1, 20))):
        WeekFactory(course=course, number=number, date=day, title=f"Session {number}")
    login(StaffFactory())
    page = browser_context.new_page()
    page.goto(f"{live_server.url}/admin/courses/course/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "copy_to_new_term")
    page.click("button[name=index]")
    page.fill("#id_slug", "chinese-cities-2027")
    page.fill("#id_term", "S2 2026/27")
    page.fill("#id_first_session", "2027-01-19")
    page.fill("#id_skips", "2027-01-26")
    page.click("button[value=preview]")
    rows = page.locator("#copy-calendar tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Tue 20 Jan 2026")
    expect(rows.nth(1)).to_contain_text("Tue 2 Feb 2027")
    screenshot(page, "copy-course-preview")
    page.click("button[value=confirm]")
    expect(page.locator(".messagelist")).to_contain_text(
        "The copy chinese-cities-2027 (S2 2026/27) is ready: its weeks are drafts"
    )
    screenshot(page, "copy-course-done")  # once the page it went to is there
    copy = Course.objects.get(slug="chinese-cities-2027")
    assert list(copy.weeks.values_list("date", flat=True)) == [
        datetime.date(2027, 1, 19),
        datetime.date(2027, 2, 2),
    ]
