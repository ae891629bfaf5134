"""The private file storage: files kept on the server's disk, outside MEDIA_ROOT, with no URL.

Nothing public serves PRIVATE_MEDIA_ROOT (not nginx's /media/, not S3, not config.media); a view
that checks who asks streams each file. The location is read from the settings at every use,
so tests and deployments can point it elsewhere.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; a view serves them.")


private_storage = PrivateStorage()
