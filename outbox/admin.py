from django.contrib import admin, messages

from outbox.models import Message
from outbox.services import retry_now


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the code that sends mail, not by hand."""

    list_display = ("subject", "recipients", "state", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("state",)
    search_fields = ("subject", "to", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ("retry_selected",)

    @admin.display(description="to")
    def recipients(self, message):
        return ", ".join(message.to)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry now", permissions=["view"])
    def retry_selected(self, request, queryset):
        count = retry_now(queryset)
        self.message_user(request, f"{count} message(s) queued for delivery now.", messages.SUCCESS)
