"""Citations: The Week 7 deck: every reference found once, with the right fields."""

import pytest

from demo import DECK_PATH
from readings.citations import extract_references, parse_reference
from tests.readings.citations.samples import WEEK_7, by_title, people, slide_titled


def test_every_reference_of_the_week_7_deck_is_found_once(week_7_references):
    assert sorted(ref.title for ref in week_7_references) == sorted(e["title"] for e in WEEK_7)


@pytest.mark.parametrize("expected", WEEK_7, ids=[e["title"][:30] for e in WEEK_7])
def test_each_week_7_reference_has_the_right_fields(week_7_references, expected):
    ref = by_title(week_7_references, expected["title"])
    for name, value in expected.items():
        actual = getattr(ref, name)
        assert (people(actual) if name in ("authors", "editors") else actual) == value, name


def test_week_7_references_keep_their_source_text(week_7_references):
    ding = by_title(week_7_references, "Deciphering China's AI Dream")
    assert ding.source_text.startswith('Ding, J. "[Deciphering')
    assert all(ref.source_text for ref in week_7_references)


def test_the_maker_blockquote_is_a_chapter_with_editors_and_pages():
    (chapter,) = extract_references(slide_titled('# Here Comes the "Maker"'))
    assert chapter.kind == "chapter"
    assert people(chapter.authors) == [("Wang", "Jing", "")]
    assert people(chapter.editors) == [("Keane", "Michael", "")]
    assert chapter.pages == "43–63"
    assert (chapter.place, chapter.publisher) == ("Cheltenham", "Edward Elgar Publishing")


def test_two_references_on_one_footnote_slide_come_in_order():
    refs = extract_references(slide_titled("### What is being built?"))
    assert [ref.container for ref in refs] == ["Cities", "Urban Planning"]


def test_a_footnote_with_references_separated_by_dots_gives_one_reference_each():
    refs = extract_references(slide_titled("China Briefing analysis"))
    assert [ref.title for ref in refs] == [
        "China Briefing analysis",
        "Carbon Brief Q&A on climate",
        "Ambassador Xie Feng remarks",
    ]


def test_parenthetical_citations_in_a_bulleted_footnote_produce_no_references():
    assert extract_references(slide_titled("# Creative Clusters?")) == []


@pytest.mark.parametrize("heading", ["## Xindanwei", "## The Banyan Tree"])
def test_prose_footnotes_produce_no_references(heading):
    assert extract_references(slide_titled(heading)) == []


def test_a_quoted_sentence_in_a_blockquote_is_not_a_reference():
    refs = extract_references(slide_titled("# Social Credit"))
    assert [ref.title for ref in refs] == ["Social Credit Overview Podcast"]


def test_a_blockquote_that_quotes_a_title_is_not_a_reference():
    slide = slide_titled("### The semiconductor question")
    assert [ref.title for ref in extract_references(slide)] == [
        "Innovation Under Pressure: China's Semiconductor Industry at a Crossroads"
    ]


def test_parsing_every_line_of_the_deck_finds_nothing_but_real_references():
    lines = DECK_PATH.read_text(encoding="utf-8").splitlines()
    found = {ref.title for line in lines if (ref := parse_reference(line))}
    assert found <= {expected["title"] for expected in WEEK_7}
    assert len(found) == 8  # the references written one per line


def test_links_in_slide_bodies_are_not_references():
    assert extract_references(slide_titled("## Character of the week")) == []
