"""Chinese-text helpers for the course glossary and the slide reader.

Pure Python (no Django), in four parts: :mod:`.han` (script detection), :mod:`.pinyin`
(generation, parsing and sort keys), :mod:`.markup` (``lang`` marking, ruby annotation,
dictionary links) and :mod:`.terms` (glossed terms found in slide markdown).
"""

from glossary.chinese.han import han_script, has_han, is_han
from glossary.chinese.markup import add_ruby, dictionary_links, mark_chinese, ruby_html
from glossary.chinese.pinyin import pinyin_sort_key, to_pinyin
from glossary.chinese.terms import FoundTerm, extract_terms

__all__ = [
    "FoundTerm",
    "add_ruby",
    "dictionary_links",
    "extract_terms",
    "han_script",
    "has_han",
    "is_han",
    "mark_chinese",
    "pinyin_sort_key",
    "ruby_html",
    "to_pinyin",
]
