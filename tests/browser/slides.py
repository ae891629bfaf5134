"""What the slideshow browser tests share: slide HTML like the instructor's, page helpers."""

import io
import time

from django.urls import reverse
from PIL import Image

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
    wait_until(page, "document.documentElement.classList.contains('deck-live')")
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


def wait_until(page, expression, arg=None, timeout=5000):
    """Wait until `expression` (JavaScript, or a function of `arg`) is true in `page`.

    Like page.wait_for_function, but each check goes through page.evaluate, which the site's
    Content Security Policy allows: wait_for_function polls with eval inside the page, which the
    policy (rightly) refuses when the first check is not already true.
    """
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} ms: {expression}")
        time.sleep(0.02)
