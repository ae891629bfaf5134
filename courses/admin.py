from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from courses.models import Course
from weeks.models import Week

# Every markdown field in the admin gets django-markdownx's live preview.
MARKDOWN_PREVIEW = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


class WeekInline(admin.TabularInline):
    model = Week
    fields = ("number", "title", "date", "is_published")
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "section", "term", "instructor_name")
    search_fields = ("title", "code", "instructor_name")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_PREVIEW
    inlines = (WeekInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "description")}),
        ("Title block", {"fields": ("institution", "code", "section", "term")}),
        ("Instructor", {"fields": ("instructor_name", "instructor_email")}),
        (
            "Sessions",
            {"fields": ("meeting_place", "meeting_time", "session_start", "session_minutes")},
        ),
        ("Slides", {"fields": ("slides_css",), "classes": ("collapse",)}),
    )
