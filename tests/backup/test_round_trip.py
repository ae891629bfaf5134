"""A course exported and imported comes back whole, beside other courses, or not at all."""

import datetime
import hashlib
import json

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils import timezone

import backup.archive
import backup.discover
import backup.export
from assignments.models import Group
from core.pagecache import current_version
from courses.models import Course
from readings.citations import to_bibtex, to_ris
from tests.backup.helpers import (
    COURSE_MODELS,
    SLUG,
    USERNAMES,
    archive_members,
    assert_nothing_restored,
    export,
    flush,
    media_of,
    png,
    restore,
    rewrite,
    snapshot,
    users_snapshot,
)
from weeks.decks import export_week_deck
from weeks.models import Slide, SlideImage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["backup.zip", "backup.tar.gz"])
def test_a_course_comes_back_whole_after_export_flush_and_import(
    rich_course, tmp_path, name, django_capture_on_commit_callbacks
):
    before = snapshot(rich_course)
    users_before = users_snapshot()
    media_before = media_of(rich_course)
    assert all(before[label] for label in COURSE_MODELS), "every model has rows to compare"
    assert len(before["weeks.slide"]) == 49 + 2 and len(users_before) == 4
    path = tmp_path / name
    assert "Exported Chinese Cities" in export(path, "--with-credentials")
    flush(rich_course)
    assert_nothing_restored(media_before)
    version_before = current_version()

    with django_capture_on_commit_callbacks(execute=True):
        output = restore(path)

    course = Course.objects.get(slug=SLUG)
    assert "Restored 'Chinese Cities' (chinese-cities)" in output
    assert "The archive gives 'instructor' rights on the site (staff; superuser" in output
    assert snapshot(course) == before
    # Rights never come from an archive: the restored users have none, to be granted by hand.
    rights = {"is_staff": False, "is_superuser": False, "groups": [], "user_permissions": []}
    assert users_snapshot() == [{**user, **rights} for user in users_before]
    assert media_of(course) == media_before
    assert current_version() != version_before, "the page cache was bumped"
    slide = Slide.objects.get(week__course=course, week__number=8, position=0)
    assert SlideImage.objects.get(course=course).image.url in slide.html
    files = archive_members(path)
    hand_ins = [member for member in files if member.startswith("private/hand-ins/")]
    assert len(hand_ins) == 2, "both versions of the PDF travel, in the private folder"
    assert not (django_settings.MEDIA_ROOT / "hand-ins").exists(), "restored privately"
    for week in course.weeks.all():
        assert export_week_deck(week).encode() == files[f"decks/week-{week.number:02d}.md"]
    readings = list(backup.export.course_readings(course))
    assert to_bibtex(readings).encode() == files["readings.bib"]
    assert to_ris(readings).encode() == files["readings.ris"]
    export(tmp_path / f"again-{name}")
    again = archive_members(tmp_path / f"again-{name}")
    for member in files:
        if not member.startswith("data/") and member != backup.archive.MANIFEST:
            assert again[member] == files[member], member


def test_the_archive_holds_decks_readings_data_media_and_a_manifest(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    files = archive_members(path)
    manifest = json.loads(files.pop(backup.archive.MANIFEST))
    assert set(files) == set(manifest["files"])
    for name, data in files.items():
        assert hashlib.sha256(data).hexdigest() == manifest["files"][name]
    assert {"decks/week-07.md", "decks/week-08.md", "readings.bib", "readings.ris"} <= set(files)
    image = SlideImage.objects.get(course=rich_course).image.name
    assert files[f"media/{image}"] == png("red")
    assert files["media/markdownx/plan.png"] == png("blue")
    assert manifest["format_version"] == backup.archive.FORMAT_VERSION
    assert datetime.datetime.fromisoformat(manifest["created_at"]) <= timezone.now()
    assert manifest["migrations"]["assignments"] == "0002_later"
    assert manifest["counts"]["weeks.slide"] == 51
    assert manifest["counts"]["auth.user"] == 4
    users = json.loads(files["data/auth.user.json"])
    assert {u["fields"]["username"] for u in users} == USERNAMES
    instructor = next(u for u in users if u["fields"]["username"] == "instructor")
    assert "password" not in instructor["fields"]  # credentials only with --with-credentials
    everything = b"".join(files.values())
    assert b"bystander" not in everything and b"shanghai-studio" not in everything
    assert b"Not in this course" not in everything


def test_times_keep_their_microseconds(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    revisions = json.loads(archive_members(path)["data/assignments.revision.json"])
    final_project = rich_course.assignments.get(slug="final-project")
    stored = final_project.groups.get().submission.revisions.get(number=1)
    assert revisions[0]["fields"]["created_at"] == stored.created_at.isoformat()


def test_a_course_restores_beside_another_that_uses_the_same_keys(rich_course, tmp_path):
    before, media_before = snapshot(rich_course), media_of(rich_course)
    path = tmp_path / "backup.zip"
    export(path)
    # The course stays under another slug: every primary key of the archive is taken here.
    rich_course.slug = "chinese-cities-2025"
    rich_course.save()
    get_user_model().objects.filter(username="li.wei").update(email="li.wei@new.example.org")

    with pytest.raises(
        CommandError,
        match=(
            r"enrolment key with key 'chinese-cities-2026'.*"
            r"; student group with join code '[A-Z0-9]{8}'"
        ),
    ):
        restore(path)
    for number, group in enumerate(Group.objects.filter(assignment__course=rich_course)):
        Group.objects.filter(pk=group.pk).update(join_code=f"OTHER{number:03d}")
    rich_course.enrolment_key.key = "another-key"
    rich_course.enrolment_key.save()
    rich_course.invitations.update(token_hash="0" * 64)
    other_before = snapshot(rich_course)

    output = restore(path)

    restored = snapshot(Course.objects.get(slug=SLUG))
    # The restored invitation gets a token nobody knows: an archive cannot set a password.
    (invitation,) = restored["accounts.invitation"]
    assert invitation.pop("token_hash") != before["accounts.invitation"][0].pop("token_hash")
    assert restored == before
    assert snapshot(Course.objects.get(slug="chinese-cities-2025")) == other_before
    assert "User 'li.wei' exists already: kept as it is, not overwritten." in output
    assert get_user_model().objects.get(username="li.wei").email == "li.wei@new.example.org"
    assert get_user_model().objects.filter(username__in=USERNAMES).count() == 4
    assert "(4 more already stored)" in output
    assert media_of(Course.objects.get(slug=SLUG)) == media_before


def test_an_existing_slug_is_refused(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    counts = {item.label: item.model.objects.count() for item in backup.discover.course_models()}
    with pytest.raises(CommandError, match="'chinese-cities' exists already"):
        restore(path)
    assert counts == {
        item.label: item.model.objects.count() for item in backup.discover.course_models()
    }


def test_a_dry_run_checks_everything_and_writes_nothing(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    media = media_of(rich_course)
    flush(rich_course)

    output = restore(path, "--dry-run")

    assert "Would restore 'Chinese Cities' (chinese-cities)" in output
    assert_nothing_restored(media)
    restore(path)
    assert Course.objects.filter(slug=SLUG).exists()


def test_a_restored_deck_keeps_lf_line_endings_whatever_the_archive_holds(rich_course, tmp_path):
    path = tmp_path / "course.zip"
    export(path)
    deck_before = export_week_deck(rich_course.weeks.get(number=8))
    flush(rich_course)

    def windows_line_endings(files):
        """As if the archive had been written on Windows, its manifest kept consistent."""
        manifest = json.loads(files["manifest.json"])
        for name in ("data/weeks.deckrevision.json", "data/weeks.slide.json"):
            files[name] = files[name].replace(b"\\n", b"\\r\\n")
            manifest["files"][name] = hashlib.sha256(files[name]).hexdigest()
        files["manifest.json"] = json.dumps(manifest).encode()

    rewrite(path, windows_line_endings)
    restore(path)
    week_8 = Course.objects.get(slug=SLUG).weeks.get(number=8)
    assert export_week_deck(week_8) == deck_before
    assert not Slide.objects.filter(week=week_8, content__contains="\r").exists()
