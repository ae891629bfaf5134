"""Back a course up into one archive, and restore it into another database.

An archive (a ``.zip`` or a ``.tar.gz``) holds:

``manifest.json``
    the format version, when it was written, the migration each app had reached, the number of
    rows of each model and the SHA-256 of every other file of the archive;
``data/<app>.<model>.json``
    every row of the course in Django's JSON serialization (users by username);
``decks/week-07.md``, ``readings.bib``, ``readings.ris``
    each week's deck as remark markdown and the course's readings, for people and other tools;
``media/<path>``
    the files the rows refer to (image fields, and ``MEDIA_URL`` links in their text), at their
    storage paths.

The rows are found by walking the project's models along their foreign keys to the course, so a
model added later is backed up without anyone remembering to list it. Restoring gives every row a
new primary key and maps the archive's keys to the new ones, so the course can join a database
that holds other courses; users are matched by username and existing ones are kept as they are.
"""

import datetime
import hashlib
import io
import json
import posixpath
import re
import tarfile
import uuid
import zipfile
import zlib
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core.pagecache import bump_version
from courses.models import Course
from readings.citations import to_bibtex, to_ris
from weeks.decks import export_week_deck

FORMAT = "course-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Models of the project's apps that stay out of backups, as {"app.Model": "the reason"}: every
# other model must reach a course through its foreign keys (tests/courses/test_backup.py checks).
EXCLUDED = {}

MEDIA_LINK = re.compile(re.escape(settings.MEDIA_URL) + r"""([^\s"'<>()\[\]\\?#]+)""")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder without its rounding of times to the millisecond."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The course cannot be exported, or the archive cannot be restored; nothing was written."""


@dataclass(frozen=True)
class CourseModel:
    model: type
    lookup: str  # from the model to its course, e.g. "submission__group__assignment__course"

    @property
    def label(self):
        return self.model._meta.label_lower

    def rows_of(self, course):
        manager = self.model._base_manager
        return manager.filter(**{self.lookup or "pk": course.pk}).order_by("pk")


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


# --------------------------------------------------------------------------- which models


def project_models():
    """Concrete models of the project's own apps (not Django's, not installed packages')."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if not path.is_relative_to(base) or {"site-packages", "dist-packages"} & set(path.parts):
            continue
        found += [
            model
            for model in app_config.get_models()
            if model._meta.managed and not model._meta.proxy
        ]
    return found


def course_lookup(model, within):
    """The shortest lookup from `model` to Course through foreign keys among `within`, or None.

    Required foreign keys are preferred: a row then always belongs to a course.
    """
    for allow_null in (False, True):
        queue, seen = deque([(model, [])]), {model}
        while queue:
            current, path = queue.popleft()
            if current is Course:
                return "__".join(path)
            for fk in forward_relations(current):
                target = fk.related_model
                if (fk.null and not allow_null) or target in seen or target not in within:
                    continue
                seen.add(target)
                queue.append((target, [*path, fk.name]))
    return None


def course_models():
    """Every model of the project that belongs to a course, Course first, in app order."""
    candidates = [model for model in project_models() if model._meta.label not in EXCLUDED]
    found = []
    for model in candidates:
        lookup = course_lookup(model, set(candidates))
        if lookup is not None:
            found.append(CourseModel(model, lookup))
    return sorted(found, key=lambda item: item.model is not Course)


def forward_relations(model):
    return [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def auto_many_to_many(model):
    """Many-to-many fields stored in the row's own serialization (automatic through tables)."""
    return [f for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def backup_problems():
    """What would make a backup miss data, as sentences; empty when every model is covered."""
    user_model = get_user_model()
    covered = {item.model for item in course_models()}
    problems = [
        f"{model._meta.label} does not reach a course through its foreign keys: give it one, "
        "or list it in courses.backup.EXCLUDED with the reason it needs no backup."
        for model in project_models()
        if model not in covered and model._meta.label not in EXCLUDED
    ]
    for model in covered:
        for relation in [*forward_relations(model), *auto_many_to_many(model)]:
            target = relation.related_model
            name = f"{model._meta.label}.{relation.name}"
            by_key = relation.many_to_one or relation.one_to_one
            if by_key and relation.target_field != target._meta.pk:
                problems.append(f"{name} points to a field other than the primary key.")
            if target in covered or target is user_model:
                continue
            if not hasattr(target, "natural_key"):
                problems.append(
                    f"{name} points to {target._meta.label}, which is not part of a course "
                    "and has no natural key to find it by in another database."
                )
    return problems


# --------------------------------------------------------------------------- export


def default_archive_name(course):
    return f"{course.slug}-{timezone.localdate().isoformat()}.zip"


def export_course(course, path):
    """Write `course` to a new archive at `path` (.zip or .tar.gz); returns its manifest."""
    path = Path(path)
    archive_kind(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose another --output.")
    with consistent_snapshot():
        files, counts = course_files(course)
    media, missing = media_files(files)
    files.update(media)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "course": {"slug": course.slug, "title": course.title},
        "migrations": migration_state({label.split(".")[0] for label in counts}),
        "counts": counts,
        "missing_media": missing,
        "files": {name: sha256(data) for name, data in files.items()},
    }
    write_archive(path, {MANIFEST: to_json(manifest), **files})
    return manifest


@contextmanager
def consistent_snapshot():
    """One transaction for every read, so rows written meanwhile cannot tear the backup."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def course_files(course):
    """The archive's data, decks and readings as {name: bytes}, and the row counts."""
    rows = {}
    for item in course_models():
        m2m = [f.name for f in auto_many_to_many(item.model)]
        rows[item] = list(item.rows_of(course).prefetch_related(*m2m))
    check_references(rows)
    user_model = get_user_model()
    user_pks = set()
    for item, objects in rows.items():
        for relation in forward_relations(item.model):
            if relation.related_model is user_model:
                user_pks |= {getattr(obj, relation.attname) for obj in objects}
        for relation in auto_many_to_many(item.model):
            if relation.related_model is user_model:
                user_pks |= {
                    user.pk for obj in objects for user in getattr(obj, relation.name).all()
                }
    users = list(user_model._base_manager.filter(pk__in=user_pks - {None}).order_by("pk"))
    auth_groups = list(AuthGroup.objects.filter(user__in=users).distinct().order_by("name"))

    files, counts = {}, {}
    # Auth groups and users travel without their primary keys: they are found by name.
    tables = [(AuthGroup, auth_groups, True), (user_model, users, True)]
    tables += [(item.model, objects, False) for item, objects in rows.items()]
    for model, objects, by_natural_key in tables:
        label = model._meta.label_lower
        counts[label] = len(objects)
        files[f"data/{label}.json"] = serializers.serialize(
            "json",
            objects,
            indent=2,
            cls=ExactJSONEncoder,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=by_natural_key,
        ).encode()
    for week in course.weeks.order_by("number"):
        files[f"decks/week-{week.number:02d}.md"] = export_week_deck(week).encode()
    readings = list(course_readings(course))
    files["readings.bib"] = to_bibtex(readings).encode()
    files["readings.ris"] = to_ris(readings).encode()
    return files, counts


def course_readings(course):
    return course.readings.order_by("authors_text", "year", "title", "pk")


def check_references(rows):
    """Refuse rows that point to rows of another course: they could not be restored."""
    kept = {item.model: {obj.pk for obj in objects} for item, objects in rows.items()}
    for item, objects in rows.items():
        relations = [r for r in forward_relations(item.model) if r.related_model in kept]
        many = [r for r in auto_many_to_many(item.model) if r.related_model in kept]
        for obj in objects:
            targets = [(r, [getattr(obj, r.attname)]) for r in relations]
            targets += [(r, [o.pk for o in getattr(obj, r.name).all()]) for r in many]
            for relation, pks in targets:
                strays = [
                    pk for pk in pks if pk is not None and pk not in kept[relation.related_model]
                ]
                if strays:
                    raise BackupError(
                        f"{item.model._meta.label} {obj.pk} ({obj}) refers through "
                        f"{relation.name!r} to {relation.related_model._meta.label} {strays[0]}, "
                        "which belongs to another course; correct it in the admin first."
                    )


def media_files(files):
    """Media the serialized rows refer to, as {"media/<path>": bytes}, and the missing paths."""
    names = set()
    for name, data in files.items():
        if name.startswith("data/"):
            for record in json.loads(data):
                names |= media_names(record)
    found, missing = {}, []
    for name in sorted(names):
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                found[f"media/{name}"] = stored.read()
        else:
            missing.append(name)
    return found, missing


def media_names(record):
    """Storage names of the files a serialized row refers to."""
    model = apps.get_model(record["model"])
    names = set()
    for name, value in record["fields"].items():
        if not isinstance(value, str) or not value:
            continue
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            names.add(value)
        elif isinstance(model_field, (models.CharField, models.TextField)):
            for link in MEDIA_LINK.findall(value):
                names.add(unquote(link).rstrip(".,;:!"))
    return {name for name in names if is_safe_name(name)}


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


# --------------------------------------------------------------------------- archive files


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
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError) as error:
        raise BackupError(f"Cannot read {path}: {error}") from error
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


# --------------------------------------------------------------------------- import


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


def check_migrations(state):
    """Refuse data written by a schema this database has not reached yet."""
    if not isinstance(state, dict):
        raise BackupError("The manifest's migration state cannot be read.")
    applied = applied_migrations()
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
