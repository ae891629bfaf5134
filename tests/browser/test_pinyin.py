"""Pinyin over every Chinese word and the Traditional characters toggle, in a real browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import CharacterFactory, TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The width of each ruby's base beside the width of the same text set without ruby, in the
# same element (so in the same font): pairs [with ruby, without].
BASE_WIDTHS = """
(rubies) => rubies.map((ruby) => {
  const base = ruby.querySelector(":scope > span");
  const plain = document.createElement("span");
  plain.textContent = base.textContent;
  ruby.parentNode.insertBefore(plain, ruby);
  const widths = [base.getBoundingClientRect().width, plain.getBoundingClientRect().width];
  plain.remove();
  return widths;
})
"""


@pytest.fixture
def makers_week(week):
    week.maker = TermFactory(course=week.course, hanzi="创客", pinyin="chuàngkè")
    week.summary = "创新 next to 创客 and 健康码, with 习近平新时代中国特色社会主义思想 too."
    week.save()
    return week


def test_with_pinyin_on_every_word_gets_its_pinyin_without_spreading_its_characters(
    browser_page, live_server, makers_week
):
    page = browser_page
    page.goto(live_server.url + makers_week.get_absolute_url())
    prose = page.locator(".prose").first
    innovation = prose.locator("ruby", has_text="创新")
    maker = prose.locator("ruby", has_text="创客")
    expect(innovation.locator("rt")).to_be_hidden()

    page.get_by_role("button", name="Pinyin over characters").click()
    expect(innovation.locator("rt")).to_have_text("chuàngxīn")
    expect(innovation.locator("rt")).to_be_visible()
    expect(maker.locator("rt")).to_have_text("chuàngkè")
    expect(maker.locator("rt")).to_be_visible()
    # The confirmed term links to its glossary entry; 创新 is no term.
    link = prose.locator("a.zh-term")
    expect(link).to_have_attribute("href", makers_week.maker.get_absolute_url())
    expect(link).to_have_text("创客chuàngkè")

    widths = page.evaluate(BASE_WIDTHS, prose.locator("ruby").element_handles())
    assert len(widths) >= 8
    for with_ruby, without in widths:
        assert without > 0
        assert abs(with_ruby - without) <= 1, widths


def test_a_words_ruby_is_never_split_across_lines(browser_page, live_server, makers_week):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + makers_week.get_absolute_url())
    page.get_by_role("button", name="Pinyin over characters").click()
    rubies = page.locator(".prose ruby")
    lines = page.evaluate(
        "(rubies) => rubies.map((ruby) => ruby.getClientRects().length)",
        rubies.element_handles(),
    )
    assert lines and set(lines) == {1}


def test_the_traditional_toggle_shows_the_stored_traditional_form_and_is_remembered(
    browser_page, live_server, makers_week
):
    page = browser_page
    page.goto(live_server.url + makers_week.get_absolute_url())
    toggle = page.get_by_role("button", name="Traditional characters")
    innovation = page.locator(".prose ruby > span").first
    expect(innovation).to_have_text("创新")

    toggle.click()
    expect(innovation).to_have_text("創新")
    expect(page.locator(".prose [lang]").first).to_have_attribute("lang", "zh-Hant")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.locator(".prose ruby > span").first).to_have_text("創新")

    page.get_by_role("button", name="Traditional characters").click()
    expect(page.locator(".prose ruby > span").first).to_have_text("创新")
    expect(page.locator(".prose [lang]").first).to_have_attribute("lang", "zh-Hans")


def test_the_characters_page_shows_pinyin_only_when_the_reader_asks(
    browser_page, live_server, week
):
    CharacterFactory(course=week.course, week=week, notes="创 joins 仓 and 刂, the knife.")
    page = browser_page
    page.goto(live_server.url + reverse("glossary:characters", args=[week.course.slug]))
    notes = page.locator(".character__notes")
    # 创's pinyin is printed beside its notes: no ruby over it there.
    expect(notes.locator("ruby", has_text="创")).to_have_count(0)
    knife = notes.locator("ruby", has_text="刂").locator("rt")
    expect(knife).to_be_hidden()
    page.get_by_role("button", name="Pinyin over characters").click()
    expect(knife).to_be_visible()
