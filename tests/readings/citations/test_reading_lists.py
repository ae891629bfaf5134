"""Citations: Reading slides: the list items under a Readings heading."""

import pytest

from readings.citations import extract_reading_list
from tests.readings.citations.samples import week_7_slides

READING_SLIDE = """
# Week 8

## Readings

- Wang, Jing. "The Makers Are Coming! China's Long Tail." In _Handbook of Cultural and Creative
  Industries in China_, edited by Michael Keane, 43–63. Cheltenham: Edward Elgar Publishing, 2016.
- Supiot - _La gouvernance par les nombres_,
Fayard 2015
1. [Deciphering China's AI Dream](https://fhi.ox.ac.uk/x.pdf) — Future of Humanity Institute, 2018
- Bring your notes to class.

Discuss them in groups.

## Discussion

- Roy, Ananya, and Aihwa Ong, eds. _Worlding Cities_. Chichester: Wiley-Blackwell, 2011.

.footnote[Alizadeh, T. "An Investigation of IBM's Smarter Cities." *Cities* 47 (2015).]
"""


def test_each_item_under_a_readings_heading_is_a_reference():
    refs = extract_reading_list(READING_SLIDE)
    assert [ref.title for ref in refs] == [
        "The Makers Are Coming! China's Long Tail",
        "La gouvernance par les nombres",
        "Deciphering China's AI Dream",
    ]
    assert refs[0].container == "Handbook of Cultural and Creative Industries in China"
    assert refs[1].source_text == "Supiot - _La gouvernance par les nombres_, Fayard 2015"


def test_a_reading_list_leaves_footnotes_and_other_lists_alone():
    titles = [ref.title for ref in extract_reading_list(READING_SLIDE)]
    assert "Worlding Cities" not in titles
    assert "An Investigation of IBM's Smarter Cities" not in titles


@pytest.mark.parametrize(
    "heading",
    [
        "# Readings",
        "## Reading",
        "### Bibliography",
        "## Sources",
        "## To read:",
        "## Required readings for next week",
        "## Readings: the maker movement",
        "**To read**",
        ".small[**Further reading**]",
    ],
)
def test_reading_slide_headings_are_recognised(heading):
    markdown = f"{heading}\n\n- Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford UP.\n"
    assert [ref.title for ref in extract_reading_list(markdown)] == [
        "A Brief History of Neoliberalism"
    ]


@pytest.mark.parametrize(
    "heading", ["# Reading the city", "## Sources of growth", "## Lets read the plan", "# Program"]
)
def test_other_headings_are_not_reading_slides(heading):
    markdown = f"{heading}\n\n- Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford UP.\n"
    assert extract_reading_list(markdown) == []


def test_the_week_7_deck_has_no_reading_slide():
    assert [ref for slide in week_7_slides() for ref in extract_reading_list(slide)] == []
