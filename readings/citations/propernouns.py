"""Which words of a title keep their capitals whatever a style does to its case.

BibTeX styles lower-case a title's words unless they are braced, and Zotero and CSL styles
keep a title's case only where it is marked. A word keeps its capitals when it is an acronym or
mixed-case (``AI``, ``IBM``, ``iPhone``), a name the item's authors or editors carry, a place
or people of the list below, or, in a title written in sentence case, any capitalised word
after the first (``Ambassador Xie Feng remarks``: ``Xie Feng``).
"""

from __future__ import annotations

import re

from readings.citations.base import _wordset

PLACES_AND_PEOPLES = _wordset(
    """
    Africa African America American Americas Anhui Asia Asian Australia Australian Beijing
    Brazil Britain British Canada Canadian Chengdu Chinese China Chongqing Dalian Delhi Dongguan
    Europe European Fujian Fuzhou Gansu Germany German Guangdong Guangzhou Guangxi Guizhou
    Hainan Hangzhou Harbin Hebei Heilongjiang Henan Hong Kong Hubei Hunan India Indian Indonesia
    Inner Mongolia Italy Italian Japan Japanese Jiangsu Jiangxi Jilin Korea Korean Kunming
    Lanzhou Liaoning Lhasa London Macau Macao Manchuria Mongolia Nanjing Ningbo Ningxia Paris
    Qingdao Qinghai Russia Russian Shaanxi Shandong Shanghai Shanxi Shenyang Shenzhen Sichuan
    Singapore Suzhou Taiwan Taiwanese Tianjin Tibet Tibetan Tokyo Uyghur Urumqi Vietnam Wuhan
    Xiamen Xi'an Xinjiang Xiongan Yunnan Zhejiang Zhengzhou Zhuhai Asia-Pacific Eurasia France
    French Spain Spanish Mao Deng Xi Jiang Confucius Confucian Marxist Leninist Maoist Hakka Han
    Cantonese Mandarin Yangtze Mekong Himalaya Himalayan
    """
)
_STOPWORDS = _wordset("a an and as at but by for from in into nor of on or over the to up via with")
WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’&.-](?=[^\W_]))*")


def has_inner_capital(word: str) -> bool:
    """``AI``, ``IBM``, ``iPhone``, ``McKinsey``, ``Q&A``: a capital after the first letter."""
    return any(
        any(char.isupper() for char in part[1:]) or (part[:1].islower() and part != part.lower())
        for part in word.split("-")
    )


def _stem(word: str) -> str:
    """The word without a possessive ``'s``."""
    return re.sub(r"['’]s$", "", word)


def is_sentence_case(words: list[str]) -> bool:
    """True when a content word after the first is written in lower case."""
    return any(
        word[:1].islower() and word.casefold() not in _STOPWORDS and len(word) > 2
        for word in words[1:]
    )


def protected_words(title: str, names: set[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``title`` to brace: proper nouns and acronyms, possessive
    ``'s`` left outside; adjacent ones (``Xie Feng``) come as one span."""
    matches = list(WORD.finditer(title))
    sentence_case = is_sentence_case([match[0] for match in matches])
    spans: list[tuple[int, int]] = []
    for index, match in enumerate(matches):
        stem = _stem(match[0])
        starts_sentence = index == 0 or re.search(r"[:.?!]\s*$", title[: match.start()])
        capitalised = stem[:1].isupper()
        keep = (
            has_inner_capital(stem)
            or stem in PLACES_AND_PEOPLES
            or stem in names
            or (sentence_case and capitalised and not starts_sentence)
        )
        if not keep or not stem:
            continue
        end = match.start() + len(stem)
        if spans and title[spans[-1][1] : match.start()] == " ":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((match.start(), end))
    return spans
