"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Skipped, with the reason, where /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 (as in CI).
"""

import os
import tempfile
from pathlib import Path

import factory
import pytest
from django.conf import settings

from tests.browser.slides import COLUMNS, HALVES, SECRET_NOTE, SIDEBAR, png
from tests.factories import WeekFactory
from weeks.models import Slide

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir()))
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Records CSP violations, which chromium reports as events rather than always as console errors.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class SlideFactory(factory.django.DjangoModelFactory):
    """A slide with its rendered fields set directly, as the deck renderer would store them."""

    class Meta:
        model = Slide

    week = factory.SubFactory(WeekFactory)
    position = factory.Sequence(lambda n: n)
    index = factory.LazyAttribute(lambda slide: slide.position + 1)
    number = factory.LazyAttribute(lambda slide: slide.index)
    content = factory.LazyAttribute(lambda slide: f"# Slide {slide.index}")
    heading = factory.LazyAttribute(lambda slide: f"Slide {slide.index}")
    html = factory.LazyAttribute(lambda slide: f"<h1>Slide {slide.index}</h1>")


def make_deck(week, count, overrides=None):
    """`count` plain slides for `week`; `overrides` maps a 1-based index to field values."""
    overrides = overrides or {}
    slides = []
    number = 0
    for index in range(1, count + 1):
        fields = overrides.get(index, {})
        if fields.get("counted", True):
            number += 1
        fields = {"number": max(number, 1), **fields}
        slides.append(SlideFactory.build(week=week, position=index - 1, index=index, **fields))
    return Slide.objects.bulk_create(slides)


def screenshot(page, name):
    """Save what the page shows as SCREENSHOT_DIR/name.png, for a person to look at."""
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def require_chromium():
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_errors():
    """Console errors, uncaught exceptions and CSP violations of every page of the test."""
    return []


@pytest.fixture
def expected_errors():
    """Substrings of errors a test expects (say, a deck's images not uploaded yet)."""
    return []


@pytest.fixture
def browser_context(browser, page_errors, expected_errors):
    context = browser.new_context(viewport=LAPTOP)
    context.add_init_script(RECORD_CSP_VIOLATIONS)

    def console(message):
        if message.type == "error":
            page_errors.append(f"{message.text} ({message.location['url']})")

    def watch(page):
        page.on("console", console)
        page.on("pageerror", lambda error: page_errors.append(f"uncaught: {error}"))

    context.on("page", watch)
    yield context
    for page in context.pages:
        if not page.is_closed() and page.url.startswith("http"):
            page_errors.extend(f"CSP: {v}" for v in page.evaluate("window.__cspViolations || []"))
    context.close()
    unexpected = [e for e in page_errors if not any(x in e for x in expected_errors)]
    assert unexpected == [], "the pages reported errors"


@pytest.fixture
def browser_page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def login(browser_context, live_server, client):
    """Log `user` in for every page of the browser context."""

    def login(user):
        client.force_login(user)
        browser_context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )

    return login


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
