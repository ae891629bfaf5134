"""The presenter view in chromium: for staff only, with the notes, driving the audience window."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.slides import (
    SECRET_NOTE,
    fragment,
    open_slides,
    presenter_url,
    shown,
    slideshow_url,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_p_opens_the_presenter_view_for_staff(browser_context, live_server, login, staff, deck):
    login(staff)
    page = open_slides(browser_context.new_page(), slideshow_url(live_server, deck, "#6"))
    with browser_context.expect_page() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    expect(presenter).to_have_url(re.compile(r"/slides/presenter/#6$"))
    wait_until(presenter, "window.slideshow && window.slideshow.current === 6")
    expect(presenter.locator("#presenter-counter")).to_have_text("Slide 6 of 20")


def test_the_student_page_has_no_notes(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    assert SECRET_NOTE not in page.content()
    assert page.locator(".notes").count() == 0
    assert page.locator("[data-presenter-url]").count() == 0


def test_the_presenter_shows_notes_and_drives_the_audience_window(
    browser_context, live_server, login, staff, deck
):
    login(staff)
    audience = open_slides(browser_context.new_page(), slideshow_url(live_server, deck))
    presenter = open_slides(browser_context.new_page(), presenter_url(live_server, deck))
    notes = presenter.locator("#presenter-notes")
    expect(notes).to_contain_text(SECRET_NOTE)
    expect(presenter.locator("#presenter-next .slide")).to_contain_text("Slide 2")
    expect(presenter.locator("#presenter-counter")).to_have_text("Slide 1 of 20")
    screenshot(presenter, "slides-laptop-presenter")

    presenter.keyboard.press("ArrowRight")
    expect(notes).to_contain_text("Second slide: ask about the reading.")
    wait_until(audience, "window.slideshow.current === 2")
    assert shown(audience) == 2
    assert fragment(audience) == "#2"
    # The timer started with the first move, as in remark; s pauses it.
    expect(presenter.locator('[data-action="timer-toggle"]')).to_have_text("Pause")
    presenter.keyboard.press("s")
    expect(presenter.locator('[data-action="timer-toggle"]')).to_have_text("Resume")

    presenter.keyboard.press("End")
    wait_until(audience, "window.slideshow.current === 20")
    expect(presenter.locator("#presenter-next")).to_have_text("End of the slides.")
    expect(notes).to_be_empty()

    # Driven by hand, the audience window moves the presenter too.
    audience.keyboard.press("Home")
    wait_until(presenter, "window.slideshow.current === 1")
    expect(notes).to_contain_text(SECRET_NOTE)

    presenter.keyboard.press("b")
    expect(audience.locator("#deck-blackout")).to_be_visible()
    presenter.keyboard.press("b")
    expect(audience.locator("#deck-blackout")).to_be_hidden()


def test_the_presenter_opens_the_audience_window(browser_context, live_server, login, staff, deck):
    login(staff)
    presenter = open_slides(browser_context.new_page(), presenter_url(live_server, deck, "#4"))
    with browser_context.expect_page() as opened:
        presenter.get_by_role("button", name="Open audience window").click()
    audience = opened.value
    expect(audience).to_have_url(re.compile(r"/slides/#4$"))
    wait_until(audience, "window.slideshow && window.slideshow.current === 4")
    presenter.keyboard.press("ArrowRight")
    wait_until(audience, "window.slideshow.current === 5")
