"""Chinese words as a dictionary writes them in pinyin: segmentation, proper nouns, tones.

Words are cut by jieba (a frequency dictionary plus an HMM for unknown words) with its
part-of-speech tags, then regrouped the way CC-CEDICT and the ABC dictionary write them:

- compounds of four or more characters are split into their dictionary words
  (科技自立自强 → kējì zìlì zìqiáng, 中国科学院 → Zhōngguó Kēxuéyuàn);
- a two-character word and the one-character noun or suffix after it form one word
  (健康码 → jiànkāngmǎ, 中国人 → Zhōngguórén), and 新/旧 before a word stand apart
  (新一代 → xīn yīdài);
- proper nouns are capitalised, a Chinese name as surname and given name (Xí Jìnpíng).
  jieba's tags are noisy (its dictionary tags 城市 as a place and 文明 as a name), so a tag is
  trusted only where the word also looks like one: see :func:`_is_proper`.

Syllables come from pypinyin over the whole run (its phrase dictionary resolves polyphones:
银行 → yínháng), in citation tones: 一 and 不 keep yī and bù, as dictionaries write them,
where pypinyin's phrases carry the spoken tone sandhi (一代 yídài, 不要 búyào).

jieba loads its dictionary once per process, quietly, at the first word cut.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache, lru_cache

import jieba
import jieba.posseg
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.contrib.tone_convert import to_normal

jieba.setLogLevel(logging.WARNING)

# Tone sandhi in pypinyin's phrases → the citation tone dictionaries write.
_CITATION_TONES = {"一": {"yí": "yī", "yì": "yī"}, "不": {"bú": "bù"}}

# Common single-character surnames (about 85 % of the population) and compound surnames.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤习温胡"
)
_COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容"})
# Common nouns near the top of jieba's dictionary that it tags as places (ns).
_NOT_PLACES = frozenset(
    {"城市", "东西", "平原", "外国", "爱国", "英雄", "朝廷", "太阳", "哥哥", "海洋", "南北"}
    | {"长安", "天门", "自治州", "自治县", "城楼", "广场", "大桥", "山水", "乡村", "农村"}
)
_PEOPLE_LANGUAGE_RELIGION = ("族", "语", "教")  # nz words ending so are proper (汉语, 佛教)
_NOMINAL = frozenset({"n", "vn", "a", "an", "ns", "nz", "nt", "v"})
_SUFFIX_FLAGS = frozenset({"n", "ng", "k"})
_STANDALONE_MODIFIERS = frozenset("新旧")


def join_syllables(syllables: list[str]) -> str:
    """Join the syllables of one word, with an apostrophe before a/o/e (xī'ān)."""
    joined = syllables[0]
    for syllable in syllables[1:]:
        if to_normal(syllable)[:1] in ("a", "o", "e"):
            joined += "'"
        joined += syllable
    return joined


@dataclass(frozen=True)
class Word:
    """One written word: its characters, its pinyin syllables, and how it is capitalised."""

    hanzi: str
    syllables: tuple[str, ...]
    proper: bool = False
    pinyin: str = field(init=False)

    def __post_init__(self) -> None:
        written = join_syllables(list(self.syllables))
        object.__setattr__(
            self, "pinyin", written[:1].upper() + written[1:] if self.proper else written
        )


@cache
def _tokenizer() -> jieba.posseg.POSTokenizer:
    """jieba's tagger, its dictionary loaded once per process."""
    jieba.initialize()
    return jieba.posseg.dt


def is_dictionary_word(word: str) -> bool:
    # jieba's FREQ also stores every prefix of a word with frequency 0.
    _tokenizer()
    return (jieba.get_FREQ(word) or 0) > 0


def split_compound(word: str) -> list[str]:
    """Split a word of 4+ characters into dictionary words of 2+ characters, if it is one.

    中国科学院 → 中国 科学院, 自立自强 → 自立 自强; 乌鲁木齐 stays whole.
    """
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if is_dictionary_word(head) and is_dictionary_word(tail):
            return [*split_compound(head), *split_compound(tail)]
    return [word]


def _name_parts(word: str) -> list[str] | None:
    """Surname and given name of a Chinese personal name (习近平 → 习 近平), else None."""
    surname = word[:2] if word[:2] in _COMPOUND_SURNAMES else word[:1]
    given = word[len(surname) :]
    if surname[:1] not in _SURNAMES and surname not in _COMPOUND_SURNAMES:
        return None
    if not 1 <= len(given) <= 2:
        return None
    # Two-character "names" in jieba's dictionary are mostly common words (文明, 雪亮).
    if len(word) == 2 and is_dictionary_word(word):
        return None
    return [surname, given]


def _is_proper(word: str, flag: str) -> bool:
    """True if jieba's tag marks ``word`` as a place, organisation or other proper noun
    and the word is not one of the common words jieba's dictionary mis-tags."""
    if len(word) < 2:
        return False
    if flag == "ns":
        return word not in _NOT_PLACES
    if flag == "nt" or flag in ("nrt", "nrfg"):
        return True
    return flag == "nz" and word.endswith(_PEOPLE_LANGUAGE_RELIGION)


def _tagged_words(run: str) -> list[tuple[str, bool]]:
    """(word, proper) for a run of Han characters, regrouped as dictionaries write them."""
    tagged = [(pair.word, pair.flag) for pair in _tokenizer().lcut(run, HMM=True)]
    words: list[tuple[str, bool]] = []
    previous_flag = ""
    for text, flag in tagged:
        if flag.startswith("nr") and (parts := _name_parts(text)):
            words += [(part, True) for part in parts]
        elif (
            len(text) == 1
            and flag in _SUFFIX_FLAGS
            and words
            and len(words[-1][0]) >= 2
            and previous_flag in _NOMINAL
        ):
            words[-1] = (words[-1][0] + text, words[-1][1])
        else:
            proper = _is_proper(text, flag)
            words += [(part, proper) for part in _regroup(text)]
        previous_flag = flag
    return words


def _regroup(word: str) -> list[str]:
    if len(word) == 3 and word[0] in _STANDALONE_MODIFIERS and is_dictionary_word(word[1:]):
        return [word[0], word[1:]]
    return split_compound(word)


def _toned(char: str, syllable: str) -> str:
    """``syllable``, or the character's own reading if pypinyin gave it a neutral tone."""
    if to_normal(syllable) != syllable:
        return syllable
    readings = pinyin(char, style=Style.TONE, heteronym=True)[0]
    return next((reading for reading in readings if to_normal(reading) != reading), syllable)


def _citation_tone(char: str, syllable: str) -> str:
    return _CITATION_TONES.get(char, {}).get(syllable, syllable)


@lru_cache(maxsize=8192)
def han_words(run: str) -> tuple[Word, ...]:
    """The written words of a run of Han characters, with their syllables."""
    syllables = lazy_pinyin(run, style=Style.TONE, errors=lambda chars: list(chars))
    if len(syllables) != len(run):  # a character pypinyin does not know is kept as it is
        syllables = [lazy_pinyin(char, style=Style.TONE)[0] for char in run]
    syllables = [_citation_tone(char, syl) for char, syl in zip(run, syllables, strict=True)]
    words: list[Word] = []
    position = 0
    for text, proper in _tagged_words(run):
        end = position + len(text)
        own = syllables[position:end]
        if proper:  # names have no neutral tones: 宋子谦 is Sòng Zǐqiān, not Zi
            own = [_toned(char, syl) for char, syl in zip(text, own, strict=True)]
        words.append(Word(text, tuple(own), proper))
        position = end
    return tuple(words)
