"""Slide headings and Markdown as plain text, for titles, search and matching. Pure Python.

No pattern here backtracks: a heading's closing run of ``#`` is stripped from the right and a
link target's ``)`` is found with one forward pointer, so every function is linear.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

# An ATX heading opens with 1 to 6 # and a space; the text may end with a closing run of #.
_HEADING_OPENING = re.compile(r"(#{1,6})[ \t]+")
# Emphasis and code markers, link brackets, and the start of the (http…) target of a link.
_INLINE_MARKUP = re.compile(r"[*_`\[\]]|\(https?://")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for #, 6 for ######
    text: str  # as written, without the #s around it


def _heading(line: str) -> Heading | None:
    """`line` (no newline in it) read as ``^(#{1,6})[ \\t]+(.+?)[ \\t]*#*[ \\t]*$``."""
    opening = _HEADING_OPENING.match(line)
    if opening is None:
        return None
    level = len(opening.group(1))
    rest = line[opening.end() :]
    if not rest:  # the text takes the last blank of the opening, if it has two
        return Heading(level, line[-1]) if opening.end() - level >= 2 else None
    text = rest.rstrip(" \t").rstrip("#").rstrip(" \t")
    return Heading(level, text or rest[0])


def headings(markdown: str) -> Iterator[Heading]:
    """The ATX headings of `markdown`, in order."""
    for line in markdown.split("\n"):
        if line.startswith("#") and (heading := _heading(line)):
            yield heading


def heading_line(line: str) -> Heading | None:
    """`line` read as an ATX heading, or None when it is not one."""
    line = line.rstrip("\r\n")
    return None if "\n" in line else _heading(line)


def plain_text(inline: str) -> str:
    """`inline` Markdown without emphasis, code markers or link syntax, trimmed."""
    out: list[str] = []
    pos = 0
    closing = -1  # the next ")" at or after the last link target looked at; len: none left
    while match := _INLINE_MARKUP.search(inline, pos):
        out.append(inline[pos : match.start()])
        pos = match.end()
        if match.group().startswith("("):
            if closing < pos:
                found = inline.find(")", pos)
                closing = len(inline) if found < 0 else found
            if closing == len(inline):  # no ")" after: the "(" stays, as the old pattern did
                out.append(match.group())
                continue
            pos = closing + 1
    out.append(inline[pos:])
    return "".join(out).strip()


def normalise_newlines(text: str) -> str:
    """`text` with Windows (CRLF) and old Mac (CR) line endings as LF; nothing else changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|")


def spreadsheet_safe(value) -> str:
    """`value` as a CSV cell no spreadsheet runs as a formula (CSV injection): quoted with a
    leading ' when it starts, after spaces, like one."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_STARTS) else text
