"""remark.js decks: parse deck text into slides, render them to safe HTML, export them back.

``parse_deck`` splits a deck the way remark.js does (rules A–I of ``remark-syntax.md``): one
left-to-right tokeniser protects fences, code, inline code and balanced ``.class[ … ]`` blocks,
then ``---`` starts a slide, ``--`` a step and ``???`` the notes; property lines at the top of a
slide become :class:`SourceSlide` fields. ``render_deck`` applies remark's templates, layouts,
steps, numbering, variables, content classes and the ``scale`` macro, renders Markdown with
Python-Markdown and passes every HTML string through nh3 with an explicit allowlist.
``export_deck`` writes slides back as remark markdown; ``parse_deck(export_deck(s))`` gives ``s``.

Where this module is more careful than remark it does not differ silently, it adds a
:class:`DeckWarning` for the instructor:

* Jekyll front matter at the top is metadata, not an empty slide followed by a property slide;
* a content class never spans a ``---`` line outside fences (remark's "squeezed slides", G3);
* an unknown macro stays as text instead of stopping the whole deck (H1);
* a layout or template is joined to the slide's own content with a newline (F2), so a layout
  that does not end with a blank line cannot glue its last line to the slide's first.

Also, ``^`` in remark's patterns means "start of the text not yet tokenised"; here it means "start
of a line", and macros and link definitions must fit on one line. Both keep the tokeniser linear.

Nothing here imports Django; the site stores :class:`SourceSlide` fields and the rendered HTML.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import html
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

MAX_SLIDE_CHARS = 50_000
MAX_DECK_CHARS = 2_000_000
MAX_SLIDES = 2_000
MAX_EFFECTIVE_CHARS = 200_000  # one slide after its layout, template and earlier steps are added
MAX_RENDERED_CHARS = 2_000_000  # all slides of a deck, counted that way
MAX_CLASS_DEPTH = 12  # deeper .x[ .y[ … ] ] nesting is shown as text
MAX_CLASSES_PER_SLIDE = 500  # content classes rendered per slide; the rest are shown as text
MAX_LINK_DEPTH = 3  # [ or ( nested deeper than this cannot start a link (Python-Markdown DoS)
MAX_WARNINGS = 200

KNOWN_PROPERTIES = frozenset(
    {"name", "class", "layout", "template", "count", "exclude", "continued"}
)

# --------------------------------------------------------------------------- public data types


@dataclass
class DeckWarning:
    """Something the importer read differently from what the author probably meant."""

    slide: int  # 1-based index of the source slide
    line: int  # 1-based line number in the source file
    message: str  # human readable, starts with "Slide S, line L: "


class DeckError(ValueError):
    """A deck that cannot be imported at all: too long, too many slides, a slide too long."""

    def __init__(self, message: str, *, slide: int, line: int):
        super().__init__(f"Slide {slide}, line {line}: {message}")
        self.slide = slide
        self.line = line


@dataclass
class SourceSlide:
    """One part of the deck between separators; each ``--`` step is its own SourceSlide.

    ``content`` is the Markdown body without property lines and notes. The newline that ends the
    property lines (or follows a ``--`` line) is not part of it; rendering puts it back when it
    joins a step or a layout to the content before it.
    """

    content: str = ""
    notes: str = ""
    name: str = ""
    classes: list[str] = field(default_factory=list)
    background_image: str = ""  # the URL only, parsed out of url(...)
    counted: bool = True
    layout: bool | None = None
    template: str = ""
    excluded: bool = False
    is_step: bool = False
    extra: list[tuple[str, str]] = field(default_factory=list)  # other properties, in order
    line: int = field(default=1, compare=False)  # where the slide starts in the source


@dataclass
class Deck:
    slides: list[SourceSlide]
    metadata: dict[str, str]
    warnings: list[DeckWarning]


@dataclass
class RenderedSlide:
    visible: bool  # False for layout slides and excluded slides
    index: int | None  # 1-based position among visible slides (steps included)
    number: int | None  # the number remark displays
    name: str
    classes: list[str]
    background_css: str  # CSS declarations built here from validated values only
    html: str
    notes_html: str


# --------------------------------------------------------------------------- tokeniser (B1)

_CODE = re.compile(r"(?:^|\n\n)(?: {4}[^\n]+\n*)+", re.M)
_INLINE_CODE = re.compile(r"`[^`].*?`")
_CONTENT_CLASS = re.compile(r"(\\)?((?:\.[A-Za-z_-][A-Za-z0-9_-]{0,80}){1,8})\[")
_FENCE_OPEN = re.compile(r"(?:^|\n) *(`{3,}|~{3,}) *(?:\S+)? *\n", re.M)
_LINK_DEF = re.compile(
    r"(?:^|\n) *\[([^\]\n]+)\]: *<?([^\s>]+)>?(?: +[\"(]([^\n]+)[\")])? *(?:\n+|$)", re.M
)
_MACRO = re.compile(r"!\[:([^\] \n]{1,64})([^\]\n]{0,200})\](?:\(([^)\n]{0,2000})\))?")
_SLIDE_SEPARATOR = re.compile(r"(?:^|\n)---(?:\n|$)", re.M)
_STEP_SEPARATOR = re.compile(r"(?:^|\n)--(?![^\n])", re.M)
_NOTES_SEPARATOR = re.compile(r"(?:^|\n)\?\?\?(?:\n|$)", re.M)
_BRACKET_OR_RULE = re.compile(r"[\[\]]|^---$", re.M)

_INLINE_KINDS = ("code", "inline_code", "class", "fence", "def", "macro")
_BLOCK_KINDS = (*_INLINE_KINDS, "slide_separator", "step_separator", "notes")
_REGEX_KINDS = {
    "code": _CODE,
    "inline_code": _INLINE_CODE,
    "def": _LINK_DEF,
    "macro": _MACRO,
    "slide_separator": _SLIDE_SEPARATOR,
    "step_separator": _STEP_SEPARATOR,
    "notes": _NOTES_SEPARATOR,
}


@dataclass(frozen=True)
class _Token:
    """A token: text, code, inline_code, fence, class, unclosed (a ``.x[`` left as text),
    literal (an escaped ``\\.x[…]``), def, macro, a separator or notes."""

    kind: str
    start: int
    end: int
    match: re.Match | None = None
    close: int = -1  # for "class": index of the matching ]; for "fence": of the closing fence


class _Lexer:
    """remark's one-pass tokeniser over one string: the earliest match wins, ties in B1 order."""

    def __init__(self, text: str, *, compare_with_remark: bool = False):
        self.text = text
        self._closers: dict[str, list[int]] = {}
        self.closing, self.remark_closing = self._match_brackets(compare_with_remark)

    def tokens(self, start: int, end: int, *, block: bool) -> Iterator[_Token]:
        """Tokens covering text[start:end]; separators and notes only when `block`."""
        kinds = _BLOCK_KINDS if block else _INLINE_KINDS
        pending: dict[str, _Token | None] = {}  # next match of each kind; None: no more
        pos = start
        while True:
            best = None
            for kind in kinds:
                token = pending.get(kind, ...)  # ... means not searched yet
                if token is ... or (token is not None and token.start < pos):
                    token = pending[kind] = self._find(kind, pos, end)
                if token is not None and (best is None or token.start < best.start):
                    best = token
            if best is None:
                break
            if (
                best.kind == "code"
                and best.start != pos
                and not best.match.group().startswith("\n\n")
            ):
                # remark's ^ only matches where the untokenised text starts (0.15 CODE rule)
                pending["code"] = self._find("code", best.start + 1, end)
                continue
            if best.start > pos:
                yield _Token("text", pos, best.start)
            yield best
            pos = best.end
        if pos < end:
            yield _Token("text", pos, end)

    def _find(self, kind: str, pos: int, end: int) -> _Token | None:
        if kind == "fence":
            return self._find_fence(pos, end)
        if kind == "class":
            return self._find_content_class(pos, end)
        match = _REGEX_KINDS[kind].search(self.text, pos, end)
        return _Token(kind, match.start(), match.end(), match) if match else None

    def _find_content_class(self, pos: int, end: int) -> _Token | None:
        match = _CONTENT_CLASS.search(self.text, pos, end)
        if match is None:
            return None
        close = self.closing.get(match.end() - 1)
        if close is None or close >= end:
            return _Token("unclosed", match.start(), match.end(), match)
        if match.group(1):  # \.x[…] is an escape: drop the backslash, keep the rest verbatim
            return _Token("literal", match.start(), close + 1, match, close)
        return _Token("class", match.start(), close + 1, match, close)

    def _find_fence(self, pos: int, end: int) -> _Token | None:
        """Fences need a closing marker; found by bisecting precomputed positions (linear)."""
        for match in _FENCE_OPEN.finditer(self.text, pos, end):
            marker = match.group(1)
            closers = self._closers.get(marker)
            if closers is None:
                pattern = re.compile("(?=" + re.escape(marker) + r" *(?:\n|\Z))")
                closers = self._closers[marker] = [m.start() for m in pattern.finditer(self.text)]
            i = bisect.bisect_left(closers, match.end() + 1)
            if i < len(closers) and closers[i] + len(marker) <= end:
                after = closers[i] + len(marker)
                while after < end and self.text[after] == " ":
                    after += 1
                while after < end and self.text[after] == "\n":
                    after += 1
                return _Token("fence", match.start(), after, match, closers[i])
        return None

    def _match_brackets(self, compare_with_remark: bool) -> tuple[dict[int, int], dict[int, int]]:
        """Map each [ to its ] by depth counting, as remark does (G3), except that no pair may
        span a ``---`` line outside fences. With `compare_with_remark`, also return remark's own
        pairing so the importer can warn where the two differ."""
        closing: dict[int, int] = {}
        remark: dict[int, int] = {}
        stack: list[int] = []
        remark_stack: list[int] = []
        fences: list[tuple[int, int]] | None = None
        for match in _BRACKET_OR_RULE.finditer(self.text):
            char, i = match.group(), match.start()
            if char == "[":
                stack.append(i)
                remark_stack.append(i)
            elif char == "]":
                if stack:
                    closing[stack.pop()] = i
                if compare_with_remark and remark_stack:
                    remark[remark_stack.pop()] = i
            else:
                if fences is None:
                    fences = self._fence_ranges()
                k = bisect.bisect_right(fences, (i, len(self.text))) - 1
                if k < 0 or not fences[k][0] <= i < fences[k][1]:
                    stack.clear()
        return closing, remark

    def _fence_ranges(self) -> list[tuple[int, int]]:
        ranges, pos = [], 0
        while (fence := self._find_fence(pos, len(self.text))) is not None:
            ranges.append((fence.start, fence.end))
            pos = fence.end
        return ranges


# --------------------------------------------------------------------------- content trees


class _Code(str):
    """Text of a code token: never rewritten to defuse link brackets."""


@dataclass
class _Fence:
    language: str
    code: str


@dataclass
class _ContentClass:
    classes: list[str]
    block: bool
    children: list


@dataclass
class _Macro:
    name: str
    args: list[str]
    target: str | None
    raw: str
    offset: int


@dataclass
class _TreeState:
    """What building one slide's tree collects: link definitions and the limits it hit."""

    defs: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    classes: int = 0
    macros: list[_Macro] = field(default_factory=list)
    too_deep: int | None = None  # offset of the first content class over MAX_CLASS_DEPTH
    too_many: int | None = None  # offset of the first content class over MAX_CLASSES_PER_SLIDE


def _build_tree(lexer: _Lexer, start: int, end: int, depth: int, state: _TreeState) -> list:
    """Content classes, macros and text of text[start:end] as nested nodes (G4)."""
    text = lexer.text
    nodes: list = []
    for token in lexer.tokens(start, end, block=False):
        raw = text[token.start : token.end]
        if token.kind in ("code", "inline_code"):
            nodes.append(_Code(raw))
        elif token.kind == "fence":
            language = text[token.match.end(1) : token.match.end()].strip()
            nodes.append(_Fence(language, text[token.match.end() : token.close].rstrip()))
        elif token.kind == "def":
            label, href, title = token.match.groups()
            state.defs.setdefault(label.strip().lower(), (href, title))
        elif token.kind == "macro":
            name, args, target = token.match.groups()
            macro = _Macro(name, [a.strip() for a in args.split(",")], target, raw, token.start)
            state.macros.append(macro)
            nodes.append(macro)
        elif token.kind == "literal":
            nodes.append(raw[1:])
        elif token.kind == "class":
            if depth >= MAX_CLASS_DEPTH or state.classes >= MAX_CLASSES_PER_SLIDE:
                if depth >= MAX_CLASS_DEPTH and state.too_deep is None:
                    state.too_deep = token.start
                if depth < MAX_CLASS_DEPTH and state.too_many is None:
                    state.too_many = token.start
                nodes.append(raw)
                continue
            state.classes += 1
            inner_start = token.match.end()
            children = _build_tree(lexer, inner_start, token.close, depth + 1, state)
            block = "\n" in text[inner_start : token.close]
            nodes.append(_ContentClass(token.match.group(2)[1:].split("."), block, children))
        else:  # text, unclosed
            nodes.append(raw)
    return nodes


# --------------------------------------------------------------------------- parsing


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FRONT_MATTER = re.compile(r"---\n((?:[A-Za-z_][A-Za-z0-9_-]*:[^\n]*\n|[ \t]*\n)*)---(?:\n|\Z)")
_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(.*)")
_INDENT = re.compile(r"^([ \t]*)[^ \t\n]", re.M)
_PROPERTY_LINE = re.compile(r"\n*([-\w]+):([^$\n]*)", re.ASCII)
_PROPERTY_COMMENT = re.compile(r"<!--\s*([-\w]+):([^$\n]*?)\s*-->", re.ASCII)
_VARIABLE = re.compile(r"(\\)?(\{\{([^}\n]{1,100})\}\})")
_CLASS_TOKEN = re.compile(r"[A-Za-z_-][A-Za-z0-9_-]*")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.S)
_TRAILING_SPACE_SEPARATOR = re.compile(r"^(---|--|\?\?\?)[ \t]+$", re.M)


def _normalise(text: str) -> str:
    """CRLF and CR become LF (A1); NUL and other control characters are dropped."""
    return _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _dedent(text: str) -> str:
    """Remove the indentation common to every non-blank line (A2)."""
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
    text = _normalise(text)
    too_long = len(text) > MAX_DECK_CHARS
    text = text[:MAX_DECK_CHARS]
    metadata, body, first_line = _split_front_matter(text, warnings)
    body = _dedent(body)
    lines = _Lines(body, first_line)
    lexer = _Lexer(body, compare_with_remark=True)
    segments = _split_segments(lexer, lines, warnings)
    if too_long:
        raise DeckError(
            f"the deck is longer than {MAX_DECK_CHARS:,} characters; split it into several weeks",
            slide=len(segments),
            line=lines.of(len(body)),
        )
    variables = {m.group(3).strip() for m in _VARIABLE.finditer(body) if not m.group(1)}
    slides = []
    for number, segment in enumerate(segments, start=1):
        if segment.end - segment.start > MAX_SLIDE_CHARS:
            raise DeckError(
                f"the slide is longer than {MAX_SLIDE_CHARS:,} characters; split it",
                slide=number,
                line=lines.of(segment.start),
            )
        slides.append(_make_slide(body, segment, number, lines, variables, warnings))
    _check_render_budget(slides, _templates(slides))
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


def _before_marker(body: str, token: _Token) -> int:
    """Where the text before a separator or ``???`` ends. A marker consumes the newline before
    it; when a link definition, fence or code block already took that newline, leave it out of
    the slide too, so that export and re-import give the same text."""
    if token.start > 0 and body[token.start - 1] == "\n" and body[token.start] != "\n":
        return token.start - 1
    return token.start


def _split_segments(lexer: _Lexer, lines: _Lines, warnings: _Warnings) -> list[_Segment]:
    """Cut the body at separators found by the tokeniser (C1–C6, D1, D2)."""
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


def _warn_unclosed(lexer: _Lexer, token: _Token, slide: int, lines: _Lines, warnings: _Warnings):
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


def _extract_properties(lead: str) -> tuple[dict[str, str], str, list[int]]:
    """remark's extractProperties (E1, E3): the properties, the rest of `lead`, and each
    property's offset in `lead` (for line numbers).

    Lines at the top are consumed by moving `top` rather than by cutting the string, and the
    leading newlines of a comment are found backwards, to keep this linear."""
    properties: dict[str, str] = {}
    offsets: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []  # comments cut out of `lead`: (original offset, length)

    def original(index: int) -> int:
        for cut_at, length in cuts:
            if cut_at > index:
                break
            index += length
        return index

    top = search_from = 0
    while True:
        if match := _PROPERTY_LINE.match(lead, top):
            offset = original(match.start(1))
            top = match.end()
        elif match := _PROPERTY_COMMENT.search(lead, max(top, search_from)):
            offset = original(match.start(1))
            start = match.start()
            while start > top and lead[start - 1] == "\n":
                start -= 1
            cut = (original(start), match.end() - start)
            cuts.insert(bisect.bisect(cuts, cut), cut)
            lead = lead[:start] + lead[match.end() :]
            search_from = start
        else:
            return properties, lead[top:], [offsets[key] for key in properties]
        key = match.group(1)
        properties.pop(key, None)  # a repeated key takes the later value and position
        properties[key] = match.group(2).strip()
        offsets[key] = offset


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
    properties, lead, offsets = _extract_properties(raw[:lead_length])
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
        _set_property(slide, key, value, variables, source_line.strip(), warn)
    _check_text(slide.content, number, lines.of(content_end - len(content)), warnings)
    if segment.notes_start is not None:
        _check_text(slide.notes, number, lines.of(segment.notes_start), warnings)
    return slide


def _set_property(
    slide: SourceSlide,
    key: str,
    value: str,
    variables: set[str],
    source_line: str,
    warn: Callable[[str], None],
) -> None:
    """Store one property on its field; values the fields cannot hold stay in `extra`."""
    if key == "name":
        slide.name = value
    elif key == "class":
        tokens = [t for t in re.split(r"[, ]", value) if t]
        slide.classes = [t for t in tokens if _CLASS_TOKEN.fullmatch(t)]
        for bad in (t for t in tokens if not _CLASS_TOKEN.fullmatch(t)):
            warn(f"class {bad!r} is not a valid class name and was dropped")
    elif key == "background-image" and (url := _css_url(value)) is not None:
        slide.background_image = url
        if not _background_url_ok(url):
            warn(f"background-image {value!r} is not an http(s) or relative URL and is ignored")
    elif key == "count" and value == "false":
        slide.counted = False
    elif key == "layout" and value in ("true", "false"):
        slide.layout = value == "true"
    elif key == "template":
        slide.template = value
    elif key == "exclude" and value.lower() == "true":
        slide.excluded = True
    else:
        slide.extra.append((key, value))
        _check_extra_property(key, value, variables, source_line, warn)


def _check_extra_property(
    key: str, value: str, variables: set[str], source_line: str, warn: Callable[[str], None]
) -> None:
    if key == "background-image":
        warn(f"background-image {value!r} is not a url(…) and is ignored")
    elif key in _BACKGROUND_PROPERTIES:
        if _background_value(key, value) is None:
            warn(f"{key} {value!r} is not supported and is ignored")
    elif key == "layout":
        warn(f"layout: {value} has no effect; remark only knows layout: true and layout: false")
    elif not (
        key in KNOWN_PROPERTIES or key.startswith(("background-", "highlight-")) or key in variables
    ):
        warn(
            f"{source_line!r} was read as a slide property (remark does this); indent it or "
            "escape it if it is meant as text"
        )


def _check_text(text: str, number: int, first_line: int, warnings: _Warnings) -> None:
    """Warn about macros and content classes that will not render as the author expects."""
    state = _TreeState()
    _build_tree(_Lexer(text), 0, len(text), 0, state)
    problems = [(macro.offset, _macro_problem(macro)) for macro in state.macros]
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


def _css_url(value: str) -> str | None:
    """The URL inside ``url(…)``, bare or quoted; None when `value` is not a single url()."""
    match = _CSS_URL.fullmatch(value.strip())
    return match.group(2).strip() if match else None


# --------------------------------------------------------------------------- export


def export_deck(slides: list[SourceSlide], metadata: dict | None = None) -> str:
    """Write slides (and front matter) back as remark markdown."""
    parts = []
    if metadata:
        front = "".join(f"{key}: {value}\n" for key, value in metadata.items())
        parts.append(f"---\n{front}---\n")
    for i, slide in enumerate(slides):
        if i:
            parts.append("\n--\n" if slide.is_step else "\n---\n")
        parts.append(_slide_source(slide))
    return "".join(parts)


def _slide_source(slide: SourceSlide) -> str:
    lines = []
    if slide.name:
        lines.append(f"name: {slide.name}")
    if slide.classes:
        lines.append(f"class: {', '.join(slide.classes)}")
    if slide.background_image:
        url = slide.background_image
        if re.search(r"[\s()'\"]", url):
            url = '"' + url + '"' if '"' not in url else "'" + url + "'"
        lines.append(f"background-image: url({url})")
    if not slide.counted:
        lines.append("count: false")
    if slide.layout is not None:
        lines.append(f"layout: {'true' if slide.layout else 'false'}")
    if slide.template:
        lines.append(f"template: {slide.template}")
    if slide.excluded:
        lines.append("exclude: true")
    lines.extend(f"{key}: {value}" for key, value in slide.extra)
    source = "\n".join(lines + [slide.content]) if lines else slide.content
    if slide.notes:
        source += "\n???\n" + slide.notes
    return source


# --------------------------------------------------------------------------- rendering


@dataclass
class _Effective:
    """A slide after inheriting from its template, layout or previous step (F1, F2)."""

    properties: dict[str, str]
    content: str
    classes: list[str]
    background_image: str


def render_deck(
    slides: list[SourceSlide], *, resolve_image: Callable[[str], str] | None = None
) -> list[RenderedSlide]:
    """Render every source slide, in order, with remark's inheritance and numbering."""
    resolve = resolve_image or _identity
    templates = _templates(slides)
    _check_render_budget(slides, templates)
    defs = _collect_link_definitions(slides)
    effective: list[_Effective] = []
    rendered: list[RenderedSlide] = []
    index = number = 0
    for slide, template in zip(slides, templates, strict=True):
        effective.append(_inherit(slide, None if template is None else effective[template]))
        visible = not slide.excluded and slide.layout is not True
        result = _render(slide, effective[-1], defs, resolve, visible=visible)
        if visible:
            index += 1
            number += slide.counted
            result.index, result.number = index, max(1, number)
        rendered.append(result)
    return rendered


def _templates(slides: list[SourceSlide]) -> list[int | None]:
    """For each slide, the position of the slide it inherits from, decided as remark's
    createSlides does (F1): a step uses the previous visible slide, else ``template:`` an
    earlier named slide, else ``layout: false`` clears the layout, else the current layout.
    Excluded slides take no part (E8)."""
    templates: list[int | None] = []
    visible: list[int] = []
    by_name: dict[str, int] = {}
    layout = None
    included = 0  # remark's `i`, counted after excluded slides are dropped
    for position, slide in enumerate(slides):
        template = None
        if slide.excluded:
            templates.append(None)
            continue
        if slide.is_step and included:
            template = visible[-1] if visible else None
        elif slide.template in by_name:
            template = by_name[slide.template]
        elif slide.layout is False:
            layout = None
        elif layout is not None and slide.layout is not True:
            template = layout
        included += 1
        if slide.name:
            by_name[slide.name] = position
        if slide.layout is True:
            layout = position
        else:
            visible.append(position)
        templates.append(template)
    return templates


def _check_render_budget(slides: list[SourceSlide], templates: list[int | None]) -> None:
    """Steps repeat the steps before them, so rendering can cost far more than the deck's size:
    cap each slide's inherited content and the deck's total (P24)."""
    lengths: list[int] = []
    total = 0
    for position, (slide, template) in enumerate(zip(slides, templates, strict=True)):
        inherited = 0 if template is None else lengths[template] + 1
        lengths.append(len(slide.content) + inherited)
        total += lengths[-1] + len(slide.notes)
        if lengths[-1] > MAX_EFFECTIVE_CHARS or total > MAX_RENDERED_CHARS:
            raise DeckError(
                "with its layout, template and earlier steps this slide makes the deck too long "
                f"to render (at most {MAX_EFFECTIVE_CHARS:,} characters a slide and "
                f"{MAX_RENDERED_CHARS:,} in all); use fewer -- steps or split the deck",
                slide=position + 1,
                line=slide.line,
            )


def render_markdown(text: str) -> str:
    """Sanitised HTML of a Markdown fragment, with content classes and macros (no variables)."""
    text = _normalise(text)
    if len(text) > MAX_EFFECTIVE_CHARS:
        raise DeckError(
            f"the text is longer than {MAX_EFFECTIVE_CHARS:,} characters", slide=1, line=1
        )
    return _render_fragment(text, None, {}, _identity)


def _identity(url: str) -> str:
    return url


def _collect_link_definitions(slides: list[SourceSlide]) -> dict[str, tuple[str, str | None]]:
    """Reference-link definitions from every slide, usable on every slide (I2)."""
    state = _TreeState()
    for slide in slides:
        if not slide.excluded:
            for text in (slide.content, slide.notes):
                text = _normalise(text)
                _build_tree(_Lexer(text), 0, len(text), 0, state)
    return state.defs


def _own_properties(slide: SourceSlide) -> dict[str, str]:
    """The slide's properties as remark holds them: strings, for inheritance and {{ vars }}."""
    properties = {"continued": "true" if slide.is_step else "false"}
    if slide.name:
        properties["name"] = slide.name
    if slide.classes:
        properties["class"] = ", ".join(slide.classes)
    if slide.background_image:
        properties["background-image"] = f"url({slide.background_image})"
    if not slide.counted:
        properties["count"] = "false"
    if slide.layout is not None:
        properties["layout"] = "true" if slide.layout else "false"
    if slide.template:
        properties["template"] = slide.template
    properties.update(slide.extra)
    return properties


_CONTENT_VARIABLE = re.compile(r"(?<!\\)\{\{\s*content\s*\}\}")


def _inherit(slide: SourceSlide, template: _Effective | None) -> _Effective:
    """remark's Slide.inherit: properties fill in, class merges "template, own", content is
    template + own or goes into {{content}}; name, layout and count are never inherited."""
    properties = _own_properties(slide)
    content = _normalise(slide.content)
    if template is None:
        return _Effective(properties, content, list(slide.classes), slide.background_image)
    for key, value in template.properties.items():
        if key not in ("name", "layout", "count", "class", "continued"):
            properties.setdefault(key, value)
    classes = list(dict.fromkeys(template.classes + slide.classes))
    if classes:
        properties["class"] = ", ".join(classes)
    if _CONTENT_VARIABLE.search(template.content):
        content = _CONTENT_VARIABLE.sub(lambda _: content, template.content)
    elif template.content and content:
        content = template.content + "\n" + content
    else:
        content = template.content + content
    background = slide.background_image or template.background_image
    return _Effective(properties, content, classes, background)


def _render(
    slide: SourceSlide,
    effective: _Effective,
    defs: dict[str, tuple[str, str | None]],
    resolve: Callable[[str], str],
    *,
    visible: bool,
) -> RenderedSlide:
    # Notes are the slide's own only: remark's develop branch behaviour (D3), so a step's
    # notes do not repeat the notes of the steps before it.
    classes = [c for c in effective.classes if _CLASS_TOKEN.fullmatch(c)]
    if slide.is_step:
        classes.append("remark-slide-incremental")
    return RenderedSlide(
        visible=visible,
        index=None,
        number=None,
        name=slide.name,
        classes=classes,
        background_css=_background_css(effective, resolve),
        html=_render_fragment(effective.content, effective.properties, defs, resolve),
        notes_html=_render_fragment(_normalise(slide.notes), None, defs, resolve),
    )


def _render_fragment(
    text: str,
    properties: dict[str, str] | None,
    defs: dict[str, tuple[str, str | None]],
    resolve: Callable[[str], str],
) -> str:
    """Sanitised HTML of one slide body or notes; `properties` None leaves {{ }} alone."""
    state = _TreeState()
    tree = _build_tree(_Lexer(text), 0, len(text), 0, state)
    all_defs = {**state.defs, **defs}
    clean = _sanitise(_tree_html(tree, properties, all_defs, inline=False), resolve)
    return _EMPTY_PARAGRAPH.sub("", clean).strip()


_PLACEHOLDER = re.compile("\x1a(\\d+)\x1a")
_BLOCK_PLACEHOLDER = re.compile("<p>\\s*\x1a(\\d+)\x1a\\s*</p>")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_SINGLE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p>).)*)</p>", re.S)


def _tree_html(
    nodes: list,
    properties: dict[str, str] | None,
    defs: dict[str, tuple[str, str | None]],
    *,
    inline: bool,
) -> str:
    """remark's Converter: render each content class on its own, then its parent around it,
    with the finished HTML held in placeholders so Markdown cannot touch it (G5)."""
    pieces: list[tuple[str, bool]] = []  # (markdown, is code)
    stash: list[tuple[str, bool]] = []  # (HTML, is a block that must not stay inside <p>)

    def hold(fragment: str, block: bool = False) -> str:
        stash.append((fragment, block))
        return f"\x1a{len(stash) - 1}\x1a"

    def unwrap_block(match: re.Match) -> str:
        fragment, block = stash[int(match.group(1))]
        return fragment if block else f"<p>{fragment}</p>"

    for node in nodes:
        if isinstance(node, _ContentClass):
            tag = "div" if node.block else "span"
            inner = _tree_html(node.children, properties, defs, inline=not node.block)
            held = hold(f'<{tag} class="{" ".join(node.classes)}">{inner}</{tag}>', node.block)
            if node.block and (not pieces or pieces[-1][0].endswith("\n")):
                held = f"\n\n{held}\n\n"  # a <div> starting a line is an HTML block for marked
            pieces.append((held, False))
        elif isinstance(node, _Macro):
            pieces.append((hold(_macro_html(node) or html.escape(node.raw)), False))
        elif isinstance(node, _Fence):
            code = _expand_variables(node.code, properties) if properties is not None else node.code
            pieces.append((f"\n\n{hold(_fence_html(node.language, code), True)}\n\n", True))
        else:
            text = _expand_variables(node, properties) if properties is not None else node
            pieces.append((text, isinstance(node, _Code)))
    source = _defuse(pieces, hold).lstrip()
    result = _markdown(source, defs)
    if inline and (single := _SINGLE_PARAGRAPH.fullmatch(result.strip())):
        result = single.group(1)
    result = _BLOCK_PLACEHOLDER.sub(unwrap_block, result)
    result = _PLACEHOLDER.sub(lambda m: stash[int(m.group(1))][0], result)
    return _EMPTY_PARAGRAPH.sub("", result)


def _fence_html(language: str, code: str) -> str:
    """Fenced code as marked renders it; the language becomes a ``language-…`` class (I3)."""
    css_class = f' class="language-{language}"' if _CLASS_TOKEN.fullmatch(language) else ""
    return f"<pre><code{css_class}>{html.escape(code, quote=False)}\n</code></pre>"


def _expand_variables(text: str, properties: dict[str, str]) -> str:
    """{{ key }} becomes the property's value; unknown keys stay, \\{{ key }} escapes (E10)."""

    def expand(match: re.Match) -> str:
        if match.group(1):
            return match.group(2)
        key = match.group(3).strip()
        if key in properties:
            return _normalise(properties[key])
        return "" if key == "content" else match.group(2)

    return _VARIABLE.sub(expand, text)


_SCALE_WIDTH = re.compile(r"\d+(?:\.\d+)?(?:%|px|em|rem|vw)")


def _macro_problem(macro: _Macro) -> str:
    if macro.name != "scale":
        return (
            f"macro {macro.raw!r} is unknown and is shown as text; only ![:scale 50%](url) "
            "is available"
        )
    if not macro.target:
        return f"{macro.raw!r} needs an image: ![:scale 50%](img/picture.jpg)"
    if not _SCALE_WIDTH.fullmatch(macro.args[0]):
        return f"{macro.raw!r}: the width must be a number with %, px, em, rem or vw"
    return ""


def _macro_html(macro: _Macro) -> str | None:
    """The common ``scale`` macro as remark decks define it: an image with a width (H1)."""
    if macro.name != "scale" or not macro.target:
        return None
    width = macro.args[0]
    style = f' style="width: {width}"' if _SCALE_WIDTH.fullmatch(width) else ""
    return f'<img src="{html.escape(macro.target.strip())}" alt=""{style}>'


def _defuse(pieces: list[tuple[str, bool]], hold: Callable[[str], str]) -> str:
    """Join Markdown pieces, setting aside characters that would make Python-Markdown slow.

    Python-Markdown rescans to the end of the text for every ``[`` without a matching ``]``,
    every ``](`` without a matching ``)`` and every ``<tag`` or ``<![CDATA[`` that is never
    closed: quadratic, 20 000 ``[`` take minutes. remark's renderer is not affected. None of
    these can start a link or a tag anyway, so outside code they are held in placeholders and
    come back as the same text."""
    source = "".join(text for text, _ in pieces)
    risky = sorted(
        _unbalanced(source, "[", "]")
        | {i + 1 for i in _unbalanced(source, "](", ")")}
        | _unterminated_markup(source)
    )
    if not risky:
        return source
    out, offset = [], 0
    for text, is_code in pieces:
        end = offset + len(text)
        cursor = offset
        if not is_code:
            inside = risky[bisect.bisect_left(risky, offset) : bisect.bisect_left(risky, end)]
            for run_start, run_end in _runs(inside):
                out.append(source[cursor:run_start])
                out.append(hold(html.escape(source[run_start:run_end])))
                cursor = run_end
        out.append(source[cursor:end])
        offset = end
    return "".join(out)


def _runs(offsets: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive offsets as (start, end) ranges: [3, 4, 5, 9] gives (3, 6) and (9, 10)."""
    if not offsets:
        return
    start = previous = offsets[0]
    for offset in offsets[1:]:
        if offset != previous + 1:
            yield start, previous + 1
            start = offset
        previous = offset
    yield start, previous + 1


def _unbalanced(source: str, opening: str, closing: str) -> set[int]:
    """Offsets of `opening` strings that are unmatched or nested deeper than MAX_LINK_DEPTH."""
    pattern = re.compile(re.escape(opening) + "|" + re.escape(closing))
    bad, stack = set(), []
    for match in pattern.finditer(source):
        if match.group() != closing:
            if len(stack) >= MAX_LINK_DEPTH:
                bad.add(match.start())
            stack.append(match.start())
        elif stack:
            stack.pop()
    return bad | set(stack)


_MARKUP_OPENING = re.compile(r"<(!\[CDATA\[|!--|[!?/A-Za-z])")
_MARKUP_END = {"![CDATA[": "]]>", "!--": "-->"}


def _unterminated_markup(source: str) -> set[int]:
    """Offsets of ``<`` that open a tag, comment or CDATA section never terminated after it."""
    if "<" not in source:
        return set()
    last = {end: source.rfind(end) for end in (">", "-->", "]]>")}
    return {
        match.start()
        for match in _MARKUP_OPENING.finditer(source)
        if last[_MARKUP_END.get(match.group(1), ">")] < match.end()
    }


# --------------------------------------------------------------------------- Markdown (I)


class _BareUrl(InlineProcessor):
    """GFM autolinks: a bare http(s) URL becomes a link, as in remark's marked (I1)."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        link = etree.Element("a", {"href": m.group(0)})
        link.text = AtomicString(m.group(0))
        return link, m.start(0), m.end(0)


class _ListsInterruptParagraphs(Preprocessor):
    """In marked (GFM) a list may start right after a paragraph line, as decks often do
    ("Sources:" then "- a"); Python-Markdown needs a blank line, so one is added."""

    ITEM = re.compile(r" {0,3}(?:[*+-]|\d+\.) +\S")

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_list = False
        for line in lines:
            if not line.strip():
                in_list = False
            elif self.ITEM.match(line):
                if out and out[-1].strip() and not in_list:
                    out.append("")
                in_list = True
            out.append(line)
        return out


class _RemarkFlavour(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        url = r"(?<![\w/@.=:\"'])https?://[^\s<>\"'\x02\x03]*[^\s<>\"'\x02\x03.,;:!?)\]]"
        # after inline HTML (90) so URLs inside tags are left alone
        md.inlinePatterns.register(_BareUrl(url, md), "bare_url", 85)
        # after fenced code (25) and raw HTML blocks (20) are set aside
        md.preprocessors.register(_ListsInterruptParagraphs(md), "gfm_lists", 15)


_local = threading.local()


def _markdown(source: str, defs: dict[str, tuple[str, str | None]]) -> str:
    """Python-Markdown with tables and sane lists (fences are rendered by the tokeniser's
    tokens), with the deck's link definitions appended where the source may use them."""
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = markdown.Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                "sane_lists",
                _RemarkFlavour(),
            ],
            output_format="html",
        )
    if "]" in source:
        lowered = source.lower()
        used = [
            f"[{label}]: <{href}>" + (f' "{title}"' if title else "")
            for label, (href, title) in defs.items()
            if f"[{label}]" in lowered and "[" not in label
        ]
        if used:
            source += "\n\n" + "\n".join(used) + "\n"
    return converter.reset().convert(source)


# --------------------------------------------------------------------------- sanitising


# fmt: off
_ALLOWED_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "a", "em",
    "strong", "b", "i", "u", "s", "code", "pre", "blockquote", "q", "cite", "table", "caption",
    "thead", "tbody", "tfoot", "tr", "th", "td", "img", "br", "hr", "div", "span", "sup", "sub",
    "del", "ins", "ruby", "rt", "rp", "figure", "figcaption", "small", "mark", "kbd", "samp",
    "var", "abbr",
})
# Not allowed, and their text is dropped too (the other disallowed tags keep their text).
_DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript",
    "textarea", "title", "xmp", "noembed", "noframes",
})
# fmt: on
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "style"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_STYLES = frozenset({"width", "max-width", "height"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]")
_CSS_LENGTH = r"(?:0|[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:px|em|rem|%|vw|vh|vmin|vmax|pt|cm|mm|ch|ex))"
_IMAGE_STYLE = re.compile(rf"\s*(width|max-width|height)\s*:\s*({_CSS_LENGTH}|auto)\s*", re.I)


def _sanitise(fragment: str, resolve: Callable[[str], str]) -> str:
    """nh3 with an explicit allowlist; URLs, classes and styles also go through
    `_filter_attribute`."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        return _filter_attribute(tag, attribute, value, resolve)

    return nh3.clean(
        fragment,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(_URL_SCHEMES),
        filter_style_properties=set(_IMAGE_STYLES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def _filter_attribute(
    tag: str, attribute: str, value: str, resolve: Callable[[str], str]
) -> str | None:
    """Per-attribute checks nh3 cannot express. nh3 does not re-check what this returns."""
    if attribute == "class":
        return " ".join(c for c in value.split() if _CLASS_TOKEN.fullmatch(c)) or None
    if attribute in ("href", "src"):
        url = resolve(value) if (tag, attribute) == ("img", "src") else value
        return url if _url_is_safe(url, _URL_SCHEMES) else None
    if attribute == "style":
        declarations = [_IMAGE_STYLE.fullmatch(d) for d in value.split(";") if d.strip()]
        kept = [f"{m.group(1).lower()}: {m.group(2)}" for m in declarations if m]
        return "; ".join(kept) or None
    if attribute in ("start", "colspan", "rowspan", "width", "height"):
        return value if value.isdigit() and len(value) < 6 else None
    if attribute == "align":
        return value if value in ("left", "center", "right") else None
    if attribute == "dir":
        return value if value in ("ltr", "rtl", "auto") else None
    return value


def _url_is_safe(url: str, schemes: frozenset[str]) -> bool:
    """True for relative URLs and for `schemes`, after decoding entities (repeatedly, so
    ``&amp;#106;`` cannot hide a ``j``) and dropping whitespace and control characters."""
    for _ in range(5):
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    scheme = _SCHEME.match(_URL_IGNORED.sub("", url).lower())
    return scheme is None or scheme.group(1) in schemes


# --------------------------------------------------------------------------- backgrounds (P19)

_COLOUR = re.compile(
    r"#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})"
    r"|(?:rgb|rgba|hsl|hsla)\(\s*[\d.]+%?(?:(?:\s*[,/]\s*|\s+)[\d.]+%?){2,3}\s*\)"
    r"|[a-z]{3,30}",
    re.I,
)
_POSITION_KEYWORDS = frozenset({"left", "right", "top", "bottom", "center"})
_REPEAT_KEYWORDS = frozenset({"repeat", "no-repeat", "repeat-x", "repeat-y", "space", "round"})
_LENGTH = re.compile(_CSS_LENGTH, re.I)


def _size_ok(tokens: list[str]) -> bool:
    if len(tokens) == 1 and tokens[0].lower() in ("cover", "contain"):
        return True
    return 1 <= len(tokens) <= 2 and all(
        t.lower() == "auto" or _LENGTH.fullmatch(t) for t in tokens
    )


def _position_ok(tokens: list[str]) -> bool:
    return 1 <= len(tokens) <= 4 and all(
        t.lower() in _POSITION_KEYWORDS or _LENGTH.fullmatch(t) for t in tokens
    )


def _repeat_ok(tokens: list[str]) -> bool:
    return 1 <= len(tokens) <= 2 and all(t.lower() in _REPEAT_KEYWORDS for t in tokens)


_BACKGROUND_GRAMMAR: dict[str, Callable[[list[str]], bool]] = {
    "background-size": _size_ok,
    "background-position": _position_ok,
    "background-repeat": _repeat_ok,
}
_BACKGROUND_PROPERTIES = (*_BACKGROUND_GRAMMAR, "background-color")


def _background_value(key: str, value: str) -> str | None:
    """`value` normalised if it fits the small grammar for `key`, else None."""
    if len(value) > 100:
        return None
    if key == "background-color":
        value = value.strip()
        return value if _COLOUR.fullmatch(value) else None
    tokens = value.split()
    return " ".join(tokens) if _BACKGROUND_GRAMMAR[key](tokens) else None


def _background_url_ok(url: str) -> bool:
    """http(s) or relative, and no control characters (the rest is escaped by _css_escape)."""
    return not _CONTROL_CHARS.search(url) and _url_is_safe(url, frozenset({"http", "https"}))


def _background_css(effective: _Effective, resolve: Callable[[str], str]) -> str:
    """CSS declarations for the slide background, built only from validated parts (E7)."""
    declarations = []
    url = effective.background_image and resolve(effective.background_image).strip()
    if url and _background_url_ok(url):
        declarations.append(f'background-image: url("{_css_escape(url)}")')
    for key in _BACKGROUND_PROPERTIES:
        value = effective.properties.get(key)
        if value is not None and (valid := _background_value(key, value)):
            declarations.append(f"{key}: {valid}")
    return "; ".join(declarations)


_CSS_SAFE_PUNCTUATION = frozenset("-._~:/?#[]@!$*+,=%")


def _css_escape(value: str) -> str:
    """Escape for a double-quoted CSS string: anything but letters, digits (any script) and
    harmless URL punctuation becomes ``\\hex `` — so no quote, paren, ; or & gets through."""
    return "".join(
        c if c.isalnum() or c in _CSS_SAFE_PUNCTUATION else f"\\{ord(c):x} " for c in value
    )
