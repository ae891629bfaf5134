"""The project's admin site: Django's, with the course dashboard at the top of its index."""

from django.contrib import admin

from core.dashboard import dashboard_for


class DashboardAdminSite(admin.AdminSite):
    index_template = "admin/dashboard_index.html"

    def index(self, request, extra_context=None):
        context = {"course_panels": dashboard_for(request.user), **(extra_context or {})}
        return super().index(request, context)
