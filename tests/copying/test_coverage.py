"""Every model of a course is either copied to a new term or listed as deliberately not."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from backup.discover import course_lookup, project_models
from copying.coverage import COPIED, NOT_COPIED
from weeks.models import Week


def undecided(models_):
    """Labels of the models among `models_` that belong to a course but are in neither list."""
    within = set(models_)
    return sorted(
        model._meta.label
        for model in models_
        if course_lookup(model, within) is not None
        and model._meta.label not in COPIED
        and model._meta.label not in NOT_COPIED
    )


def test_every_model_of_a_course_is_copied_or_deliberately_left_behind():
    missing = undecided(project_models())
    assert missing == [], (
        f"{', '.join(missing)} belong(s) to a course: decide whether a copy to a new term takes "
        "it. Copy it in copying/services.py and list it in copying.coverage.COPIED, or list it "
        "in copying.coverage.NOT_COPIED with the reason."
    )


def test_the_lists_name_only_models_that_exist_and_each_once():
    labels = {model._meta.label for model in project_models()}
    assert not set(COPIED) & set(NOT_COPIED)
    assert set(COPIED) | set(NOT_COPIED) <= labels


@pytest.mark.django_db
def test_a_new_model_of_a_week_is_reported_until_someone_decides():
    with isolate_apps("weeks"):

        class Handout(models.Model):  # noqa: DJ008
            week = models.ForeignKey(Week, on_delete=models.CASCADE)

            class Meta:
                app_label = "weeks"

        assert undecided([*project_models(), Handout]) == ["weeks.Handout"]
