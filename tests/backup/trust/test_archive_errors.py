"""Every archive a restore cannot read is refused with what is wrong, and nothing is written."""

import json

import pytest
from django.core.management.base import CommandError

import backup.archive
from tests.backup.trust.archives import (
    assert_nothing_restored,
    change_rows,
    export,
    flush,
    members,
    restore,
    rewrite,
    set_fields,
    write_zip,
)

pytestmark = pytest.mark.django_db

MANIFEST = backup.archive.MANIFEST


def manifest_with(**values):
    def damage(path):
        files = members(path)
        files[MANIFEST] = json.dumps({**json.loads(files[MANIFEST]), **values}).encode()
        write_zip(path, files)

    return damage


def replaced(name, data):
    """`name` holds `data`, the manifest's checksums updated to match."""
    return lambda path: rewrite(path, lambda files: files.update({name: data}))


def manifest_replaced(data):
    def damage(path):
        files = members(path)
        files[MANIFEST] = data
        write_zip(path, files)

    return damage


def edited(change):
    return lambda path: rewrite(path, change)


def truncated(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damaged(path):
    files = members(path)
    files["decks/week-01.md"] += b" "
    write_zip(path, files)


def without_pk(files):
    rows = json.loads(files["data/weeks.week.json"])
    del rows[0]["pk"]
    files["data/weeks.week.json"] = json.dumps(rows).encode()


CASES = {
    "not an archive": (lambda path: path.write_bytes(b"not an archive"), "Cannot read"),
    "cut short": (truncated, "Cannot read"),
    "wrong checksum": (damaged, "decks/week-01.md does not match its SHA-256"),
    "manifest not JSON": (manifest_replaced(b"{"), "manifest.json is not valid JSON"),
    "manifest a list": (manifest_replaced(b"[]"), "not the manifest of a course backup"),
    "files a list": (manifest_with(files=[]), "'files' must map file names"),
    "counts a list": (manifest_with(counts=[1]), "'counts' must map model labels"),
    "counts a word": (manifest_with(counts={"weeks.week": "one"}), "'counts' must map"),
    "migrations nested": (manifest_with(migrations={"weeks": ["0001"]}), "'migrations' must"),
    "version a word": (manifest_with(format_version="1"), "format version '1' is not a number"),
    "data not JSON": (replaced("data/weeks.week.json", b"[{"), "weeks.week.json is not valid"),
    "data nested deep": (replaced("data/weeks.week.json", b"[" * 100_000), "not valid JSON"),
    "data missing": (
        edited(lambda files: files.pop("data/weeks.week.json")),
        "counts rows in data/weeks.week.json, missing from the archive",
    ),
    "fields a list": (
        replaced("data/weeks.week.json", b'[{"pk": 1, "fields": []}]'),
        "holds something other than serialized rows",
    ),
    "no primary key": (edited(without_pk), "A row of weeks.week in the archive has no primary"),
    "bad value": (
        edited(set_fields("weeks.week", number="many")),
        "could not be restored: .*many",
    ),
    "bad reference": (edited(set_fields("weeks.week", course=999)), "courses.course 999"),
    "bad user key": (
        edited(change_rows("accounts.enrolment", lambda fields: fields.update(user={"a": 1}))),
        "could not be restored",
    ),
}


@pytest.mark.parametrize(("damage", "message"), CASES.values(), ids=CASES.keys())
def test_an_unreadable_archive_is_refused_with_the_reason(
    trusted_course, tmp_path, damage, message
):
    path = tmp_path / "backup.zip"
    export(path)
    flush()
    damage(path)
    with pytest.raises(CommandError, match=message):
        restore(path)
    assert_nothing_restored()


def test_a_cut_tar_archive_is_refused(trusted_course, tmp_path):
    path = tmp_path / "backup.tar.gz"
    export(path)
    flush()
    truncated(path)
    with pytest.raises(CommandError, match="Cannot read"):
        restore(path)
    assert_nothing_restored()
