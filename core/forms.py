"""Form fields every app shares: text arrives from browsers with CRLF line endings."""

from django import forms
from markdownx.fields import MarkdownxFormField

from core.text import normalise_newlines


class NewlinesMixin:
    """Store LF line endings whatever the browser or the operating system sent."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_newlines(value) if isinstance(value, str) else value


class MultilineField(NewlinesMixin, forms.CharField):
    pass


class MarkdownField(NewlinesMixin, MarkdownxFormField):
    pass
