"""Every choice field is checked by the database too, so no writer can store a value outside it."""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from accounts.models import Enrolment
from assignments.models import Assignment, Submission
from glossary.models import Term
from readings.models import Reading, WeekReading
from tests.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    GroupFactory,
    ReadingFactory,
    WeekFactory,
)
from weeks.models import ProgramItem, Week

pytestmark = pytest.mark.django_db


def rows():
    week = WeekFactory()
    reading = ReadingFactory(course=week.course)
    assignment = AssignmentFactory(course=week.course)
    group = GroupFactory(assignment=assignment)
    return {
        (Enrolment, "role"): EnrolmentFactory(course=week.course),
        (Assignment, "late_policy"): assignment,
        (Assignment, "kind"): assignment,
        (Submission, "status"): group.submission,
        (Term, "status"): Term.objects.create(course=week.course, hanzi="创新", pinyin="chuàngxīn"),
        (Reading, "kind"): reading,
        (Reading, "status"): reading,
        (WeekReading, "role"): WeekReading.objects.create(week=week, reading=reading),
        (Week, "slide_ratio"): week,
        (ProgramItem, "kind"): ProgramItem.objects.create(week=week, title="Lecture"),
    }


def test_each_choice_field_of_the_project_is_covered():
    choice_fields = {
        (model, field.name)
        for app in ("accounts", "assignments", "glossary", "readings", "weeks")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        if field.choices
    }
    assert choice_fields <= set(rows())


@pytest.mark.parametrize("index", range(10))
def test_a_value_outside_the_choices_is_refused_by_the_database(index):
    (model, name), row = list(rows().items())[index]
    # Short enough for every column, so PostgreSQL answers with the check, not the length.
    outside = "?"
    assert outside not in dict(model._meta.get_field(name).flatchoices)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{name: outside})
    row.refresh_from_db()
    assert getattr(row, name) != outside
