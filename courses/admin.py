from django.contrib import admin

from core.admin import MARKDOWN_PREVIEW, ExtensibleInlinesMixin
from core.registry import Registry
from courses.models import CalendarFeed, Course


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
    # Actions of the apps above courses (copying: "Copy to a new term"), which courses may not
    # import: they register here, and the admin reads them as its `actions`.
    extra_actions = Registry("actions of CourseAdmin")

    @property
    def actions(self):
        return tuple(self.extra_actions)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Students make their own addresses; staff can see who has one and delete it."""

    list_display = ("user", "course", "created_at")
    list_filter = ("course",)
    list_select_related = ("user", "course")
    search_fields = ("user__username", "user__email")
    fields = ("user", "course", "created_at")
    readonly_fields = ("user", "course", "created_at")

    def has_add_permission(self, request):
        return False
