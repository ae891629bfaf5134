import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, make_deck, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET_NOTE = "only-the-instructor-reads-this-5e1d"
COLUMNS = (
    "<h1>Urban Monitoring</h1>"
    '<div class="row"><div class="column"><p><strong>Surveillance</strong></p>'
    "<ul><li>Skynet (天网) and Sharp Eyes (雪亮工程)</li><li>Facial recognition</li></ul></div>"
    '<div class="column"><p><strong>Health governance</strong></p>'
    "<ul><li>COVID health codes (健康码)</li><li>Tricolour system</li></ul></div></div>"
    '<div class="footnote"><p>Liang, Fan et al. “Constructing a Data-Driven Society.”'
    " 2018.</p></div>"
)
HALVES = (
    "<h1>Discussion Prompt</h1>"
    '<div class="col-one-half"><p><strong>Arguments for</strong></p>'
    "<ul><li>Efficiency</li></ul></div>"
    '<div class="col-one-half"><p><strong>Arguments against</strong></p>'
    "<ul><li>Opacity</li></ul></div>"
    "<blockquote><p><em>What are other arguments?</em></p></blockquote>"
)
SIDEBAR = (
    '<div class="left-column"><h2>AI plan</h2><h3>2017</h3></div>'
    '<div class="right-column"><h1>AI Policy Framework</h1><ul><li>State Council, 2017</li>'
    '<li>2030: China as primary AI innovation center (<span class="red">goal</span>)</li>'
    "</ul></div>"
)


@pytest.fixture
def deck(week, settings, tmp_path):
    """20 slides with the instructor's classes; slide 6 is uncounted, so 19 numbers."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "maker.png").write_bytes(png(908, 681))
    make_deck(
        week,
        20,
        {
            1: {
                "name": "title",
                "css_classes": "inverse center middle",
                "html": "<h2>Week 7</h2><h1>创</h1><h2>Planning For Innovation</h2>",
                "notes_html": f"<p>Welcome everyone. {SECRET_NOTE}</p>",
            },
            2: {"notes_html": "<p>Second slide: ask about the reading.</p>"},
            3: {"html": COLUMNS},
            4: {"html": HALVES},
            5: {"html": SIDEBAR},
            6: {"counted": False, "html": "<h1>An uncounted slide</h1>"},
            15: {
                "name": "maker",
                "css_classes": "inverse",
                "background_css": 'background-image: url("/media/maker.png")',
                "html": "<h1>Third Spaces?</h1>",
            },
        },
    )
    return week


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def slideshow_url(live_server, week, suffix=""):
    path = reverse("weeks:slideshow", args=[week.course.slug, week.number])
    return f"{live_server.url}{path}{suffix}"


def presenter_url(live_server, week, suffix=""):
    path = reverse("weeks:presenter", args=[week.course.slug, week.number])
    return f"{live_server.url}{path}{suffix}"


def open_slides(page, url):
    page.goto(url)
    page.wait_for_function("document.documentElement.classList.contains('deck-live')")
    return page


def shown(page):
    """The index of the one slide on screen."""
    ids = page.locator(".deck > .slide:visible").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == 1, ids
    return int(ids[0].removeprefix("slide-"))


def fragment(page):
    return page.evaluate("location.hash")


def box_inside_viewport(page, selector):
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    return (
        box["x"] >= -0.5
        and box["y"] >= -0.5
        and box["x"] + box["width"] <= viewport["width"] + 0.5
        and box["y"] + box["height"] <= viewport["height"] + 0.5
    )


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
    page.wait_for_function("window.slideshow.current === 1")
    assert shown(page) == 1


def test_the_back_button_returns_to_the_previous_slide(browser_page, live_server, deck):
    page = open_slides(browser_page, slideshow_url(live_server, deck, "#5"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert shown(page) == 7
    page.go_back()
    page.wait_for_function("window.slideshow.current === 6")
    assert fragment(page) == "#6"
    page.go_back()
    page.wait_for_function("window.slideshow.current === 5")
    page.go_forward()
    page.wait_for_function("window.slideshow.current === 6")


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
    page.wait_for_function("window.slideshow.current === 2")
    swipe(300, 80)
    page.wait_for_function("window.slideshow.current === 3")
    swipe(80, 300)
    page.wait_for_function("window.slideshow.current === 2")
    assert fragment(page) == "#2"
    context.close()


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
    assert page.locator("#slide-5 .red").evaluate(style, "color") == "rgb(250, 0, 0)"
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


def test_p_opens_the_presenter_view_for_staff(browser_context, live_server, login, staff, deck):
    login(staff)
    page = open_slides(browser_context.new_page(), slideshow_url(live_server, deck, "#6"))
    with browser_context.expect_page() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    expect(presenter).to_have_url(re.compile(r"/slides/presenter/#6$"))
    presenter.wait_for_function("window.slideshow && window.slideshow.current === 6")
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
    audience.wait_for_function("window.slideshow.current === 2")
    assert shown(audience) == 2
    assert fragment(audience) == "#2"
    # The timer started with the first move, as in remark; s pauses it.
    expect(presenter.locator('[data-action="timer-toggle"]')).to_have_text("Pause")
    presenter.keyboard.press("s")
    expect(presenter.locator('[data-action="timer-toggle"]')).to_have_text("Resume")

    presenter.keyboard.press("End")
    audience.wait_for_function("window.slideshow.current === 20")
    expect(presenter.locator("#presenter-next")).to_have_text("End of the slides.")
    expect(notes).to_be_empty()

    # Driven by hand, the audience window moves the presenter too.
    audience.keyboard.press("Home")
    presenter.wait_for_function("window.slideshow.current === 1")
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
    audience.wait_for_function("window.slideshow && window.slideshow.current === 4")
    presenter.keyboard.press("ArrowRight")
    audience.wait_for_function("window.slideshow.current === 5")


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


def test_the_week_7_deck_walks_from_first_to_last_slide(
    browser_page, live_server, week, expected_errors
):
    try:
        from weeks.decks import import_deck
        from weeks.remark import parse_deck
    except ImportError:
        pytest.skip("the deck importer (weeks.remark) is not there yet")
    from demo import DECK_PATH

    import_deck(week, parse_deck(DECK_PATH.read_text(encoding="utf-8")))
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
        page.wait_for_function(f"window.slideshow.current === {index}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"week7-phone-{index:02d}")
