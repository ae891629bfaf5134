import datetime
import hashlib
import io
import json
import tarfile
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone
from PIL import Image

import backup.archive
import backup.discover
import backup.export
from assignments.models import Group, Submission
from assignments.services import save_revision, submit_for_review
from core.pagecache import current_version
from courses.models import Course
from readings.citations import to_bibtex, to_ris
from readings.models import Reading
from tests.factories import (
    CharacterLinkFactory,
    CourseFactory,
    EnrolmentFactory,
    InvitationFactory,
    ReadingFactory,
    StaffFactory,
    UserFactory,
    WeekFactory,
)
from weeks.decks import export_week_deck, import_deck
from weeks.models import Slide, SlideImage, Week
from weeks.remark import parse_deck

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def applied_migrations(monkeypatch):
    """The test database is built without migrations: give it the record a real one has."""
    applied = {
        (label, "0001_initial") for label in ("auth", *{m.split(".")[0] for m in COURSE_MODELS})
    }
    applied.add(("assignments", "0002_later"))
    monkeypatch.setattr(backup.archive, "applied_migrations", lambda: applied)
    return applied


@pytest.fixture
def rich_course(media_root, applied_migrations):
    """The demo course, plus a row of every model and a file of every kind the backup carries."""
    call_command("load_demo")
    course = Course.objects.get(slug=SLUG)
    SlideImage.objects.create(
        course=course, file_name="maker.png", image=ContentFile(png("red"), name="maker.png")
    )
    week_8 = WeekFactory(course=course, number=8, title="Maker Cities", is_published=False)
    import_deck(week_8, parse_deck(WEEK_8_DECK))
    upload = default_storage.save("markdownx/plan.png", ContentFile(png("blue")))
    week_8.summary = f"The plan: ![plan]({default_storage.url(upload)})"
    week_8.save()

    teaching = AuthGroup.objects.create(name="Teaching staff")
    teaching.permissions.add(Permission.objects.get(codename="change_submission"))
    instructor = StaffFactory(username="instructor", first_name="Clément")
    instructor.groups.add(teaching)
    instructor.user_permissions.add(Permission.objects.get(codename="view_course"))
    EnrolmentFactory(user=instructor, course=course, role="instructor")
    InvitationFactory(user=UserFactory(username="new.student"), course=course)
    CharacterLinkFactory(character=course.characters.get(), label="Wiktionary")

    group = Group.objects.get(assignment__course=course)
    camille = get_user_model().objects.get(username="camille.martin")
    save_revision(
        group=group,
        author=camille,
        base_number=1,
        topic="Shenzhen's maker spaces",
        sources=["Lindtner (2020)", "https://www.shenzhen.gov.cn/", "Wang (2019)"],
        argument="Maker spaces turned the city's factories into a planning asset.",
    )
    submit_for_review(group=group, base_number=2)
    Submission.objects.filter(group=group).update(
        status=Submission.Status.NEEDS_REVISION,
        feedback="Narrow the topic to one district.",
        feedback_by=instructor,
        feedback_at=timezone.now(),
    )

    # Another course and someone unrelated: neither belongs in the archive.
    other = CourseFactory(slug="shanghai-studio", title="Shanghai Studio")
    EnrolmentFactory(user=UserFactory(username="bystander"), course=other)
    ReadingFactory(course=other, title="Not in this course")
    return Course.objects.get(pk=course.pk)


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
    names = {image.image.name for image in SlideImage.objects.filter(course=course)}
    names.add("markdownx/plan.png")
    return {name: default_storage.open(name).read() for name in sorted(names)}


def archive_members(path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    with tarfile.open(path) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def export(path, slug=SLUG):
    out = io.StringIO()
    call_command("export_course", slug, "--output", str(path), stdout=out)
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
        default_storage.delete(name)


def assert_nothing_restored(media_names):
    assert not Course.objects.filter(slug=SLUG).exists()
    assert not get_user_model().objects.filter(username__in=USERNAMES).exists()
    assert not AuthGroup.objects.filter(name="Teaching staff").exists()
    assert not any(default_storage.exists(name) for name in media_names)


def rewrite(path, change):
    """Rewrite the zip at `path` with `change(files)` applied, as a valid zip."""
    files = archive_members(path)
    change(files)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def test_every_model_of_the_project_is_backed_up_or_excluded():
    assert backup.discover.backup_problems() == []
    assert {item.label for item in backup.discover.course_models()} >= COURSE_MODELS


def test_a_new_model_without_a_way_to_its_course_is_reported(monkeypatch):
    project_models = backup.discover.project_models
    with isolate_apps("weeks"):

        class Poster(models.Model):  # noqa: DJ008
            title = models.CharField(max_length=20)

            class Meta:
                app_label = "weeks"

        class Handout(models.Model):  # noqa: DJ008
            week = models.ForeignKey(Week, on_delete=models.CASCADE)

            class Meta:
                app_label = "weeks"

        monkeypatch.setattr(
            backup.discover, "project_models", lambda: [*project_models(), Poster, Handout]
        )
        problems = backup.discover.backup_problems()
        lookups = {item.model: item.lookup for item in backup.discover.course_models()}
    assert len(problems) == 1 and problems[0].startswith("weeks.Poster does not reach a course")
    assert lookups[Handout] == "week__course"


def test_lookups_prefer_required_keys_to_the_course():
    lookups = {item.label: item.lookup for item in backup.discover.course_models()}
    assert lookups["assignments.revision"] == "submission__group__assignment__course"
    assert lookups["assignments.membership"] == "assignment__course"
    assert lookups["courses.course"] == ""


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
    assert "Exported Chinese Cities" in export(path)
    flush(rich_course)
    assert_nothing_restored(media_before)
    version_before = current_version()

    with django_capture_on_commit_callbacks(execute=True):
        output = restore(path)

    course = Course.objects.get(slug=SLUG)
    assert "Restored 'Chinese Cities' (chinese-cities)" in output
    assert "'instructor' has staff rights on this site." in output
    assert snapshot(course) == before
    assert users_snapshot() == users_before
    assert media_of(course) == media_before
    assert current_version() != version_before, "the page cache was bumped"
    slide = Slide.objects.get(week__course=course, week__number=8, position=0)
    assert SlideImage.objects.get(course=course).image.url in slide.html
    files = archive_members(path)
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
    assert instructor["fields"]["password"].startswith(("pbkdf2_", "md5$", "argon2", "bcrypt"))
    everything = b"".join(files.values())
    assert b"bystander" not in everything and b"shanghai-studio" not in everything
    assert b"Not in this course" not in everything


def test_times_keep_their_microseconds(rich_course, tmp_path):
    path = tmp_path / "backup.zip"
    export(path)
    revisions = json.loads(archive_members(path)["data/assignments.revision.json"])
    stored = rich_course.assignments.get().groups.get().submission.revisions.get(number=1)
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
        match=r"enrolment key with key 'chinese-cities-2026'.*; group with join code '[A-Z0-9]{8}'",
    ):
        restore(path)
    Group.objects.filter(assignment__course=rich_course).update(join_code="OTHER123")
    rich_course.enrolment_key.key = "another-key"
    rich_course.enrolment_key.save()
    rich_course.invitations.update(token_hash="0" * 64)
    other_before = snapshot(rich_course)

    output = restore(path)

    assert snapshot(Course.objects.get(slug=SLUG)) == before
    assert snapshot(Course.objects.get(slug="chinese-cities-2025")) == other_before
    assert "User 'li.wei' exists already: kept as it is, not overwritten." in output
    assert get_user_model().objects.get(username="li.wei").email == "li.wei@new.example.org"
    assert get_user_model().objects.filter(username__in=USERNAMES).count() == 4
    assert "Permission group 'Teaching staff' exists already" in output
    assert "(2 more already stored)" in output
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
