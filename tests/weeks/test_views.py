import datetime

import pytest

from tests.factories import ProgramItemFactory, WeekFactory
from weeks.models import ProgramItem

pytestmark = pytest.mark.django_db


def test_week_page_shows_title_date_and_program_grouped_by_part(client, week):
    ProgramItemFactory(
        week=week,
        position=0,
        part="First hour",
        kind="presentation",
        title="AI and urban policy in China",
        presenters="Song Ziqian",
    )
    ProgramItemFactory(week=week, position=1, part="First hour", kind="break", title="Break")
    ProgramItemFactory(
        week=week,
        position=2,
        part="Second hour",
        kind="group-work",
        title="Assignment 2 / final project alignment",
    )
    content = client.get(week.get_absolute_url()).content.decode()
    assert "<h1>Planning For Innovation</h1>" in content
    assert week.date.strftime("%Y-%m-%d") in content
    assert (
        content.index("First hour")
        < content.index("AI and urban policy")
        < content.index("Second hour")
    )
    assert "Song Ziqian" in content
    assert "Assignment 2 / final project alignment" in content


def test_unpublished_week_is_hidden_from_students(client, student, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(student)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_see_an_unpublished_week_with_a_draft_banner(staff_client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: students cannot see this week yet." in response.content.decode()


def test_week_of_another_course_is_404(client, week):
    assert client.get("/other-course/weeks/7/").status_code == 404


def test_week_page_runs_the_same_queries_for_1_and_30_program_items(week, page_queries):
    ProgramItemFactory(week=week)
    one, _ = page_queries(week.get_absolute_url())
    ProgramItemFactory.create_batch(29, week=week)
    thirty, response = page_queries(week.get_absolute_url())
    assert one == thirty <= 8
    assert (
        response.content.decode().count('class="program__item ')
        == ProgramItem.objects.count()
        == 30
    )


def test_week_page_shows_the_session_time_and_room_in_paris_time(client, course):
    week = WeekFactory(
        course=course,
        number=5,
        date=datetime.date(2026, 3, 31),
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        room="Room K.011",
    )
    content = client.get(week.get_absolute_url()).content.decode()
    assert '<time datetime="2026-03-31T17:00:00+02:00">17:00</time>' in content
    assert '<time datetime="2026-03-31T19:00:00+02:00">19:00</time>' in content
    assert '<abbr title="Paris time">CEST</abbr>' in content
    assert "Room K.011" in content


def test_week_page_without_a_session_time_says_no_time(client, week):
    assert 'class="session"' not in client.get(week.get_absolute_url()).content.decode()
