"""The file storages a backup carries, each under its own folder of the archive.

``media/`` holds the public uploads (the default storage: slide images, pictures in texts);
``private/`` the files kept out of public reach (core.storage.private_storage: the groups' PDF
hand-ins), which a restore writes back to the private storage, never under MEDIA_ROOT.
"""

from django.core.files.storage import default_storage

from core.storage import private_storage

PUBLIC, PRIVATE = "media/", "private/"


def folder_of(storage):
    return PRIVATE if storage is private_storage else PUBLIC


def is_file_entry(archive_name):
    return archive_name.startswith((PUBLIC, PRIVATE))


def locate(archive_name):
    """(storage, name in it) of an archive entry under media/ or private/."""
    if archive_name.startswith(PRIVATE):
        return private_storage, archive_name.removeprefix(PRIVATE)
    return default_storage, archive_name.removeprefix(PUBLIC)
