"""weeks.remark on the Week 7 deck: it parses, renders and round-trips whole.

Rule ids refer to docs/remark.md.
"""

import pytest

from demo import DECK_PATH
from tests.weeks.remark.helpers import assert_safe_html
from weeks.remark import export_deck, parse_deck, render_deck


@pytest.fixture(scope="module")
def week_7_text():
    return DECK_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def week_7(week_7_text):
    return parse_deck(week_7_text)


@pytest.fixture(scope="module")
def week_7_rendered(week_7):
    return render_deck(week_7.slides)


# --------------------------------------------------------------------------- the Week 7 deck


def test_week_7_deck_parses_to_49_slides(week_7):
    assert len(week_7.slides) == 49
    assert week_7.metadata == {}


def test_week_7_deck_imports_without_warnings(week_7):
    assert week_7.warnings == []


def test_character_of_the_week_is_slide_3_with_three_classes(week_7, week_7_rendered):
    slide = week_7.slides[2]
    assert "## Character of the week" in slide.content
    assert slide.classes == ["inverse", "center", "middle"]
    assert week_7_rendered[2].classes == ["inverse", "center", "middle"]


def test_slide_named_title_has_its_background_image(week_7, week_7_rendered):
    (title,) = [slide for slide in week_7.slides if slide.name == "title"]
    assert title.background_image == "/talks/pspe/img/opimpuc-header.jpg"
    position = week_7.slides.index(title)
    css = week_7_rendered[position].background_css
    assert css == 'background-image: url("/talks/pspe/img/opimpuc-header.jpg")'


def test_background_images_go_through_resolve_image(week_7):
    slides = render_deck(week_7.slides, resolve_image=lambda url: "/media/" + url.split("/")[-1])
    assert 'background-image: url("/media/maker.jpg")' in [s.background_css for s in slides]


def test_week_7_rows_of_columns_render_as_nested_divs(week_7_rendered):
    html = week_7_rendered[10].html
    assert '<div class="row"><div class="column"><p><strong>Surveillance</strong>' in html
    assert '</ul></div>\n<div class="column"><p><strong>Health Governance' in html


def test_chained_content_classes_give_both_classes(week_7_rendered):
    html = week_7_rendered[45].html
    assert '<div class="footnote small"><p>Liu Yan' in html


def test_every_week_7_slide_is_visible_numbered_and_safe(week_7_rendered):
    slides = week_7_rendered
    assert [(s.visible, s.index, s.number) for s in slides] == [(True, n, n) for n in range(1, 50)]
    for slide in slides:
        assert_safe_html(slide.html)


def test_week_7_deck_round_trips_through_export(week_7, week_7_rendered):
    again = parse_deck(export_deck(week_7.slides, week_7.metadata))
    assert again.slides == week_7.slides  # SourceSlide equality ignores `line`
    assert render_deck(again.slides) == week_7_rendered
