"""Which slides open a board, and how a contribution is cleaned (no database)."""

import pytest

from live.discussion import clean_text, is_discussion


@pytest.mark.parametrize(
    ("classes", "heading", "expected"),
    [
        ("discussion", "", True),
        ("inverse discussion center", "Arguments", True),
        ("", "Discussion Prompt", True),
        ("", "  discussion: smart city limits", True),
        ("", "Questions to open", False),
        ("discussions", "Group work", False),
        ("", "A discussion of planning", False),
    ],
)
def test_a_discussion_slide_is_named_by_its_class_or_its_heading(classes, heading, expected):
    assert is_discussion(classes, heading) is expected


def test_line_ends_are_normalised_and_blank_runs_shortened():
    assert clean_text("a\r\nb\rc\n\n\n\nd  \n") == "a\nb\nc\n\nd"


def test_markup_and_control_characters_are_dropped():
    assert clean_text('<script>alert(1)</script><b onclick="x">bold</b>\x00\u202e!') == (
        "alert(1)bold!"
    )


def test_text_is_composed_to_nfc():
    assert clean_text("cafe\u0301") == "caf\u00e9"
