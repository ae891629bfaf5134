"""A deck's headings read as one page (R-OUTLINE): no heading more than one level below the one
before it, without changing a single tag.

Instructors skip levels (``#`` then ``###``, ``##`` then ``####``): the tags set the look, and
course stylesheets select them. The slideshow and the reading view show every slide on one page,
where the HTML checker requires each heading to be at most one level below the heading before
it. The tags stay as written; a heading that comes before a skip gets a ``headingoffset``
attribute that raises its own computed level just enough, and so does any heading before it
that then needs it. Raising never makes a skip, and the page's own ``<h1>`` comes first.
"""

import re

# The sanitiser escapes every "<" that does not start a tag (in text and attribute values
# alike), so each "<h1" to "<h6" followed by a space or ">" is a heading's start tag.
_HEADING_TAG = re.compile(r"<h([1-6])(?=[\s>])")


def heading_offsets(levels: list[int], *, page_level: int = 1) -> list[int]:
    """The smallest offsets (0 or more) after which no level is more than one below the level
    before it, the first coming after the page's own heading at `page_level`. Where no raise
    can do it (a deck that opens with ``####``), the skip stays where the instructor wrote it."""
    computed = list(levels)
    for i in range(len(levels) - 2, -1, -1):  # raise each heading the next one needs
        computed[i] = max(levels[i], computed[i + 1] - 1)
    before = page_level
    for i, level in enumerate(levels):  # but never above what the headings before allow
        computed[i] = before = max(level, min(computed[i], before + 1))
    return [c - level for c, level in zip(computed, levels, strict=True)]


def even_outline(fragments: list[str]) -> list[str]:
    """The HTML `fragments` (slides, in page order) with headingoffset where a level is skipped."""
    levels = [int(m.group(1)) for fragment in fragments for m in _HEADING_TAG.finditer(fragment)]
    offsets = iter(heading_offsets(levels))

    def raise_level(match: re.Match) -> str:
        offset = next(offsets)
        return match.group(0) + (f' headingoffset="{offset}"' if offset else "")

    return [_HEADING_TAG.sub(raise_level, fragment) for fragment in fragments]
