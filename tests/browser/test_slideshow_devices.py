"""The Week 7 slideshow as students use it on a laptop, a tablet and a phone, in chromium.

Most tests open the demo deck on four devices at once (a laptop with a mouse, a tablet with
touch, a phone held sideways and upright) and walk each through the same steps; the
screenshots they leave (SCREENSHOT_DIR/slideshow-*.png) are for a person to look at.
"""

import os
import time

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.slides import open_slides, shown, slideshow_url, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "tablet": {"viewport": {"width": 1024, "height": 768}, "has_touch": True, "is_mobile": True},
    "phone-landscape": {
        "viewport": {"width": 844, "height": 390},
        "has_touch": True,
        "is_mobile": True,
    },
    "phone-portrait": {
        "viewport": {"width": 390, "height": 844},
        "has_touch": True,
        "is_mobile": True,
    },
}
CONTROLS = ".deck-bar a, .deck-bar button, .deck-bar__hint, #deck-goto"
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The slides each viewport's screenshots show, for a person to look at.
LOOKED_AT = {1, 2, 3, 10, 12, 22, 31, 33, 36, 42, 49}


@pytest.fixture
def week_7(demo):
    from weeks.models import Week

    return Week.objects.select_related("course").get(course__slug="chinese-cities", number=7)


class Devices:
    """A page on each device, each in a context of its own, opened when first used."""

    def __init__(self, browser, page_errors):
        self.browser = browser
        self.page_errors = page_errors
        self.contexts = {}
        self.pages = {}

    def __getitem__(self, name):
        if name not in self.pages:
            context = self.contexts[name] = self.browser.new_context(**DEVICES[name])
            page = self.pages[name] = context.new_page()
            page.on("pageerror", lambda error: self.page_errors.append(f"{name}: {error}"))
        return self.pages[name]

    def items(self):
        return [(name, self[name]) for name in DEVICES]

    def values(self):
        return [self[name] for name in DEVICES]

    def close(self):
        for context in self.contexts.values():
            context.close()


@pytest.fixture
def devices(browser, page_errors):
    """Pages on the four devices; an uncaught error on any of them fails the test."""
    devices = Devices(browser, page_errors)
    yield devices
    devices.close()
    assert page_errors == []


def press(page, name, selector):
    """A click with the mouse, a tap on touch devices."""
    if DEVICES[name].get("has_touch"):
        page.tap(selector)
    else:
        page.click(selector)


def overlaps(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def covering_controls(page, selector):
    """The visible controls whose box meets the box of `selector`."""
    target = page.locator(selector).bounding_box()
    covering = []
    for control in page.locator(CONTROLS).all():
        if control.is_visible() and overlaps(control.bounding_box(), target):
            covering.append(control.evaluate("e => e.outerHTML.slice(0, 80)"))
    return covering


def test_no_control_covers_a_slide_once_the_page_has_settled(devices, live_server, week_7):
    for page in devices.values():
        open_slides(page, slideshow_url(live_server, week_7, "#10"))
    time.sleep(3)
    for name, page in devices.items():
        assert shown(page) == 10
        assert page.locator("#slide-10 .footnote").is_visible()
        assert covering_controls(page, "#slide-10 .footnote") == [], name
        # Where the screen leaves room, the bar lives outside the slide even while shown.
        bar = page.evaluate("document.body.dataset.bar")
        expected = {"tablet": "over", "phone-portrait": "below"}.get(name, "beside")
        assert bar == expected, name
        if bar != "over":
            assert covering_controls(page, "#slide-10") == [], name
        # No button for keys on a device without a keyboard.
        assert page.get_by_role("button", name="Keys").is_visible() == (name == "laptop"), name
        # Upright, a phone draws the text under 12 px: it offers the reading view.
        assert page.locator("#deck-small-text").is_visible() == (name == "phone-portrait"), name
        screenshot(page, f"slideshow-{name}-10")


def test_a_tap_on_the_slide_shows_or_hides_a_floating_bar(devices, live_server, week_7):
    page = devices["tablet"]
    open_slides(page, slideshow_url(live_server, week_7, "#10"))
    next_button = page.locator('.deck-bar [data-action="next"]')
    expect(next_button).to_be_visible()
    page.tap("#slide-10 h1")
    expect(next_button).to_be_hidden()
    page.tap("#slide-10 h1")
    expect(next_button).to_be_visible()
    assert shown(page) == 10


def test_the_phone_upright_opens_the_reading_view_at_the_same_slide(devices, live_server, week_7):
    page = devices["phone-portrait"]
    open_slides(page, slideshow_url(live_server, week_7, "#12"))
    page.get_by_role("link", name="read the slides as a page").tap()
    page.wait_for_url("**view=reading#slide-12")
    assert page.locator("#slide-12").bounding_box()["y"] == pytest.approx(0, abs=2)
    screenshot(page, "slideshow-phone-portrait-reading-12")


def test_keys_act_on_the_deck_after_a_click_and_back_leaves_it(devices, live_server, week_7):
    week_page = f"{live_server.url}{week_7.get_absolute_url()}"
    for name, page in devices.items():
        page.goto(week_page)
        page.click("text=Open the slideshow")
        wait_until(page, "document.documentElement.classList.contains('deck-live')")
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        assert shown(page) == 6, name
        assert page.evaluate("location.hash") == "#6"
        page.go_back()
        assert page.url == week_page, name

        open_slides(page, slideshow_url(live_server, week_7))
        press(page, name, '.deck-bar [data-action="next"]')
        assert shown(page) == 2, name
        page.keyboard.type("30")
        page.keyboard.press("Enter")
        assert shown(page) == 30, name
        assert page.locator("#deck-goto").is_hidden(), name
        page.keyboard.press("Space")  # the deck's, not the button's
        assert shown(page) == 31, name
        page.go_back()  # the jump to 30 was one history entry
        wait_until(page, "() => window.slideshow.current === 2")

    page = devices["laptop"]  # after the pinyin switch too, a number and Enter go to a slide
    pinyin = page.locator(".deck-bar [data-pinyin-toggle]")
    pinyin.click()
    assert pinyin.get_attribute("aria-pressed") == "true"
    page.keyboard.type("5")
    page.keyboard.press("Enter")
    assert shown(page) == 5
    assert pinyin.get_attribute("aria-pressed") == "true"


def test_previews_and_the_overview_keep_to_their_boxes(devices, live_server, week_7):
    for name, page in devices.items():
        page.goto(f"{live_server.url}{week_7.get_absolute_url()}")
        box = page.locator(".slide-thumb").bounding_box()
        slide = page.locator(".slide-thumb .slide").bounding_box()
        assert slide["height"] > 100, name
        assert box["height"] <= slide["height"] * 1.1, name
        page.locator(".slide-thumb").scroll_into_view_if_needed()
        screenshot(page, f"slideshow-{name}-week-page")

        open_slides(page, slideshow_url(live_server, week_7, "#3"))
        page.keyboard.press("o")
        boxes = page.locator(".deck > .slide").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
        )
        assert len(boxes) == 49
        assert all(box["width"] > 50 for box in boxes), name
        clashes = [
            (i + 1, j + 1)
            for i, a in enumerate(boxes)
            for j, b in enumerate(boxes[i + 1 :], start=i + 1)
            if overlaps(a, b)
        ]
        assert clashes == [], name
        screenshot(page, f"slideshow-{name}-overview")


@pytest.fixture
def axe_source():
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{AXE} is missing: run npm install")
        pytest.skip(f"{AXE} is missing: run npm install to run the accessibility test")
    return AXE.read_text(encoding="utf-8")


def serious_violations(page, context):
    """axe-core's serious and critical violations in `context` (a selector or "document")."""
    results = page.evaluate(
        "context => axe.run(context === 'document' ? document : {include: [context]},"
        " {resultTypes: ['violations']})",
        context,
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", ["laptop", "phone-portrait"])
def test_axe_finds_no_serious_violation_on_any_slide(
    browser, live_server, week_7, axe_source, name
):
    context = browser.new_context(**DEVICES[name])
    context.add_init_script(axe_source)  # as the browser's own script: the page's CSP allows it
    page = context.new_page()
    open_slides(page, slideshow_url(live_server, week_7))
    count = page.locator(".deck > .slide").count()
    found = {}
    for index in range(1, count + 1):
        assert shown(page) == index
        # The whole page on the first slide; then each slide (the page around it is the same).
        checked = "document" if index == 1 else f"#slide-{index}"
        if violations := serious_violations(page, checked):
            found[index] = violations
        if index in LOOKED_AT:
            screenshot(page, f"slideshow-{name}-{index:02d}")
        page.keyboard.press("ArrowRight")
    context.close()
    assert count == 49
    assert found == {}
