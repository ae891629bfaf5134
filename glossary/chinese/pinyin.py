"""Pinyin: generating it from hanzi, parsing written pinyin, and sorting by it.

Generated pinyin is written as a dictionary writes it (:mod:`.words`): one written word per
space, syllables of a word joined, proper nouns capitalised, citation tones
(新一代人工智能 → xīn yīdài réngōng zhìnéng, 中国科学院 → Zhōngguó Kēxuéyuàn).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pypinyin.contrib.tone_convert import to_normal, to_tone
from pypinyin.pinyin_dict import pinyin_dict

from glossary.chinese.han import CJK_PUNCT, HAN
from glossary.chinese.words import han_words, join_syllables

__all__ = ["join_syllables", "to_pinyin"]

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
_PINYIN_PIECE_RE = re.compile(f"(?P<han>[{HAN}]+)|(?P<punct>[{CJK_PUNCT}])|[^{HAN}{CJK_PUNCT}]+")


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
            pieces += [word.pinyin for word in han_words(match["han"])]
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
WORD_EDGE = "\"'“”‘’()[]{}.,;:!?*_"

# A syllable: toneless spelling with "v" for ü, and the tone (1–4, 0 neutral, None unknown).
Syllable = tuple[str, int | None]


@cache
def _syllable_table() -> frozenset[str]:
    """Every toneless Mandarin syllable pypinyin knows ("zhong", "lv"), bar m/n/ng/hm/ê."""
    readings = {reading for value in pinyin_dict.values() for reading in value.split(",")}
    return frozenset(
        syllable
        for syllable in map(to_normal, readings)  # some 1,500 distinct of 50,000 readings
        if syllable.isascii() and any(vowel in syllable for vowel in "aeiouv")
    )


def decompose(chunk: str) -> tuple[str, list[int | None]] | None:
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


def parse_word(word: str) -> list[Syllable] | None:
    """Syllables of one written pinyin word (zhìhuì, zhi4hui4, xi'an, Hangzhou), else None."""
    word = word.strip(WORD_EDGE)
    if not word or len(word) > _MAX_PINYIN_WORD:
        return None
    syllables: list[Syllable] = []
    for chunk in re.split(r"['’-]", unicodedata.normalize("NFC", word)):
        decomposed = decompose(chunk) if chunk else ("", [])
        cuts = _split_letters(decomposed[0]) if decomposed else None
        if cuts is None:
            return None
        letters, marks = decomposed
        for start, end, digit in cuts:
            mark = next((tone for tone in marks[start:end] if tone), None)
            syllables.append((letters[start:end], digit if digit is not None else mark))
    return syllables or None


def parse_pinyin(text: str) -> list[list[Syllable]] | None:
    """Words of syllables if every word of ``text`` is pinyin, else None."""
    words = [parse_word(word) for word in text.split()]
    if not words or None in words:
        return None
    return words


def render_syllable(syllable: Syllable) -> str:
    letters, tone = syllable
    return to_tone(f"{letters}{tone or ''}").replace("v", "ü")


def pinyin_sort_key(hanzi: str, pinyin: str = "") -> tuple:
    """Sort key: toneless syllables (ü after u), then tone numbers (neutral last), then hanzi."""
    letters: list[str] = []
    tones: list[int] = []
    for word in (pinyin or to_pinyin(hanzi)).split():
        syllables = parse_word(word) or [(word.lower(), 0)]
        letters += [spelling for spelling, _ in syllables]
        tones += [tone or 5 for _, tone in syllables]
    return tuple(letters), tuple(tones), hanzi
