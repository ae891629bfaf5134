"""A small course with a row of each model that renders HTML, and people of each kind."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission

import backup.archive
from tests.backup.trust.archives import DECK, SLUG
from tests.factories import (
    AssignmentFactory,
    CharacterFactory,
    CharacterLinkFactory,
    CourseFactory,
    EnrolmentFactory,
    InvitationFactory,
    ProgramItemFactory,
    ReadingFactory,
    StaffFactory,
    TermFactory,
    UserFactory,
    WeekFactory,
)
from weeks.revisions import save_deck


@pytest.fixture
def applied_migrations(monkeypatch):
    """The test database is built without migrations: give it the record a real one has."""
    applied = {(config.label, "0001_initial") for config in apps.get_app_configs()}
    monkeypatch.setattr(backup.archive, "applied_migrations", lambda: applied)
    return applied


@pytest.fixture
def trusted_course(settings, tmp_path, applied_migrations):
    """A course with a row of each model that renders HTML, a staff member, a student and an
    invited person."""
    settings.MEDIA_ROOT = tmp_path / "media"
    course = CourseFactory(slug=SLUG, description="The *course*.")
    TermFactory(course=course, hanzi="城市")
    week = WeekFactory(course=course, number=1, summary="The *week*: 城市.")
    save_deck(week, DECK)
    ProgramItemFactory(week=week, description="The *item*.")
    AssignmentFactory(course=course, instructions="The *instructions*.")
    character = CharacterFactory(course=course, week=week, notes="The *notes*.")
    CharacterLinkFactory(character=character, label="Wiktionary")
    ReadingFactory(course=course)
    teacher = StaffFactory(username="teacher")
    teaching = AuthGroup.objects.create(name="Teaching")
    teacher.groups.add(teaching)
    teacher.user_permissions.add(Permission.objects.get(codename="view_course"))
    EnrolmentFactory(user=teacher, course=course, role="instructor")
    EnrolmentFactory(user=UserFactory(username="student"), course=course)
    InvitationFactory(user=UserFactory(username="invited"), course=course, token="known-token")
    return course
