"""Headings read as one page (R-OUTLINE): skipped levels closed by headingoffset, tags kept."""

import re

import pytest

from tests.weeks.remark.helpers import rendered
from weeks.remark.outline import even_outline, heading_offsets

WEEK_7_TITLE = "## Week 7\n\n# 创\n\n## Planning For Innovation\n\n#### 17 Mar 2026"


@pytest.mark.parametrize(
    ("levels", "offsets"),
    [
        ([1, 2, 3, 2, 1], [0, 0, 0, 0, 0]),  # nothing skipped: nothing raised
        ([1, 3], [1, 0]),  # "#" then "###": the title counts as a second level
        ([2, 1, 2, 4], [0, 1, 1, 0]),  # the Week 7 title slide
        ([1, 3, 1, 3], [1, 0, 1, 0]),  # slide after slide
        ([4], [0]),  # a deck that opens with "####": no raise can help
        ([], []),
    ],
)
def test_headings_before_a_skip_are_raised_just_enough(levels, offsets):
    assert heading_offsets(levels) == offsets


def computed_levels(fragments):
    levels = []
    for tag, offset in re.findall(r'<h([1-6])(?: headingoffset="(\d)")?', "".join(fragments)):
        levels.append(int(tag) + int(offset or 0))
    return levels


def test_no_heading_of_the_page_skips_a_level_and_every_tag_stays():
    fragments = [slide.html for slide in rendered(f"{WEEK_7_TITLE}\n---\n# A\n### a\n---\n### b")]
    outlined = even_outline(fragments)
    levels = [1, *computed_levels(outlined)]  # after the page's <h1>
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert [re.sub(r' headingoffset="\d"', "", html) for html in outlined] == fragments
    assert outlined[0].startswith('<h2>Week 7</h2>\n<h1 headingoffset="1">')
