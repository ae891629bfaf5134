"""What every app's admin shares: the Markdown preview widget and inlines added from above."""

from django.db import models
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from core.forms import MarkdownField, MultilineField
from core.registry import Registry

# Every markdown field in the admin gets django-markdownx's live preview, and every text box
# stores LF line endings (browsers send CRLF).
MARKDOWN_PREVIEW = {
    MarkdownxField: {"widget": AdminMarkdownxWidget, "form_class": MarkdownField},
    models.TextField: {"form_class": MultilineField},
}


class ExtensibleInlinesMixin:
    """A ModelAdmin whose change page also shows inlines registered by apps above its own.

    The week's readings are edited on the week page, the course's weeks on the course page,
    but `weeks` may not import `readings`, nor `courses` import `weeks`: the upper app calls
    ``SomeAdmin.extra_inlines.register(key, InlineClass)`` instead.
    """

    extra_inlines: Registry

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.extra_inlines = Registry(f"inlines of {cls.__name__}")

    def get_inlines(self, request, obj):
        return (*super().get_inlines(request, obj), *self.extra_inlines)
