"""The boards' CSV and Markdown exports."""

import csv
import io

import pytest

from core.text import spreadsheet_safe
from live.exports import as_csv, as_markdown, markdown_text
from live.models import Upvote
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", " =HYPERLINK(x)"])
def test_spreadsheet_formulas_are_defused(text):
    assert spreadsheet_safe(text) == "'" + text


def test_plain_text_is_left_alone():
    assert spreadsheet_safe("Consent first") == "Consent first"


def test_the_csv_lists_every_contribution_with_its_votes(week):
    pinned = ContributionFactory(week=week, slide=3, text="Pinned one", is_pinned=True)
    voted = ContributionFactory(week=week, slide=3, text="=cmd|' /C calc'!A0")
    ContributionFactory(week=week, slide=5, text="Hidden", is_hidden=True)
    Upvote.objects.create(contribution=voted, user=UserFactory())

    rows = list(csv.reader(io.StringIO(as_csv(week))))

    assert rows[0] == ["slide", "author", "text", "upvotes", "pinned", "hidden", "posted at"]
    assert [row[2] for row in rows[1:]] == ["Pinned one", "'=cmd|' /C calc'!A0", "Hidden"]
    assert rows[1][4] == "yes" and rows[2][3] == "1" and rows[3][5] == "yes"
    assert rows[1][1] == pinned.author.username


def test_the_markdown_groups_by_slide_and_leaves_hidden_ones_out(week):
    ContributionFactory(week=week, slide=3, text="**not bold** [link](javascript:x)")
    ContributionFactory(week=week, slide=5, text="Hidden", is_hidden=True)

    text = as_markdown(week)

    assert "## Slide 3" in text and "## Slide 5" not in text
    assert r"\*\*not bold\*\* \[link\]\(javascript:x\)" in text
    assert "(0 upvotes)" in text


def test_markdown_text_keeps_lines_as_hard_breaks():
    assert markdown_text("a\nb") == "a  \n  b"
