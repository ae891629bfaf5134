"""The rich demo course every backup test exports, and the settings it needs."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

import backup.archive
from assignments.models import Assignment, Group, Membership, Submission
from assignments.services import save_revision, start_group, submit_for_review
from courses.models import Course
from tests.backup.helpers import COURSE_MODELS, SLUG, WEEK_8_DECK, png
from tests.factories import (
    CharacterLinkFactory,
    CourseFactory,
    EnrolmentFactory,
    InvitationFactory,
    ReadingFactory,
    RubricCriterionFactory,
    StaffFactory,
    UserFactory,
    WeekFactory,
    pdf_bytes,
)
from weeks.models import SlideImage
from weeks.revisions import save_deck


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
    save_deck(week_8, WEEK_8_DECK)
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
    submission = Submission.objects.get(group=group)
    submission.status = Submission.Status.NEEDS_REVISION
    submission.feedback = "Narrow the topic to **one district**."
    submission.feedback_by, submission.feedback_at = instructor, timezone.now()
    submission.grade = Decimal("14.75")
    submission.save()
    hand_in_with_a_pdf(course, camille)

    # Another course and someone unrelated: neither belongs in the archive.
    other = CourseFactory(slug="shanghai-studio", title="Shanghai Studio")
    EnrolmentFactory(user=UserFactory(username="bystander"), course=other)
    ReadingFactory(course=other, title="Not in this course")
    return Course.objects.get(pk=course.pk)


def hand_in_with_a_pdf(course, author):
    """The demo's file hand-in with a rubric and two versions of a group's PDF (the private
    storage)."""
    report = Assignment.objects.get(course=course, slug="field-report")
    RubricCriterionFactory(assignment=report, title="Evidence", points=12)
    group = start_group(assignment=report, name="Report group")
    Membership.objects.create(group=group, user=author)
    for number, text in enumerate(("First draft", "Final"), start=0):
        upload = SimpleUploadedFile("Field report.pdf", pdf_bytes(text))
        save_revision(group=group, author=author, base_number=number, topic=text, upload=upload)
