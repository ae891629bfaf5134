from django.contrib import admin

from core.admin import MARKDOWN_PREVIEW, ExtensibleInlinesMixin
from courses.models import Course


@admin.register(Course)
class CourseAdmin(ExtensibleInlinesMixin, admin.ModelAdmin):
    list_display = ("title", "code", "section", "term", "instructor_name")
    search_fields = ("title", "code", "instructor_name")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_PREVIEW
    fieldsets = (
        (None, {"fields": ("title", "slug", "description")}),
        ("Title block", {"fields": ("institution", "code", "section", "term")}),
        ("Instructor", {"fields": ("instructor_name", "instructor_email")}),
        (
            "Sessions",
            {
                "fields": ("meeting_time", ("session_start", "session_end"), "meeting_place"),
                "description": "Defaults for new weeks, in Paris time; each week can differ.",
            },
        ),
        ("Slides", {"fields": ("slides_css",), "classes": ("collapse",)}),
    )
