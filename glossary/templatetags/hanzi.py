from functools import lru_cache

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from glossary.chinese import has_han, mark_chinese, to_traditional, word_ruby

register = template.Library()


@lru_cache(maxsize=4096)
def _marked(escaped, pinyin):
    """Titles and names repeat on every page: each is marked once per process."""
    return word_ruby(mark_chinese(escaped), traditional=to_traditional, pinyin=pinyin)


@register.filter
def zh(value):
    """Escape `value` for HTML; its Chinese words get a `lang`, pinyin ruby and their
    Traditional form (shown when the reader turns them on)."""
    text = conditional_escape(value)
    return mark_safe(_marked(str(text), True)) if has_han(text) else text  # noqa: S308 (escaped)


@register.filter
def zh_hant(value):
    """:func:`zh` without the pinyin, for text whose pinyin the page prints beside it."""
    text = conditional_escape(value)
    return mark_safe(_marked(str(text), False)) if has_han(text) else text  # noqa: S308 (escaped)
