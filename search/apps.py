from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import fulltext, receivers

        receivers.connect()
        post_migrate.connect(
            lambda using, **kwargs: fulltext.ensure_index(connections[using]),
            sender=self,
            dispatch_uid="search-fulltext-index",
            weak=False,
        )
