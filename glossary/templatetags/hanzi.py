from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from glossary.chinese import has_han, mark_chinese

register = template.Library()


@register.filter
def zh(value):
    """Escape `value` for HTML and give its Chinese runs a `lang` (zh-Hans or zh-Hant)."""
    text = conditional_escape(value)
    return mark_safe(mark_chinese(text)) if has_han(text) else text  # noqa: S308 (escaped)
