"""The citation style switcher in a real browser: switched in place, remembered on reload."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from readings.models import WeekReading
from tests.factories import ReadingFactory, WeekReadingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listed(week):
    reading = ReadingFactory(
        course=week.course,
        status="confirmed",
        authors=[{"family": "Cugurullo", "given": "Federico"}],
        title="Urban Artificial Intelligence",
        container="Urban Planning",
        volume="5",
        issue="1",
        year="2020",
    )
    return WeekReadingFactory(week=week, reading=reading, role=WeekReading.Role.REQUIRED)


def test_a_reader_switches_the_week_page_to_apa_and_finds_it_again_on_the_reading_list(
    browser_page, live_server, week, listed
):
    page = browser_page
    page.goto(live_server.url + reverse("weeks:detail", args=[week.course.slug, week.number]))
    chicago = page.locator('.readings [data-citation-style="chicago"]')
    apa = page.locator('.readings [data-citation-style="apa"]')
    expect(chicago).to_have_text(
        "Cugurullo, Federico. 2020. “Urban Artificial Intelligence.” Urban Planning 5 (1)."
    )
    expect(apa).to_be_hidden()
    page.select_option("#citation-style", "apa")
    expect(apa).to_be_visible()
    expect(apa).to_have_text(
        "Cugurullo, F. (2020). Urban Artificial Intelligence. Urban Planning, 5(1)."
    )
    expect(chicago).to_be_hidden()
    page.goto(live_server.url + reverse("readings:list", args=[week.course.slug]))
    expect(page.locator('[data-citation-style="apa"]')).to_be_visible()
    expect(page.locator("#citation-style")).to_have_value("apa")


def test_a_style_opened_by_its_address_is_remembered_for_the_week_page(
    browser_page, live_server, week, listed
):
    page = browser_page
    reading_list = reverse("readings:list", args=[week.course.slug])
    page.goto(live_server.url + reading_list + "?style=modern-language-association")
    expect(page.locator('[data-citation-style="mla"]')).to_be_visible()
    page.goto(live_server.url + reverse("weeks:detail", args=[week.course.slug, week.number]))
    expect(page.locator('.readings [data-citation-style="mla"]')).to_have_text(
        "Cugurullo, Federico. “Urban Artificial Intelligence.” Urban Planning, vol. 5, no. 1, 2020."
    )
