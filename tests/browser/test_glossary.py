"""The glossary filter, the pinyin toggle and the stroke animation in a real browser."""

import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from glossary import strokes
from glossary.models import Character
from tests.factories import CharacterFactory, TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A one-stroke character, for machines without the hanzi-writer-data package.
FALLBACK_STROKES = {
    "strokes": ["M 100 700 L 900 700 L 900 600 L 100 600 Z"],
    "medians": [[[100, 650], [900, 650]]],
    "radStrokes": [],
}


def stroke_data_of(character):
    return strokes.read_character(character) or FALLBACK_STROKES


def only_local_requests(page, live_server):
    """Collect every request the page makes to another host than the site's."""
    host = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc in ("", host) or elsewhere.append(request.url),
    )
    return elsewhere


def test_glossary_filters_terms_as_the_reader_types(browser_page, live_server, course):
    TermFactory(course=course, hanzi="智慧城市", pinyin="zhìhuì chéngshì", gloss="smart city")
    TermFactory(course=course, hanzi="城市大脑", pinyin="chéngshì dànǎo", gloss="City Brain")
    TermFactory(course=course, hanzi="业绩", pinyin="yèjì", gloss="performance")
    page = browser_page
    page.goto(live_server.url + reverse("glossary:terms", args=[course.slug]))
    terms = page.locator(".glossary__term")
    box = page.get_by_label("Filter the terms")
    expect(terms).to_have_count(3)

    box.fill("zhihui")
    expect(terms.filter(visible=True)).to_have_count(1)
    expect(page.locator(".glossary__term", has_text="智慧城市")).to_be_visible()
    expect(page.locator(".glossary__term", has_text="业绩")).to_be_hidden()

    box.fill("城市")
    expect(terms.filter(visible=True)).to_have_count(2)
    expect(page.get_by_role("status")).to_have_text("2 of 3 terms shown")

    box.fill("chengshidanao")
    expect(terms.filter(visible=True)).to_have_count(1)

    box.fill("nothing like this")
    expect(terms.filter(visible=True)).to_have_count(0)
    expect(page.get_by_text("No term matches.")).to_be_visible()

    box.fill("")
    expect(terms.filter(visible=True)).to_have_count(3)


def test_pinyin_toggle_shows_ruby_over_characters_and_is_remembered(
    browser_page, live_server, week
):
    TermFactory(course=week.course, hanzi="智慧城市", pinyin="zhìhuì chéngshì")
    week.summary = "What makes a 智慧城市 smart?"
    week.save()
    page = browser_page
    page.goto(live_server.url + week.get_absolute_url())
    ruby = page.locator(".prose ruby").first
    first_rt = ruby.locator("rt").first
    toggle = page.get_by_role("button", name="Pinyin over characters")

    expect(ruby).to_be_visible()
    expect(first_rt).to_be_hidden()
    expect(toggle).to_have_attribute("aria-pressed", "false")

    toggle.click()
    expect(first_rt).to_be_visible()
    expect(first_rt).to_have_text("zhìhuì")
    expect(toggle).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect(page.locator(".prose rt").first).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "true")

    toggle.click()
    page.reload()
    expect(page.locator(".prose rt").first).to_be_hidden()


def test_stroke_order_animates_the_character_without_fetching_anything(
    browser_page, live_server, week
):
    character = CharacterFactory(course=week.course, week=week, hanzi="创")
    character.strokes = {"创": stroke_data_of("创")}
    character.save()
    page = browser_page
    elsewhere = only_local_requests(page, live_server)
    page.goto(live_server.url + week.get_absolute_url())

    glyph = page.locator(".character__glyph")
    expect(glyph).to_have_class("character__glyph is-animated")
    expect(glyph.locator(".character__strokes svg")).to_have_count(1)
    expect(page.get_by_role("button", name="Replay the strokes")).to_be_visible()
    # The still character stays in the page for screen readers and copying.
    expect(page.locator(".character__hanzi")).to_have_text("创")
    assert json.loads(page.locator("#" + character.strokes_element_id).text_content())
    page.get_by_role("button", name="Replay the strokes").click()
    page.wait_for_timeout(300)
    assert elsewhere == []


def test_without_stroke_data_the_still_character_is_shown(browser_page, live_server, week):
    character = CharacterFactory(course=week.course, week=week, hanzi="城")
    Character.objects.filter(pk=character.pk).update(strokes={})  # as saved without npm
    page = browser_page
    page.goto(live_server.url + week.get_absolute_url())
    expect(page.locator(".character__hanzi")).to_be_visible()
    expect(page.locator(".character__strokes")).to_have_count(0)
