"""The references of one slide: footnotes, blockquotes and reading lists."""

from __future__ import annotations

import re

from core.text import heading_line
from readings.citations.base import _QUOTE_MARK, Reference, _clean
from readings.citations.parser import _parse, parse_reference

# Longer lines are not read as references: parsing one costs more than its length.
MAX_REFERENCE_CHARS = 2_000
# A chain of content classes (``.small.grey``); with a ``[`` right after it, a remark macro.
# Possessive: a chain that is not followed by ``[`` fails once, not once per class in it.
_CLASS_CHAIN = re.compile(r"\.[A-Za-z][\w-]*+(?:\.[A-Za-z][\w-]*+)*+")
_RUN_ON = re.compile(
    r"(?<=[.)])\s+(?=[A-Z][^\s,.\"]+,\s+(?:(?:[A-Z]\.\s*)+|[A-Z][^\s,.\"]+\.\s+)\")"
)


def _macro_openings(text: str, *, footnote: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every ``.class[`` opening, leftmost first; only footnotes if asked.
    A chain not followed by ``[`` is skipped whole: no chain inside it can be followed by one."""
    openings = []
    for chain in _CLASS_CHAIN.finditer(text):
        if text.startswith("[", chain.end()) and (
            not footnote or "footnote" in chain.group().split(".")
        ):
            openings.append((chain.start(), chain.end() + 1))
    return openings


def _closing_brackets(text: str) -> dict[int, int]:
    """Each ``[`` mapped to the ``]`` that closes it; brackets after a backslash do not count."""
    closing, stack = {}, []
    for match in re.finditer(r"[\[\]]", text):
        index = match.start()
        if index and text[index - 1] == "\\":
            continue
        if match.group() == "[":
            stack.append(index)
        elif stack:
            closing[stack.pop()] = index
    return closing


def _unwrap_macros(text: str) -> str:
    """``.small[text]`` → ``text`` (remark content classes, nested or not), in one pass."""
    closing = _closing_brackets(text)
    cuts = []
    for start, end in _macro_openings(text):
        cuts.append((start, end))
        if (close := closing.get(end - 1)) is not None:
            cuts.append((close, close + 1))
    kept, position = [], 0
    for start, end in sorted(cuts):
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    return "".join(kept)


def _footnotes(markdown: str) -> tuple[list[str], str]:
    """The insides of the footnotes, and the Markdown without them."""
    inside, outside, position = [], [], 0
    closing = _closing_brackets(markdown)
    for start, end in _macro_openings(markdown, footnote=True):
        if start < position:
            continue
        close = closing.get(end - 1, len(markdown))
        inside.append(_unwrap_macros(markdown[end:close]))
        outside.append(markdown[position:start])
        position = close + 1
    outside.append(markdown[position:])
    return inside, "".join(outside)


def _blocks(lines: list[str]) -> list[tuple[list[str], bool]]:
    """Group lines into plain runs and blockquotes (the latter parsed strictly)."""
    blocks: list[tuple[list[str], bool]] = []
    for line in lines:
        quoted = line.lstrip().startswith(">")
        text = _QUOTE_MARK.sub("", line.strip()).strip()
        if not blocks or blocks[-1][1] != quoted:
            blocks.append(([], quoted))
        if text:
            blocks[-1][0].append(text)
    return blocks


def _parse_line(line: str, strict: bool) -> list[Reference]:
    """References on one line: several joined by `` · `` (or `` / `` between links) or run
    together."""
    if len(line) > MAX_REFERENCE_CHARS:
        return []
    refs = []
    for piece in re.split(r"\s+[·•]\s+|\s+[|/]\s+(?=\[)", line):
        chunks = _RUN_ON.split(piece) if piece.count('"') >= 4 else [piece]
        refs.extend(ref for chunk in chunks if (ref := _parse(chunk, strict)))
    return refs


def _parse_lines(lines: list[str], strict: bool) -> list[Reference]:
    """References in consecutive lines; a reference may wrap over up to three lines."""
    refs, index = [], 0
    while index < len(lines):
        found, end = _parse_line(lines[index], strict), index + 1
        for stop in range(index + 2, min(index + 4, len(lines) + 1)):
            if _parse_line(lines[stop - 1], strict):
                break
            joined = _parse_line(" ".join(lines[index:stop]), strict)
            if joined:
                found, end = joined, stop
        refs.extend(found)
        index = end
    return refs


def extract_references(markdown: str) -> list[Reference]:
    """References in one slide: footnote lines and blockquotes that are references."""
    notes, body = _footnotes(markdown or "")
    refs = []
    for note in notes:
        for lines, quoted in _blocks(note.splitlines()):
            refs.extend(_parse_lines(lines, strict=quoted))
    for lines, quoted in _blocks(body.splitlines()):
        if quoted:
            refs.extend(_parse_lines(lines, strict=True))
    return refs


_LABEL_LINE = re.compile(r"^\s*(?P<mark>\*\*|__)(?P<text>.+?)(?P=mark)\s*:?\s*$")
_READING_HEADING = re.compile(
    r"^(?:(?:further|required|recommended|suggested|selected|key|core|essential|optional)\s+)?"
    r"(?:readings?|bibliograph(?:y|ie)|sources|references|to read|阅读材料|参考文献|阅读)"
    r"(?:\s*[:—–(-].*|\s+(?:for|this|next)\b.*)?$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")


def _is_reading_heading(text: str) -> bool:
    if len(text) > MAX_REFERENCE_CHARS:  # a line of markup, not a heading worth cleaning
        return False
    return bool(_READING_HEADING.match(_clean(text).strip(" .:")))


def _list_items(lines: list[str]) -> list[str]:
    """The items of the Markdown lists in ``lines``, each joined into one line.

    A line continues the item above it when it follows it directly, or when it is indented.
    """
    items: list[list[str]] = []
    open_item, blank = False, False
    for line in lines:
        if not line.strip():
            blank = True
            continue
        if item := _LIST_ITEM.match(line):
            items.append([line[item.end() :]])
            open_item = True
        elif open_item and (not blank or line[:1].isspace()):
            items[-1].append(line)
        else:
            open_item = False
        blank = False
    return [" ".join(part.strip() for part in item) for item in items]


def extract_reading_list(markdown: str) -> list[Reference]:
    """References of a reading slide: each list item under a heading such as Readings,
    Reading, Bibliography, Sources or To read (footnotes are left to extract_references)."""
    _, body = _footnotes(markdown or "")
    sections: list[list[str]] = []
    listing = False
    for line in _unwrap_macros(body).splitlines():
        heading = heading_line(line)
        label = None if heading else _LABEL_LINE.match(line)
        if heading or label:
            listing = _is_reading_heading(heading.text if heading else label["text"])
            if listing:
                sections.append([])
        elif listing:
            sections[-1].append(line)
    items = [
        item
        for lines in sections
        for item in _list_items(lines)
        if len(item) <= MAX_REFERENCE_CHARS
    ]
    return [ref for item in items if (ref := parse_reference(item))]
