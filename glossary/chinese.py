"""Chinese-text helpers for the course glossary and the slide reader.

Pure Python (no Django): pinyin generation and parsing, sort keys, dictionary links,
script detection, HTML rewriting (``lang`` marking and ruby annotation) and extraction
of glossed Chinese terms from remark slide markdown.

Pinyin comes from pypinyin (``Style.TONE``), whose phrase dictionary resolves polyphones
(银行 → yínháng, 重庆 → chóngqìng).  pypinyin's own phrase matcher only knows phrases that
have special readings, so it cannot group syllables into words (智慧城市 comes out as four
separate syllables); words are therefore cut with jieba, a frequency-dictionary + HMM
segmenter, and compounds of four or more characters are split into their dictionary parts,
following the pinyin orthography rules (科技自立自强 → kējì zìlì zìqiáng).
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from urllib.parse import quote

import jieba
from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal, to_tone
from pypinyin.pinyin_dict import pinyin_dict

jieba.setLogLevel(logging.WARNING)

# --------------------------------------------------------------------------- characters

_HAN_RANGES = (
    (0x3007, 0x3007),  # 〇 ideographic zero
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2A6DF),  # extension B
    (0x2A700, 0x2EE5F),  # extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # compatibility ideographs supplement
    (0x30000, 0x323AF),  # extensions G, H
)
_HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES)
# CJK symbols and punctuation, full-width forms, vertical forms, and the punctuation that
# Chinese text shares with English (middle dot, dashes, ellipsis, curly quotes).
_CJK_PUNCT = (
    "\u3000-\u3006\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\ufe30-\ufe4f\u00b7\u2014\u2026\u2018\u2019\u201c\u201d"
)
_HAN_CHAR_RE = re.compile(f"[{_HAN}]")
# A run for <span lang>: Han characters with the CJK punctuation in and around them (runs
# of punctuation alone are skipped when wrapping; a plain class keeps matching linear).
_MARK_RUN_RE = re.compile(f"[{_HAN}{_CJK_PUNCT}]+")


def is_han(ch: str) -> bool:
    """True if ``ch`` is a single Han ideograph (CJK unified, extensions, compatibility, 〇)."""
    return len(ch) == 1 and _HAN_CHAR_RE.match(ch) is not None


def has_han(text: str) -> bool:
    """True if ``text`` contains at least one Han ideograph."""
    return _HAN_CHAR_RE.search(text) is not None


def _han_count(text: str) -> int:
    return len(_HAN_CHAR_RE.findall(text))


# ------------------------------------------------------------------------------ script

# Common characters that have a different form in the other script.  Characters that are
# legitimately used in both (后, 里, 干, 台, 云, 与, 党, 制, 准, 范 …) are left out.
_TRADITIONAL_ONLY = frozenset(
    "們個來時為說國學對會這進過還從經與現開關東車長門問間馬鳥魚龍書買賣電話語讀寫聽見覺觀親視"
    "實點黨灣臺腦區歷發廣場報產業務濟貿體協員變護醫藥師費質農樂習歲華鄉縣專運動傳統萬眾義難辦"
    "應導計設畫劃議論認識讓請謝該爭戰雙創術數據處網絡線級組織結構總給紅綠藍顏題頭環圖館園圓團"
    "聯軍衛億價錢銀鐵鋼錯鏡陽陰險際隊風飛飯餘驗麼麗齊齒龜黃舊號蘇蘭藝裡複製規記許評試詩詳課"
    "調談證財貨貴資賽購趙趕輕輛輸邊遠適選遺邏鄧針鐘閱陳陸隨雞離須項領頻顯飲養髮鬥鬧魯鮮麥齡"
    "愛權歡氣漢準滿燈爺獨當盡監禮種稱穩窮築範簡練"
)
_SIMPLIFIED_ONLY = frozenset(
    "们个来时为说国学对会这进过还从经现开关东车长门问间马鸟鱼龙书买卖电话语读写听见觉观亲视"
    "实点湾脑区历发广场报产业务济贸体协员变护医药师费质农乐习岁华乡县专运动传统万众义难办应"
    "导计设画议论认识让请谢该争战双创术数处网络线级组织结构总给红绿蓝颜题头环图馆园圆团联军"
    "卫亿价钱银铁钢错镜阳阴险际队风飞饭验丽齐齿龟黄旧号苏兰艺复规记许评试诗详课调谈证财货贵"
    "资赛购赵赶轻辆输边远适选遗逻邓针钟阅陈陆随鸡离须项领频显饮养闹鲁鲜麦龄爱权欢气汉满灯爷"
    "独当尽监礼称稳穷简练"
)


def han_script(text: str, default: str = "zh-Hans") -> str:
    """Return ``"zh-Hant"`` or ``"zh-Hans"`` for ``text``.

    Counts characters that exist only in one script; the script with more of them wins,
    and ``default`` is returned when there is no evidence either way (城市).
    """
    traditional = sum(ch in _TRADITIONAL_ONLY for ch in text)
    simplified = sum(ch in _SIMPLIFIED_ONLY for ch in text)
    if traditional > simplified:
        return "zh-Hant"
    if simplified > traditional:
        return "zh-Hans"
    return default


# ------------------------------------------------------------------------ pinyin output

# Chinese punctuation → its pinyin-text counterpart; other full-width forms go through NFKC.
_PUNCT_MAP = {
    "、": ",", "，": ",", "。": ".", "．": ".", "《": "“", "》": "”", "〈": "‘", "〉": "’",
    "「": "“", "」": "”", "『": "‘", "』": "’", "【": "[", "】": "]", "〔": "[", "〕": "]",
    "　": " ", "～": "~",
}  # fmt: skip
_OPENING = frozenset("([{“‘\"'")
_CLOSING = frozenset(")]}”’\"',.!?:;…%")
_JOINERS = frozenset("·-—/")
_PINYIN_PIECE_RE = re.compile(
    f"(?P<han>[{_HAN}]+)|(?P<punct>[{_CJK_PUNCT}])|[^{_HAN}{_CJK_PUNCT}]+"
)


def _is_dictionary_word(word: str) -> bool:
    # jieba's FREQ also stores every prefix of a word with frequency 0.
    return (jieba.get_FREQ(word) or 0) > 0


def _split_compound(word: str) -> list[str]:
    """Split a word of 4+ characters into dictionary words of 2+ characters, if it is one.

    中国科学院 → 中国 科学院, 自立自强 → 自立 自强; 乌鲁木齐 stays whole.
    """
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if _is_dictionary_word(head) and _is_dictionary_word(tail):
            return [*_split_compound(head), *_split_compound(tail)]
    return [word]


def _words(han_run: str) -> list[str]:
    return [part for word in jieba.lcut(han_run) for part in _split_compound(word)]


def _join_syllables(syllables: list[str]) -> str:
    """Join the syllables of one word, with an apostrophe before a/o/e (xī'ān)."""
    joined = syllables[0]
    for syllable in syllables[1:]:
        if to_normal(syllable)[:1] in ("a", "o", "e"):
            joined += "'"
        joined += syllable
    return joined


def _needs_space(left: str, right: str) -> bool:
    return not (
        left.isspace()
        or right.isspace()
        or left in _OPENING
        or right in _CLOSING
        or left in _JOINERS
        or right in _JOINERS
    )


def to_pinyin(hanzi: str) -> str:
    """Tone-marked pinyin, one word per space: 智慧城市 → ``"zhìhuì chéngshì"``.

    Chinese punctuation becomes its Latin counterpart (、→ ","), other text is kept.
    """
    pieces: list[str] = []
    for match in _PINYIN_PIECE_RE.finditer(hanzi):
        if match["han"]:
            pieces += [
                _join_syllables(lazy_pinyin(word, style=Style.TONE))
                for word in _words(match["han"])
            ]
        elif match["punct"]:
            char = match["punct"]
            pieces.append(_PUNCT_MAP.get(char) or unicodedata.normalize("NFKC", char))
        else:
            pieces.append(match.group())
    text = ""
    for piece in pieces:
        if text and piece and _needs_space(text[-1], piece[0]):
            text += " "
        text += piece
    return text


# ----------------------------------------------------------------------- pinyin parsing

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_DIAERESIS = "\u0308"
_MAX_PINYIN_WORD = 60
_WORD_EDGE = "\"'“”‘’()[]{}.,;:!?*_"

# A syllable: toneless spelling with "v" for ü, and the tone (1–4, 0 neutral, None unknown).
Syllable = tuple[str, int | None]


@cache
def _syllable_table() -> frozenset[str]:
    """Every toneless Mandarin syllable pypinyin knows ("zhong", "lv"), bar m/n/ng/hm/ê."""
    readings = (reading for value in pinyin_dict.values() for reading in value.split(","))
    return frozenset(
        syllable
        for syllable in map(to_normal, readings)
        if syllable.isascii() and any(vowel in syllable for vowel in "aeiouv")
    )


def _decompose(chunk: str) -> tuple[str, list[int | None]] | None:
    """Lower-case toneless letters (ü → v) plus the tone mark found on each of them."""
    letters: list[str] = []
    marks: list[int | None] = []
    for char in unicodedata.normalize("NFD", chunk.lower()):
        if char in _TONE_MARKS and letters:
            marks[-1] = _TONE_MARKS[char]
        elif char == _DIAERESIS and letters[-1:] == ["u"]:
            letters[-1] = "v"
        elif char.isascii() and (char.isalpha() or char in "012345"):
            letters.append(char)
            marks.append(None)
        else:
            return None
    return "".join(letters), marks


def _split_letters(letters: str) -> list[tuple[int, int, int | None]] | None:
    """Cut toneless letters (tone digits allowed) into the fewest syllables: (start, end, digit).

    Between equally short cuts, the one with fewest syllables starting with a, o or e after
    the first wins: pinyin writes those with an apostrophe (dànǎo is dà-nǎo, not dàn-ǎo).
    """
    table = _syllable_table()
    Cuts = list[tuple[int, int, int | None]]
    memo: dict[int, tuple[int, int, Cuts] | None] = {}

    def solve(start: int) -> tuple[int, int, Cuts] | None:
        """(syllable count, vowel-initial syllables after the first, cuts) from ``start``."""
        if start == len(letters):
            return 0, 0, []
        if start not in memo:
            best = None
            vowel_initial = int(start > 0 and letters[start] in "aoe")
            for end in range(min(len(letters), start + 6), start, -1):
                if letters[start:end] not in table:
                    continue
                digit = letters[end] if end < len(letters) and letters[end].isdigit() else ""
                rest = solve(end + len(digit))
                if rest is None:
                    continue
                cut = (start, end, int(digit) % 5 if digit else None)
                candidate = (rest[0] + 1, rest[1] + vowel_initial, [cut, *rest[2]])
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
            memo[start] = best
        return memo[start]

    solved = solve(0)
    return solved[2] if solved else None


def _parse_word(word: str) -> list[Syllable] | None:
    """Syllables of one written pinyin word (zhìhuì, zhi4hui4, xi'an, Hangzhou), else None."""
    word = word.strip(_WORD_EDGE)
    if not word or len(word) > _MAX_PINYIN_WORD:
        return None
    syllables: list[Syllable] = []
    for chunk in re.split(r"['’-]", unicodedata.normalize("NFC", word)):
        decomposed = _decompose(chunk) if chunk else ("", [])
        cuts = _split_letters(decomposed[0]) if decomposed else None
        if cuts is None:
            return None
        letters, marks = decomposed
        for start, end, digit in cuts:
            mark = next((tone for tone in marks[start:end] if tone), None)
            syllables.append((letters[start:end], digit if digit is not None else mark))
    return syllables or None


def _parse_pinyin(text: str) -> list[list[Syllable]] | None:
    """Words of syllables if every word of ``text`` is pinyin, else None."""
    words = [_parse_word(word) for word in text.split()]
    if not words or None in words:
        return None
    return words


def _render(syllable: Syllable) -> str:
    letters, tone = syllable
    return to_tone(f"{letters}{tone or ''}").replace("v", "ü")


def _ruby_syllables(pinyin: str) -> list[str]:
    """Tone-marked syllables of a pinyin text, skipping words that are not pinyin (2025)."""
    words = (_parse_word(word) for word in pinyin.split())
    return [_render(syllable) for word in words if word for syllable in word]


def pinyin_sort_key(hanzi: str, pinyin: str = "") -> tuple:
    """Sort key: toneless syllables (ü after u), then tone numbers (neutral last), then hanzi."""
    letters: list[str] = []
    tones: list[int] = []
    for word in (pinyin or to_pinyin(hanzi)).split():
        syllables = _parse_word(word) or [(word.lower(), 0)]
        letters += [spelling for spelling, _ in syllables]
        tones += [tone or 5 for _, tone in syllables]
    return tuple(letters), tuple(tones), hanzi


# ------------------------------------------------------------------------- dictionaries

_PURPLE_CULTURE = "https://www.purpleculture.net/dictionary-details/?word="
_HANZIYUAN = "https://hanziyuan.net/#"
_CUHK = "https://humanum.arts.cuhk.edu.hk/Lexis/lexi-mf/search.php?word="


def dictionary_links(hanzi: str) -> list[tuple[str, str]]:
    """``[(label, url)]``: Purple Culture for the whole word, Hanziyuan (etymology) and the
    CUHK character database for each distinct character (labelled with the character when
    the word has several)."""
    word = hanzi.strip()
    characters = list(dict.fromkeys(ch for ch in word if is_han(ch)))

    def label(name: str, ch: str) -> str:
        return name if len(characters) == 1 else f"{name} {ch}"

    return [
        ("Purple Culture", _PURPLE_CULTURE + quote(word)),
        *((label("Hanziyuan", ch), _HANZIYUAN + quote(ch)) for ch in characters),
        *((label("CUHK", ch), _CUHK + quote(ch)) for ch in characters),
    ]


# ------------------------------------------------------------------------- HTML rewrite

_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_RAW_TEXT_ELEMENTS = frozenset({"script", "style"})
_CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
_HAN_LANGUAGES = ("zh", "ja", "ko")


class _TextRewriter(HTMLParser):
    """Copies an HTML fragment, passing each text node outside shielded elements to
    ``transform`` (plain text in, HTML out).  Tags, attributes and comments are copied
    as written, so only text nodes can change."""

    def __init__(
        self,
        transform: Callable[[str], str],
        shields: Callable[[str, list[tuple[str, str | None]]], bool],
    ) -> None:
        super().__init__(convert_charrefs=True)
        self._transform = transform
        self._shields = shields
        self._open: list[tuple[str, bool]] = []  # (tag, shielded)
        self._out: list[str] = []

    def rewrite(self, fragment: str) -> str:
        self.feed(fragment)
        self.close()
        return "".join(self._out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._out.append(self.get_starttag_text() or "")
        if tag not in _VOID_ELEMENTS:
            self._open.append((tag, self._shielded() or self._shields(tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._out.append(f"</{tag}>")
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] in _RAW_TEXT_ELEMENTS:
            self._out.append(data)  # script/style content is raw text, never escaped
        elif self._shielded():
            self._out.append(html.escape(data, quote=False))
        else:
            self._out.append(self._transform(data))

    def handle_comment(self, data: str) -> None:
        self._out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._out.append(f"<![{data}]>")

    def _shielded(self) -> bool:
        return bool(self._open) and self._open[-1][1]


def _wrap_matches(text: str, pattern: re.Pattern[str], wrap: Callable[[str], str]) -> str:
    """Escape ``text`` as HTML, replacing each match of ``pattern`` by ``wrap(match)``."""
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out += [html.escape(text[last : match.start()], quote=False), wrap(match.group())]
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _has_han_lang(attrs: list[tuple[str, str | None]]) -> bool:
    lang = (dict(attrs).get("lang") or "").strip().lower()
    return lang.startswith(_HAN_LANGUAGES)


def mark_chinese(html_fragment: str) -> str:
    """Wrap each run of Han characters in text nodes in ``<span lang="zh-Hans|zh-Hant">``.

    Attributes, code-like elements and elements already carrying a zh/ja/ko ``lang`` are
    left alone.  Runs without script evidence take the script of the whole fragment.
    """
    fragment_script = han_script(html_fragment)

    def wrap(run: str) -> str:
        if not _HAN_CHAR_RE.search(run):
            return html.escape(run, quote=False)
        script = han_script(run, default=fragment_script)
        return f'<span lang="{script}">{html.escape(run, quote=False)}</span>'

    return _TextRewriter(
        lambda text: _wrap_matches(text, _MARK_RUN_RE, wrap),
        lambda tag, attrs: tag in _CODE_ELEMENTS or _has_han_lang(attrs),
    ).rewrite(html_fragment)


def ruby_html(hanzi: str, pinyin: str) -> str:
    """``<ruby>智<rt>zhì</rt>慧<rt>huì</rt></ruby>``, one syllable per Han character.

    Non-Han characters (、, digits) get an empty ``<rt>``; when the syllables do not line
    up with the characters the whole pinyin annotates the whole word.
    """
    syllables = _ruby_syllables(pinyin)
    if not syllables or len(syllables) != _han_count(hanzi):
        return f"<ruby>{html.escape(hanzi)}<rt>{html.escape(pinyin)}</rt></ruby>"
    remaining = iter(syllables)
    parts = [
        f"{html.escape(base)}<rt>{html.escape(next(remaining)) if is_han(base) else ''}</rt>"
        for base in re.findall(f"[{_HAN}]|[^{_HAN}]+", hanzi)
    ]
    return f"<ruby>{''.join(parts)}</ruby>"


def add_ruby(html_fragment: str, terms: dict[str, str]) -> str:
    """Annotate glossary terms (hanzi → pinyin) in text nodes with :func:`ruby_html`.

    Longest terms are tried first; attributes, code-like elements and existing ``<ruby>``
    are left alone.
    """
    hanzi_terms = sorted((term for term in terms if term.strip()), key=len, reverse=True)
    if not hanzi_terms:
        return html_fragment
    pattern = re.compile("|".join(map(re.escape, hanzi_terms)))
    return _TextRewriter(
        lambda text: _wrap_matches(text, pattern, lambda term: ruby_html(term, terms[term])),
        lambda tag, attrs: tag in _CODE_ELEMENTS or tag == "ruby",
    ).rewrite(html_fragment)


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


_TERM_RUN_RE = re.compile(f"[{_HAN}]+(?:[、·][{_HAN}]+)*[0-9]*")
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
_HEADING_RE = re.compile(r"^(#{1,6})\s+")
_LINE_MARKER_RE = re.compile(r"^(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?")

_DASH_RE = re.compile(r"^\s*(?:[—–]|\s-{1,2})\s*(.+)")
_PAREN_RE = re.compile(r"^\s*\(([^()]*)\)")
_QUOTED_RE = re.compile(r"^[\"“](.+?)[\"”]")
_PHRASE_DELIMITER_RE = re.compile(r".*(?:[:;,!?|()\[\]{}+=/—–]|\.\s|\s-\s)")
_TRAILING_YEAR_RE = re.compile(r"\s*\(\s*\d{4}(?:\s*[-–]\s*\d{2,4})?\s*\)\s*$")
_YEAR_TAIL_RE = re.compile(r"^\s*(?:\(\s*\d{4}\s*\))?\s*[.,;:!?]?\s*$")


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
    heading = _HEADING_RE.match(text)
    text = _LINE_MARKER_RE.sub("", text[heading.end() :] if heading else text)
    return _Line(" ".join(text.split()), len(heading.group(1)) if heading else 0)


def _plain_letters(word: str) -> str:
    decomposed = _decompose(word.strip(_WORD_EDGE))
    return decomposed[0] if decomposed else ""


def _clean_gloss(text: str, hanzi: str) -> str:
    """English gloss without markup, quotes or a trailing (year); "" if unusable.

    A phrase that contains the term's own romanisation (“one of Xindanwei co-founder”)
    talks about the term rather than translating it, so it is rejected.
    """
    text = _TRAILING_YEAR_RE.sub("", text)
    text = re.sub(r"[\"“”*_#\[\]{}<>]", "", text).strip(" '‘’.,;:-–—")
    words = text.split()
    if not re.search(r"[A-Za-z]", text) or _HAN_CHAR_RE.search(text):
        return ""
    if len(words) > _MAX_GLOSS_WORDS:
        return ""
    generated = _parse_pinyin(to_pinyin(hanzi)) or []
    spelled = "".join(letters for word in generated for letters, _ in word)
    if spelled and any(_plain_letters(word) == spelled for word in words):
        return ""
    return " ".join(words)


def _romanisation(text: str, hanzi: str) -> list[list[Syllable]] | None:
    """The pinyin words of ``text`` if it romanises ``hanzi`` (one syllable per character)."""
    words = _parse_pinyin(text)
    if words and sum(map(len, words)) == _han_count(hanzi):
        return words
    return None


def _leading_romanisation(text: str, hanzi: str) -> str | None:
    """The first words of ``text`` that romanise ``hanzi`` (创客 chuangke: the Boom)."""
    taken: list[str] = []
    count = 0
    for word in text.split():
        syllables = _parse_word(word)
        if syllables is None:
            return None
        taken.append(word.strip(_WORD_EDGE))
        count += len(syllables)
        if count >= _han_count(hanzi):
            break
    return " ".join(taken) if count == _han_count(hanzi) else None


@dataclass
class _Context:
    """What the text around one occurrence of a term says about it."""

    matched: bool = False  # written in a recognised pattern
    written: str | None = None  # romanisation as written
    gloss: str = ""

    def learn(self, phrase: str, hanzi: str) -> None:
        """Take ``phrase`` as the term's romanisation if it is one, else as its gloss."""
        if self.written is None and _romanisation(phrase, hanzi):
            self.written = phrase.strip(_WORD_EDGE)
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
            context.written = side.strip(_WORD_EDGE)
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
    if _han_count(line.text) < 2:
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
    generated = to_pinyin(hanzi)
    words = _romanisation(written, hanzi) if written else None
    if not words:
        return FoundTerm(hanzi, generated, gloss, line, pinyin_generated=True)
    return FoundTerm(hanzi, _normalise_written(words, generated), gloss, line, False, written)


def _normalise_written(words: list[list[Syllable]], generated: str) -> str:
    """Render written pinyin with tone marks; toneless source takes generated tones where
    the generated syllable has the same spelling."""
    reference = [syllable for word in _parse_pinyin(generated) or [] for syllable in word]
    flat = [syllable for word in words for syllable in word]
    if all(tone is None for _, tone in flat) and len(reference) == len(flat):
        pairs = zip(reference, flat, strict=True)
        toned = iter([ref if ref[0] == own[0] else own for ref, own in pairs])
        words = [[next(toned) for _ in word] for word in words]
    return " ".join(_join_syllables([_render(s) for s in word]) for word in words)


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
