"""Citations: RIS output, read back with rispy."""

import rispy

from readings.citations import Author, Reference, to_ris
from tests.readings.citations.samples import TRICKY


def test_ris_of_the_week_7_deck_parses_back_with_rispy(week_7_references):
    records = rispy.loads(to_ris(week_7_references))
    assert len(records) == len(week_7_references)
    for ref, record in zip(week_7_references, records, strict=True):
        assert record["title"] == ref.title
        assert record.get("year", "") == ref.year
        assert record.get("authors", []) == [
            ", ".join(part for part in (a.family, a.given) if part) or a.organisation
            for a in ref.authors
        ] + (["et al."] if ref.et_al else [])
        if ref.kind == "article":
            assert record["journal_name"] == ref.container


def test_ris_types_editors_pages_and_places(week_7_references):
    records = {r["title"]: r for r in rispy.loads(to_ris(week_7_references))}
    chapter = records["The Makers Are Coming! China's Long Tail"]
    assert chapter["type_of_reference"] == "CHAP"
    assert chapter["secondary_authors"] == ["Keane, Michael"]
    assert (chapter["start_page"], chapter["end_page"]) == ("43", "63")
    assert (chapter["place_published"], chapter["publisher"]) == (
        "Cheltenham",
        "Edward Elgar Publishing",
    )
    podcast = records["Social Credit Overview Podcast"]
    assert podcast["type_of_reference"] == "MULTI"
    assert podcast["secondary_title"] == "China Law Translate"
    assert podcast["type_of_work"] == "Podcast"
    assert podcast["urls"] == [
        "https://www.chinalawtranslate.com/en/social-credit-overview-podcast/"
    ]
    assert records["Deciphering China's AI Dream"]["type_of_reference"] == "RPRT"
    assert records["La gouvernance par les nombres"]["language"] == "fr"
    assert records["China Briefing analysis"]["type_of_reference"] == "ELEC"


def test_ris_uses_one_line_ending_and_no_newlines_inside_values():
    ref = Reference(title="A title\nover two lines", authors=[Author("Wang", "Jing")], year="2016")
    text = to_ris([TRICKY, ref])
    assert "\n" not in text.replace("\r\n", "")
    (record,) = [r for r in rispy.loads(text) if r["type_of_reference"] == "JOUR"]
    assert record["title"] == "A title over two lines"
    tricky = rispy.loads(text)[0]
    assert tricky["title"] == TRICKY.title
    assert tricky["authors"] == ["Müller, Jürgen", "Zürich Institute & Partners"]


def test_ris_keeps_every_author_and_the_et_al_the_source_writes(week_7_references):
    records = {r["title"]: r for r in rispy.loads(to_ris(week_7_references))}
    assert records["Constructing a Data-Driven Society"]["authors"] == ["Liang, Fan", "et al."]
    assert records["An Investigation of IBM's Smarter Cities"]["authors"] == ["Alizadeh, T."]
