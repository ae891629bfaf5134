from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from assignments import diffs, notifications, services
from assignments.exports import GRADE_HEADER, csv_response, grade_rows
from assignments.models import Assignment, Group, Membership, RubricCriterion, Submission
from assignments.validators import format_points
from core.admin import MARKDOWN_PREVIEW


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "joined_at")
    readonly_fields = ("joined_at",)
    autocomplete_fields = ("user",)
    extra = 0


class RubricFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """A rubric, if any, shares out the 20 points of the grade."""
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        total = sum(data.get("points") or 0 for data in kept)
        if kept and total != 20:
            raise forms.ValidationError(
                f"The rubric's points add up to {format_points(total)}; make them add up to 20, "
                "the scale of the grade."
            )


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    formset = RubricFormSet
    fields = ("position", "title", "description", "points")
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "week", "due_at", "late_policy", "topics_visible")
    list_filter = ("course", "late_policy")
    list_select_related = ("course", "week")
    search_fields = ("title", "instructions")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_PREVIEW
    fieldsets = (
        (None, {"fields": ("course", "week", "title", "slug", "kind", "instructions")}),
        ("Dates (Paris time)", {"fields": ("opens_at", "group_formation_deadline", "due_at")}),
        ("Rules", {"fields": (("group_min_size", "group_max_size"), "min_sources", "late_policy")}),
        ("Class view", {"fields": ("topics_visible",)}),
        ("Grades", {"fields": ("grades_released",)}),
    )
    inlines = (RubricCriterionInline,)
    actions = ("release_grades", "withhold_grades", "export_grades")

    @admin.action(description="Release the grades of the selected assignments to their groups")
    def release_grades(self, request, queryset):
        for assignment in queryset:  # save() per row, so the page cache hears of each
            assignment.grades_released = True
            assignment.save(update_fields=["grades_released"])
        self.message_user(request, "Grades released: each group now sees its own grade.")

    @admin.action(description="Withhold the grades of the selected assignments")
    def withhold_grades(self, request, queryset):
        for assignment in queryset:
            assignment.grades_released = False
            assignment.save(update_fields=["grades_released"])
        self.message_user(request, "Grades withheld: students no longer see them.", messages.INFO)

    @admin.action(description="Export the grades (student, group, grade) as CSV")
    def export_grades(self, request, queryset):
        return csv_response("grades.csv", GRADE_HEADER, grade_rows(queryset), bom=True)


class LateGroupFilter(admin.SimpleListFilter):
    title = "late"
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return (("yes", "Past due, nothing submitted"),)

    def queryset(self, request, queryset):
        return queryset.late(timezone.now()) if self.value() == "yes" else queryset


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "assignment", "join_code", "created_at")
    list_filter = (LateGroupFilter, "assignment__course", "assignment")
    list_select_related = ("assignment",)
    search_fields = ("name", "join_code", "members__username", "members__email")
    readonly_fields = ("join_code",)
    inlines = (MembershipInline,)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a group starts with its (empty) submission, as in start_group
            Submission.objects.create(group=obj)

    def save_formset(self, request, form, formset, change):
        """Members added or taken out here are announced to the group, as on the site."""
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            for membership in formset.new_objects:
                notifications.notify_membership_changed(form.instance, membership.user, joined=True)
            for membership in formset.deleted_objects:
                notifications.notify_membership_changed(
                    form.instance, membership.user, joined=False
                )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Move a student by changing the group of their membership."""

    list_display = ("user", "group", "assignment", "joined_at")
    list_filter = ("assignment",)
    list_select_related = ("user", "group", "assignment")
    search_fields = ("user__username", "user__email", "group__name")
    autocomplete_fields = ("user", "group")

    def save_model(self, request, obj, form, change):
        """Moving a student tells both groups; adding one tells hers."""
        moved_from = form.initial.get("group") if change and "group" in form.changed_data else None
        super().save_model(request, obj, form, change)
        if moved_from is not None:
            old = Group.objects.select_related("assignment__course").get(pk=moved_from)
            notifications.notify_membership_changed(old, obj.user, joined=False)
        if moved_from is not None or not change:
            notifications.notify_membership_changed(obj.group, obj.user, joined=True)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        notifications.notify_membership_changed(obj.group, obj.user, joined=False)

    def delete_queryset(self, request, queryset):
        memberships = list(queryset.select_related("group__assignment__course", "user"))
        super().delete_queryset(request, queryset)
        for membership in memberships:
            notifications.notify_membership_changed(membership.group, membership.user, joined=False)


class SubmissionAdminForm(forms.ModelForm):
    """The staff answer, with the feedback version it started from: a second answer saved on
    a stale page is refused, its text kept in the form and the other answer shown."""

    feedback_base = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = Submission
        fields = ("status", "feedback", "grade")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.initial.setdefault("feedback_base", self.instance.feedback_number)

    def clean(self):
        cleaned_data = super().clean()
        base = cleaned_data.get("feedback_base")
        if self.instance.pk is None or base is None:
            return cleaned_data
        try:
            services.lock_for_feedback(self.instance, base)
        except services.FeedbackConflict as conflict:
            self.conflict = conflict.current
            self.data = self.data.copy()  # typed text stays; saving again is now deliberate
            self.data["feedback_base"] = conflict.current.feedback_number
            raise forms.ValidationError(conflict_message(conflict.current)) from conflict
        return cleaned_data


def conflict_message(current):
    """Why a stale answer was refused, with the answer that was saved meanwhile."""
    by = current.feedback_by
    who = (by.get_full_name() or by.get_username()) if by else "Someone"
    when = current.feedback_at and date_format(
        timezone.localtime(current.feedback_at), "j F Y, H:i"
    )
    return (
        f"{who} saved an answer{f' on {when}' if when else ''} while you were writing, "
        "so yours was not saved. "
        f"Theirs: status “{current.get_status_display()}”, feedback “{current.feedback}”"
        f"{f', grade {format_points(current.grade)}/20' if current.grade is not None else ''}. "
        "Your answer is kept below: save again to replace theirs, or reload to start from it."
    )


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("group", "members", "status", "grade", "updated_at", "is_late", "submitted_at")
    list_filter = ("status", "is_late", "group__assignment__course", "group__assignment")
    list_select_related = ("group__assignment",)
    search_fields = ("group__name", "topic", "argument", "group__members__username")
    readonly_fields = (
        "group",
        "members",
        "revision_number",
        "topic",
        "source_list",
        "argument",
        "hand_in",
        "updated_at",
        "submitted_at",
        "is_late",
        "feedback_by",
        "feedback_at",
        "rubric",
        "history",
    )
    form = SubmissionAdminForm
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "group",
                    "members",
                    "revision_number",
                    "updated_at",
                    "submitted_at",
                    "is_late",
                )
            },
        ),
        ("Current version", {"fields": ("topic", "source_list", "argument", "hand_in")}),
        (
            "Feedback and grade",
            {
                "fields": (
                    "status",
                    "feedback",
                    "rubric",
                    "grade",
                    "feedback_by",
                    "feedback_at",
                    "feedback_base",
                )
            },
        ),
        ("History of every version", {"fields": ("history",)}),
    )
    actions = ("export_csv",)

    class Media:
        css = {"all": ("css/assignments-admin.css",)}

    def get_queryset(self, request):
        memberships = Membership.objects.select_related("user")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("group__memberships", queryset=memberships))
        )

    @admin.display(description="members")
    def members(self, submission):
        return ", ".join(
            m.user.get_full_name() or m.user.get_username()
            for m in submission.group.memberships.all()
        )

    @admin.display(description="sources")
    def source_list(self, submission):
        if not submission.sources:
            return "None"
        items = format_html_join("", "<li>{}</li>", ((source,) for source in submission.sources))
        return format_html('<ol class="sources">{}</ol>', items)

    @admin.display(description="PDF")
    def hand_in(self, submission):
        if not submission.file:
            return "None"
        assignment = submission.group.assignment
        url = reverse(
            "assignments:file", args=[assignment.course.slug, assignment.slug, submission.group_id]
        )
        return format_html('<a href="{}">{}</a>', url, submission.file_name or "Download")

    @admin.display(description="rubric")
    def rubric(self, submission):
        criteria = submission.group.assignment.criteria.all()
        if not criteria:
            return "No rubric: grade on 20."
        rows = ((c.title, format_points(c.points), c.description) for c in criteria)
        return format_html(
            '<ul class="rubric">{}</ul>',
            format_html_join("", "<li><strong>{}</strong> ({} points) {}</li>", rows),
        )

    @admin.display(description="what changed, version by version")
    def history(self, submission):
        """The word-level changes the students see on their history page."""
        revisions = submission.revisions.select_related("author")
        return render_to_string(
            "assignments/includes/admin_history.html", {"entries": diffs.history(revisions)}
        )

    def changeform_view(self, request, *args, **kwargs):
        """A stale answer is refused with 409, as a stale save of the students' work is."""
        response = super().changeform_view(request, *args, **kwargs)
        adminform = getattr(response, "context_data", {}).get("adminform")
        if adminform is not None and getattr(adminform.form, "conflict", None):
            response.status_code = 409
        return response

    def save_model(self, request, obj, form, change):
        """Inside the admin's transaction, after the form's clean() locked the row."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        services.record_feedback(
            obj,
            by=request.user,
            base_number=form.cleaned_data["feedback_base"],
            changed=bool({"status", "feedback", "grade"} & set(form.changed_data)),
        )

    @admin.action(description="Export the selected submissions as CSV")
    def export_csv(self, request, queryset):
        header = ["assignment", "group", "members", "status", "version", "last edit"]
        header += ["submitted at", "late", "topic", "sources", "argument", "feedback", "grade"]
        rows = (
            [
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
                "" if submission.grade is None else format_points(submission.grade),
            ]
            for submission in queryset.order_by("group__assignment", "group__name")
        )
        return csv_response("submissions.csv", header, rows)
