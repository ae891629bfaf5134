"""weeks.remark export: slides written back to a deck that parses to the same slides (R-EXPORT).

Rule ids refer to docs/remark.md.
"""

import pytest

from weeks.remark import SourceSlide, export_deck, parse_deck, render_deck

# --------------------------------------------------------------------------- export (R-EXPORT)


def test_export_writes_properties_content_then_notes():
    slide = SourceSlide(
        content="# A",
        notes="Say it.",
        name="intro",
        classes=["inverse", "middle"],
        background_image="img/a b.jpg",
        counted=False,
        layout=True,
        template="base",
        excluded=True,
        extra=[("background-size", "cover")],
    )
    step = SourceSlide(content="more", is_step=True)
    assert export_deck([slide, step]) == (
        'name: intro\nclass: inverse, middle\nbackground-image: url("img/a b.jpg")\n'
        "count: false\nlayout: true\ntemplate: base\nexclude: true\nbackground-size: cover\n"
        "# A\n???\nSay it.\n--\nmore"
    )
    assert parse_deck(export_deck([slide, step])).slides == [slide, step]


def test_an_edge_case_deck_round_trips():
    text = (
        "---\ntitle: Demo\n---\nFirst\n---\n---\nclass: a\n\n- one\n--\n- two\n???\nnotes\n"
        "--\ncount: false\ntitle: costs $5\n---\n<!-- name: c -->\n.x[\n```\n---\n```\n]\n---\n"
    )
    deck = parse_deck(text)
    again = parse_deck(export_deck(deck.slides, deck.metadata))
    assert again.slides == deck.slides
    assert again.metadata == deck.metadata == {"title": "Demo"}
    assert render_deck(again.slides) == render_deck(deck.slides)


@pytest.mark.parametrize(
    "text",
    [
        "[ref]: http://example.org\n---\n# Next",
        "[ref]: http://example.org\n\n\n--\nstep",
        "```\ncode\n```\n---\n# Next",
        "```\ncode\n```\n???\nnotes",
        "    indented code\n\n---\nafter",
        "--\n\nstep after an empty first slide",
    ],
)
def test_a_token_that_ends_with_newlines_before_a_separator_round_trips(text):
    deck = parse_deck(text)
    again = parse_deck(export_deck(deck.slides, deck.metadata))
    assert again.slides == deck.slides
    assert [s.html for s in render_deck(again.slides)] == [s.html for s in render_deck(deck.slides)]
