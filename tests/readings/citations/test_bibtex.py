"""Citations: BibTeX output, read back with bibtexparser as a reference manager would."""

import re

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from pybtex.database import parse_string as pybtex_parse
from pybtex.richtext import Text

from readings.citations import to_bibtex
from tests.readings.citations.samples import TRICKY, by_title


def decoded(library_entry):
    """Field values without LaTeX markup (URLs and DOIs are verbatim, left as they are)."""
    values = {}
    for item in library_entry.fields:
        value = item.value
        if item.key not in ("url", "doi"):
            value = value.replace("ˆ", "^")  # pylatexenc's reading of \textasciicircum
        values[item.key] = value
    return values


def parse_bibtex(text):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    raw = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and raw.failed_blocks == []
    for entry, raw_entry in zip(library.entries, raw.entries, strict=True):
        for name in ("url", "doi"):
            if name in raw_entry.fields_dict:
                entry.set_field(raw_entry.fields_dict[name])
    return library


def test_bibtex_of_the_week_7_deck_parses_back_with_the_same_fields(week_7_references):
    library = parse_bibtex(to_bibtex(week_7_references))
    assert len(library.entries) == len(week_7_references)
    for ref, entry in zip(week_7_references, library.entries, strict=True):
        fields = decoded(entry)
        assert fields["title"] == ref.title
        assert fields.get("year", "") == ref.year
        assert fields.get("url", "") == ref.url
        container_field = {"article": "journal", "chapter": "booktitle"}.get(ref.kind)
        if container_field:
            assert fields[container_field] == ref.container


def test_bibtex_entry_types_keys_and_names(week_7_references):
    library = parse_bibtex(to_bibtex(week_7_references))
    entries = {entry.key: entry for entry in library.entries}
    assert entries["alizadeh2015investigation"].entry_type == "article"
    assert entries["wang2016makers"].entry_type == "incollection"
    assert entries["supiot2015gouvernance"].entry_type == "book"
    assert entries["ding2018deciphering"].entry_type == "techreport"
    assert entries["daum2018social"].entry_type == "misc"
    assert decoded(entries["daum2018social"])["howpublished"] == "China Law Translate"
    assert decoded(entries["daum2018social"])["type"] == "Podcast"
    assert entries["naturechina"].entry_type == "online"
    assert decoded(entries["liang2018constructing"])["author"] == "Liang, Fan and others"
    assert decoded(entries["wang2016makers"])["editor"] == "Keane, Michael"
    assert "pages = {43--63}" in to_bibtex(week_7_references)


def test_bibtex_keys_are_stable_and_suffixed_on_clash(week_7_references):
    twice = week_7_references[:1] * 2 + week_7_references[1:2]
    keys = re.findall(r"^@\w+\{([^,]+),", to_bibtex(twice), re.MULTILINE)
    assert keys == [
        "alizadeh2015investigationa",
        "alizadeh2015investigationb",
        "cugurullo2020urban",
    ]
    assert to_bibtex(twice) == to_bibtex(twice)


def test_bibtex_escapes_special_characters_and_keeps_utf8():
    text = to_bibtex([TRICKY])
    assert (
        r"title = {Gouvernance par les nombres: 100\% of 城市大脑 \& under\_score \{braces\} "
        r"\$5 \#1 \textasciitilde{}\textasciicircum{}\textbackslash{}}"
    ) in text
    assert "author = {Müller, Jürgen and {Zürich Institute \\& Partners}}" in text
    assert text.startswith("@book{muller2015gouvernance,")
    fields = decoded(parse_bibtex(text).entries[0])
    assert fields["title"] == TRICKY.title
    assert fields["publisher"] == "Éditions Fayard"
    assert fields["address"] == "Zürich"
    assert fields["url"] == TRICKY.url
    assert fields["doi"] == TRICKY.doi


def test_bibtex_protects_acronyms_from_recasing(week_7_references):
    text = to_bibtex([by_title(week_7_references, "An Investigation of IBM's Smarter Cities")])
    assert "title = {An Investigation of {IBM}'s Smarter Cities}," in text


@pytest.mark.parametrize(
    ("title", "braced"),
    [
        ("Deciphering China's AI Dream", "Deciphering {China}'s {AI} Dream"),
        ("The 'City Brain' and Algorithmic Governance in China", "Governance in {China}}"),
        ("The Makers Are Coming! China's Long Tail", "Coming! {China}'s Long Tail"),
        ("Ambassador Xie Feng remarks", "{Ambassador {Xie Feng} remarks}"),
        ("China intensifies push", "{{China} intensifies push}"),
        ("China's next five-year bet on AI", "{{China}'s next five-year bet on {AI}}"),
        ("Constructing a Data-Driven Society", "{Constructing a Data-Driven Society}"),
    ],
)
def test_bibtex_braces_proper_nouns_and_acronyms(week_7_references, title, braced):
    assert braced in to_bibtex([by_title(week_7_references, title)])


def test_pybtex_reads_every_entry_and_a_sentence_case_style_keeps_the_proper_nouns(
    week_7_references,
):
    data = pybtex_parse(to_bibtex(week_7_references), "bibtex")
    assert len(data.entries) == len(week_7_references)
    sentence = {
        key: Text.from_latex(entry.fields["title"]).lower().capfirst().render_as("text")
        for key, entry in data.entries.items()
    }
    assert sentence["ding2018deciphering"] == "Deciphering China's AI dream"
    assert sentence["shao2022city"] == "The 'city brain' and algorithmic governance in China"
    assert sentence["ambassadorxie"] == "Ambassador Xie Feng remarks"
    assert sentence["alizadeh2015investigation"] == "An investigation of IBM's smarter cities"
    liang = data.entries["liang2018constructing"]
    assert [str(person) for person in liang.persons["author"]] == ["Liang, Fan", "others"]
    assert data.entries["wang2016makers"].fields["pages"] == "43--63"
