"""Chinese-text helpers for the course glossary and the slide reader.

Pure Python (no Django), in four parts: :mod:`.han` (script detection), :mod:`.pinyin`
(generation, parsing and sort keys), :mod:`.words` (words as dictionaries write them),
:mod:`.markup` (``lang`` marking, dictionary links), :mod:`.ruby` (pinyin over every word,
the Traditional form beside it) and :mod:`.terms` (glossed terms found in slide markdown).
"""

from glossary.chinese.han import han_script, has_han, is_han, to_traditional
from glossary.chinese.markup import dictionary_links, mark_chinese
from glossary.chinese.pinyin import pinyin_sort_key, to_pinyin
from glossary.chinese.ruby import GlossTerm, load_dictionaries, word_ruby
from glossary.chinese.terms import FoundTerm, extract_terms

__all__ = [
    "FoundTerm",
    "GlossTerm",
    "dictionary_links",
    "extract_terms",
    "han_script",
    "has_han",
    "is_han",
    "load_dictionaries",
    "mark_chinese",
    "pinyin_sort_key",
    "to_pinyin",
    "to_traditional",
    "word_ruby",
]
