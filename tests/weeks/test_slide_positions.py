"""A slide's position is unique in its week: in the database, and in the admin's slides inline."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from tests.factories import WeekFactory
from weeks.decks import import_deck
from weeks.models import Slide
from weeks.remark import parse_deck

pytestmark = pytest.mark.django_db

migration = __import__("weeks.migrations.0004_slide_position_unique", fromlist=["x"])


class FormFields(HTMLParser):
    """The values a browser would post for the first form of a page."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                checkbox = attrs.get("type") == "checkbox"
                self.data[name] = attrs.get("value") or ("on" if checkbox else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None


def change_page_data(staff_client, week):
    url = reverse("admin:weeks_week_change", args=[week.pk])
    parser = FormFields()
    parser.feed(staff_client.get(url).content.decode())
    return url, parser.data


def slide_field(data, content, field):
    """The name of `field` of the inline row whose content is `content`."""
    prefix = next(
        k[: -len("-content")] for k, v in data.items() if k.endswith("-content") and v == content
    )
    return f"{prefix}-{field}"


@pytest.fixture
def three_slides(week):
    import_deck(week, parse_deck("# One\n---\n# Two\n---\n# Three"))
    return week


def headings_in_order(week):
    return list(week.slides.order_by("position").values_list("heading", flat=True))


def test_the_database_refuses_two_slides_at_one_position(three_slides):
    with pytest.raises(IntegrityError), transaction.atomic():
        Slide.objects.create(week=three_slides, position=1, content="# Intruder")


def test_two_slides_swap_positions_in_the_admin(staff_client, three_slides):
    url, data = change_page_data(staff_client, three_slides)
    data[slide_field(data, "# One", "position")] = "2"
    data[slide_field(data, "# Three", "position")] = "0"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert headings_in_order(three_slides) == ["Three", "Two", "One"]


def test_a_slide_takes_the_position_of_a_slide_deleted_in_the_same_save(staff_client, three_slides):
    url, data = change_page_data(staff_client, three_slides)
    data[slide_field(data, "# Two", "DELETE")] = "on"
    data[slide_field(data, "# Three", "position")] = "1"
    assert staff_client.post(url, data).status_code == 302
    assert list(three_slides.slides.values_list("heading", "position")) == [
        ("One", 0),
        ("Three", 1),
    ]


def test_two_slides_at_one_position_are_refused_with_the_typed_text_kept(
    staff_client, three_slides
):
    url, data = change_page_data(staff_client, three_slides)
    data[slide_field(data, "# Three", "position")] = "0"
    data[slide_field(data, "# Three", "content")] = "# Three, edited"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please correct the duplicate data for position" in content
    assert "# Three, edited" in content
    assert headings_in_order(three_slides) == ["One", "Two", "Three"]


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
