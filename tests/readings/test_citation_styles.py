"""The reading list and the week page in each citation style, and the CSL JSON export."""

import pytest
from django.urls import reverse

from tests.readings.test_views import listed, readings_url  # noqa: F401 (listed: a fixture)

# Week 7's three readings (tests/readings/test_views.py) listed in every test here.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("listed")]


def test_the_reading_list_shows_the_style_asked_for_and_hides_the_others(client, week):
    content = client.get(readings_url(week.course) + "?style=apa").content.decode()
    assert (
        '<span class="citation" data-citation-style="apa">Alizadeh, T. (2015). '
        "An Investigation of IBM’s Smarter Cities Challenge. <i>Cities</i>, <i>47</i>."
    ) in content
    assert '<span class="citation" data-citation-style="chicago" hidden>Alizadeh' in content
    assert '<option value="apa" selected>APA 7th edition</option>' in content
    assert "js/citation-style.js" in content


def test_each_style_of_the_reading_list_is_cached_apart(client, week):
    apa = client.get(readings_url(week.course) + "?style=apa").content
    mla = client.get(readings_url(week.course) + "?style=mla").content
    assert apa != mla
    assert client.get(readings_url(week.course) + "?style=apa").content == apa
    unknown = client.get(readings_url(week.course) + "?style=harvard").content.decode()
    assert '<span class="citation" data-citation-style="chicago">Alizadeh' in unknown


def test_the_week_page_carries_every_style_with_the_switcher(client, week):
    week.is_published = True
    week.save()
    content = client.get(reverse("weeks:detail", args=[week.course.slug, week.number])).content
    content = content.decode()
    assert content.count('data-citation-style="mla" hidden') == 3
    assert 'name="style" data-citation-style-select' in content
    assert reverse("readings:week-csl-json", args=[week.course.slug, week.number]) in content


def test_csl_json_export_lists_each_reading_typed_with_its_site(client, week):
    response = client.get(reverse("readings:csl-json", args=[week.course.slug]))
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    items = {item["title"]: item for item in response.json()}
    podcast = items["Social Credit Overview Podcast"]
    assert (podcast["type"], podcast["container-title"]) == ("broadcast", "China Law Translate")
    assert items["An Investigation of IBM's Smarter Cities Challenge"]["DOI"] == (
        "10.1016/j.cities.2015.05.004"
    )
    week_items = client.get(
        reverse("readings:week-csl-json", args=[week.course.slug, week.number])
    ).json()
    assert len(week_items) == 3


def test_a_style_may_be_asked_for_by_its_csl_file_name(client, week):
    url = readings_url(week.course) + "?style=modern-language-association"
    content = client.get(url).content.decode()
    assert '<span class="citation" data-citation-style="mla">Alizadeh, Tooran.' in content
