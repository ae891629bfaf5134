"""Helpers the backup tests share: a course as plain values, archives in and out."""

import io
import tarfile
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.management import call_command
from django.db import models
from PIL import Image

import backup.discover
from assignments.models import Revision
from backup.files import locate
from courses.models import Course
from weeks.models import SlideImage

SLUG = "chinese-cities"
COURSE_MODELS = {
    "courses.course",
    "weeks.week",
    "weeks.programitem",
    "weeks.slide",
    "weeks.slideimage",
    "readings.reading",
    "readings.weekreading",
    "glossary.character",
    "glossary.characterlink",
    "glossary.term",
    "accounts.enrolment",
    "accounts.enrolmentkey",
    "accounts.invitation",
    "assignments.assignment",
    "assignments.group",
    "assignments.membership",
    "assignments.submission",
    "assignments.revision",
    "assignments.rubriccriterion",
}
WEEK_8_DECK = """\
class: center, middle

# Maker spaces

![A maker space](img/maker.png)

---

# 创客 chuangke

.footnote[Lindtner, S. (2020). *Prototype Nation*. Princeton University Press.]
"""


def png(color):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), color).save(buffer, format="PNG")
    return buffer.getvalue()


def snapshot(course):
    """Every row of the course as plain values, in primary-key order, with each key replaced
    by the position of the row it points to (or the username of the user)."""
    items = backup.discover.course_models()
    rows = {item.label: list(item.rows_of(course)) for item in items}
    position = {
        (item.model, obj.pk): index for item in items for index, obj in enumerate(rows[item.label])
    }
    usernames = dict(get_user_model().objects.values_list("pk", "username"))

    def point(model, pk):
        if model is get_user_model():
            return usernames[pk]
        return (model._meta.label_lower, position[(model, pk)])

    def row(obj):
        values = {}
        for field in obj._meta.concrete_fields:
            if field.primary_key:
                continue
            value = getattr(obj, field.attname)
            if field.is_relation:
                value = None if value is None else point(field.related_model, value)
            elif isinstance(field, models.FileField):
                value = value.name
            values[field.name] = value
        for field in obj._meta.many_to_many:
            related = getattr(obj, field.name).values_list("pk", flat=True)
            values[field.name] = sorted(point(field.related_model, pk) for pk in related)
        return values

    return {label: [row(obj) for obj in objects] for label, objects in rows.items()}


USERNAMES = {"li.wei", "camille.martin", "instructor", "new.student"}


def users_snapshot():
    users = get_user_model().objects.filter(username__in=USERNAMES).order_by("username")
    return [
        {
            **{f.name: getattr(u, f.attname) for f in u._meta.concrete_fields if not f.primary_key},
            "groups": sorted(u.groups.values_list("name", flat=True)),
            "user_permissions": sorted(u.user_permissions.values_list("codename", flat=True)),
        }
        for u in users
    ]


def media_of(course):
    """The course's files by archive name: public media, and the private PDF hand-ins."""
    names = {f"media/{image.image.name}" for image in SlideImage.objects.filter(course=course)}
    names.add("media/markdownx/plan.png")
    hand_ins = Revision.objects.filter(submission__group__assignment__course=course)
    names |= {
        f"private/{name}" for name in hand_ins.exclude(file="").values_list("file", flat=True)
    }
    return {name: read_file(name) for name in sorted(names)}


def read_file(archive_name):
    storage, name = locate(archive_name)
    with storage.open(name) as stored:
        return stored.read()


def archive_members(path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    with tarfile.open(path) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def export(path, *args, slug=SLUG):
    out = io.StringIO()
    call_command("export_course", slug, "--output", str(path), *args, stdout=out)
    return out.getvalue()


def restore(path, *args):
    out = io.StringIO()
    call_command("import_course", str(path), *args, stdout=out)
    return out.getvalue()


def flush(course):
    """Delete the course, its users, its permission group and its media files."""
    media = media_of(course)
    course.delete()
    get_user_model().objects.filter(username__in=USERNAMES).delete()
    AuthGroup.objects.filter(name="Teaching staff").delete()
    for name in media:
        storage, stored_name = locate(name)
        storage.delete(stored_name)


def assert_nothing_restored(media_names):
    assert not Course.objects.filter(slug=SLUG).exists()
    assert not get_user_model().objects.filter(username__in=USERNAMES).exists()
    assert not AuthGroup.objects.filter(name="Teaching staff").exists()
    assert not any(storage.exists(name) for storage, name in map(locate, media_names))


def rewrite(path, change):
    """Rewrite the zip at `path` with `change(files)` applied, as a valid zip."""
    files = archive_members(path)
    change(files)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
