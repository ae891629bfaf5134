"""Damaged, tampered, too new or incomplete archives are refused; nothing is written."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import backup.archive
from courses.models import Course
from readings.models import Reading
from tests.backup.helpers import (
    SLUG,
    assert_nothing_restored,
    export,
    flush,
    media_of,
    restore,
    rewrite,
)
from tests.factories import (
    CourseFactory,
    WeekFactory,
)
from weeks.models import Slide

pytestmark = pytest.mark.django_db


def damage_member(name_start):
    def change(files):
        name = next(n for n in files if n.startswith(name_start))
        data = bytearray(files[name])
        data[len(data) // 2] ^= 0x01
        files[name] = bytes(data)

    return change


@pytest.mark.parametrize(
    "change",
    [
        damage_member("data/weeks.slide.json"),
        damage_member("media/slides/"),
        damage_member("decks/week-07.md"),
        damage_member("readings.bib"),
        lambda files: files.update({"data/extra.json": b"[]"}),
        lambda files: files.pop("readings.ris"),
    ],
    ids=["data", "media", "deck", "bibtex", "unlisted file", "missing file"],
)
def test_a_tampered_archive_is_refused_and_nothing_is_written(rich_course, tmp_path, change):
    path = tmp_path / "backup.zip"
    export(path)
    media = media_of(rich_course)
    flush(rich_course)
    rewrite(path, change)
    with pytest.raises(CommandError, match="SHA-256|manifest"):
        restore(path)
    assert_nothing_restored(media)


def test_a_damaged_archive_file_is_refused(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    media = media_of(rich_course)
    flush(rich_course)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError):
        restore(path)
    assert_nothing_restored(media)


def set_manifest(**values):
    def change(files):
        files[backup.archive.MANIFEST] = json.dumps(
            {**json.loads(files[backup.archive.MANIFEST]), **values}
        )

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_manifest(format_version=2), "format version 2"),
        (set_manifest(migrations={"weeks": "0099_from_the_future"}), "weeks.0099_from_the"),
        (set_manifest(migrations={"nonsense": "0001_initial"}), "app 'nonsense'"),
        (set_manifest(counts={"courses.course": 2}), "manifest"),
    ],
    ids=["newer format", "newer migration", "unknown app", "wrong count"],
)
def test_an_archive_newer_than_the_database_is_refused(rich_course, tmp_path, change, message):
    path = tmp_path / "backup.zip"
    export(path)
    media = media_of(rich_course)
    flush(rich_course)
    rewrite(path, change)
    with pytest.raises(CommandError, match=message):
        restore(path)
    assert_nothing_restored(media)


def test_a_failure_halfway_leaves_nothing_behind(rich_course, tmp_path, monkeypatch):
    path = tmp_path / "backup.zip"
    export(path)
    media = media_of(rich_course)
    flush(rich_course)
    real_save, saved = FileSystemStorage.save, []

    def save_then_fail(storage, name, content, **kwargs):
        if saved:
            raise OSError("disk full")
        saved.append(real_save(storage, name, content, **kwargs))
        return saved[-1]

    monkeypatch.setattr(FileSystemStorage, "save", save_then_fail)
    with pytest.raises(CommandError, match="disk full"):
        restore(path)
    assert saved, "one file was written before the failure"
    assert_nothing_restored(media)


def test_a_different_file_at_a_media_path_is_not_overwritten(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    flush(rich_course)
    default_storage.save("markdownx/plan.png", ContentFile(b"someone else's file"))
    with pytest.raises(CommandError, match="different file at 'markdownx/plan.png'"):
        restore(path)
    assert default_storage.open("markdownx/plan.png").read() == b"someone else's file"
    assert not Course.objects.filter(slug=SLUG).exists()


def test_a_row_pointing_into_another_course_stops_the_export(rich_course, tmp_path):
    other_week = WeekFactory(course=CourseFactory(slug="elsewhere"), number=1)
    stray = Slide.objects.create(week=other_week, content="# Elsewhere")
    Reading.objects.filter(course=rich_course).update(slide=stray)
    path = tmp_path / "backup.zip"
    with pytest.raises(CommandError, match="belongs to another course"):
        export(path)
    assert not path.exists()


def test_export_refuses_to_overwrite_or_to_guess_a_format(rich_course, tmp_path):
    (tmp_path / "taken.zip").write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        export(tmp_path / "taken.zip")
    assert (tmp_path / "taken.zip").read_bytes() == b"keep me"
    with pytest.raises(CommandError, match=r"\.zip or \.tar\.gz"):
        export(tmp_path / "backup.rar")
    with pytest.raises(CommandError, match="No course"):
        export(tmp_path / "backup.zip", slug="no-such-course")


def test_export_names_the_archive_after_the_course_and_the_day(rich_course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("export_course", SLUG, stdout=io.StringIO())
    assert (tmp_path / f"{SLUG}-{timezone.localdate().isoformat()}.zip").exists()
