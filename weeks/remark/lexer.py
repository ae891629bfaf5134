"""remark's tokeniser (R-TOKENS) and the content trees built from its tokens (R-CLASS-INSIDE).

One left-to-right pass protects fences, indented and inline code, link definitions, macros and
balanced ``.class[ … ]`` blocks; at block level it also finds ``---``, ``--`` and ``???``.
``^`` in remark's patterns means "start of the text not yet tokenised"; here it means "start of
a line", and macros and link definitions must fit on one line. Both keep the tokeniser linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from weeks.remark.limits import MAX_CLASS_DEPTH, MAX_CLASSES_PER_SLIDE

# Where an indented code block may start, and (matched only for the chosen token) its extent.
_CODE_START = re.compile(r"(?:^|\n\n)(?= {4}[^\n])", re.M)
_CODE_BODY = re.compile(r"(?: {4}[^\n]+\n*)+")
_INLINE_CODE = re.compile(r"`[^`].*?`")
_CONTENT_CLASS = re.compile(r"(\\)?((?:\.[A-Za-z_-][A-Za-z0-9_-]{0,80}+){1,8}+)\[")
_FENCE_OPEN = re.compile(r"(?:^|\n) *+(`{3,}+|~{3,}+) *+(?:\S++)? *+\n", re.M)
_LINK_DEF = re.compile(
    r"(?:^|\n) *\[([^\]\n]+)\]: *<?([^\s>]+)>?(?: +[\"(]([^\n]+)[\")])? *(?:\n+|$)", re.M
)
_MACRO = re.compile(r"!\[:([^\] \n]{1,64}+)([^\]\n]{0,200}+)\](?:\(([^)\n]{0,2000}+)\))?")
_SLIDE_SEPARATOR = re.compile(r"(?:^|\n)---(?:\n|$)", re.M)
_STEP_SEPARATOR = re.compile(r"(?:^|\n)--(?![^\n])", re.M)
_NOTES_SEPARATOR = re.compile(r"(?:^|\n)\?\?\?(?:\n|$)", re.M)
_BRACKET_OR_RULE = re.compile(r"[\[\]]|^---$", re.M)
_CLASS_NAMES = re.compile(r"(?:\.[A-Za-z_-][A-Za-z0-9_-]{0,80}){1,8}")

_INLINE_KINDS = ("code", "inline_code", "class", "fence", "def", "macro")
_BLOCK_KINDS = (*_INLINE_KINDS, "slide_separator", "step_separator", "notes")
_REGEX_KINDS = {
    "inline_code": _INLINE_CODE,
    "def": _LINK_DEF,
    "macro": _MACRO,
    "slide_separator": _SLIDE_SEPARATOR,
    "step_separator": _STEP_SEPARATOR,
    "notes": _NOTES_SEPARATOR,
}


@dataclass(frozen=True)
class Token:
    """A token: text, code, inline_code, fence, class, unclosed (a ``.x[`` left as text),
    literal (an escaped ``\\.x[…]``), def, macro, a separator or notes."""

    kind: str
    start: int
    end: int
    match: re.Match | None = None
    close: int = -1  # for "class": index of the matching ]; for "fence": of the closing fence


class Lexer:
    """remark's one-pass tokeniser over one string: the earliest match wins, ties in B1 order."""

    def __init__(self, text: str, *, compare_with_remark: bool = False):
        self.text = text
        self._closers: dict[str, list[int]] = {}
        self._runs: dict[str, list[tuple[int, int]]] = {}
        self.closing, self.remark_closing = self._match_brackets(compare_with_remark)

    def tokens(self, start: int, end: int, *, block: bool) -> Iterator[Token]:
        """Tokens covering text[start:end]; separators and notes only when `block`."""
        kinds = _BLOCK_KINDS if block else _INLINE_KINDS
        pending: dict[str, Token | None] = {}  # next match of each kind; None: no more
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
            if best.kind == "code":
                body = _CODE_BODY.match(self.text, best.match.end(), end)
                best = Token("code", best.start, body.end(), body)
            if best.start > pos:
                yield Token("text", pos, best.start)
            yield best
            pos = best.end
        if pos < end:
            yield Token("text", pos, end)

    def _find(self, kind: str, pos: int, end: int) -> Token | None:
        if kind == "fence":
            return self._find_fence(pos, end)
        if kind == "class":
            return self._find_content_class(pos, end)
        if kind == "code":  # only where it starts: its extent is matched once it is chosen
            match = _CODE_START.search(self.text, pos, end)
            return Token(kind, match.start(), match.end(), match) if match else None
        match = _REGEX_KINDS[kind].search(self.text, pos, end)
        return Token(kind, match.start(), match.end(), match) if match else None

    def _find_content_class(self, pos: int, end: int) -> Token | None:
        match = _CONTENT_CLASS.search(self.text, pos, end)
        if match is None:
            return None
        close = self.closing.get(match.end() - 1)
        if close is None or close >= end:
            return Token("unclosed", match.start(), match.end(), match)
        if match.group(1):  # \.x[…] is an escape: drop the backslash, keep the rest verbatim
            return Token("literal", match.start(), close + 1, match, close)
        return Token("class", match.start(), close + 1, match, close)

    def _find_fence(self, pos: int, end: int) -> Token | None:
        """Fences need a closing marker; found by bisecting precomputed positions (linear)."""
        for match in _FENCE_OPEN.finditer(self.text, pos, end):
            marker = match.group(1)
            closers = self._closers.get(marker)
            if closers is None:
                closers = self._closers[marker] = [
                    end - len(marker)
                    for end, length in self._marker_runs(marker[0])
                    if length >= len(marker)
                ]
            i = bisect.bisect_left(closers, match.end() + 1)
            if i < len(closers) and closers[i] + len(marker) <= end:
                after = closers[i] + len(marker)
                while after < end and self.text[after] == " ":
                    after += 1
                while after < end and self.text[after] == "\n":
                    after += 1
                return Token("fence", match.start(), after, match, closers[i])
        return None

    def _marker_runs(self, char: str) -> list[tuple[int, int]]:
        """(end, length) of each run of `char` that only spaces separate from the line's end:
        where a fence of that character may close. Each run is matched once, so many
        markers of different lengths cost no more than one pass each over the runs."""
        runs = self._runs.get(char)
        if runs is None:
            c = re.escape(char)
            pattern = re.compile(rf"(?<!{c}){c}++(?= *+(?:\n|\Z))")
            runs = self._runs[char] = [
                (m.end(), m.end() - m.start()) for m in pattern.finditer(self.text)
            ]
        return runs

    def _match_brackets(self, compare_with_remark: bool) -> tuple[dict[int, int], dict[int, int]]:
        """Map each [ to its ] by depth counting, as remark does (R-BRACKETS), except that no
        pair may span a ``---`` line outside fences unless it is a multi-line content class
        (``.class[`` alone on its line, ``]`` starting one). With `compare_with_remark`, also
        return remark's own pairing so the importer can warn where the two differ."""
        closing: dict[int, int] = {}
        remark: dict[int, int] = {}
        stack: list[int] = []
        remark_stack: list[int] = []
        crossed = 0  # how many of the stack's brackets are open across a --- line
        fences: list[tuple[int, int]] | None = None
        for match in _BRACKET_OR_RULE.finditer(self.text):
            char, i = match.group(), match.start()
            if char == "[":
                stack.append(i)
                remark_stack.append(i)
            elif char == "]":
                if stack:
                    opening = stack.pop()
                    # A class open across a --- closes only with a ] that starts a line.
                    if len(stack) >= crossed or self.text[i - 1] == "\n":
                        closing[opening] = i
                    crossed = min(crossed, len(stack))
                if compare_with_remark and remark_stack:
                    remark[remark_stack.pop()] = i
            else:
                if fences is None:
                    fences = self._fence_ranges()
                k = bisect.bisect_right(fences, (i, len(self.text))) - 1
                if k < 0 or not fences[k][0] <= i < fences[k][1]:
                    if all(self._opens_block_class(stack[j]) for j in range(crossed, len(stack))):
                        crossed = len(stack)
                    else:
                        stack.clear()
                        crossed = 0
        return closing, remark

    def _opens_block_class(self, bracket: int) -> bool:
        """Whether the [ at `bracket` ends a line that is only ``.class[``: a multi-line content
        class, which remark reads before separators (R-BRACKETS)."""
        text = self.text
        if not text.startswith("\n", bracket + 1):
            return False
        line_start = text.rfind("\n", 0, bracket) + 1
        return bracket - line_start <= 8 * 82 and bool(
            _CLASS_NAMES.fullmatch(text, line_start, bracket)
        )

    def _fence_ranges(self) -> list[tuple[int, int]]:
        ranges, pos = [], 0
        while (fence := self._find_fence(pos, len(self.text))) is not None:
            ranges.append((fence.start, fence.end))
            pos = fence.end
        return ranges


# --------------------------------------------------------------------------- content trees


class Code(str):
    """Text of a code token: never rewritten to defuse link brackets."""


@dataclass
class Fence:
    language: str
    code: str


@dataclass
class ContentClass:
    classes: list[str]
    block: bool
    children: list


@dataclass
class Macro:
    name: str
    args: list[str]
    target: str | None
    raw: str
    offset: int


@dataclass
class TreeState:
    """What building one slide's tree collects: link definitions and the limits it hit."""

    defs: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    classes: int = 0
    macros: list[Macro] = field(default_factory=list)
    too_deep: int | None = None  # offset of the first content class over MAX_CLASS_DEPTH
    too_many: int | None = None  # offset of the first content class over MAX_CLASSES_PER_SLIDE


def build_tree(lexer: Lexer, start: int, end: int, depth: int, state: TreeState) -> list:
    """Content classes, macros and text of text[start:end] as nested nodes (R-CLASS-INSIDE)."""
    text = lexer.text
    nodes: list = []
    for token in lexer.tokens(start, end, block=False):
        raw = text[token.start : token.end]
        if token.kind in ("code", "inline_code"):
            nodes.append(Code(raw))
        elif token.kind == "fence":
            language = text[token.match.end(1) : token.match.end()].strip()
            nodes.append(Fence(language, text[token.match.end() : token.close].rstrip()))
        elif token.kind == "def":
            label, href, title = token.match.groups()
            state.defs.setdefault(label.strip().lower(), (href, title))
        elif token.kind == "macro":
            name, args, target = token.match.groups()
            macro = Macro(name, [a.strip() for a in args.split(",")], target, raw, token.start)
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
            children = build_tree(lexer, inner_start, token.close, depth + 1, state)
            block = "\n" in text[inner_start : token.close]
            nodes.append(ContentClass(token.match.group(2)[1:].split("."), block, children))
        else:  # text, unclosed
            nodes.append(raw)
    return nodes


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
VARIABLE = re.compile(r"(\\)?(\{\{([^}\n]{1,100}+)\}\})")


def normalise(text: str) -> str:
    """CRLF and CR become LF (R-NEWLINES); NUL and other control characters are dropped."""
    return CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
