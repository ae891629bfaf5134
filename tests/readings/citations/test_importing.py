"""Citations: references read from BibTeX, RIS and CSL-JSON exports, and written back."""

import json
from pathlib import Path

import pytest

from readings.citations import from_csl_item, to_bibtex, to_csl_json, to_ris
from readings.citations.importing import ReferenceFileError, detect_format, read_references
from tests.readings.citations.samples import TRICKY

ZOTERO = Path(__file__).parent.parent / "data" / "zotero-week-7.csl.json"
COMPARED = (
    "kind",
    "title",
    "container",
    "volume",
    "issue",
    "pages",
    "year",
    "publisher",
    "place",
    "url",
    "doi",
    "language",
    "authors",
    "editors",
    "et_al",
)


def fields(ref):
    return {name: getattr(ref, name) for name in COMPARED}


@pytest.fixture(scope="module")
def zotero_text():
    return ZOTERO.read_text("utf-8")


def test_zotero_csl_json_of_week_7_reads_as_fourteen_typed_references(zotero_text):
    refs = read_references(zotero_text, "My Library.json")
    assert len(refs) == 14
    kinds = {ref.title: ref.kind for ref in refs}
    assert kinds["Social Credit Overview Podcast"] == "podcast"
    assert kinds["The Makers Are Coming! China's Long Tail"] == "chapter"
    assert kinds["Deciphering China's AI Dream"] == "report"
    liang = next(ref for ref in refs if ref.doi == "10.1002/poi3.183")
    assert [a.family for a in liang.authors] == ["Liang", "Das", "Kostyuk", "Hussain"]
    assert liang.pages == "415–453"


def test_zotero_csl_json_is_exported_again_unchanged_in_meaning(zotero_text):
    items = json.loads(zotero_text)
    exported = json.loads(to_csl_json(read_references(zotero_text, "export.json")))
    for original, again in zip(items, exported, strict=True):
        original = {**original, "page": original.get("page", "").replace("-", "–")}
        original = {key: value for key, value in original.items() if value and key != "id"}
        again = {key: value for key, value in again.items() if key != "id"}
        assert again == original


@pytest.mark.parametrize(("export", "extension"), [(to_bibtex, "bib"), (to_ris, "ris")])
def test_bibtex_and_ris_exports_read_back_with_every_field(zotero_text, export, extension):
    refs = read_references(zotero_text, "export.json")
    again = read_references(export(refs), f"readings.{extension}")
    assert [fields(ref) for ref in again] == [fields(ref) for ref in refs]


def test_accents_braces_and_special_characters_survive_bibtex_and_ris():
    for export, extension in ((to_bibtex, "bib"), (to_ris, "ris")):
        (ref,) = read_references(export([TRICKY]), f"x.{extension}")
        assert (ref.title, ref.publisher, ref.url, ref.doi) == (
            TRICKY.title,
            TRICKY.publisher,
            TRICKY.url,
            TRICKY.doi,
        )
        assert ref.authors[0].family == "Müller"
        assert ref.authors[1].organisation == "Zürich Institute & Partners"


def test_et_al_is_read_from_bibtex_others_and_ris_et_al():
    bib = "@article{k, author = {Liang, Fan and others}, title = {Constructing}, year = {2018}}"
    ris = "TY  - JOUR\nAU  - Liang, Fan\nAU  - et al.\nTI  - Constructing\nPY  - 2018\nER  - \n"
    for text, name in ((bib, "a.bib"), (ris, "a.ris")):
        (ref,) = read_references(text, name)
        assert ref.et_al and [a.family for a in ref.authors] == ["Liang"]


def test_the_format_is_told_by_the_extension_else_by_the_first_characters():
    assert detect_format("[]", "zotero.JSON") == "json"
    assert detect_format("@book{x,}", "") == "bib"
    assert detect_format("TY  - JOUR\n", "") == "ris"
    with pytest.raises(ReferenceFileError, match="Upload a .bib"):
        detect_format("hello", "notes.txt")


@pytest.mark.parametrize(
    ("text", "name", "reason"),
    [
        ("[1, 2]", "x.json", "each an object"),
        ("{not json", "x.json", "not JSON"),
        ("@article{k, title = {Unclosed", "x.bib", "not BibTeX"),
        ("[]", "x.json", "no reference"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(text, name, reason):
    with pytest.raises(ReferenceFileError, match=reason):
        read_references(text, name)


def test_a_csl_item_keeps_the_variables_no_field_holds():
    item = {"type": "article-newspaper", "title": "T", "ISSN": "1", "abstract": "A"}
    ref = from_csl_item(item)
    assert ref.kind == "article" and ref.extra["abstract"] == "A"
    assert json.loads(to_csl_json([ref]))[0]["type"] == "article-newspaper"
