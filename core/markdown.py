"""The site's Markdown: Python-Markdown in the flavour of remark's marked, made safe to run.

``markdown_to_html`` is the converter (tables, sane lists, GFM autolinks, lists that interrupt a
paragraph); ``defuse`` sets aside the characters that would make Python-Markdown quadratic.
``render_markdown`` turns the Markdown users write in descriptions, instructions and notes into
sanitised HTML. An app may install a richer syntax with ``use_syntax`` (weeks installs remark's
content classes, fences and macros when Django starts). Pure Python, no Django.
"""

import bisect
import functools
import html
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator

import markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from core.sanitise import sanitise

MAX_MARKDOWN_CHARS = 200_000
MAX_LINK_DEPTH = 3  # [ or ( nested deeper than this cannot start a link (Python-Markdown DoS)

PLACEHOLDER = re.compile("\x1a(\\d+)\x1a")
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class MarkdownTooLong(ValueError):
    """Text too long to render; the cost of rendering grows with its length."""


class _BareUrl(InlineProcessor):
    """GFM autolinks: a bare http(s) URL becomes a link, as remark's marked does
    (R-MARKDOWN in docs/remark.md)."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        link = etree.Element("a", {"href": m.group(0)})
        link.text = AtomicString(m.group(0))
        return link, m.start(0), m.end(0)


class _CodeSpans(BacktickInlineProcessor):
    """Python-Markdown's code spans, found by the C regex engine: its own search walks every
    later character in Python for each run of backticks that no run of its length closes, and
    runs of growing length ("` `` ``` …") make that quadratic."""

    _RUN = re.compile(r"`+")

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        ticks = self._RUN.match(text, start).end() - start
        start += ticks
        if closing := _exact_run(ticks).search(text, start):
            return start, closing.start()
        if _longer_run(ticks).search(text, start) is None:
            # every later run is shorter: the longest of them closes, as in Python-Markdown
            shortest, longest = 0, ticks  # a run of `shortest` ticks follows; none of `longest`
            while longest - shortest > 1:
                middle = (shortest + longest) // 2
                if _longer_run(middle).search(text, start):
                    shortest = middle
                else:
                    longest = middle
            if shortest:
                closing = _exact_run(shortest).search(text, start)
                return start - (ticks - shortest), closing.end() - shortest
        return start + ticks, None  # Python-Markdown skips this far too


@functools.lru_cache(maxsize=256)
def _exact_run(ticks: int) -> re.Pattern:
    return re.compile(f"(?<!`)`{{{ticks}}}(?!`)")


@functools.lru_cache(maxsize=256)
def _longer_run(ticks: int) -> re.Pattern:
    """A run of at least `ticks` backticks."""
    return re.compile(f"`{{{ticks}}}")


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


class SiteFlavour(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_CodeSpans(BACKTICK_RE), "backtick", 190)
        url = r"(?<![\w/@.=:\"'])https?://[^\s<>\"'\x02\x03]*[^\s<>\"'\x02\x03.,;:!?)\]]"
        # after inline HTML (90) so URLs inside tags are left alone
        md.inlinePatterns.register(_BareUrl(url, md), "bare_url", 85)
        # after fenced code (25) and raw HTML blocks (20) are set aside
        md.preprocessors.register(_ListsInterruptParagraphs(md), "gfm_lists", 15)


_local = threading.local()


def markdown_to_html(source: str, defs: dict[str, tuple[str, str | None]] | None = None) -> str:
    """Python-Markdown with tables and sane lists (no fences: remark's tokeniser renders them),
    with the link definitions `defs` appended where the source may use them. Not sanitised."""
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = markdown.Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                "sane_lists",
                SiteFlavour(),
            ],
            output_format="html",
        )
    if defs and "]" in source:
        lowered = source.lower()
        used = [
            f"[{label}]: <{href}>" + (f' "{title}"' if title else "")
            for label, (href, title) in defs.items()
            if f"[{label}]" in lowered and "[" not in label
        ]
        if used:
            source += "\n\n" + "\n".join(used) + "\n"
    return converter.reset().convert(source)


def defuse(pieces: list[tuple[str, bool]], hold: Callable[[str], str]) -> str:
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


def render_plain_markdown(text: str) -> str:
    """Sanitised HTML of `text` in the site's flavour, without any app's extra syntax."""
    text = _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > MAX_MARKDOWN_CHARS:
        raise MarkdownTooLong(f"the text is longer than {MAX_MARKDOWN_CHARS:,} characters")
    held: list[str] = []

    def hold(fragment: str) -> str:
        held.append(fragment)
        return f"\x1a{len(held) - 1}\x1a"

    result = markdown_to_html(defuse([(text, False)], hold))
    result = PLACEHOLDER.sub(lambda m: held[int(m.group(1))], result)
    return EMPTY_PARAGRAPH.sub("", sanitise(result)).strip()


_syntax: Callable[[str], str] = render_plain_markdown


def use_syntax(render: Callable[[str], str]) -> None:
    """Render site Markdown with `render` from now on. It must return sanitised HTML (through
    core.sanitise) and refuse text longer than MAX_MARKDOWN_CHARS with a ValueError."""
    global _syntax
    _syntax = render


def render_markdown(text: str) -> str:
    """Sanitised HTML of Markdown users write: descriptions, instructions, notes."""
    return _syntax(text)
