from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from accounts import services
from accounts.forms import AdminLoginForm, RosterImportForm
from accounts.models import Enrolment, EnrolmentKey, Invitation, PermissionGroup

# The admin login spells usernames as the site's login and its throttle do (accounts.normalise).
admin.site.login_form = AdminLoginForm
# Django's groups of permissions are listed as "Permission groups", under accounts, so that they
# and the student groups of assignments are not both called "Groups".
admin.site.unregister(Group)


@admin.register(PermissionGroup)
class PermissionGroupAdmin(GroupAdmin):
    """auth's GroupAdmin, answering to the auth.*_group permissions staff already hold."""

    def holds(self, request, action):
        return request.user.has_perm(f"auth.{action}_group")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.holds(request, "view") or self.holds(request, "change")

    def has_add_permission(self, request):
        return self.holds(request, "add")

    def has_change_permission(self, request, obj=None):
        return self.holds(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self.holds(request, "delete")


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "course", "role", "created_at")
    list_filter = ("course", "role")
    list_select_related = ("user", "course")
    search_fields = ("user__username", "user__email", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)
    actions = ("send_invitation",)
    change_list_template = "accounts/admin/enrolment_change_list.html"

    @admin.display(description="e-mail", ordering="user__email")
    def user_email(self, enrolment):
        return enrolment.user.email

    @admin.action(description="E-mail a new invitation link to set a password")
    def send_invitation(self, request, queryset):
        for enrolment in queryset:
            services.invite(
                user=enrolment.user,
                course=enrolment.course,
                absolute_url=request.build_absolute_uri,
            )
        self.message_user(
            request, f"{queryset.count()} invitation(s) queued for sending.", messages.SUCCESS
        )

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_roster_view)
        return [
            path("import/", import_view, name="accounts_enrolment_import"),
            *super().get_urls(),
        ]

    def import_roster_view(self, request):
        """Upload a CSV roster; the page reports each row's outcome and each bad row's reason."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RosterImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = services.import_roster(
                course=form.cleaned_data["course"],
                text=form.cleaned_data["roster"],
                absolute_url=request.build_absolute_uri,
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import a roster",
            "form": form,
            "report": report,
        }
        return render(request, "accounts/admin/import_roster.html", context)


@admin.register(EnrolmentKey)
class EnrolmentKeyAdmin(admin.ModelAdmin):
    list_display = ("course", "key", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("course",)


class InvitationStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return (
            ("pending", "Waiting to be accepted"),
            ("accepted", "Accepted"),
            ("expired", "Expired"),
        )

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "pending":
                return queryset.pending(now)
            case "accepted":
                return queryset.filter(used_at__isnull=False)
            case "expired":
                return queryset.filter(used_at__isnull=True, expires_at__lte=now)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """The invitations sent, read-only (only a token's hash is stored); resend from here."""

    list_display = ("user", "course", "state", "created_at", "expires_at", "used_at")
    list_filter = (InvitationStateFilter, "course")
    list_select_related = ("user", "course")
    search_fields = ("user__username", "user__email", "user__first_name", "user__last_name")
    actions = ("send_new_invitation",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description="E-mail the selected people a new invitation link", permissions=("resend",)
    )
    def send_new_invitation(self, request, queryset):
        """One new link per person and course; accepted invitations need none."""
        waiting = queryset.filter(used_at__isnull=True).select_related("user", "course")
        people = {(i.user_id, i.course_id): i for i in waiting}.values()
        for invitation in people:
            services.invite(
                user=invitation.user,
                course=invitation.course,
                absolute_url=request.build_absolute_uri,
            )
        self.message_user(
            request, f"{len(people)} invitation(s) queued for sending.", messages.SUCCESS
        )

    def has_resend_permission(self, request):
        return request.user.has_perm("accounts.add_invitation")
