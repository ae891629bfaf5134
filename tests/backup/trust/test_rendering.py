"""A restore renders HTML again from its source: an archive's HTML is never stored."""

import json

import pytest
from django.core.management.base import CommandError

from courses.models import Course
from tests.backup.trust.archives import (
    SLUG,
    assert_nothing_restored,
    export,
    flush,
    restore,
    rewrite,
    set_fields,
)
from weeks.models import Slide

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('archive')</script>"


# Script in every rendered field, and in a Markdown source too.
TAMPERING = [
    set_fields("courses.course", description_html=SCRIPT),
    set_fields("weeks.week", summary_html=SCRIPT, summary=f"Hi {SCRIPT}"),
    set_fields("weeks.programitem", description_html=SCRIPT),
    set_fields("weeks.slide", html=SCRIPT, notes_html=SCRIPT, heading=SCRIPT),
    set_fields("weeks.slide", background_css="x;}</style>"),
    set_fields("glossary.character", notes_html=SCRIPT),
    set_fields("assignments.assignment", instructions_html=SCRIPT),
]


def tamper_html(files):
    for change in TAMPERING:
        change(files)


def rendered(course):
    """The HTML the course's rows show, each row's in a fixed order."""
    week = course.weeks.get()
    slides = Slide.objects.filter(week=week)
    return {
        "course": course.description_html,
        "week": week.summary_html,
        "item": week.program_items.get().description_html,
        "slides": list(
            Slide.objects.filter(week=week).values_list("html", "notes_html", "heading")
        ),
        "background": list(slides.values_list("background_css")),
        "character": course.characters.get().notes_html,
        "assignment": course.assignments.get().instructions_html,
    }


def test_restored_html_is_rendered_again_from_its_source(trusted_course, tmp_path):
    before = rendered(trusted_course)
    export(tmp_path / "backup.zip")
    flush()
    rewrite(tmp_path / "backup.zip", tamper_html)

    restore(tmp_path / "backup.zip")

    restored = rendered(Course.objects.get(slug=SLUG))
    assert "<script" not in json.dumps(restored) and "</style>" not in json.dumps(restored)
    assert restored["week"] == "<p>Hi </p>", "the tampered source is sanitised"
    del before["week"], restored["week"]
    assert restored == before
    assert 'class="zh-term"' in restored["slides"][0][0], "with the course's terms"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_fields("glossary.characterlink", url="javascript:alert(1)"), "url.*valid URL"),
        (set_fields("courses.course", slug="admin"), "reserved address"),
        (set_fields("weeks.slide", classes="x" * 301), "at most 300 characters"),
    ],
    ids=["script link", "reserved slug", "too long"],
)
def test_restored_values_pass_the_checks_of_a_form(trusted_course, tmp_path, change, message):
    export(tmp_path / "backup.zip")
    flush()
    rewrite(tmp_path / "backup.zip", change)
    with pytest.raises(CommandError, match=message):
        restore(tmp_path / "backup.zip")
    assert_nothing_restored()
