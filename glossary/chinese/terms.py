"""Extraction of glossed Chinese terms from remark slide markdown."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from core.text import heading_line
from glossary.chinese.han import HAN, HAN_CHAR_RE, han_count
from glossary.chinese.pinyin import (
    WORD_EDGE,
    Syllable,
    decompose,
    join_syllables,
    parse_pinyin,
    parse_word,
    render_syllable,
    to_pinyin,
)

# ---------------------------------------------------------------------- term extraction


@dataclass
class FoundTerm:
    """A Chinese term found in slide markdown.

    ``pinyin`` is tone-marked and lower-case.  When the source gives a romanisation it is
    used (``pinyin_generated`` False, the text as written kept in ``source_pinyin``);
    toneless source pinyin (_yeji_) gets its tones from :func:`to_pinyin` wherever the
    syllables agree, keeping the author's spelling and word division.  Without a
    romanisation the pinyin is generated (``pinyin_generated`` True).
    """

    hanzi: str
    pinyin: str
    gloss: str
    line: int
    pinyin_generated: bool = False
    source_pinyin: str = ""


_TERM_RUN_RE = re.compile(f"[{HAN}]+(?:[、·][{HAN}]+)*[0-9]*")
_MAX_TERM_CHARS = 24
_CONTEXT_CHARS = 200
_MAX_GLOSS_WORDS = 7

_HIDDEN_BLOCK_RE = re.compile(
    r"<(script|style)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)", re.DOTALL | re.IGNORECASE
)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_REMARK_PROPERTY_RE = re.compile(
    r"^(?:class|name|layout|template|count|exclude|background-[a-z]+):\s", re.IGNORECASE
)
_REMARK_BLOCK_RE = re.compile(r"^\s*\.[\w-]+(?:\.[\w-]+)*\[|\]\s*$")
_MARKDOWN_CLEANUP = (
    (re.compile(r"`[^`]*`"), " "),  # inline code
    # The negated classes also exclude the opening character so that unclosed
    # brackets cannot make these scans quadratic.
    (re.compile(r"<[^<>]*>"), " "),  # HTML tags
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), " "),  # images
    (re.compile(r"\(\s*\[[^\[\]]*\]\([^()]*\)\s*\)"), " "),  # "([link](url))" asides
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)"), ""),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),  # backslash escapes
)
_LINE_MARKER_RE = re.compile(r"^(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?")

_DASH_RE = re.compile(r"^\s*(?:[—–]|\s-{1,2})\s*(.+)")
_PAREN_RE = re.compile(r"^\s*\(([^()]*)\)")
_QUOTED_RE = re.compile(r"^[\"“](.+?)[\"”]")
_PHRASE_DELIMITER_RE = re.compile(r".*(?:[:;,!?|()\[\]{}+=/—–]|\.\s|\s-\s)")
_TRAILING_YEAR_RE = re.compile(r"\s*\(\s*\d{4}(?:\s*[-–]\s*\d{2,4})?\s*\)\s*$")
_YEAR_TAIL_RE = re.compile(r"^\s*(?:\(\s*\d{4}\s*\))?\s*[.,;:!?]?\s*$")


@functools.lru_cache(maxsize=4096)
def _generated_pinyin(hanzi: str) -> str:
    """to_pinyin, once per term: a deck repeats its terms, and segmenting them costs."""
    return to_pinyin(hanzi)


@dataclass
class _Line:
    text: str
    heading: int  # number of '#' (0: not a heading)


def _visible_lines(markdown: str) -> list[_Line]:
    """Markdown lines as plain text: no script/style/comments, code, links, markup."""
    blanked = _HIDDEN_BLOCK_RE.sub(lambda m: "\n" * m.group().count("\n"), markdown)
    lines: list[_Line] = []
    in_fence = False
    for raw in blanked.split("\n"):
        if _FENCE_RE.match(raw):
            in_fence = not in_fence
            raw = ""
        lines.append(_Line("", 0) if in_fence else _plain_line(raw))
    return lines


def _plain_line(raw: str) -> _Line:
    if _REMARK_PROPERTY_RE.match(raw):
        return _Line("", 0)
    text = _REMARK_BLOCK_RE.sub(" ", raw)
    for pattern, replacement in _MARKDOWN_CLEANUP:
        text = pattern.sub(replacement, text)
    text = html.unescape(text).strip()
    heading = heading_line(text)
    text = _LINE_MARKER_RE.sub("", heading.text if heading else text)
    return _Line(" ".join(text.split()), heading.level if heading else 0)


def _plain_letters(word: str) -> str:
    decomposed = decompose(word.strip(WORD_EDGE))
    return decomposed[0] if decomposed else ""


def _clean_gloss(text: str, hanzi: str) -> str:
    """English gloss without markup, quotes or a trailing (year); "" if unusable.

    A phrase that contains the term's own romanisation (“one of Xindanwei co-founder”)
    talks about the term rather than translating it, so it is rejected.
    """
    text = _TRAILING_YEAR_RE.sub("", text)
    text = re.sub(r"[\"“”*_#\[\]{}<>]", "", text).strip(" '‘’.,;:-–—")
    words = text.split()
    if not re.search(r"[A-Za-z]", text) or HAN_CHAR_RE.search(text):
        return ""
    if len(words) > _MAX_GLOSS_WORDS:
        return ""
    generated = parse_pinyin(_generated_pinyin(hanzi)) or []
    spelled = "".join(letters for word in generated for letters, _ in word)
    if spelled and any(_plain_letters(word) == spelled for word in words):
        return ""
    return " ".join(words)


def _romanisation(text: str, hanzi: str) -> list[list[Syllable]] | None:
    """The pinyin words of ``text`` if it romanises ``hanzi`` (one syllable per character)."""
    words = parse_pinyin(text)
    if words and sum(map(len, words)) == han_count(hanzi):
        return words
    return None


def _leading_romanisation(text: str, hanzi: str) -> str | None:
    """The first words of ``text`` that romanise ``hanzi`` (创客 chuangke: the Boom)."""
    taken: list[str] = []
    count = 0
    for word in text.split():
        syllables = parse_word(word)
        if syllables is None:
            return None
        taken.append(word.strip(WORD_EDGE))
        count += len(syllables)
        if count >= han_count(hanzi):
            break
    return " ".join(taken) if count == han_count(hanzi) else None


@dataclass
class _Context:
    """What the text around one occurrence of a term says about it."""

    matched: bool = False  # written in a recognised pattern
    written: str | None = None  # romanisation as written
    gloss: str = ""

    def learn(self, phrase: str, hanzi: str) -> None:
        """Take ``phrase`` as the term's romanisation if it is one, else as its gloss."""
        if self.written is None and _romanisation(phrase, hanzi):
            self.written = phrase.strip(WORD_EDGE)
        elif not self.gloss:
            self.gloss = _clean_gloss(phrase, hanzi)


def _phrase_before(text: str) -> str:
    """The phrase that ends ``text``, after its last delimiter."""
    delimited = _PHRASE_DELIMITER_RE.match(text)
    return text[delimited.end() :] if delimited else text


def _read_right(right: str, hanzi: str, context: _Context) -> None:
    """Patterns after the term: ``— pinyin``, ``— "gloss"``, ``(pinyin|gloss)``, ``pinyin``."""
    if dash := _DASH_RE.match(right):
        context.matched = True
        side = dash.group(1).strip()
        if _romanisation(side, hanzi):
            context.written = side.strip(WORD_EDGE)
        elif quoted := _QUOTED_RE.match(side):
            context.gloss = _clean_gloss(quoted.group(1), hanzi)
    elif (paren := _PAREN_RE.match(right)) and re.search(r"[A-Za-z]", paren.group(1)):
        context.matched = True
        context.learn(paren.group(1), hanzi)
    elif right[:1].isspace() and (written := _leading_romanisation(right, hanzi)):
        context.matched = True
        context.written = written


def _read_context(text: str, start: int, end: int) -> _Context:
    hanzi = text[start:end]
    left = text[max(0, start - _CONTEXT_CHARS) : start]
    right = text[end : end + _CONTEXT_CHARS]
    context = _Context()
    if left.rstrip().endswith("("):  # English (汉字), or (汉字 — …)
        inside, _, _ = right.partition(")")
        _read_right(inside, hanzi, context)
        context.matched = True
        context.learn(_phrase_before(left.rstrip()[:-1]).strip(), hanzi)
        return context
    _read_right(right, hanzi, context)
    if left[-1:].isspace() and _YEAR_TAIL_RE.match(right):  # English 汉字 (2014)
        phrase = _phrase_before(left).strip()
        if re.search(r"[A-Za-z]$", phrase):
            context.matched = True
            context.learn(phrase, hanzi)
    return context


def _neighbour_heading(lines: list[_Line], index: int, step: int) -> _Line | None:
    """The nearest non-blank line before (step -1) or after (step 1), if it is a heading."""
    position = index + step
    while 0 <= position < len(lines) and not lines[position].text:
        position += step
    if 0 <= position < len(lines) and lines[position].heading:
        return lines[position]
    return None


def _heading_gloss(lines: list[_Line], index: int) -> str:
    """Gloss of a heading that is only Chinese: a sub-heading right after it, else the
    heading right before it (same level or above).  Single characters get none: around
    them headings are slide titles (Week 7 / 创 / Planning For Innovation)."""
    line = lines[index]
    if han_count(line.text) < 2:
        return ""
    after = _neighbour_heading(lines, index, 1)
    before = _neighbour_heading(lines, index, -1)
    for neighbour, fits in (
        (after, lambda level: level > line.heading),
        (before, lambda level: level <= line.heading),
    ):
        if (
            neighbour
            and fits(neighbour.heading)
            and (gloss := _clean_gloss(neighbour.text, line.text))
        ):
            return gloss
    return ""


def _found_term(hanzi: str, line: int, written: str | None, gloss: str) -> FoundTerm:
    generated = _generated_pinyin(hanzi)
    words = _romanisation(written, hanzi) if written else None
    if not words:
        return FoundTerm(hanzi, generated, gloss, line, pinyin_generated=True)
    return FoundTerm(hanzi, _normalise_written(words, generated), gloss, line, False, written)


def _normalise_written(words: list[list[Syllable]], generated: str) -> str:
    """Render written pinyin with tone marks; toneless source takes generated tones where
    the generated syllable has the same spelling."""
    reference = [syllable for word in parse_pinyin(generated) or [] for syllable in word]
    flat = [syllable for word in words for syllable in word]
    if all(tone is None for _, tone in flat) and len(reference) == len(flat):
        pairs = zip(reference, flat, strict=True)
        toned = iter([ref if ref[0] == own[0] else own for ref, own in pairs])
        words = [[next(toned) for _ in word] for word in words]
    return " ".join(join_syllables([render_syllable(s) for s in word]) for word in words)


def _line_terms(lines: list[_Line], index: int) -> list[FoundTerm]:
    line = lines[index]
    if line.heading and _TERM_RUN_RE.fullmatch(line.text):
        return [_found_term(line.text, index + 1, None, _heading_gloss(lines, index))]
    terms = []
    for match in _TERM_RUN_RE.finditer(line.text):
        if len(match.group()) > _MAX_TERM_CHARS:
            continue
        context = _read_context(line.text, match.start(), match.end())
        if context.matched:
            terms.append(_found_term(match.group(), index + 1, context.written, context.gloss))
    return terms


def extract_terms(markdown: str) -> list[FoundTerm]:
    """Chinese terms written with a romanisation or an English gloss beside them.

    Recognised in remark slide markdown: ``汉字 — pinyin``, ``汉字 — anything``,
    ``English (汉字)``, ``pinyin (汉字)``, ``汉字 (pinyin|English)``, ``汉字 pinyin``,
    ``English 汉字 (year)``, and a heading that is only Chinese, glossed by the English
    heading below or above it.  Script/style blocks, comments, code and URLs are ignored.
    Terms are deduplicated by hanzi: the first occurrence wins, completed by a gloss or a
    written romanisation found later.
    """
    lines = _visible_lines(markdown)
    found: dict[str, FoundTerm] = {}
    for index in range(len(lines)):
        for term in _line_terms(lines, index):
            first = found.setdefault(term.hanzi, term)
            if not first.gloss:
                first.gloss = term.gloss
            if first.pinyin_generated and not term.pinyin_generated:
                first.pinyin, first.source_pinyin = term.pinyin, term.source_pinyin
                first.pinyin_generated = False
    return list(found.values())
