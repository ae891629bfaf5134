from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path

from accounts import services
from accounts.forms import AdminLoginForm, RosterImportForm
from accounts.models import Enrolment, EnrolmentKey

# The admin login spells usernames as the site's login and its throttle do (accounts.normalise).
admin.site.login_form = AdminLoginForm


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
