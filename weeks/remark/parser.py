"""Deck text to source slides: front matter, separators, notes, properties and warnings.

``parse_deck`` splits a deck the way remark.js does: the tokeniser protects fences, code and
balanced content classes, then ``---`` starts a slide (R-SEPARATOR), ``--`` a step (R-STEPS) and
``???`` the notes (R-NOTES); property lines at the top of a slide become :class:`SourceSlide`
fields (R-PROPERTIES). Where it reads a deck differently from remark it adds a
:class:`DeckWarning` instead of differing silently.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass

from weeks.remark.lexer import VARIABLE, Lexer, Token, TreeState, build_tree, normalise
from weeks.remark.limits import (
    MAX_CLASS_DEPTH,
    MAX_CLASSES_PER_SLIDE,
    MAX_DECK_CHARS,
    MAX_SLIDE_CHARS,
    MAX_SLIDES,
    MAX_WARNINGS,
    DeckError,
    DeckWarning,
)
from weeks.remark.macros import macro_problem
from weeks.remark.properties import extract_properties, set_property
from weeks.remark.slides import Deck, SourceSlide
from weeks.remark.templates import check_render_budget, template_sources

_FRONT_MATTER = re.compile(r"---\n((?:[A-Za-z_][A-Za-z0-9_-]*:[^\n]*\n|[ \t]*\n)*)---(?:\n|\Z)")
_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(.*)")
_INDENT = re.compile(r"^([ \t]*)[^ \t\n]", re.M)
_TRAILING_SPACE_SEPARATOR = re.compile(r"^(---|--|\?\?\?)[ \t]+$", re.M)


def _dedent(text: str) -> str:
    """Remove the indentation common to every non-blank line (R-INDENT)."""
    indents = [len(m.group(1)) for m in _INDENT.finditer(text)]
    width = min(indents, default=0)
    return re.sub(rf"^[ \t]{{0,{width}}}", "", text, flags=re.M) if width else text


class _Warnings(list):
    """Import warnings, each message prefixed with its place, at most MAX_WARNINGS of them."""

    def add(self, slide: int, line: int, message: str) -> None:
        if len(self) < MAX_WARNINGS:
            self.append(DeckWarning(slide, line, f"Slide {slide}, line {line}: {message}"))
        elif len(self) == MAX_WARNINGS:
            self.append(DeckWarning(slide, line, "Further warnings were left out."))


class _Lines:
    """1-based line numbers of offsets in the deck body."""

    def __init__(self, text: str, first_line: int):
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._first = first_line

    def of(self, offset: int) -> int:
        return self._first + bisect.bisect_left(self._newlines, offset)


@dataclass
class _Segment:
    """Offsets of one slide in the body: [start, end) with notes from notes_start."""

    start: int
    is_step: bool
    end: int = 0
    content_end: int | None = None
    notes_start: int | None = None
    lead_end: int | None = None  # first content class: properties are only read before it


def parse_deck(text: str) -> Deck:
    """Split remark deck text into source slides, front matter and import warnings."""
    warnings = _Warnings()
    text = normalise(text)
    too_long = len(text) > MAX_DECK_CHARS
    text = text[:MAX_DECK_CHARS]
    metadata, body, first_line = _split_front_matter(text, warnings)
    body = _dedent(body)
    lines = _Lines(body, first_line)
    lexer = Lexer(body, compare_with_remark=True)
    segments = _split_segments(lexer, lines, warnings)
    if too_long:
        raise DeckError(
            f"the deck is longer than {MAX_DECK_CHARS:,} characters; split it into several weeks",
            slide=len(segments),
            line=lines.of(len(body)),
        )
    variables = {m.group(3).strip() for m in VARIABLE.finditer(body) if not m.group(1)}
    slides = []
    for number, segment in enumerate(segments, start=1):
        if segment.end - segment.start > MAX_SLIDE_CHARS:
            raise DeckError(
                f"the slide is longer than {MAX_SLIDE_CHARS:,} characters; split it",
                slide=number,
                line=lines.of(segment.start),
            )
        slides.append(_make_slide(body, segment, number, lines, variables, warnings))
    check_render_budget(slides, template_sources(slides))
    last = slides[-1]
    if len(slides) > 1 and dataclasses.replace(last, content=last.content.strip()) == SourceSlide():
        warnings.add(
            len(slides),
            last.line,
            "the deck ends with an empty slide (remark shows "
            "it); delete the last --- if you did not mean it",
        )
    return Deck(slides=slides, metadata=metadata, warnings=list(warnings))


def _split_front_matter(text: str, warnings: _Warnings) -> tuple[dict[str, str], str, int]:
    match = _FRONT_MATTER.match(text)
    if not match or not _FRONT_MATTER_KEY.search(match.group(1)):
        return {}, text, 1
    metadata = {}
    for line in match.group(1).splitlines():
        if key_value := _FRONT_MATTER_KEY.match(line):
            value = key_value.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            metadata[key_value.group(1)] = value
    warnings.add(
        1,
        1,
        "the block between the first two --- lines was read as front matter "
        "(deck metadata); remark would show an empty slide and a slide of properties",
    )
    return metadata, text[match.end() :], match.group(0).count("\n") + 1


def _before_marker(body: str, token: Token) -> int:
    """Where the text before a separator or ``???`` ends. A marker consumes the newline before
    it; when a link definition, fence or code block already took that newline, leave it out of
    the slide too, so that export and re-import give the same text."""
    if token.start > 0 and body[token.start - 1] == "\n" and body[token.start] != "\n":
        return token.start - 1
    return token.start


def _split_segments(lexer: Lexer, lines: _Lines, warnings: _Warnings) -> list[_Segment]:
    """Cut the body at separators found by the tokeniser (R-SEPARATOR, R-STEPS, R-NOTES)."""
    body = lexer.text
    segments: list[_Segment] = []
    segment = _Segment(0, False)
    for token in lexer.tokens(0, len(body), block=True):
        number = len(segments) + 1
        if token.kind in ("slide_separator", "step_separator"):
            segment.end = _before_marker(body, token)
            segments.append(segment)
            if len(segments) >= MAX_SLIDES:
                raise DeckError(
                    f"the deck has more than {MAX_SLIDES:,} slides; split it into several weeks",
                    slide=MAX_SLIDES + 1,
                    line=lines.of(token.end),
                )
            segment = _Segment(token.end, token.kind == "step_separator")
        elif token.kind == "notes":
            if segment.notes_start is None:
                segment.content_end = _before_marker(body, token)
            else:
                line = lines.of(token.start + body.startswith("\n", token.start))
                warnings.add(
                    number,
                    line,
                    "a second ??? starts the notes again: remark drops the notes written before it",
                )
            segment.notes_start = token.end
        elif token.kind == "class" and segment.lead_end is None and segment.notes_start is None:
            segment.lead_end = token.start
        elif token.kind == "unclosed":
            _warn_unclosed(lexer, token, number, lines, warnings)
        elif token.kind == "text":
            for match in _TRAILING_SPACE_SEPARATOR.finditer(body, token.start, token.end):
                warnings.add(
                    number,
                    lines.of(match.start()),
                    f"'{match.group(1)}' followed by "
                    "spaces is not a separator for remark; delete the trailing spaces",
                )
    segment.end = len(body)
    segments.append(segment)
    return segments


def _warn_unclosed(lexer: Lexer, token: Token, slide: int, lines: _Lines, warnings: _Warnings):
    bracket = token.end - 1
    name = token.match.group(2)
    if bracket in lexer.remark_closing:
        closed_at = lines.of(lexer.remark_closing[bracket])
        message = (
            f"'{name}[' is closed by the ']' on line {closed_at}, after a --- separator; "
            "remark would merge the slides in between, here it is kept as text. "
            "Close it before the ---"
        )
    else:
        message = f"'{name}[' has no closing ']' and is shown as text"
    warnings.add(slide, lines.of(token.start), message)


def _make_slide(
    body: str,
    segment: _Segment,
    number: int,
    lines: _Lines,
    variables: set[str],
    warnings: _Warnings,
) -> SourceSlide:
    content_end = segment.end if segment.content_end is None else segment.content_end
    raw = body[segment.start : content_end]
    lead_length = len(raw) if segment.lead_end is None else segment.lead_end - segment.start
    properties, lead, offsets = extract_properties(raw[:lead_length])
    content = lead + raw[lead_length:]
    if (properties or segment.is_step) and content.startswith("\n"):
        content = content[1:]
    slide = SourceSlide(
        content=content,
        notes="" if segment.notes_start is None else body[segment.notes_start : segment.end],
        is_step=segment.is_step,
        line=lines.of(segment.start + (1 if segment.is_step else 0)),
    )
    for (key, value), offset in zip(properties.items(), offsets, strict=True):
        position = segment.start + offset
        source_line = body[body.rfind("\n", 0, position) + 1 :].split("\n", 1)[0]
        warn = functools.partial(warnings.add, number, lines.of(position))
        set_property(slide, key, value, variables, source_line.strip(), warn)
    _check_text(slide.content, number, lines.of(content_end - len(content)), warnings)
    if segment.notes_start is not None:
        _check_text(slide.notes, number, lines.of(segment.notes_start), warnings)
    return slide


def _check_text(text: str, number: int, first_line: int, warnings: _Warnings) -> None:
    """Warn about macros and content classes that will not render as the author expects."""
    state = TreeState()
    build_tree(Lexer(text), 0, len(text), 0, state)
    problems = [(macro.offset, macro_problem(macro)) for macro in state.macros]
    if state.too_deep is not None:
        problems.append(
            (
                state.too_deep,
                f"content classes nested more than {MAX_CLASS_DEPTH} deep are shown as text",
            )
        )
    if state.too_many is not None:
        problems.append(
            (
                state.too_many,
                f"only the first {MAX_CLASSES_PER_SLIDE} content classes of a slide are styled",
            )
        )
    for offset, problem in problems:
        if problem:
            warnings.add(number, first_line + text.count("\n", 0, offset), problem)
