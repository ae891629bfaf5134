"""Importing a Zotero export in the readings admin: preview, confirm, nothing overwritten unseen."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo import DECK_PATH
from readings.citations.importing import read_references
from readings.importing import apply_import, plan_digest, plan_import
from readings.models import Reading, WeekReading
from tests.factories import ReadingFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

ZOTERO = (Path(__file__).parent / "data" / "zotero-week-7.csl.json").read_text("utf-8")
IMPORT = reverse("admin:readings_reading_import")


def upload(text=ZOTERO, name="My Library.json"):
    return SimpleUploadedFile(name, text.encode(), content_type="application/json")


def test_importing_into_an_empty_course_creates_every_reading(course):
    rows = plan_import(course, read_references(ZOTERO, "z.json"))
    assert [row.action for row in rows] == ["create"] * 14
    assert apply_import(rows, status=Reading.Status.CONFIRMED) == {"create": 14, "update": 0}
    assert Reading.objects.confirmed().count() == 14
    daum = Reading.objects.get(title="Social Credit Overview Podcast")
    assert (daum.kind, daum.container) == ("podcast", "China Law Translate")
    assert daum.csl_extra["type"] == "broadcast"


def test_the_week_7_deck_readings_are_matched_by_title_and_completed_from_zotero(week):
    save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    rows = plan_import(week.course, read_references(ZOTERO, "z.json"))
    assert [row.action for row in rows].count("create") == 0
    liang = next(row for row in rows if row.reading.title == "Constructing a Data-Driven Society")
    changed = {name: new for name, _, new in liang.changes}
    assert changed["doi"] == "10.1002/poi3.183" and len(changed["authors"]) == 4
    assert changed["et_al"] is False  # the four authors replace "Liang, Fan, et al."
    apply_import(rows, status=Reading.Status.CONFIRMED)
    assert Reading.objects.count() == 14
    assert Reading.objects.get(doi="10.1002/poi3.183").pages == "415–453"


def test_a_reading_with_the_same_doi_is_updated_whatever_its_title(course):
    ReadingFactory(course=course, title="Old title", doi="10.1002/POI3.183", year="2017")
    rows = plan_import(course, read_references(ZOTERO, "z.json"))
    liang = next(row for row in rows if row.existing)
    assert ("title", "Old title", "Constructing a Data-Driven Society") in liang.changes


def test_an_import_never_empties_a_field(course):
    ReadingFactory(
        course=course, title="Urban Artificial Intelligence", year="2020", notes="Mine", pages="1–9"
    )
    rows = plan_import(course, read_references(ZOTERO, "z.json"))
    (row,) = [row for row in rows if row.existing]
    assert "pages" not in {name for name, _, _ in row.changes}


def test_the_admin_previews_then_creates_and_lists_the_readings_in_the_week(admin_client, week):
    data = {"course": week.course.pk, "week": week.pk, "role": "required", "status": "confirmed"}
    preview = admin_client.post(IMPORT, {**data, "file": upload()})
    content = preview.content.decode()
    assert "Preview: nothing is saved until you confirm" in content
    assert content.count("<td>Create</td>") == 14
    assert Reading.objects.count() == 0
    form = preview.context["form"]
    confirm = {**data, "contents": form.initial["contents"], "digest": form.initial["digest"]}
    response = admin_client.post(IMPORT, {**confirm, "filename": "z.json", "confirm": "1"})
    assert response.status_code == 302
    assert WeekReading.objects.filter(week=week, role="required").count() == 14


def test_a_change_made_after_the_preview_is_shown_again_before_anything_is_saved(
    admin_client, course
):
    reading = ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2020")
    data = {"course": course.pk, "role": "recommended", "status": "confirmed"}
    form = admin_client.post(IMPORT, {**data, "file": upload()}).context["form"]
    Reading.objects.filter(pk=reading.pk).update(volume="99")
    confirm = {**data, "contents": form.initial["contents"], "digest": form.initial["digest"]}
    response = admin_client.post(IMPORT, {**confirm, "filename": "z.json", "confirm": "1"})
    assert response.status_code == 200
    assert "changed since this preview" in response.content.decode()
    assert Reading.objects.get(pk=reading.pk).volume == "99"
    assert Reading.objects.count() == 1


def test_a_refused_upload_shows_the_form_again_with_the_reason(admin_client, course):
    data = {"course": course.pk, "role": "recommended", "status": "confirmed"}
    response = admin_client.post(IMPORT, {**data, "file": upload("[1]", "bad.json")})
    assert response.status_code == 200
    assert "CSL JSON is a list of items, each an object." in response.content.decode()
    assert Reading.objects.count() == 0


def test_the_preview_shows_each_change_from_old_to_new(admin_client, course):
    ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2020", volume="")
    data = {"course": course.pk, "role": "recommended", "status": "confirmed"}
    content = admin_client.post(IMPORT, {**data, "file": upload()}).content.decode()
    assert "<td>Update</td>" in content and "<strong>volume</strong>: — → 5" in content


def test_the_readings_changelist_links_to_the_import(admin_client):
    content = admin_client.get(reverse("admin:readings_reading_changelist")).content.decode()
    assert IMPORT in content and "Import from Zotero" in content


def test_the_import_page_is_for_staff_only(client):
    assert client.get(IMPORT).status_code == 302


def test_the_plan_digest_changes_when_what_the_preview_shows_changes(course):
    refs = read_references(ZOTERO, "z.json")
    reading = ReadingFactory(course=course, title="Urban Artificial Intelligence", year="2020")
    before = plan_digest(plan_import(course, refs))
    assert plan_digest(plan_import(course, refs)) == before
    Reading.objects.filter(pk=reading.pk).update(volume="99")
    assert plan_digest(plan_import(course, refs)) != before


def test_a_reference_the_readings_refuse_imports_nothing_and_says_why(admin_client, course):
    item = '[{"type": "book", "title": "Fine", "issued": {"date-parts": [[2020]]}},'
    item += ' {"type": "book", "title": "\\u0000"}]'  # a title that is only a NUL character
    data = {"course": course.pk, "role": "recommended", "status": "confirmed"}
    form = admin_client.post(IMPORT, {**data, "file": upload(item)}).context["form"]
    confirm = {**data, "contents": form.initial["contents"], "digest": form.initial["digest"]}
    response = admin_client.post(IMPORT, {**confirm, "filename": "z.json", "confirm": "1"})
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert Reading.objects.count() == 0
