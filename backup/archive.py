"""The archive format: its files, its manifest and their checksums, and the migration state."""

import hashlib
import io
import json
import posixpath
import tarfile
import uuid
import zipfile
import zlib
from pathlib import Path

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "course-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """The course cannot be exported, or the archive cannot be restored; nothing was written."""


def migration_state(app_labels):
    """The latest migration applied to each of `app_labels` (by name: they are numbered)."""
    state = {}
    for app_label, name in applied_migrations():
        if app_label in app_labels:
            state[app_label] = max(state.get(app_label, ""), name)
    return dict(sorted(state.items()))


def applied_migrations():
    """{(app label, migration name)} recorded in this database."""
    recorder = MigrationRecorder(connection)
    return set(recorder.applied_migrations()) if recorder.has_table() else set()


def to_json(value):
    return json.dumps(value, indent=2, ensure_ascii=False).encode()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def archive_kind(path):
    name = Path(path).name.lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".tar.gz", ".tgz")):
        return "tar"
    raise BackupError(f"Name the archive .zip or .tar.gz, not {Path(path).name!r}.")


def write_archive(path, files):
    """Write `files` ({name: bytes}) to `path` whole or not at all."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        if archive_kind(path) == "zip":
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
        else:
            with tarfile.open(partial, "w:gz") as archive:
                now = int(timezone.now().timestamp())
                for name, data in files.items():
                    info = tarfile.TarInfo(name)
                    info.size, info.mtime, info.mode = len(data), now, 0o644
                    archive.addfile(info, io.BytesIO(data))
        if path.exists():
            raise BackupError(f"{path} already exists; choose another --output.")
        partial.rename(path)
    except OSError as error:
        raise BackupError(f"Cannot write {path}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)


def read_archive(path):
    """Every file of the archive at `path` as {name: bytes}; refuses anything unexpected."""
    path = Path(path)
    files = {}
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        add_member(files, info.filename, lambda info=info: archive.read(info))
        else:
            with tarfile.open(path, "r:*") as archive:
                for member in archive.getmembers():
                    if member.isdir():
                        continue
                    if not member.isfile():
                        raise BackupError(f"The archive holds {member.name!r}, not a plain file.")
                    add_member(files, member.name, archive.extractfile(member).read)
    except BackupError:
        raise
    except (
        OSError,
        EOFError,
        RuntimeError,  # an encrypted zip, or a compression method zipfile lacks
        zlib.error,
        zipfile.BadZipFile,
        tarfile.TarError,
    ) as error:
        raise BackupError(f"Cannot read {path} as a .zip or .tar.gz archive: {error}") from error
    return files


def add_member(files, name, read):
    if not is_safe_name(name):
        raise BackupError(f"The archive holds a file named {name!r}; refusing it.")
    if name in files:
        raise BackupError(f"The archive holds {name!r} twice.")
    files[name] = read()


def is_safe_name(name):
    """A relative path without `..`, empty parts or backslashes, written as it would be stored."""
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not name.startswith("/")
        and posixpath.normpath(name) == name
        and ".." not in name.split("/")
    )


def verify_checksums(files, listed):
    for name in files:
        if name not in listed:
            raise BackupError(f"{name} is in the archive but not in its manifest; refusing it.")
    for name, digest in listed.items():
        if name not in files:
            raise BackupError(f"{name} is listed in the manifest but missing from the archive.")
        if sha256(files[name]) != digest:
            raise BackupError(
                f"{name} does not match its SHA-256 in the manifest: the archive is damaged or "
                "was changed. Nothing was restored."
            )


def row_fields(model, row):
    """The fields of a serialized `row` of `model`, refused if they name its primary key.

    Django writes a row's key beside its fields; one among them would make the restore write
    over the row of this database that has that key.
    """
    fields = dict(row["fields"])
    if {model._meta.pk.name, model._meta.pk.attname} & set(fields):
        raise BackupError(
            f"A row of {model._meta.label_lower} names its primary key among its fields; "
            "refusing the archive. Nothing was restored."
        )
    return fields
