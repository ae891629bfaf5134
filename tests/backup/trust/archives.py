"""Write, read, change and restore the archives of the trust tests."""

import hashlib
import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.management import call_command

import backup.archive
from courses.models import Course

SLUG = "trusted-cities"
PASSWORD = "correct horse battery staple"
USERNAMES = {"teacher", "student", "invited"}
DECK = "class: inverse\n\n# 城市 cities\n\nSee *this*.\n\n???\n\nSay **that**.\n"


def export(path, *args):
    call_command("export_course", SLUG, "--output", str(path), *args, stdout=io.StringIO())


def restore(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_course", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def flush():
    Course.objects.filter(slug=SLUG).delete()
    get_user_model().objects.filter(username__in=USERNAMES).delete()
    AuthGroup.objects.filter(name="Teaching").delete()


def members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(path, change):
    """Apply `change(files)` to the zip at `path` and update the manifest's checksums, as
    anyone who edits an archive can."""
    files = members(path)
    change(files)
    manifest = json.loads(files[backup.archive.MANIFEST])
    manifest["files"] = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in files.items()
        if name not in (backup.archive.MANIFEST, "manifest.hmac")
    }
    files[backup.archive.MANIFEST] = json.dumps(manifest).encode()
    write_zip(path, files)


def write_zip(path, files):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def change_rows(label, change):
    """A change to the archive that applies `change(fields)` to each row of `label`."""

    def apply(files):
        name = f"data/{label}.json"
        rows = json.loads(files[name])
        for row in rows:
            change(row["fields"])
        files[name] = json.dumps(rows).encode()

    return apply


def set_fields(label, **values):
    """A change to the archive that sets `values` in every row of `label`."""
    return change_rows(label, lambda fields: fields.update(values))


def rows(path, label):
    return json.loads(members(path)[f"data/{label}.json"])


def assert_nothing_restored():
    assert not Course.objects.filter(slug=SLUG).exists()
    assert not get_user_model().objects.filter(username__in=USERNAMES).exists()
