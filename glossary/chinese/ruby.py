"""Pinyin over every Chinese word of an HTML fragment, and the Traditional form beside it.

Each word (:func:`.words.han_words`) becomes one ``<ruby>`` whose ``<rt>`` is the word's
pinyin as the glossary writes it: ``<ruby><span>健康码</span><rt>jiànkāngmǎ</rt></ruby>``.
A confirmed glossary term is written with the term's own pinyin and linked to its glossary
entry. Where the text already prints a word's pinyin beside it (创客 chuangke, or
chuangke (创客)), or the page does (``printed``), the word gets no ``<rt>``. A word whose
Traditional form differs carries it in ``data-hant``, so the reader's script toggle needs
no conversion of its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from pypinyin.contrib.tone_convert import to_normal

from glossary.chinese.han import HAN, han_count, to_traditional
from glossary.chinese.pinyin import WORD_EDGE, parse_word
from glossary.chinese.words import han_words

_HAN_RUN_RE = re.compile(f"[{HAN}]+")
_CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
_SHIELDS = _CODE_ELEMENTS | {"ruby", "rt", "rp"}
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_INLINE_ELEMENTS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "dfn", "em", "i", "mark", "q", "s", "small"}
    | {"span", "strong", "sub", "sup", "time", "u", "var"}
)
_OTHER_LANGUAGES = ("ja", "ko")
_GAP = " \u00a0\t\n—–-:(（_*\"“‘'"  # what may stand between a word and its printed pinyin
_LOOK = 120  # characters looked at on each side for a printed romanisation


@dataclass(frozen=True)
class GlossTerm:
    """A confirmed glossary term as the markup needs it: its pinyin and its entry's URL."""

    pinyin: str
    href: str = ""


@dataclass
class _Text:
    text: str
    start: int  # offset in the fragment's visible text
    shielded: bool
    in_link: bool


class _Collector(HTMLParser):
    """Splits a fragment into markup (copied as written) and text nodes with their context."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str | _Text] = []
        self.visible: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, shielded)
        self._length = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append(self.get_starttag_text() or "")
        self._separate(tag)
        if tag not in _VOID_ELEMENTS:
            lang = (dict(attrs).get("lang") or "").strip().lower()
            shielded = tag in _SHIELDS or lang.startswith(_OTHER_LANGUAGES)
            self._open.append((tag, self._shielded() or shielded))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append(self.get_starttag_text() or "")
        self._separate(tag)

    def handle_endtag(self, tag: str) -> None:
        self.items.append(f"</{tag}>")
        self._separate(tag)
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] in ("script", "style"):
            self.items.append(data)  # raw text, never escaped
            return
        in_link = any(tag == "a" for tag, _ in self._open)
        self.items.append(_Text(data, self._length, self._shielded(), in_link))
        self.visible.append(data)
        self._length += len(data)

    def handle_comment(self, data: str) -> None:
        self.items.append(f"<!--{data}-->")

    def _separate(self, tag: str) -> None:
        """Block boundaries separate words in the visible text (</h1><p> is a break)."""
        if tag not in _INLINE_ELEMENTS:
            self.visible.append("\n")
            self._length += 1

    def handle_decl(self, decl: str) -> None:
        self.items.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.items.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.items.append(f"<![{data}]>")

    def _shielded(self) -> bool:
        return bool(self._open) and self._open[-1][1]


@lru_cache(maxsize=8192)
def _letters(hanzi: str) -> list[str]:
    """Toneless syllables of ``hanzi``, spelled as :func:`.pinyin.parse_word` spells them."""
    return [to_normal(s).lower() for word in han_words(hanzi) for s in word.syllables]


def _spelled(words: Iterable[str], count: int, backward: bool = False) -> list[str] | None:
    """Toneless syllables of the first (or last) ``words`` that give ``count`` syllables."""
    spelled: list[list[str]] = []
    total = 0
    for word in reversed(list(words)) if backward else words:
        syllables = parse_word(word)
        if not syllables:
            return None
        spelled.append([spelling for spelling, _ in syllables])
        total += len(syllables)
        if total >= count:
            ordered = reversed(spelled) if backward else spelled
            return [syllable for word_syllables in ordered for syllable in word_syllables]
    return None


def printed_beside(visible: str, start: int, end: int) -> bool:
    """True if the text right after or right before ``visible[start:end]`` is its pinyin."""
    letters = _letters(visible[start:end])
    after = visible[end : end + _LOOK].lstrip(_GAP).split()
    before = visible[max(0, start - _LOOK) : start].rstrip(_GAP).split()[-len(letters) :]
    return letters in (_spelled(after, len(letters)), _spelled(before, len(letters), True))


class _Annotator:
    def __init__(
        self,
        terms: dict[str, GlossTerm],
        printed: frozenset[str],
        traditional: Callable[[str], str] | None,
        pinyin: bool = True,
    ) -> None:
        self.pinyin = pinyin
        self.terms = terms
        self.printed = printed
        self.traditional = traditional
        keys = sorted((term for term in terms if term.strip()), key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def text(self, node: _Text, visible: str) -> str:
        if node.shielded:
            return html.escape(node.text, quote=False)
        out: list[str] = []
        last = 0
        for start, end, term in self._pieces(node.text):
            out.append(html.escape(node.text[last:start], quote=False))
            absolute = node.start + start
            shown = self.pinyin and not printed_beside(visible, absolute, node.start + end)
            out.append(self._piece(node.text[start:end], term, shown, node.in_link))
            last = end
        out.append(html.escape(node.text[last:], quote=False))
        return "".join(out)

    def _pieces(self, text: str) -> list[tuple[int, int, str | None]]:
        """(start, end, term) for each glossary term and each other Han run of ``text``."""
        pieces: list[tuple[int, int, str | None]] = []
        last = 0
        for match in self.pattern.finditer(text) if self.pattern else ():
            pieces += [(m.start(), m.end(), None) for m in _runs(text, last, match.start())]
            pieces.append((match.start(), match.end(), match.group()))
            last = match.end()
        pieces += [(m.start(), m.end(), None) for m in _runs(text, last, len(text))]
        return pieces

    def _piece(self, hanzi: str, term: str | None, shown: bool, in_link: bool) -> str:
        if term is None:
            words = [(word.hanzi, word.pinyin) for word in han_words(hanzi)]
        else:
            words = aligned_words(hanzi, self.terms[term].pinyin)
        hant = self._hant(hanzi)
        parts, position = [], 0
        for text, pinyin in words:
            alternative = hant[position : position + len(text)] if hant else ""
            parts.append(self._word(text, pinyin if shown else None, alternative))
            position += len(text)
        marked = "".join(parts)
        href = self.terms[term].href if term else ""
        if href and not in_link:
            return f'<a class="zh-term" href="{html.escape(href)}">{marked}</a>'
        return marked

    def _word(self, hanzi: str, pinyin: str | None, hant: str) -> str:
        data = f' data-hant="{html.escape(hant)}"' if hant and hant != hanzi else ""
        base = html.escape(hanzi, quote=False)
        if pinyin is None or hanzi in self.printed or not _HAN_RUN_RE.search(hanzi):
            return f"<span{data}>{base}</span>" if data else base
        # The base in its own element: shown with pinyin, it is an atomic inline-block, so
        # a wider <rt> centres over the characters instead of spreading them (pinyin.css).
        return f"<ruby><span{data}>{base}</span><rt>{html.escape(pinyin, quote=False)}</rt></ruby>"

    def _hant(self, hanzi: str) -> str:
        """The Traditional form, if it has as many characters (so it slices word by word)."""
        if self.traditional is None:
            return ""
        converted = self.traditional(hanzi)
        return converted if len(converted) == len(hanzi) else ""


def _runs(text: str, start: int, end: int) -> Iterable[re.Match[str]]:
    return _HAN_RUN_RE.finditer(text, start, end)


def aligned_words(hanzi: str, pinyin: str) -> list[tuple[str, str | None]]:
    """``hanzi`` cut into the words of its written ``pinyin``: (text, word's pinyin).

    雪亮工程 + "xuěliàng gōngchéng" → [("雪亮", "xuěliàng"), ("工程", "gōngchéng")]; text
    between Han runs (、, digits) gets None. When the syllables do not add up to the
    characters, the whole term is one word with the whole pinyin.
    """
    written = [word.strip(WORD_EDGE) for word in pinyin.split()]
    words = iter(word for word in written if word)
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for run in _HAN_RUN_RE.finditer(hanzi):
        if run.start() > position:
            pieces.append((hanzi[position : run.start()], None))
        position = run.start()
        while position < run.end():
            word = next(words, None)
            syllables = parse_word(word) if word else None
            if not syllables or position + len(syllables) > run.end():
                return [(hanzi, pinyin)]
            pieces.append((hanzi[position : position + len(syllables)], word))
            position += len(syllables)
    if position < len(hanzi):
        pieces.append((hanzi[position:], None))
    if next(words, None) is not None or sum(len(t) for t, p in pieces if p) != han_count(hanzi):
        return [(hanzi, pinyin)]
    return pieces


def word_ruby(
    fragment: str,
    terms: dict[str, GlossTerm] | None = None,
    *,
    printed: Iterable[str] = (),
    traditional: Callable[[str], str] | None = None,
    pinyin: bool = True,
) -> str:
    """Give every Chinese word in the text nodes of ``fragment`` its pinyin as ``<ruby>``.

    ``terms`` (hanzi → :class:`GlossTerm`) are written with their own pinyin and linked;
    ``printed`` words get no pinyin (the page prints it), nor does any word without
    ``pinyin``; ``traditional`` converts Simplified text for ``data-hant``.
    Code-like elements, existing ruby, attributes and Japanese or Korean text are left alone.
    """
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    visible = "".join(collector.visible)
    annotator = _Annotator(terms or {}, frozenset(printed), traditional, pinyin)
    return "".join(
        item if isinstance(item, str) else annotator.text(item, visible) for item in collector.items
    )


def load_dictionaries() -> None:
    """Load what ruby reads (jieba's dictionary, pypinyin's phrases, OpenCC's tables: about
    90 MB and a second) and pinyin's syllable table now, not in the first request that shows
    Chinese text or pinyin: a server's worker calls this as it starts, so its memory is flat
    from then on."""
    han_words("中文")
    to_traditional("中文")
    parse_word("zhongwen")
