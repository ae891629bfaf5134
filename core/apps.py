from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site services"

    def ready(self):
        from core.pagecache import bump_after_migrate, personal_parts
        from core.parts import account_part

        post_migrate.connect(bump_after_migrate, sender=self, dispatch_uid="pagecache-migrate")
        personal_parts.register("account", account_part)


class DashboardAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with `core.admin_site.DashboardAdminSite` as `admin.site`."""

    default = False  # "core" in INSTALLED_APPS means CoreConfig; this one is listed by its path
    default_site = "core.admin_site.DashboardAdminSite"
