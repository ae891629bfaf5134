import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from PIL import Image

from demo import DECK_PATH
from tests.factories import ProgramItemFactory
from weeks import decks
from weeks.models import Slide, SlideImage
from weeks.remark import parse_deck
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

WEEK_7 = DECK_PATH.read_text(encoding="utf-8")


def import_week_7(week):
    call_command("import_deck", str(DECK_PATH), course=week.course.slug, week=week.number)


def rendered(week):
    return [
        (s.visible, s.index, s.number, s.css_classes, s.background_css, s.html, s.notes_html)
        for s in week.slides.order_by("position")
    ]


def png_bytes(size=(8, 6)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_import_deck_command_stores_one_row_per_source_slide(week):
    import_week_7(week)
    assert week.slides.count() == 49
    title = week.slides.get(name="title")
    assert title.background_image == "/talks/pspe/img/opimpuc-header.jpg"
    assert "inverse" in title.css_classes.split()
    assert week.slides.filter(html="").count() < 49


def test_import_refuses_to_replace_slides_without_replace(week):
    import_week_7(week)
    with pytest.raises(CommandError, match="--replace"):
        import_week_7(week)
    call_command("import_deck", str(DECK_PATH), course=week.course.slug, week=7, replace=True)
    assert week.slides.count() == 49


def test_dry_run_writes_nothing(week, capsys):
    call_command("import_deck", str(DECK_PATH), course=week.course.slug, week=7, dry_run=True)
    assert not week.slides.exists()
    assert "Would import 49 slides" in capsys.readouterr().out


def test_import_of_an_unknown_week_is_a_clear_error(course):
    with pytest.raises(CommandError, match="No week 99"):
        call_command("import_deck", str(DECK_PATH), course=course.slug, week=99)


def test_the_exported_deck_is_the_imported_file_byte_for_byte(week, capsys):
    import_week_7(week)
    before = rendered(week)
    capsys.readouterr()
    call_command("export_deck", course=week.course.slug, week=7)
    exported = capsys.readouterr().out
    assert exported == WEEK_7
    change = decks.compare_deck(week, parse_deck(exported))
    assert change.summary == "No slide changed" and not change.shown_changes
    save_deck(week, exported)
    assert rendered(week) == before


def test_a_crlf_deck_file_is_stored_and_exported_with_lf(week, tmp_path, capsys):
    deck = tmp_path / "windows.md"
    deck.write_bytes(WEEK_7.replace("\n", "\r\n").encode())
    call_command("import_deck", str(deck), course=week.course.slug, week=week.number)
    capsys.readouterr()
    call_command("export_deck", course=week.course.slug, week=7)
    assert capsys.readouterr().out == WEEK_7
    assert not week.slides.filter(content__contains="\r").exists()


def test_an_edited_slide_is_rerendered_and_exported(week):
    import_week_7(week)
    edited = WEEK_7.replace("# Program Today", "# Edited today\n\n.red[**65%**]", 1)
    save_deck(week, edited)
    slide = week.slides.get(heading="Edited today")
    assert '<span class="red"><strong>65%</strong></span>' in slide.html
    assert decks.export_week_deck(week) == edited


def test_missing_images_lists_deck_paths_until_uploaded(week):
    import_week_7(week)
    missing = decks.missing_images(week)
    assert "/talks/EPFL-GoingEast/img/maker.jpg" in missing
    SlideImage.objects.create(
        course=week.course,
        file_name="maker.jpg",
        image=SimpleUploadedFile("x.png", png_bytes()),
    )
    assert "/talks/EPFL-GoingEast/img/maker.jpg" not in decks.missing_images(week)
    slides = decks.render_week_slides(week)
    maker = next(s for s in slides if s.background_image.endswith("maker.jpg"))
    assert "/media/slides/" in maker.background_css


def test_a_background_image_not_uploaded_is_left_out_and_marked_missing(week):
    import_week_7(week)
    maker = week.slides.get(background_image__endswith="/maker.jpg")
    assert maker.missing_image == "/talks/EPFL-GoingEast/img/maker.jpg"
    assert "background-image" not in maker.background_css
    SlideImage.objects.create(
        course=week.course, file_name="maker.jpg", image=SimpleUploadedFile("x.png", png_bytes())
    )
    decks.render_week_slides(week)
    maker.refresh_from_db()
    assert maker.missing_image == ""
    assert "/media/slides/" in maker.background_css


def test_without_the_image_a_slide_keeps_its_other_background_declarations():
    css = 'background-image: url("img/x.jpg"); background-size: cover; background-color: #222'
    assert decks.without_background_image(css) == "background-size: cover; background-color: #222"


def test_admin_import_shows_the_change_before_replacing(staff_client, week):
    import_week_7(week)
    url = reverse("admin:weeks_week_import_deck", args=[week.pk])
    new_deck = SimpleUploadedFile("deck.md", b"# One\n---\n# Two\n")
    response = staff_client.post(url, {"deck": new_deck})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Replace the slides" in content and "47 removed" in content
    assert week.slides.count() == 49
    assert 'name="based_on" value="1"' in content
    confirm = {"text": "# One\n---\n# Two\n", "based_on": "1", "confirm": "1"}
    response = staff_client.post(url, confirm)
    assert response.status_code == 302
    assert list(week.slides.values_list("heading", flat=True)) == ["One", "Two"]


def test_admin_import_reports_what_is_wrong_and_changes_nothing(staff_client, week):
    import_week_7(week)
    url = reverse("admin:weeks_week_import_deck", args=[week.pk])
    response = staff_client.post(url, {"deck": SimpleUploadedFile("deck.md", b"\xff\xfe\x00bad")})
    assert "UTF-8" in response.content.decode()
    assert week.slides.count() == 49


def test_admin_import_page_is_staff_only(client, student, week):
    client.force_login(student)
    response = client.get(reverse("admin:weeks_week_import_deck", args=[week.pk]))
    assert response.status_code == 302


def test_deck_download_is_staff_only(staff_client, week):
    import_week_7(week)
    url = reverse("weeks:deck-download", args=[week.course.slug, week.number])
    assert Client().get(url).status_code == 302
    response = staff_client.get(url)
    assert response["Content-Type"].startswith("text/markdown")
    assert response.content.decode().count("\n---\n") >= 48


def test_week_page_previews_the_first_slide_and_links_program_items(client, week):
    import_week_7(week)
    ProgramItemFactory(week=week, kind="group-work", title="Assignment 2 / final project alignment")
    content = client.get(week.get_absolute_url()).content.decode()
    assert 'class="slide-thumb"' in content
    group_work = week.slides.get(heading="Group Work")
    assert f'/slides/#{group_work.index}">slide {group_work.index}</a>' in content


def test_slideshow_never_renders_markdown_per_request(client, week, monkeypatch):
    import_week_7(week)

    def fail(*args, **kwargs):
        raise AssertionError("rendered during a request")

    # The names code looks up when it renders: decks call remark.render_deck; site Markdown goes
    # through core.markdown's chosen syntax (remark's render_markdown, bound at app start); and
    # every renderer ends in Python-Markdown's convert, whoever calls it.
    for target in (
        "weeks.remark.render_deck",
        "weeks.remark.render_markdown",
        "weeks.remark.renderer.render_deck",
        "weeks.remark.renderer.render_markdown",
        "core.markdown._syntax",
        "markdown.Markdown.convert",
    ):
        monkeypatch.setattr(target, fail)
    url = reverse("weeks:slideshow", args=[week.course.slug, week.number])
    assert client.get(url).status_code == 200
    assert client.get(week.get_absolute_url()).status_code == 200


def test_slides_are_deleted_with_their_week(week):
    import_week_7(week)
    week.delete()
    assert not Slide.objects.exists()


def test_import_names_the_slide_and_line_that_look_suspicious(week, tmp_path, capsys):
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\n--- \n# Still one\n---\nSource: NBS\n\n# Two\n")
    call_command("import_deck", str(deck), course=week.course.slug, week=week.number)
    err = capsys.readouterr().err
    assert "Slide 1, line 3" in err
    assert "Slide 2, line 6" in err and "Source" in err


def test_admin_preview_lists_the_import_warnings(staff_client, week):
    url = reverse("admin:weeks_week_import_deck", args=[week.pk])
    response = staff_client.post(url, {"text": "# One\n\n--- \n# Still one\n"})
    assert "Slide 1, line 3" in response.content.decode()
    assert not week.slides.exists()


def test_a_deck_over_the_size_cap_is_refused_with_the_slide_named(week, tmp_path):
    deck = tmp_path / "deck.md"
    deck.write_text("# Fine\n---\n" + "x" * 60_000 + "\n")
    with pytest.raises(CommandError, match="Slide 2"):
        call_command("import_deck", str(deck), course=week.course.slug, week=week.number)
    assert not week.slides.exists()


@pytest.mark.django_db(transaction=True)
def test_collectors_read_the_committed_deck_outside_the_write_transaction(week):
    from django.db import connection

    from weeks.signals import deck_imported

    seen = []

    def collector(sender, week, slides, **kwargs):
        seen.append((connection.in_atomic_block, Slide.objects.filter(week=week).count()))

    deck_imported.connect(collector, dispatch_uid="test-collector")
    try:
        save_deck(week, "# One\n---\n# Two")
    finally:
        deck_imported.disconnect(dispatch_uid="test-collector")
    assert seen == [(False, 2)]


def test_a_failing_collector_is_logged_and_the_deck_stays_imported(week, caplog):
    from weeks.signals import deck_imported

    def collector(sender, **kwargs):
        raise RuntimeError("collector broke")

    deck_imported.connect(collector, dispatch_uid="test-broken-collector")
    try:
        save_deck(week, "# One\n---\n# Two")
        slides = list(week.slides.all())
    finally:
        deck_imported.disconnect(dispatch_uid="test-broken-collector")
    assert [slide.html for slide in week.slides.order_by("position")] == [
        "<h1>One</h1>",
        "<h1>Two</h1>",
    ]
    assert [slide.pk for slide in slides] == list(
        week.slides.order_by("position").values_list("pk", flat=True)
    )
    assert "collector broke" in caplog.text
