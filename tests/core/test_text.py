"""core.text: headings and inline Markdown as plain text, without a database."""

import pytest

from core.text import Heading, heading_line, headings, plain_text


def test_headings_are_found_in_order_with_their_level():
    markdown = "# Planning\n\nText\n\n### First hour\nMore\n###### Deep ##"
    assert list(headings(markdown)) == [
        Heading(1, "Planning"),
        Heading(3, "First hour"),
        Heading(6, "Deep"),
    ]


def test_a_hash_without_a_space_or_seven_hashes_is_not_a_heading():
    assert list(headings("#hashtag\n####### seven\n#\nnext line")) == []


def test_closing_hashes_and_trailing_spaces_are_dropped_but_a_hash_inside_stays():
    assert list(headings("## Part #2 ##  \n# C# language")) == [
        Heading(2, "Part #2"),
        Heading(1, "C# language"),
    ]


def test_plain_text_drops_emphasis_code_and_link_syntax():
    assert plain_text(" **Smart** _cities_ in `code` ") == "Smart cities in code"
    assert plain_text("[City Brain](https://example.com/brain) today") == "City Brain today"


def test_plain_text_keeps_a_relative_link_target_and_other_punctuation():
    assert plain_text("[Map](img/map.png): 城市 (2020)") == "Map(img/map.png): 城市 (2020)"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## Readings", Heading(2, "Readings")),
        ("### Further reading ###", Heading(3, "Further reading")),
        ("#Readings", None),  # remark needs the space
        ("####### Seven", None),
        ("Readings", None),
    ],
)
def test_one_line_is_read_as_a_heading_by_the_same_rule_as_a_slide(line, expected):
    assert heading_line(line) == expected
    assert list(headings(line)) == ([expected] if expected else [])


def test_a_line_keeps_its_heading_whatever_its_line_ending():
    assert (
        heading_line("## Readings\r\n") == heading_line("## Readings\n") == Heading(2, "Readings")
    )


def test_a_heading_keeps_its_text_when_stripping_would_leave_nothing():
    assert heading_line("# #") == Heading(1, "#")
    assert heading_line("#  ") == Heading(1, " ")
    assert heading_line("# ") is None


def test_a_heading_with_a_long_run_of_blanks_inside_is_read_whole():
    assert heading_line("# a" + " " * 49_000 + "b") == Heading(1, "a" + " " * 49_000 + "b")


def test_an_unclosed_link_target_stays_as_text():
    assert plain_text("see (https://example.com/a and *this*") == (
        "see (https://example.com/a and this"
    )
    assert plain_text("(http://" * 6_000) == "(http://" * 6_000
