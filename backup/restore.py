"""Restore an archived course in one transaction, under new primary keys."""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DatabaseError, models, transaction

from backup import archive as archive_format
from backup.archive import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    is_safe_name,
    read_archive,
    row_fields,
    verify_checksums,
)
from backup.credentials import UserReport, guard_credentials, restore_users
from backup.discover import auto_many_to_many, course_models, forward_relations
from backup.files import folder_of, is_file_entry, locate
from backup.rebuild import check_source, rebuild, without_derived
from backup.signing import check_signature
from core.pagecache import bump_version
from courses.models import Course


@dataclass
class ImportReport:
    slug: str = ""
    title: str = ""
    dry_run: bool = False
    signed: bool = False  # the archive holds a signature
    verified: bool = False  # and it was checked with the signing key
    counts: dict = field(default_factory=dict)
    users: UserReport = field(default_factory=UserReport)
    written_media: list = field(default_factory=list)
    reused_media: list = field(default_factory=list)


@dataclass
class Archive:
    manifest: dict
    records: dict  # label → list of serialized rows
    media: dict  # archive name ("media/…" or "private/…", backup.files) → bytes
    signed: bool


def open_archive(path, sign_key=None):
    """Read and check the archive: signature, checksums, format, migrations, data.

    Writes nothing. With `sign_key`, an archive not signed with it is refused.
    """
    files = read_archive(path)
    if MANIFEST not in files:
        raise BackupError("The archive has no manifest.json; it is not a course backup.")
    signed = check_signature(files, sign_key)
    manifest = read_manifest(files.pop(MANIFEST))
    verify_checksums(files, manifest["files"])
    check_migrations(manifest.get("migrations", {}))
    records = read_records(files, manifest["counts"])
    media = {name: data for name, data in files.items() if is_file_entry(name)}
    return Archive(manifest=manifest, records=records, media=media, signed=signed)


def parse_json(name, data):
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise BackupError(f"The archive's {name} is not valid JSON ({error}).") from error


def read_manifest(data):
    """The manifest, checked to be one of a course backup this site can read."""
    manifest = parse_json(MANIFEST, data)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"The archive's {MANIFEST} is not the manifest of a course backup.")
    format_version = manifest.get("format_version")
    if not isinstance(format_version, int) or isinstance(format_version, bool):
        raise BackupError(f"The manifest's format version {format_version!r} is not a number.")
    if format_version > FORMAT_VERSION:
        raise BackupError(
            f"The archive has format version {format_version!r}; this site reads versions up to "
            f"{FORMAT_VERSION}. Restore it with a newer version of the site."
        )
    for key, kind, meaning in (
        ("files", str, "file names and their SHA-256"),
        ("counts", int, "model labels and their numbers of rows"),
        ("migrations", str, "app labels and their migrations"),
    ):
        value = manifest.get(key, {} if key == "migrations" else None)
        if not isinstance(value, dict) or not all(
            isinstance(v, kind) and not isinstance(v, bool) for v in value.values()
        ):
            raise BackupError(f"The manifest's {key!r} must map {meaning}; it cannot be read.")
    return manifest


def read_records(files, counts):
    """The serialized rows of each model the manifest counts, checked against its counts."""
    records = {}
    for label, count in counts.items():
        name = f"data/{label}.json"
        if name not in files:
            raise BackupError(f"The manifest counts rows in {name}, missing from the archive.")
        rows = records[label] = parse_json(name, files[name])
        if not isinstance(rows, list) or len(rows) != count:
            raise BackupError(f"{name} does not hold the {count} rows the manifest counts.")
        if not all(isinstance(row, dict) and isinstance(row.get("fields"), dict) for row in rows):
            raise BackupError(f"{name} holds something other than serialized rows.")
    unexpected = {n for n in files if n.startswith("data/")} - {f"data/{n}.json" for n in counts}
    if unexpected:
        raise BackupError(f"The manifest does not count {sorted(unexpected)[0]}.")
    return records


def check_migrations(state):
    """Refuse data written by a schema this database has not reached yet."""
    applied = archive_format.applied_migrations()
    installed = {app_config.label for app_config in apps.get_app_configs()}
    for app_label, name in sorted(state.items()):
        if app_label not in installed:
            raise BackupError(
                f"The archive holds data of the app {app_label!r}, not installed here."
            )
        if (app_label, name) not in applied:
            raise BackupError(
                f"The archive was written at migration {app_label}.{name}, which this database "
                "has not applied: update the site and run migrate before restoring it."
            )


# What a restore can run into with a damaged or inconsistent archive, beyond a BackupError.
RESTORE_ERRORS = (
    AttributeError,
    DatabaseError,
    DeserializationError,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
    LookupError,
    RecursionError,
    TypeError,
    ValueError,
    OSError,
)


def import_course(path, *, dry_run=False, sign_key=None):
    """Restore the course archived at `path`, in one transaction; returns an ImportReport.

    With `dry_run`, everything is restored and checked, then rolled back; no media is written.
    With `sign_key`, an archive not signed with it is refused before anything else.
    """
    archive = open_archive(path, sign_key)
    report = ImportReport(dry_run=dry_run, signed=archive.signed, verified=sign_key is not None)
    written = []
    try:
        known = check_contents(archive.records, report)
        check_media(archive.media, report)
        check_unique_values(archive.records, known)
        with transaction.atomic():
            restore_users(archive.records.get(get_user_model()._meta.label_lower, []), report.users)
            rebuild(restore_rows(archive.records, known, report))
            if not dry_run:
                write_media(archive.media, report, written)
            bump_version()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException as error:
        delete_media(written)
        if isinstance(error, RESTORE_ERRORS):
            raise BackupError(f"The archive could not be restored: {error}") from error
        raise
    report.written_media = sorted(set(archive.media) - set(report.reused_media))
    return report


def check_contents(records, report):
    """Refuse rows of unknown models and a course that exists; returns the known models."""
    # Permission groups travel for the record only: a restore creates none (backup.credentials).
    shared_labels = {AuthGroup._meta.label_lower, get_user_model()._meta.label_lower}
    known = {item.label: item for item in course_models()}
    unknown = set(records) - set(known) - shared_labels
    if unknown:
        raise BackupError(f"The archive holds rows of {sorted(unknown)[0]}, unknown here.")
    courses = records.get(Course._meta.label_lower, [])
    if len(courses) != 1:
        raise BackupError("The archive must hold exactly one course.")
    report.slug, report.title = (str(courses[0]["fields"].get(f, "")) for f in ("slug", "title"))
    if Course.objects.filter(slug=report.slug).exists():
        raise BackupError(
            f"A course with the slug {report.slug!r} exists already; delete or rename it first."
        )
    return known


def write_media(media, report, written):
    """Store the archive's media not stored yet, adding each name to `written` as it goes."""
    for name in sorted(set(media) - set(report.reused_media)):
        storage, stored_name = locate(name)
        stored = storage.save(stored_name, ContentFile(media[name]))
        written.append(folder_of(storage) + stored)
        if stored != stored_name:
            raise BackupError(f"The media storage saved {name!r} as {stored!r}.")


def delete_media(names):
    for name in names:
        storage, stored_name = locate(name)
        storage.delete(stored_name)


def check_media(media, report):
    """Reuse media already stored with the same bytes; refuse to overwrite different ones."""
    for name, data in media.items():
        storage, stored_name = locate(name)
        if not is_safe_name(stored_name):
            raise BackupError(f"The archive holds a media file named {name!r}; refusing it.")
        where = f"{stored_name!r}" + (" (private)" if name.startswith("private/") else "")
        if not storage.exists(stored_name):
            continue
        with storage.open(stored_name, "rb") as stored:
            if stored.read() != data:
                raise BackupError(
                    f"The media storage already holds a different file at {where}; "
                    "nothing was restored."
                )
        report.reused_media.append(name)


def check_unique_values(records, known):
    """Refuse values that must be unique across the site and are taken (join codes, keys)."""
    taken = []
    for label, rows in records.items():
        if label not in known:
            continue
        model = known[label].model
        groups = [[f] for f in model._meta.concrete_fields if f.unique and not f.primary_key]
        groups += [
            [model._meta.get_field(name) for name in constraint.fields]
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and constraint.condition is None
        ]
        for group in groups:
            if any(f.is_relation for f in group):
                continue  # related rows get new keys, so they cannot clash
            for row in rows:
                values = {f.name: f.to_python(row["fields"].get(f.name)) for f in group}
                if model._base_manager.filter(**values).exists():
                    shown = " and ".join(
                        f"{model._meta.get_field(name).verbose_name} {value!r}"
                        for name, value in values.items()
                    )
                    taken.append(f"{model._meta.verbose_name} with {shown}")
    if taken:
        raise BackupError(
            "These must be unique across the site and exist already in this database: "
            + "; ".join(taken)
            + ". Change them there (or in the archive) first; nothing was restored."
        )


def restore_order(items):
    """Models in an order that inserts every row after the rows its required keys point to."""
    remaining, done, order = list(items), set(), []
    while remaining:
        for required_only in (False, True):
            ready = [
                item
                for item in remaining
                if all(
                    fk.related_model in done
                    or fk.related_model is item.model
                    or fk.related_model not in {i.model for i in items}
                    or (required_only and fk.null)
                    for fk in forward_relations(item.model)
                )
            ]
            if ready:
                break
        else:
            raise BackupError("The models' required foreign keys form a loop.")
        remaining.remove(ready[0])
        done.add(ready[0].model)
        order.append(ready[0])
    return order


def restore_rows(records, known, report):
    """Insert the course's rows under new primary keys, then the keys and links left over.

    Returns the new primary keys of each model's rows, {label: [pk]}.
    """
    items = [known[label] for label in known if label in records]
    report.counts = {item.label: 0 for item in items}
    here = {item.model for item in known.values()}
    new_pks = {}  # (label, archived pk) → pk in this database
    later_keys, later_links = [], []
    for item in restore_order(items):
        model = item.model
        for row in records[item.label]:
            if "pk" not in row:
                raise BackupError(f"A row of {item.label} in the archive has no primary key.")
            fields = without_derived(item.label, row_fields(model, row))
            guard_credentials(model, fields, report.users)
            pending = map_keys(item, row, fields, here, new_pks)
            links = {
                m2m: [archived_key(m2m.related_model, value) for value in fields.pop(m2m.name, [])]
                for m2m in auto_many_to_many(model)
                if m2m.related_model in here
            }
            (deserialized,) = PythonDeserializer([{"model": item.label, "fields": fields}])
            check_source(deserialized.object, row["pk"])
            deserialized.save(force_insert=True)
            obj = deserialized.object
            new_pks[archived_key(model, row["pk"])] = obj.pk
            later_keys += [(obj, fk, key) for fk, key in pending]
            later_links += [(obj, m2m, keys) for m2m, keys in links.items() if keys]
            report.counts[item.label] += 1
    for obj, fk, key in later_keys:
        if key not in new_pks:
            raise BackupError(f"{obj._meta.label_lower} refers to {key[0]} {key[1]}, missing.")
        type(obj)._base_manager.filter(pk=obj.pk).update(**{fk.attname: new_pks[key]})
    for obj, m2m, keys in later_links:
        missing = [key for key in keys if key not in new_pks]
        if missing:
            raise BackupError(f"{obj._meta.label_lower} links to {missing[0]}, not in the archive.")
        getattr(obj, m2m.name).add(*[new_pks[key] for key in keys])
    restored = {}
    for (label, _), pk in new_pks.items():
        restored.setdefault(label, []).append(pk)
    return restored


def map_keys(item, row, fields, here, new_pks):
    """Point the row's keys to course rows at their new primary keys, in `fields`.

    Returns the keys to set once the rows they point to exist, as [(foreign key, key)].
    """
    pending = []
    for fk in forward_relations(item.model):
        if fk.related_model not in here or fields.get(fk.name) is None:
            continue  # users and other shared rows are found by their natural key
        key = archived_key(fk.related_model, fields[fk.name])
        if key in new_pks:
            fields[fk.name] = new_pks[key]
        elif fk.null:  # a row restored later (a loop of keys): set once it exists
            pending.append((fk, key))
            fields[fk.name] = None
        else:
            raise BackupError(
                f"{item.label} {row['pk']} refers to {key[0]} {key[1]}, "
                "which the archive does not hold."
            )
    return pending


def archived_key(model, value):
    return (model._meta.label_lower, model._meta.pk.to_python(value))
