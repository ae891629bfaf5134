from django.db import models


class PageCacheVersion(models.Model):
    """The site's content version, shared by every process when there is no Redis (one row).

    core.pagecache bumps it after every committed content change; each server process reads it at
    most once a second and serves cached public pages only under the version it read.
    """

    version = models.BigIntegerField()

    def __str__(self):
        return str(self.version)


class Counter(models.Model):
    """A number that expires, for the counters every process shares without Redis (core.counters).

    Login and enrolment attempts are counted here, so several worker processes count together.
    """

    key = models.CharField(max_length=250, primary_key=True)
    value = models.FloatField()
    expires = models.FloatField(db_index=True, help_text="Seconds since the epoch.")

    def __str__(self):
        return f"{self.key} = {self.value:g}"
