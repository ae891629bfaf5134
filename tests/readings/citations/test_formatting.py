"""Citations: entries formatted by citeproc-py and the CSL styles, as citeproc-js formats them."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from readings.citations import (
    STYLES,
    Author,
    Reference,
    format_all,
    format_reference,
    format_reference_html,
    from_csl_item,
)
from tests.readings.data.dump_week_7 import week_7_items

DATA = Path(__file__).parent.parent / "data"
ITEMS = json.loads((DATA / "week-7.csl.json").read_text("utf-8"))
CITEPROC_JS = json.loads((DATA / "week-7.citeproc-js.json").read_text("utf-8"))["styles"]
MORE = json.loads((DATA / "more.csl.json").read_text("utf-8"))
MORE_CITEPROC_JS = json.loads((DATA / "more.citeproc-js.json").read_text("utf-8"))["styles"]


def mismatches(items, expected, style):
    ours = {item["id"]: format_reference(from_csl_item(item), style) for item in items}
    return {
        key: (ours[key], theirs) for key, theirs in expected[style].items() if ours[key] != theirs
    }


def test_the_stored_week_7_items_are_what_the_parser_gives_today():
    assert week_7_items() == ITEMS


def test_citeproc_js_strings_exist_for_every_offered_style_and_item():
    assert set(CITEPROC_JS) == set(STYLES)
    assert all(set(entries) == {item["id"] for item in ITEMS} for entries in CITEPROC_JS.values())


@pytest.mark.parametrize("style", list(STYLES))
def test_every_week_7_entry_matches_citeproc_js_in_each_style(style):
    different = mismatches(ITEMS, CITEPROC_JS, style)
    assert different == {}, f"{len(ITEMS) - len(different)}/{len(ITEMS)} match"


@pytest.mark.parametrize("style", list(STYLES))
def test_edited_books_policy_documents_videos_and_dois_match_citeproc_js(style):
    assert mismatches(MORE, MORE_CITEPROC_JS, style) == {}


def test_chicago_author_date_is_the_default_style():
    ref = from_csl_item(ITEMS[0])
    assert format_reference(ref) == format_reference(ref, "chicago")
    assert format_reference(ref) == (
        "Alizadeh, T. 2015. “An Investigation of IBM’s Smarter Cities.” Cities 47."
    )


def test_html_entries_escape_values_italicise_containers_and_link_doi_and_url():
    ref = Reference(
        authors=[Author("Alizadeh", "T.")],
        title="Smart <Cities>",
        container="Cities & Co",
        volume="47",
        year="2015",
        doi="10.1016/j.cities.2015.05.004",
    )
    rendered = format_reference_html(ref)
    assert "Smart &lt;Cities&gt;" in rendered and "<i>Cities &amp; Co</i>" in rendered
    assert (
        '<a href="https://doi.org/10.1016/j.cities.2015.05.004">'
        "https://doi.org/10.1016/j.cities.2015.05.004</a>" in rendered
    )


def test_html_entries_never_link_other_url_schemes():
    ref = Reference(kind="webpage", title="<script>alert(1)</script>", url="javascript:alert(1)")
    rendered = format_reference_html(ref)
    assert "<a " not in rendered and "<script>" not in rendered and "javascript" not in rendered
    assert "&lt;script&gt;" in rendered


def test_a_web_address_is_linked_with_its_ampersands_escaped():
    ref = Reference(kind="webpage", title="Page", url="https://example.org/a?b=1&c=2")
    assert '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>' in (
        format_reference_html(ref)
    )


def test_format_all_gives_one_entry_per_offered_style():
    entries = format_all(from_csl_item(ITEMS[13]))
    assert set(entries) == set(STYLES)
    assert entries["apa"].startswith("Wang, J. (2016).")
    assert entries["mla"].endswith("2016, pp. 43–63.")


def test_formatters_accept_any_object_with_the_same_fields():
    row = SimpleNamespace(
        kind="article",
        authors=[{"family": "Alizadeh", "given": "T."}, {"organisation": "IBM Research"}],
        et_al=False,
        title="An Investigation of IBM's Smarter Cities",
        container="Cities",
        editors=None,
        volume="47",
        issue="",
        pages="",
        year=2015,
        publisher=None,
        place="",
        url="",
        doi="",
        language="",
    )
    assert format_reference(row) == (
        "Alizadeh, T., and IBM Research. 2015. "
        "“An Investigation of IBM’s Smarter Cities.” Cities 47."
    )


def test_a_quotation_inside_a_quoted_title_takes_single_quotes_and_double_outside():
    ref = from_csl_item(ITEMS[2])
    assert "“The ‘City Brain’ and" in format_reference(ref, "chicago")
    assert "The “City Brain” and" in format_reference(ref, "apa")
