from django.contrib import admin

from announcements import services
from announcements.models import Announcement
from core.admin import MARKDOWN_PREVIEW


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "week", "published_at", "emailed_at")
    list_filter = ("course",)
    list_select_related = ("course", "week")
    search_fields = ("title", "body")
    date_hierarchy = "published_at"
    formfield_overrides = MARKDOWN_PREVIEW
    fields = ("course", "week", "title", "body", "published_at", "emailed_at")
    readonly_fields = ("emailed_at",)

    def save_model(self, request, obj, form, change):
        """Through the service, so a published announcement is e-mailed, once."""
        services.save_announcement(obj)
