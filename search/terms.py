"""Search terms from text in English, Chinese characters or pinyin. Pure Python.

The index and the query go through the same functions, so a database only matches whole terms:
the same answers on PostgreSQL's full-text search and SQLite's FTS5.

* English words are lower-cased, accents removed and stemmed with Snowball (planning, planned,
  plans → plan).
* Chinese runs give every word of up to four characters inside them (智慧城市 → 智, 智慧, 智慧城,
  智慧城市, 慧, … 城市, 市), so 城市 finds 智慧城市 however jieba would cut it, plus the longer
  words jieba's search mode finds; a query is cut into jieba's words.
* Each Chinese word adds its toneless pinyin joined (chuangke) and its syllables (chuang, ke), so
  chuangke, chuàngkè and "chuang ke" all find 创客.

Chinese terms are written as ``h`` and the hex code points (创客 → h521b5ba2): both engines then
see plain ASCII words, whatever the database's locale makes of Han characters.
"""

import functools
import re
import unicodedata

import jieba
import snowballstemmer
from pypinyin import Style, lazy_pinyin

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{HAN}]+|[^\W_]+", re.UNICODE)
_HAN_RUN = re.compile(rf"[{HAN}]+")
NGRAM = 4  # every run of up to 4 characters inside a Chinese run is a term
MAX_TERMS = 50_000  # per indexed text; a slide is capped far below this by the deck limits


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@functools.cache
def _quiet_jieba():
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def fold(word: str) -> str:
    """`word` lower-cased without accents or tone marks (chuàngkè → chuangke, Zürich → zurich)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def han_term(word: str) -> str:
    return "h" + "".join(f"{ord(c):x}" for c in word)


@functools.lru_cache(maxsize=65_536)
def latin_term(word: str) -> str:
    """An English or pinyin word as a term: folded and stemmed (pinyin too, so that a query
    needs no guess at which language a Latin word is in)."""
    return _stemmer().stemWord(fold(word))


def pinyin_of(word: str) -> str:
    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


def _chinese_terms(run: str) -> list[str]:
    """Every word of up to NGRAM characters inside the run (so any part of it is found, however
    jieba cuts it), and the longer words jieba finds."""
    syllables = lazy_pinyin(run, style=Style.NORMAL, errors="default")  # one per character
    if len(syllables) != len(run):
        syllables = [pinyin_of(character) for character in run]
    terms = [latin_term(syllable) for syllable in syllables]
    for n in range(1, NGRAM + 1):
        for i in range(len(run) - n + 1):
            terms.append(han_term(run[i : i + n]))
            if n > 1:
                terms.append(latin_term("".join(syllables[i : i + n])))
    terms += [han_term(w) for w in _quiet_jieba().cut_for_search(run) if len(w) > NGRAM]
    return terms


def index_terms(text: str) -> list[str]:
    """The terms `text` can be found by, in order, with repeats removed."""
    terms = []
    for match in _RUNS.finditer(unicodedata.normalize("NFKC", text)):
        run = match.group()
        if _HAN_RUN.fullmatch(run):
            terms += _chinese_terms(run)
        else:
            terms.append(latin_term(run))
        if len(terms) > MAX_TERMS:
            break
    return list(dict.fromkeys(t for t in terms if t))


def query_terms(query: str) -> list[str]:
    """The terms a query needs, all of them: each word of a Chinese run as jieba segments it,
    each English or pinyin word folded and stemmed."""
    terms = []
    for match in _RUNS.finditer(unicodedata.normalize("NFKC", query)):
        run = match.group()
        if _HAN_RUN.fullmatch(run):
            terms += [han_term(part) for part in _query_parts(run)]
        else:
            terms.append(latin_term(run))
    return list(dict.fromkeys(t for t in terms if t))[:12]


def _query_parts(run):
    """A Chinese query run as words the index holds: itself when short, else jieba's words,
    the longer ones in pieces of NGRAM characters."""
    if len(run) <= NGRAM:
        return [run]
    parts = []
    for word in _quiet_jieba().lcut(run, HMM=False):
        parts += (
            [word]
            if len(word) <= NGRAM
            else [word[i : i + NGRAM] for i in range(0, len(word), NGRAM)]
        )
    return parts


def matching_spans(text: str, query: list[str]):
    """Where in `text` the words a query matched are, as (start, end) offsets, in order."""
    wanted = set(query)
    for match in _RUNS.finditer(text):
        run = match.group()
        if _HAN_RUN.fullmatch(run):
            yield from _han_spans(run, match.start(), wanted)
        elif latin_term(run) in wanted:
            yield match.span()


def _han_spans(run, offset, wanted, longest=8):
    """The longest words (up to `longest` characters) of a Chinese run that a query names."""
    syllables = lazy_pinyin(run, style=Style.NORMAL, errors="default")
    if len(syllables) != len(run):
        syllables = [pinyin_of(character) for character in run]
    start = 0
    while start < len(run):
        for end in range(min(len(run), start + longest), start, -1):
            word = run[start:end]
            if han_term(word) in wanted or latin_term("".join(syllables[start:end])) in wanted:
                yield offset + start, offset + end
                start = end
                break
        else:
            start += 1
