from django.contrib import admin

from courses.admin import MARKDOWN_PREVIEW
from weeks.models import ProgramItem, Week


class ProgramItemInline(admin.StackedInline):
    model = ProgramItem
    fields = (("position", "part", "kind"), ("title", "presenters"), "description")
    extra = 0
    formfield_overrides = MARKDOWN_PREVIEW


@admin.register(Week)
class WeekAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "course", "date", "is_published")
    list_display_links = ("number", "title")
    list_filter = ("course", "is_published")
    list_select_related = ("course",)
    search_fields = ("title", "summary", "program_items__title", "program_items__presenters")
    date_hierarchy = "date"
    formfield_overrides = MARKDOWN_PREVIEW
    inlines = (ProgramItemInline,)
    fields = ("course", ("number", "date"), "title", "is_published", "summary")
