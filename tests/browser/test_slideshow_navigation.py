"""Moving through a slideshow in chromium: keys, links, history, buttons, swipes, tools."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.browser.slides import (
    box_inside_viewport,
    fragment,
    open_slides,
    shown,
    slideshow_url,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_arrow_keys_move_forward_and_back_and_update_the_fragment(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    assert shown(page) == 1
    page.keyboard.press("ArrowRight")
    assert shown(page) == 2
    assert fragment(page) == "#2"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert shown(page) == 4
    assert fragment(page) == "#4"
    page.keyboard.press("ArrowLeft")
    assert shown(page) == 3
    assert fragment(page) == "#3"
    page.keyboard.press("ArrowUp")
    assert shown(page) == 2
    expect(page.locator("#deck-status")).to_have_text("Slide 2 of 20: Slide 2")


def test_remarks_other_keys_move_too(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    for key, expected in [
        ("Space", 2),
        ("PageDown", 3),
        ("j", 4),
        ("Shift+Space", 3),
        ("PageUp", 2),
        ("k", 1),
        ("k", 1),  # stays on the first slide
    ]:
        page.keyboard.press(key)
        assert shown(page) == expected, key


def test_a_deep_link_opens_that_slide(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#12"))
    assert shown(page) == 12
    page.keyboard.press("ArrowRight")
    assert fragment(page) == "#13"


def test_a_named_fragment_opens_the_named_slide(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#maker"))
    assert shown(page) == 15
    page.evaluate("location.hash = '#title'")
    wait_until(page, "window.slideshow.current === 1")
    assert shown(page) == 1


def test_the_back_button_undoes_jumps_but_not_steps(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#5"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert shown(page) == 7
    assert fragment(page) == "#7"
    page.keyboard.type("12")  # displayed number 12 is the 13th slide
    page.keyboard.press("Enter")
    page.keyboard.press("End")
    assert shown(page) == 20
    page.go_back()
    wait_until(page, "() => window.slideshow.current === 13")
    page.go_back()
    wait_until(page, "() => window.slideshow.current === 7")
    assert fragment(page) == "#7"
    page.go_forward()
    wait_until(page, "() => window.slideshow.current === 13")


def test_home_end_and_a_typed_slide_number(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#8"))
    page.keyboard.press("End")
    assert shown(page) == 20
    expect(page.locator("#slide-20 .slide-number")).to_have_text("19 / 19")
    page.keyboard.press("Home")
    assert shown(page) == 1
    # Slide 6 is uncounted: displayed number 6 is the 7th slide, as in remark.
    page.keyboard.type("6")
    expect(page.locator("#deck-goto")).to_have_text("Go to 6")
    page.keyboard.press("Enter")
    assert shown(page) == 7
    assert fragment(page) == "#7"
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    assert shown(page) == 13
    expect(page.locator("#deck-goto")).to_be_hidden()


def test_buttons_move_between_slides(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    page.get_by_role("button", name="Next slide").click()
    page.get_by_role("button", name="Next slide").click()
    assert shown(page) == 3
    page.get_by_role("button", name="Previous slide").click()
    assert shown(page) == 2


def test_a_horizontal_swipe_changes_slides(browser, live_server, deck, page_errors):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    open_slides(page, slideshow_url(live_server, deck))
    touch = context.new_cdp_session(page)

    def swipe(x0, x1, y=300):
        for kind, points in [("touchStart", [(x0, y)]), ("touchMove", [(x1, y)]), ("touchEnd", [])]:
            touch.send(
                "Input.dispatchTouchEvent",
                {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]},
            )

    swipe(300, 80)
    wait_until(page, "window.slideshow.current === 2")
    swipe(300, 80)
    wait_until(page, "window.slideshow.current === 3")
    swipe(80, 300)
    wait_until(page, "window.slideshow.current === 2")
    assert fragment(page) == "#2"
    context.close()


def test_o_shows_the_overview_and_a_click_picks_a_slide(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#2"))
    page.keyboard.press("o")
    expect(page.locator(".deck.is-overview")).to_be_visible()
    assert page.locator(".deck > .slide:visible").count() == 20
    first, second = page.locator("#slide-1").bounding_box(), page.locator("#slide-2").bounding_box()
    assert first["y"] == pytest.approx(second["y"]) and first["x"] < second["x"]
    screenshot(page, "slides-laptop-overview")
    page.locator("#slide-9").click()
    expect(page.locator(".deck.is-overview")).to_have_count(0)
    assert shown(page) == 9
    assert fragment(page) == "#9"

    page.keyboard.press("o")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    assert shown(page) == 10
    page.keyboard.press("o")
    page.keyboard.press("Escape")
    assert shown(page) == 10


def test_help_lists_the_keys_and_escape_closes_it(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Go to that slide number")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    page.keyboard.press("h")
    expect(help_dialog).to_be_visible()
    page.keyboard.press("h")
    expect(help_dialog).to_be_hidden()


def test_b_blacks_the_screen_until_pressed_again(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    page.keyboard.press("b")
    expect(page.locator("#deck-blackout")).to_be_visible()
    page.keyboard.press("b")
    expect(page.locator("#deck-blackout")).to_be_hidden()
    page.keyboard.press("b")
    page.keyboard.press("Escape")
    expect(page.locator("#deck-blackout")).to_be_hidden()


def test_the_week_7_deck_walks_from_first_to_last_slide(
    browser_page, live_server, week, expected_errors
):
    try:
        from weeks.revisions import save_deck
    except ImportError:
        pytest.skip("the deck importer (weeks.remark) is not there yet")
    from demo import DECK_PATH

    save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    expected_errors.append("/talks/")  # the deck's images, not uploaded in this test
    count = week.slides.filter(visible=True).count()
    page = open_slides(browser_page, slideshow_url(live_server, week))
    assert page.locator(".deck > .slide").count() == count
    for index in range(1, count + 1):
        assert shown(page) == index
        assert box_inside_viewport(page, ".slide.is-current")
        if index in (1, 2, 9, 12, 22, 36, 42):
            screenshot(page, f"week7-laptop-{index:02d}")
        page.keyboard.press("ArrowRight")
    assert shown(page) == count
    expect(page.locator(f"#slide-{count} .slide-number")).to_have_text(f"{count} / {count}")
    page.set_viewport_size(PHONE)
    for index in (9, 12, 22):
        page.goto(slideshow_url(live_server, week, f"#{index}"))
        wait_until(page, f"window.slideshow.current === {index}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"week7-phone-{index:02d}")
