"""The week's program names its presenters from the sign-ups, on the (cached) week page."""

import pytest

from presentations import services
from presentations.program import program_with_presenters
from tests.factories import (
    PresentationSlotsFactory,
    ProgramItemFactory,
    SignUpFactory,
    UserFactory,
)
from weeks.models import ProgramItem

pytestmark = pytest.mark.django_db


def item(kind, title="", part=""):
    return ProgramItem(kind=kind, title=title, part=part)


def presenter(slot, name, title):
    signup = SignUpFactory.build(slot=slot, title=title, student=UserFactory.build(first_name=name))
    return signup


class Week:
    def __init__(self, signups):
        self.listed_presentations = signups


def shown(items):
    return [(i.kind, i.presenters, i.title, i.part) for i in items]


def test_each_presentation_item_shows_the_presenter_of_its_slot():
    items = [
        item("presentation", "To be announced", "First hour"),
        item("lecture", "Smart cities", "First hour"),
        item("presentation", "Second topic", "Second hour"),
    ]
    result = program_with_presenters(Week([presenter(1, "Song", "AI and urban policy")]), items)
    assert shown(result) == [
        ("presentation", "Song", "AI and urban policy", "First hour"),
        ("lecture", "", "Smart cities", "First hour"),
        ("presentation", "", "Second topic", "Second hour"),
    ]
    assert items[0].title == "To be announced"  # the week's own items are left as they are


def test_presenters_beyond_the_programs_items_follow_the_last_presentation():
    items = [item("presentation", "Typed", "First hour"), item("break", "Break", "First hour")]
    signups = [presenter(1, "Song", "One"), presenter(2, "Li", "Two")]
    assert shown(program_with_presenters(Week(signups), items)) == [
        ("presentation", "Song", "One", "First hour"),
        ("presentation", "Li", "Two", "First hour"),
        ("break", "", "Break", "First hour"),
    ]


def test_a_program_without_presentations_opens_with_the_presenters():
    items = [item("lecture", "Smart cities", "First hour")]
    result = program_with_presenters(Week([presenter(1, "Song", "One")]), items)
    assert shown(result)[0] == ("presentation", "Song", "One", "First hour")


def test_the_week_page_shows_presentation_name_title_and_follows_each_change(
    client, week, django_capture_on_commit_callbacks
):
    ProgramItemFactory(week=week, position=0, kind="presentation", title="To be announced")
    PresentationSlotsFactory(week=week, count=1)
    assert "To be announced" in client.get(week.get_absolute_url()).content.decode()  # cached
    song = UserFactory(username="song", first_name="Song", last_name="Ziqian")
    with django_capture_on_commit_callbacks(execute=True):
        signup = services.sign_up(week=week, student=song, title="AI & urban <i>policy</i>")
    html = client.get(week.get_absolute_url()).content.decode()
    assert (
        '<span class="program__kind">Presentation</span>\n'
        '          <span class="program__presenters">Song Ziqian</span>\n'
        '          <span class="program__title">AI &amp; urban &lt;i&gt;policy&lt;/i&gt;</span>'
    ) in html
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(signup=signup)
    html = client.get(week.get_absolute_url()).content.decode()
    assert "Song Ziqian" not in html and "To be announced" in html


def test_waiting_students_are_not_in_the_program(client, week):
    PresentationSlotsFactory(week=week, count=1)
    services.sign_up(week=week, student=UserFactory(first_name="Ana"), title="First")
    services.sign_up(week=week, student=UserFactory(first_name="Bo"), title="Waiting")
    html = client.get(week.get_absolute_url()).content.decode()
    assert "First" in html and "Waiting" not in html


def test_the_week_page_costs_the_same_queries_with_one_presenter_or_eight(week, page_queries):
    PresentationSlotsFactory(week=week, count=8)
    ProgramItemFactory(week=week, kind="presentation")
    services.sign_up(week=week, student=UserFactory(), title="One")
    one, _ = page_queries(week.get_absolute_url())
    for number in range(7):
        services.sign_up(week=week, student=UserFactory(), title=f"Topic {number}")
    eight, response = page_queries(week.get_absolute_url())
    assert one == eight
    assert response.content.decode().count("program__item--presentation") == 8
