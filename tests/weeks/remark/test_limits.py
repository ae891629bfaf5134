"""weeks.remark caps on what a deck may cost (R-BUDGET).

Rule ids refer to docs/remark.md.
"""

import pytest

from tests.weeks.remark.helpers import assert_safe_html
from weeks.remark import (
    MAX_DECK_CHARS,
    MAX_SLIDE_CHARS,
    MAX_SLIDES,
    DeckError,
    parse_deck,
    render_deck,
)

# -------------------------------------------------------------------- sizes and cost (R-BUDGET)


def test_a_slide_over_the_size_cap_raises_naming_the_slide():
    text = "# A\n---\n# B\n---\n" + "x" * (MAX_SLIDE_CHARS + 1)
    with pytest.raises(DeckError) as error:
        parse_deck(text)
    assert (error.value.slide, error.value.line) == (3, 5)
    assert str(error.value).startswith("Slide 3, line 5: the slide is longer than 50,000")


def test_a_deck_over_the_size_cap_raises():
    slide = "# Slide\n\n" + "text " * 9000 + "\n---\n"
    with pytest.raises(DeckError) as error:
        parse_deck(slide * (MAX_DECK_CHARS // len(slide) + 2))
    assert "longer than 2,000,000 characters" in str(error.value)
    assert error.value.slide == MAX_DECK_CHARS // len(slide) + 1


def test_more_than_2000_slides_raises():
    with pytest.raises(DeckError) as error:
        parse_deck("x\n---\n" * MAX_SLIDES + "x")
    assert (error.value.slide, error.value.line) == (2001, 4001)


def test_runaway_steps_are_refused_at_import():
    with pytest.raises(DeckError) as error:
        parse_deck(("- " + "x" * 400 + "\n--\n") * 400)
    assert "too long to render" in str(error.value)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 20_000,
        "[a](" * 5_000,
        "![" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "[a](" * 5_000 + ")" * 5_000,
        ".a[" * 16_000,
        ".a[" * 8_000 + "]" * 8_000,
        "<a " * 15_000,
        "<![CDATA[" * 5_000,
        "```x\n" * 9_000,
        "![:x " * 9_000,
        "a: b\n" * 9_000,
        "{{a" * 16_000,
        "\n" * 49_000 + "<!-- a: b -->",
    ],
    ids=lambda body: repr(body[:12]),
)
def test_pathological_slides_parse_and_render_quickly(body):
    # No timer: the CI's time limit catches a regression; each of these took seconds to
    # minutes before the defences in weeks.remark.
    deck = parse_deck(body)
    for slide in render_deck(deck.slides):
        assert_safe_html(slide.html)
