"""A slideshow in chromium fits the screen, wears the theme, reads without JavaScript, prints."""

import re

import pytest

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.slides import (
    box_inside_viewport,
    open_slides,
    shown,
    slideshow_url,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_shows_a_whole_slide_without_horizontal_scrolling(browser_page, live_server, deck):
    page = browser_page
    page.set_viewport_size(PHONE)
    for target in ["", "#3", "#5"]:
        open_slides(page, slideshow_url(live_server, deck, target))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert box_inside_viewport(page, ".slide.is-current")
        box = page.locator(".slide.is-current").bounding_box()
        assert box["width"] == pytest.approx(PHONE["width"], abs=1)
        assert box["height"] == pytest.approx(PHONE["width"] * 3 / 4, abs=1)
    screenshot(page, "slides-phone-columns")
    open_slides(page, slideshow_url(live_server, deck, "#1"))
    screenshot(page, "slides-phone-title")
    page.goto(slideshow_url(live_server, deck, "?view=reading"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".deck > .slide:visible").count() == 20
    screenshot(page, "slides-phone-reading")


def test_slides_keep_their_ratio_and_fill_the_laptop_screen(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    box = page.locator(".slide.is-current").bounding_box()
    assert box["height"] == pytest.approx(800, abs=1)
    assert box["width"] == pytest.approx(800 * 4 / 3, abs=1)
    assert box_inside_viewport(page, ".slide.is-current")
    # Fonts scale with the slide: remark's 20px at 908px wide.
    font = page.locator(".slide.is-current").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert font == pytest.approx(20 * box["width"] / 908, rel=0.01)


def test_the_theme_reproduces_the_instructors_look(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    style = "(e, p) => getComputedStyle(e)[p]"
    title = page.locator("#slide-1")
    assert title.evaluate(style, "backgroundColor") == "rgb(0, 0, 0)"
    assert title.evaluate(style, "textAlign") == "center"
    screenshot(page, "slides-laptop-title")

    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    slide = page.locator("#slide-3").bounding_box()
    footnote = page.locator("#slide-3 .footnote").bounding_box()
    gap_below_footnote = slide["y"] + slide["height"] - (footnote["y"] + footnote["height"])
    assert gap_below_footnote < slide["height"] * 0.08
    left, right = page.locator("#slide-3 .column").all()
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert left_box["y"] == pytest.approx(right_box["y"], abs=1)
    assert left_box["x"] + left_box["width"] <= right_box["x"]
    screenshot(page, "slides-laptop-columns")

    page.keyboard.press("ArrowRight")
    first, second = page.locator("#slide-4 .col-one-half").all()
    assert first.bounding_box()["y"] == pytest.approx(second.bounding_box()["y"], abs=1)
    quote = page.locator("#slide-4 blockquote").bounding_box()
    assert quote["y"] >= first.bounding_box()["y"] + first.bounding_box()["height"] - 1
    screenshot(page, "slides-laptop-halves")

    page.keyboard.press("ArrowRight")
    sidebar = page.locator("#slide-5 .left-column").bounding_box()
    main = page.locator("#slide-5 .right-column").bounding_box()
    assert sidebar["x"] + sidebar["width"] <= main["x"] + 1
    # remark's red (#fa0000) darkened to reach AA contrast on white.
    assert page.locator("#slide-5 .red").evaluate(style, "color") == "rgb(215, 0, 0)"
    screenshot(page, "slides-laptop-sidebar")

    page.keyboard.type("14")
    page.keyboard.press("Enter")
    background = page.locator("#slide-15")
    assert shown(page) == 15
    assert "/media/maker.png" in background.evaluate(style, "backgroundImage")
    assert background.evaluate(style, "backgroundSize") == "contain"
    screenshot(page, "slides-laptop-background")


def test_a_course_stylesheet_overrides_the_theme(browser_page, live_server, deck):
    deck.course.slides_css = ".inverse { background-color: #272822; } h1 { color: #a4161a; }"
    deck.course.save()
    page = open_slides(browser_page, slideshow_url(live_server, deck))
    style = "(e, p) => getComputedStyle(e)[p]"
    assert page.locator("#slide-1").evaluate(style, "backgroundColor") == "rgb(39, 40, 34)"
    assert page.locator("#slide-1 h1").evaluate(style, "color") == "rgb(164, 22, 26)"


def test_without_javascript_the_deck_reads_as_a_scrolling_page(browser, live_server, deck):
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(slideshow_url(live_server, deck))
    slides = page.locator(".deck > .slide")
    assert slides.evaluate_all("els => els.filter(e => e.offsetHeight > 0).length") == 20
    first = page.locator("#slide-1").bounding_box()
    assert first["y"] == pytest.approx(0, abs=1) and first["height"] == pytest.approx(800, abs=1)
    tops = slides.evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
    assert tops == sorted(tops)
    assert page.evaluate("document.documentElement.scrollHeight") > 20 * 700
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "slides-phone-nojs")
    context.close()


def test_printing_gives_one_page_per_slide(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#3"))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 20
