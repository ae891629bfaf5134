"""Restore an archived course in one transaction, under new primary keys."""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
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
    verify_checksums,
)
from backup.discover import auto_many_to_many, course_models, forward_relations
from core.pagecache import bump_version
from courses.models import Course


@dataclass
class ImportReport:
    slug: str
    title: str
    dry_run: bool
    counts: dict = field(default_factory=dict)
    created_users: list = field(default_factory=list)
    created_staff: list = field(default_factory=list)  # of created_users, those with staff rights
    reused_users: list = field(default_factory=list)
    created_auth_groups: list = field(default_factory=list)
    reused_auth_groups: list = field(default_factory=list)
    written_media: list = field(default_factory=list)
    reused_media: list = field(default_factory=list)


@dataclass
class Archive:
    manifest: dict
    records: dict  # label → list of serialized rows
    media: dict  # storage name → bytes


def open_archive(path):
    """Read and check the archive: checksums, format, migrations, data. Writes nothing."""
    files = read_archive(path)
    if MANIFEST not in files:
        raise BackupError("The archive has no manifest.json; it is not a course backup.")
    try:
        manifest = json.loads(files.pop(MANIFEST))
        listed = manifest["files"]
        counts = manifest["counts"]
        format_version = manifest["format_version"]
        if manifest["format"] != FORMAT or not isinstance(listed, dict):
            raise ValueError("not a course backup")
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"The manifest cannot be read ({error}).") from error
    if not isinstance(format_version, int) or format_version > FORMAT_VERSION:
        raise BackupError(
            f"The archive has format version {format_version!r}; this site reads versions up to "
            f"{FORMAT_VERSION}. Restore it with a newer version of the site."
        )
    verify_checksums(files, listed)
    check_migrations(manifest.get("migrations", {}))
    records = {}
    for label, count in counts.items():
        name = f"data/{label}.json"
        try:
            rows = records[label] = json.loads(files[name])
        except (KeyError, ValueError) as error:
            raise BackupError(f"The archive's {name} is missing or unreadable.") from error
        if not isinstance(rows, list) or len(rows) != count:
            raise BackupError(f"{name} does not hold the {count} rows the manifest counts.")
        if not all(isinstance(row, dict) and isinstance(row.get("fields"), dict) for row in rows):
            raise BackupError(f"{name} holds something other than serialized rows.")
    unexpected = {n for n in files if n.startswith("data/")} - {f"data/{n}.json" for n in counts}
    if unexpected:
        raise BackupError(f"The manifest does not count {sorted(unexpected)[0]}.")
    media = {n.removeprefix("media/"): data for n, data in files.items() if n.startswith("media/")}
    return Archive(manifest=manifest, records=records, media=media)


def check_migrations(state):
    """Refuse data written by a schema this database has not reached yet."""
    if not isinstance(state, dict):
        raise BackupError("The manifest's migration state cannot be read.")
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
    DatabaseError,
    DeserializationError,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
    LookupError,
    TypeError,
    ValueError,
    OSError,
)


def import_course(path, *, dry_run=False):
    """Restore the course archived at `path`, in one transaction; returns an ImportReport.

    With `dry_run`, everything is restored and checked, then rolled back; no media is written.
    """
    archive = open_archive(path)
    shared_labels = {AuthGroup._meta.label_lower, get_user_model()._meta.label_lower}
    known = {item.label: item for item in course_models()}
    unknown = set(archive.records) - set(known) - shared_labels
    if unknown:
        raise BackupError(f"The archive holds rows of {sorted(unknown)[0]}, unknown here.")
    courses = archive.records.get(Course._meta.label_lower, [])
    if len(courses) != 1:
        raise BackupError("The archive must hold exactly one course.")
    fields = courses[0].get("fields", {})
    report = ImportReport(
        slug=fields.get("slug", ""), title=fields.get("title", ""), dry_run=dry_run
    )
    if Course.objects.filter(slug=report.slug).exists():
        raise BackupError(
            f"A course with the slug {report.slug!r} exists already; delete or rename it first."
        )
    check_media(archive.media, report)
    written = []
    try:
        check_unique_values(archive.records, known)
        with transaction.atomic():
            restore_shared(archive.records, report)
            restore_rows(archive.records, known, report)
            if not dry_run:
                for name in sorted(set(archive.media) - set(report.reused_media)):
                    stored = default_storage.save(name, ContentFile(archive.media[name]))
                    written.append(stored)
                    if stored != name:
                        raise BackupError(f"The media storage saved {name!r} as {stored!r}.")
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


def delete_media(names):
    for name in names:
        default_storage.delete(name)


def check_media(media, report):
    """Reuse media already stored with the same bytes; refuse to overwrite different ones."""
    for name, data in media.items():
        if not is_safe_name(name):
            raise BackupError(f"The archive holds a media file named {name!r}; refusing it.")
        if not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as stored:
            if stored.read() != data:
                raise BackupError(
                    f"The media storage already holds a different file at {name!r}; "
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


def restore_shared(records, report):
    """Create the archive's auth groups and users that are missing; keep the existing ones."""
    for model, created, reused in (
        (AuthGroup, report.created_auth_groups, report.reused_auth_groups),
        (get_user_model(), report.created_users, report.reused_users),
    ):
        for deserialized in PythonDeserializer(records.get(model._meta.label_lower, [])):
            key = deserialized.object.natural_key()
            try:
                model._default_manager.get_by_natural_key(*key)
            except model.DoesNotExist:
                deserialized.save()
                created.append(key[0])
                if getattr(deserialized.object, "is_staff", False):
                    report.created_staff.append(key[0])
            else:
                reused.append(key[0])


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
    """Insert the course's rows under new primary keys, then the keys and links left over."""
    items = [known[label] for label in known if label in records]
    report.counts = {item.label: 0 for item in items}
    course_models_here = {item.model for item in known.values()}
    new_pks = {}  # (label, archived pk) → pk in this database
    later_keys, later_links = [], []
    for item in restore_order(items):
        model = item.model
        for row in records[item.label]:
            fields = dict(row["fields"])
            pending = []
            for fk in forward_relations(model):
                if fk.related_model not in course_models_here or fields.get(fk.name) is None:
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
            links = {
                m2m: [archived_key(m2m.related_model, value) for value in fields.pop(m2m.name, [])]
                for m2m in auto_many_to_many(model)
                if m2m.related_model in course_models_here
            }
            (deserialized,) = PythonDeserializer([{"model": item.label, "fields": fields}])
            deserialized.save()
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


def archived_key(model, value):
    return (model._meta.label_lower, model._meta.pk.to_python(value))
