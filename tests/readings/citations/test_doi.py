"""Citations: the one DOI normaliser, and the key DOIs are compared by."""

import pytest

from readings.citations import Reference, doi_match_key, match_key, normalise_doi, parse_reference

DOI = "10.1016/J.Cities.2015.05.004"


@pytest.mark.parametrize(
    "text",
    [
        DOI,
        f"doi:{DOI}",
        f"doi: {DOI}",
        f"DOI:{DOI}",
        f"https://doi.org/{DOI}",
        f"http://doi.org/{DOI}",
        f"https://dx.doi.org/{DOI}",
        f"http://dx.doi.org/{DOI}",
        f"HTTPS://DOI.ORG/{DOI}",
        f"  \t{DOI}\n",
        f" doi:{DOI} ",
        f"  https://doi.org/{DOI}  ",
    ],
)
def test_every_spelling_of_a_doi_gives_the_bare_doi_with_its_case(text):
    assert normalise_doi(text) == DOI


def test_sentence_punctuation_after_a_doi_is_not_part_of_it():
    assert normalise_doi(f"doi:{DOI}.") == DOI
    assert normalise_doi("10.1000/abc_(12)") == "10.1000/abc_(12)"
    assert normalise_doi("10.1000/abc_(12))") == "10.1000/abc_(12)"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "not a doi",
        "11.1016/x",
        "10.1016",
        "10.1016/",
        "10.1016/a b",
        "see doi:10.1016/x",
        "https://example.org/10.1016/x",
        "javascript:x",
    ],
)
def test_text_that_is_not_a_doi_gives_an_empty_string(text):
    assert normalise_doi(text) == ""


@pytest.mark.parametrize("text", ["10.1/X", "doi:10.1/X", "https://doi.org/10.1/X", "10.12/x"])
def test_a_registrant_code_of_fewer_than_four_digits_is_refused_in_every_spelling(text):
    assert normalise_doi(text) == ""


def test_the_match_key_of_a_doi_ignores_case_and_spelling():
    keys = {doi_match_key(DOI), doi_match_key(f"doi:{DOI.upper()}"), doi_match_key(f" {DOI} ")}
    assert keys == {DOI.casefold()}
    assert doi_match_key("not a doi") == ""
    assert match_key(Reference(doi=f"https://doi.org/{DOI}")) == ("doi", DOI.casefold())


def test_a_parsed_reference_keeps_the_case_of_its_doi():
    ref = parse_reference(f'Alizadeh, T. "Smarter Cities." *Cities* 47 (2015). doi:{DOI}.')
    assert ref.doi == DOI
