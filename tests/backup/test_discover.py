"""Backups find every model of the project, each with its way to the course."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

import backup.discover
from tests.backup.helpers import COURSE_MODELS
from weeks.models import Week

pytestmark = pytest.mark.django_db


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
