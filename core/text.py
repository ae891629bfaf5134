"""Slide headings and Markdown as plain text, for titles, search and matching. Pure Python."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

# An ATX heading: 1 to 6 #, a space, the text, and an optional closing run of #.
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
# Emphasis and code markers, link brackets and the (http…) target of a link.
_INLINE_MARKUP = re.compile(r"[*_`\[\]]|\(https?://[^)]*\)")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for #, 6 for ######
    text: str  # as written, without the #s around it


def headings(markdown: str) -> Iterator[Heading]:
    """The ATX headings of `markdown`, in order."""
    for match in _HEADING.finditer(markdown):
        yield Heading(len(match.group(1)), match.group(2))


def heading_line(line: str) -> Heading | None:
    """`line` read as an ATX heading, or None when it is not one."""
    match = _HEADING.fullmatch(line.rstrip("\r\n"))
    return Heading(len(match.group(1)), match.group(2)) if match else None


def plain_text(inline: str) -> str:
    """`inline` Markdown without emphasis, code markers or link syntax, trimmed."""
    return _INLINE_MARKUP.sub("", inline).strip()


def normalise_newlines(text: str) -> str:
    """`text` with Windows (CRLF) and old Mac (CR) line endings as LF; nothing else changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
