import csv

from django.contrib import admin
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone

from assignments.models import Assignment, Group, Membership, Revision, Submission
from core.admin import MARKDOWN_PREVIEW

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Keep spreadsheets from running student text as a formula (CSV injection)."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "joined_at")
    readonly_fields = ("joined_at",)
    autocomplete_fields = ("user",)
    extra = 0


class RevisionInline(admin.StackedInline):
    model = Revision
    fields = (("number", "author", "created_at", "is_late"), "topic", "sources", "argument")
    readonly_fields = ("number", "author", "created_at", "is_late", "topic", "sources", "argument")
    extra = 0
    can_delete = False
    ordering = ("-number",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "week", "due_at", "late_policy", "topics_visible")
    list_filter = ("course", "late_policy")
    list_select_related = ("course", "week")
    search_fields = ("title", "instructions")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_PREVIEW
    fieldsets = (
        (None, {"fields": ("course", "week", "title", "slug", "instructions")}),
        ("Dates (Paris time)", {"fields": ("opens_at", "group_formation_deadline", "due_at")}),
        ("Rules", {"fields": (("group_min_size", "group_max_size"), "min_sources", "late_policy")}),
        ("Class view", {"fields": ("topics_visible",)}),
    )


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "assignment", "join_code", "created_at")
    list_filter = ("assignment",)
    list_select_related = ("assignment",)
    search_fields = ("name", "join_code", "members__username", "members__email")
    readonly_fields = ("join_code",)
    inlines = (MembershipInline,)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a group starts with its (empty) submission, as in start_group
            Submission.objects.create(group=obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Move a student by changing the group of their membership."""

    list_display = ("user", "group", "assignment", "joined_at")
    list_filter = ("assignment",)
    list_select_related = ("user", "group", "assignment")
    search_fields = ("user__username", "user__email", "group__name")
    autocomplete_fields = ("user", "group")


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("group", "members", "status", "updated_at", "is_late", "submitted_at")
    list_filter = ("status", "is_late", "group__assignment")
    list_select_related = ("group__assignment",)
    search_fields = ("group__name", "topic", "argument", "group__members__username")
    readonly_fields = (
        "group",
        "revision_number",
        "topic",
        "sources",
        "argument",
        "updated_at",
        "submitted_at",
        "is_late",
        "feedback_by",
        "feedback_at",
    )
    fieldsets = (
        (None, {"fields": ("group", "revision_number", "updated_at", "submitted_at", "is_late")}),
        ("Current version", {"fields": ("topic", "sources", "argument")}),
        ("Feedback", {"fields": ("status", "feedback", "feedback_by", "feedback_at")}),
    )
    inlines = (RevisionInline,)
    actions = ("export_csv",)

    def get_queryset(self, request):
        memberships = Membership.objects.select_related("user")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("group__memberships", queryset=memberships))
        )

    @admin.display(description="members")
    def members(self, submission):
        return ", ".join(m.user.get_username() for m in submission.group.memberships.all())

    def save_model(self, request, obj, form, change):
        if {"status", "feedback"} & set(form.changed_data):
            obj.feedback_by = request.user
            obj.feedback_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Export the selected submissions as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="submissions.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "assignment",
                "group",
                "members",
                "status",
                "version",
                "last edit",
                "submitted at",
                "late",
                "topic",
                "sources",
                "argument",
                "feedback",
            ]
        )
        for submission in queryset.order_by("group__assignment", "group__name"):
            row = [
                submission.group.assignment,
                submission.group,
                self.members(submission),
                submission.get_status_display(),
                submission.revision_number,
                submission.updated_at,
                submission.submitted_at,
                submission.is_late,
                submission.topic,
                "\n".join(submission.sources),
                submission.argument,
                submission.feedback,
            ]
            writer.writerow([spreadsheet_safe("" if cell is None else cell) for cell in row])
        return response
