"""A slide's position is unique in its week, in the database."""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from tests.factories import WeekFactory
from weeks.models import Slide
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

migration = __import__("weeks.migrations.0004_slide_position_unique", fromlist=["x"])


@pytest.fixture
def three_slides(week):
    save_deck(week, "# One\n---\n# Two\n---\n# Three")
    return week


def headings_in_order(week):
    return list(week.slides.order_by("position").values_list("heading", flat=True))


def test_the_database_refuses_two_slides_at_one_position(three_slides):
    with pytest.raises(IntegrityError), transaction.atomic():
        Slide.objects.create(week=three_slides, position=1, content="# Intruder")


@pytest.mark.django_db(transaction=True)
def test_the_migration_renumbers_weeks_whose_slides_share_positions(week, monkeypatch):
    """Rows written before the constraint existed, as the migration finds them."""
    other = WeekFactory(course=week.course, number=week.number + 1)
    (constraint,) = Slide._meta.constraints
    with monkeypatch.context() as before_the_migration:
        # SQLite rebuilds the table from the model: show it the model of migration 0003.
        before_the_migration.setattr(Slide._meta, "constraints", [])
        with connection.schema_editor() as editor:
            editor.remove_constraint(Slide, constraint)
    try:
        Slide.objects.bulk_create(
            [
                Slide(week=week, position=p, content=f"# {n}")
                for n, p in [("b", 0), ("c", 2), ("a", 0)]
            ]
            + [Slide(week=other, position=p, content="# Kept") for p in (5, 9)]
        )
        migration.renumber_weeks_with_shared_positions(apps, None)
        order = week.slides.order_by("position").values_list("content", "position")
        assert list(order) == [("# b", 0), ("# a", 1), ("# c", 2)]
        assert list(other.slides.values_list("position", flat=True)) == [5, 9]
    finally:
        with connection.schema_editor() as editor:
            editor.add_constraint(Slide, constraint)
