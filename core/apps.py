from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site services"

    def ready(self):
        from core.pagecache import bump_after_migrate

        post_migrate.connect(bump_after_migrate, sender=self, dispatch_uid="pagecache-migrate")
