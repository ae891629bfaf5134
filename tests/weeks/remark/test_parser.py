"""weeks.remark parsing: input, slide separators and notes (R-NEWLINES … R-NOTES).

Rule ids refer to docs/remark.md.
"""

import pytest

from tests.weeks.remark.helpers import messages, rendered, slides_of
from weeks.remark import export_deck, parse_deck, render_deck

# ------------------------------------------------ input (R-NEWLINES, R-INDENT, R-FRONT-MATTER)


def test_crlf_is_read_as_lf():
    slides = slides_of("# A\r\n---\r\nclass: x\r\n\r\n# B\r\n")
    assert len(slides) == 2
    assert slides[1].classes == ["x"]
    assert "\r" not in slides[1].content


def test_common_indentation_is_removed_before_parsing():
    slides = slides_of("    class: x\n\n    # A\n    ---\n    # B\n        code")
    assert slides[0].classes == ["x"]
    assert len(slides) == 2
    assert "<pre><code>code" in render_deck(slides)[1].html


def test_front_matter_is_read_as_metadata_with_a_warning():
    deck = parse_deck('---\ntitle: "Week 7"\nlayout: remark\n---\n# A\n---\n# B')
    assert deck.metadata == {"title": "Week 7", "layout": "remark"}
    assert len(deck.slides) == 2
    assert deck.slides[0].line == 5
    assert "front matter" in deck.warnings[0].message


def test_front_matter_goes_back_on_top_when_exporting():
    text = export_deck(slides_of("# A\n---\n# B"), {"title": "Week 7"})
    assert text.startswith("---\ntitle: Week 7\n---\n# A")
    assert parse_deck(text).metadata == {"title": "Week 7"}


def test_nul_and_control_characters_are_dropped():
    assert slides_of("# A\x00B\x1a")[0].content == "# AB"


# --------------------------------------- separators (R-TOKENS, R-SEPARATOR, R-EMPTY-SLIDE, R-STEPS)


@pytest.mark.parametrize(
    "protected",
    [
        "```\n---\n--\n???\n```",
        "~~~\n---\n~~~",
        "`---`",
        "text\n\n    ---\n    ???\n",
        ".left[\n--\n???\n]",
        ".definitions[\nterm\n---\nother\n]",  # R-BRACKETS: a multi-line content class
    ],
)
def test_nothing_inside_fences_code_or_content_classes_splits_a_slide(protected):
    slides = slides_of(f"# A\n{protected}\nafter")
    assert len(slides) == 1
    assert slides[0].notes == ""


def test_should_ignore_slide_separator_inside_content_class():
    """remark's own parser test of that name."""
    slides = slides_of("1\n---\n2\n.class[\n---\n]\n---\n3")
    assert [slide.content for slide in slides] == ["1", "2\n.class[\n---\n]", "3"]


@pytest.mark.parametrize(
    "text",
    [
        "a .foo[\n---\nb\n]",  # the class does not start its line
        ".foo[ a\n---\nb\n]",  # the [ does not end its line
        ".foo[\n---\nb ] c",  # the ] does not start a line
        ".foo[\n[x\n---\n](y)\n]",  # a bracket inside is open across the ---
    ],
)
def test_only_a_multi_line_content_class_spans_a_separator(text):
    assert len(slides_of(text)) == 2


@pytest.mark.parametrize("line", ["----", "***", "___", " ---", "--- ", "-- ", "-- x"])
def test_only_dashes_alone_on_their_line_separate_slides(line):
    assert len(slides_of(f"a\n\n{line}\n\nb")) == 1


def test_separator_with_trailing_spaces_is_text_but_warns():
    text = "# A\n\n--- \n\n# B"
    assert len(slides_of(text)) == 1
    assert messages(text) == [
        "Slide 1, line 3: '---' followed by spaces is not a separator for remark; "
        "delete the trailing spaces"
    ]


def test_double_dash_starts_a_step_and_keeps_the_newline():
    slides = slides_of("- a\n--\n- b")
    assert [s.is_step for s in slides] == [False, True]
    assert render_deck(slides)[1].html == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_empty_slides_are_real_slides():
    slides = rendered("---\n# B\n---\n---\n# D\n---")
    assert len(slides) == 5
    assert [s.visible for s in slides] == [True] * 5
    assert [s.number for s in slides] == [1, 2, 3, 4, 5]


def test_a_final_empty_slide_is_kept_with_a_warning():
    text = "# A\n---\n"
    assert len(slides_of(text)) == 2
    assert "ends with an empty slide" in messages(text)[0]


def test_slides_know_their_source_line():
    assert [s.line for s in slides_of("# A\n---\nclass: x\n\n# B\n--\nmore")] == [1, 3, 7]


# --------------------------------------------------------------------------- notes (R-NOTES)


def test_notes_start_at_three_question_marks_and_never_reach_the_slide():
    (slide,) = rendered("# A\n\n???\nSay *this*.\n")
    assert slide.html == "<h1>A</h1>"
    assert slide.notes_html == "<p>Say <em>this</em>.</p>"


def test_question_marks_in_a_sentence_or_with_spaces_are_text():
    (slide,) = slides_of("Really???\n??? \n")
    assert slide.notes == ""


def test_a_second_notes_marker_drops_the_earlier_notes_with_a_warning():
    text = "# A\n???\nfirst\n???\nsecond"
    (slide,) = slides_of(text)
    assert slide.notes == "second"
    assert messages(text) == [
        "Slide 1, line 4: a second ??? starts the notes again: remark drops the notes "
        "written before it"
    ]


def test_a_step_shows_only_its_own_notes():
    first, step = rendered("a\n???\nfirst notes\n--\nb\n???\nstep notes")
    assert first.notes_html == "<p>first notes</p>"
    assert step.notes_html == "<p>step notes</p>"
