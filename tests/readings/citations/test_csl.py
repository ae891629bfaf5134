"""Citations: references as CSL-JSON items, each typed for what it is, and back."""

import pytest

from readings.citations import Author, Reference, from_csl_item, to_csl_item
from tests.readings.citations.samples import by_title


@pytest.mark.parametrize(
    ("kind", "csl_type"),
    [
        ("article", "article-journal"),
        ("chapter", "chapter"),
        ("book", "book"),
        ("report", "report"),
        ("webpage", "webpage"),
        ("podcast", "broadcast"),
        ("video", "motion_picture"),
        ("policy", "report"),
    ],
)
def test_each_kind_has_its_csl_type_and_comes_back_as_itself(kind, csl_type):
    item = to_csl_item(Reference(kind=kind, title="T", year="2020"))
    assert item["type"] == csl_type
    assert from_csl_item(item).kind == kind


def test_the_podcast_keeps_its_site_as_container_title(week_7_references):
    item = to_csl_item(by_title(week_7_references, "Social Credit Overview Podcast"))
    assert (item["type"], item["container-title"], item["medium"]) == (
        "broadcast",
        "China Law Translate",
        "Podcast",
    )
    assert item["URL"] == "https://www.chinalawtranslate.com/en/social-credit-overview-podcast/"


def test_et_al_is_kept_in_the_custom_object_and_read_back():
    ref = Reference(authors=[Author("Liang", "Fan")], et_al=True, title="T")
    item = to_csl_item(ref)
    assert item["custom"] == {"et-al": True} and item["author"] == [
        {"family": "Liang", "given": "Fan"}
    ]
    assert from_csl_item(item).et_al


def test_institutions_are_literal_names_and_years_are_date_parts():
    ref = Reference(authors=[Author(organisation="World Bank")], title="T", year="2019")
    item = to_csl_item(ref)
    assert item["author"] == [{"literal": "World Bank"}]
    assert item["issued"] == {"date-parts": [[2019]]}
    assert to_csl_item(Reference(title="T", year="forthcoming"))["issued"] == {
        "literal": "forthcoming"
    }


def test_zotero_items_with_particles_and_string_dates_are_read():
    item = {
        "type": "article-journal",
        "title": "T",
        "author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van den"}],
        "issued": {"date-parts": [["2018", "12"]]},
        "page": "415-453",
        "DOI": "https://doi.org/10.1002/poi3.183",
    }
    ref = from_csl_item(item)
    assert (ref.authors[0].family, ref.year, ref.pages, ref.doi) == (
        "van den Berg",
        "2018",
        "415–453",
        "10.1002/poi3.183",
    )
