"""Write a course to an archive: its rows, each week's deck, its readings and its media."""

import datetime
import json
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from backup.archive import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    archive_kind,
    is_safe_name,
    migration_state,
    sha256,
    to_json,
    write_archive,
)
from backup.credentials import exported_fields
from backup.discover import auto_many_to_many, course_models, forward_relations
from backup.files import PUBLIC, folder_of, locate
from backup.signing import SIGNATURE, signature
from readings.citations import to_bibtex, to_ris
from weeks.decks import export_week_deck

MEDIA_LINK = re.compile(re.escape(settings.MEDIA_URL) + r"""([^\s"'<>()\[\]\\?#]+)""")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder without its rounding of times to the millisecond."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def default_archive_name(course):
    return f"{course.slug}-{timezone.localdate().isoformat()}.zip"


def export_course(course, path, *, with_credentials=False, sign_key=None):
    """Write `course` to a new archive at `path` (.zip or .tar.gz); returns its manifest.

    Password and invitation token hashes are left out unless `with_credentials`; with a
    `sign_key`, the archive holds an HMAC of its manifest (backup.signing).
    """
    path = Path(path)
    archive_kind(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose another --output.")
    with consistent_snapshot():
        files, counts = course_files(course, with_credentials)
    media, missing = media_files(files)
    files.update(media)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "course": {"slug": course.slug, "title": course.title},
        "migrations": migration_state({label.split(".")[0] for label in counts}),
        "counts": counts,
        "credentials": with_credentials,
        "missing_media": missing,
        "files": {name: sha256(data) for name, data in files.items()},
    }
    head = {MANIFEST: to_json(manifest)}
    if sign_key is not None:
        head[SIGNATURE] = signature(head[MANIFEST], sign_key)
    write_archive(path, {**head, **files})
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


def course_files(course, with_credentials=False):
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
            fields=exported_fields(model, with_credentials),
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
    """Files the serialized rows refer to, as {"media/<path>" or "private/<path>": bytes}
    (backup.files), and the missing ones."""
    names = set()
    for name, data in files.items():
        if name.startswith("data/"):
            for record in json.loads(data):
                names |= media_names(record)
    found, missing = {}, []
    for name in sorted(names):
        storage, stored_name = locate(name)
        if storage.exists(stored_name):
            with storage.open(stored_name, "rb") as stored:
                found[name] = stored.read()
        else:
            missing.append(name.removeprefix(PUBLIC))
    return found, missing


def media_names(record):
    """Archive names (folder and storage name) of the files a serialized row refers to."""
    model = apps.get_model(record["model"])
    names = set()
    for name, value in record["fields"].items():
        if not isinstance(value, str) or not value:
            continue
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            names.add((folder_of(model_field.storage), value))
        elif isinstance(model_field, (models.CharField, models.TextField)):
            for link in MEDIA_LINK.findall(value):
                names.add((PUBLIC, unquote(link).rstrip(".,;:!")))
    return {folder + name for folder, name in names if is_safe_name(name)}
