"""Citations: One reference parsed: the shapes instructors write, and text that is not one."""

import pytest

from readings.citations import extract_references, format_reference, parse_reference
from tests.readings.citations.samples import people


@pytest.mark.parametrize(
    "text",
    [
        "Large companies have emerged (mostly state-owned) (Zhen & Chan, 2014)",
        'No "creative class" emerged (O\'Connor & Gu, 2012)',
        "Not supporting SMEs (Rossiter, 2010)",
        "Liu Yan, one of Xindanwei co-founder (新单位)",
        "Shanghai, example of Xindanwei shows that a business failure can be a total success.",
        '"Innovation under pressure" — US chip export controls since 2022 have accelerated it.',
        "Photo: [Flickr](https://www.flickr.com/photos/example)",
        "[link](https://example.org/)",
        "",
    ],
)
def test_text_that_is_not_a_reference_gives_none(text):
    assert parse_reference(text) is None


def test_footnote_chained_with_another_class_and_a_nested_macro_is_read():
    markdown = ".footnote.small[.small[Supiot - _La gouvernance par les nombres_, Fayard 2015]]"
    (ref,) = extract_references(markdown)
    assert (ref.kind, ref.publisher, ref.language) == ("book", "Fayard", "fr")


def test_a_reference_wrapped_over_several_lines_is_joined():
    markdown = (
        ".footnote[\n"
        'Wang, Jing. "The Makers Are Coming! China\'s Long Tail." In _Handbook of Cultural\n'
        "and Creative Industries in China_, edited by Michael Keane and Stephen Chan,\n"
        "43–63. Cheltenham: Edward Elgar Publishing, 2016.\n"
        "]"
    )
    (ref,) = extract_references(markdown)
    assert ref.container == "Handbook of Cultural and Creative Industries in China"
    assert people(ref.editors) == [("Keane", "Michael", ""), ("Chan", "Stephen", "")]


def test_two_references_run_together_on_one_line_are_split():
    markdown = (
        '.footnote[Alizadeh, T. "An Investigation of IBM\'s Smarter Cities." *Cities* 47 (2015). '
        'Cugurullo, F. "Urban Artificial Intelligence." *Urban Planning* 5(1), 2020.]'
    )
    assert [ref.year for ref in extract_references(markdown)] == ["2015", "2020"]


def test_an_apa_reference_with_doi_and_several_authors_is_parsed():
    ref = parse_reference(
        "Doe, J., Smith, K., & Lee, M. (2020). Smart cities in China. *Urban Studies*, "
        "57(2), 100-120. https://doi.org/10.1177/0042098019876543"
    )
    assert people(ref.authors) == [("Doe", "J.", ""), ("Smith", "K.", ""), ("Lee", "M.", "")]
    assert (ref.container, ref.volume, ref.issue, ref.pages) == (
        "Urban Studies",
        "57",
        "2",
        "100–120",
    )
    assert ref.doi == "10.1177/0042098019876543"


def test_a_chicago_reference_with_two_authors_and_issue_number_is_parsed():
    ref = parse_reference(
        'Smith, John, and Jane Doe. "Urban Futures." *Journal of Urban Affairs* 12, no. 3 '
        "(2019): 45-67."
    )
    assert people(ref.authors) == [("Smith", "John", ""), ("Doe", "Jane", "")]
    assert (ref.volume, ref.issue, ref.pages, ref.year) == ("12", "3", "45–67", "2019")


def test_an_institutional_author_and_chinese_text_are_kept():
    ref = parse_reference('State Council. "新一代人工智能发展规划." _国务院_, 2017.')
    assert people(ref.authors) == [("", "", "State Council")]
    assert ref.title == "新一代人工智能发展规划"
    assert ref.language == "zh"


def test_smart_quotes_are_normalised():
    ref = parse_reference("Shao. “The ‘City Brain’ in China.” *Urban Studies* 59(5), 2022.")
    assert ref.title == "The 'City Brain' in China"


def test_an_edited_book_keeps_its_editors_and_chicago_puts_them_first():
    ref = parse_reference(
        "Roy, Ananya, and Aihwa Ong, eds. _Worlding Cities_. Chichester: Wiley-Blackwell, 2011."
    )
    assert (ref.kind, ref.authors) == ("book", [])
    assert people(ref.editors) == [("Roy", "Ananya", ""), ("Ong", "Aihwa", "")]
    assert format_reference(ref) == (
        "Roy, Ananya, and Aihwa Ong, eds. 2011. Worlding Cities. Wiley-Blackwell."
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "[Shenzhen: The Silicon Valley of Hardware](https://www.youtube.com/watch?v=SGJ5cZnoodY)"
            " — Wired UK, 2016",
            "video",
        ),
        (
            'Ministry of Housing and Urban-Rural Development. "[Guidelines on Smart City '
            'Construction](https://www.mohurd.gov.cn/x.html)." 2014.',
            "policy",
        ),
        (
            "[1] Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford University Press.",
            "book",
        ),
        (
            'See Wu, Fulong. "Planning Centrality." _Urban Studies_ 55, no. 7 (2018): 1383–99.',
            "article",
        ),
    ],
)
def test_other_instructors_shapes_get_the_right_kind(text, kind):
    assert parse_reference(text).kind == kind
