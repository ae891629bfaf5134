from django.db import models


class PageCacheVersion(models.Model):
    """The site's content version, shared by every process when there is no Redis (one row).

    core.pagecache bumps it after every committed content change; each server process reads it at
    most once a second and serves cached public pages only under the version it read.
    """

    version = models.BigIntegerField()

    def __str__(self):
        return str(self.version)
