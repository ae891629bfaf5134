"""The instructor writes Week 7's deck in the admin's editor, in chromium: the preview follows
the typing, Ctrl+S saves, students see the new slide without its notes; a second instructor's
stale save is refused with both versions on the page."""

import time

import pytest
from django.test import Client
from playwright.sync_api import expect

from demo import DECK_PATH
from tests.factories import StaffFactory
from weeks.decks import export_week_deck
from weeks.revisions import save_deck

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_SLIDE = (
    "\n---\nclass: inverse\n\n# Written in the editor\n\n"
    ".footnote[Source: the seminar, 2026]\n\n???\nRemind them of the deadline\n"
)


@pytest.fixture
def week_7(week):
    week.is_published = True
    week.save()
    save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    return week


@pytest.fixture
def expected_errors():
    return ["404 (Not Found)"]  # the deck's background images are not uploaded in the tests


def open_editor(page, live_server, week):
    page.goto(f"{live_server.url}/admin/weeks/week/{week.pk}/deck/")
    expect(page.locator("#deck-status")).to_contain_text("Slide 1 of 49")


def type_at_the_end(page, text):
    page.locator("textarea[name=source]").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text(text)


def test_a_slide_typed_in_the_editor_is_previewed_saved_and_shown_without_its_note(
    browser_context, login, live_server, week_7
):
    login(StaffFactory())
    page = browser_context.new_page()
    open_editor(page, live_server, week_7)
    type_at_the_end(page, NEW_SLIDE)
    typed_at = time.monotonic()
    preview = page.frame_locator("#deck-preview").locator("section.slide")
    expect(preview.locator("h1")).to_have_text("Written in the editor", timeout=1500)
    assert time.monotonic() - typed_at < 1.5
    expect(preview).to_have_class("slide remark-slide-content inverse")
    expect(preview.locator(".footnote")).to_contain_text("Source: the seminar")
    expect(page.locator("#deck-notes")).to_contain_text("Remind them of the deadline")
    with page.expect_navigation():
        page.keyboard.press("Control+s")
    expect(page.locator(".messagelist")).to_contain_text("1 slide added")
    assert export_week_deck(week_7).endswith(NEW_SLIDE)

    student_view = browser_context.browser.new_context()
    anonymous = student_view.new_page()
    slideshow = f"{live_server.url}/{week_7.course.slug}/weeks/7/slides/"
    response = anonymous.goto(slideshow + "#50")
    assert "Remind them of the deadline" not in response.text()
    slide = anonymous.locator("section.slide").nth(49)
    expect(slide).to_have_class("slide remark-slide-content inverse is-current")
    expect(slide.locator(".footnote")).to_be_visible()
    student_view.close()


def test_the_second_of_two_instructors_is_refused_and_loses_nothing(
    browser, live_server, week_7, settings
):
    pages = []
    for name in ("ana", "ben"):
        client = Client()
        client.force_login(StaffFactory(username=name))
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        page = context.new_page()
        open_editor(page, live_server, week_7)
        pages.append(page)
    ana, ben = pages
    type_at_the_end(ben, "\n---\n# Ben's slide\n")
    with ben.expect_navigation():
        ben.keyboard.press("Control+s")
    type_at_the_end(ana, "\n---\n# Ana's slide\n")
    with ana.expect_navigation():
        ana.keyboard.press("Control+s")
    expect(ana.locator(".errornote")).to_contain_text("Nothing of yours was saved")
    assert "# Ana's slide" in ana.locator("textarea[name=source]").input_value()
    assert "# Ben's slide" in ana.locator("#deck-theirs").input_value()
    assert "# Ana's slide" not in export_week_deck(week_7)
    for page in pages:
        page.context.close()
