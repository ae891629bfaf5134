"""The live URLs' permission matrix: who may move, post, upvote, moderate and export."""

import pytest
from django.test import Client
from django.urls import reverse

from live import services
from live.models import Contribution, LiveSession, Upvote
from tests.factories import (
    ContributionFactory,
    CourseFactory,
    EnrolmentFactory,
    UserFactory,
    WeekFactory,
)
from tests.live.conftest import DISCUSSION, live_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_staff_move_the_live_position_with_a_204(staff_client, deck):
    response = staff_client.post(live_url(deck, "position"), {"slide": "12"})
    assert response.status_code == 204
    session = LiveSession.objects.get(week=deck)
    assert (session.slide, session.board_shown, session.is_live()) == (12, False, True)


def test_staff_can_show_the_board_full_screen(staff_client, deck):
    staff_client.post(live_url(deck, "position"), {"slide": DISCUSSION, "board": "1"})
    assert LiveSession.objects.get(week=deck).board_shown


@pytest.mark.parametrize("slide", ["0", "13", "x", ""])
def test_a_slide_outside_the_deck_is_refused(staff_client, deck, slide):
    response = staff_client.post(live_url(deck, "position"), {"slide": slide})
    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_students_and_anonymous_visitors_cannot_move_the_position(client, deck, enrolled):
    assert client.post(live_url(deck, "position"), {"slide": "2"}).status_code == 403
    client.force_login(enrolled)
    assert client.post(live_url(deck, "position"), {"slide": "2"}).status_code == 403
    assert not LiveSession.objects.exists()


def test_moving_the_position_needs_the_csrf_token(csrf_client, staff, deck):
    csrf_client.force_login(staff)
    assert csrf_client.post(live_url(deck, "position"), {"slide": "2"}).status_code == 403
    token = _token(csrf_client, deck)
    response = csrf_client.post(
        live_url(deck, "position"), {"slide": "2"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 204


def _token(client, deck):
    """The token the slideshow hands live.js (logged-in pages only: never in a cached page)."""
    page = client.get(reverse("weeks:slideshow", args=[deck.course.slug, deck.number]))
    html = page.content.decode()
    return html.split('data-csrf="', 1)[1].split('"', 1)[0]


def test_the_position_is_read_only_with_get(staff_client, deck):
    assert staff_client.get(live_url(deck, "position")).status_code == 405


def test_an_enrolled_student_posts_on_the_live_discussion_slide(client, deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    client.force_login(enrolled)

    response = client.post(live_url(deck, "board"), {"text": "Limits: consent"})

    assert response.status_code == 201
    assert response.json()["text"] == "Limits: consent"
    assert Contribution.objects.get().slide == DISCUSSION


def test_anonymous_and_unenrolled_visitors_cannot_post(client, deck):
    services.move(week=deck, slide=DISCUSSION)
    assert client.post(live_url(deck, "board"), {"text": "hi"}).status_code == 403
    client.force_login(UserFactory(username="outsider"))
    response = client.post(live_url(deck, "board"), {"text": "hi"})
    assert response.status_code == 403
    assert "enrolled" in response.json()["error"]
    assert not Contribution.objects.exists()


def test_a_student_cannot_post_on_another_courses_board(client, deck, enrolled):
    other = WeekFactory(course=CourseFactory(slug="other-course"), number=deck.number)
    services.move(week=deck, slide=DISCUSSION)
    client.force_login(enrolled)
    assert client.post(live_url(other, "board"), {"text": "hi"}).status_code == 403


def test_a_refused_post_says_why(client, deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    client.force_login(enrolled)
    response = client.post(live_url(deck, "board"), {"text": "x" * 281})
    assert response.status_code == 400
    assert "280 characters" in response.json()["error"]


def test_classmates_upvote_once_each(client, deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    made = ContributionFactory(week=deck, slide=DISCUSSION)
    client.force_login(enrolled)
    url = live_url(deck, "upvote", made.pk)
    assert client.post(url).status_code == 204
    assert client.post(url).status_code == 409
    assert Upvote.objects.filter(contribution=made).count() == 1


def test_anonymous_visitors_cannot_upvote(client, deck):
    made = ContributionFactory(week=deck, slide=DISCUSSION)
    assert client.post(live_url(deck, "upvote", made.pk)).status_code == 403


def test_only_staff_hide_and_pin(staff_client, deck, enrolled):
    made = ContributionFactory(week=deck, slide=DISCUSSION)
    url = live_url(deck, "moderate", made.pk)
    student = Client()
    student.force_login(enrolled)
    assert student.post(url, {"hidden": "1"}).status_code == 403
    assert staff_client.post(url, {"hidden": "1", "pinned": "1"}).status_code == 204
    made.refresh_from_db()
    assert made.is_hidden and made.is_pinned


def test_a_contribution_is_moderated_only_through_its_own_week(staff_client, deck):
    made = ContributionFactory(week=WeekFactory(course=deck.course, number=8), slide=3)
    response = staff_client.post(live_url(deck, "moderate", made.pk), {"hidden": "1"})
    assert response.status_code == 404


def test_only_staff_export_the_boards(staff_client, deck, enrolled):
    ContributionFactory(week=deck, slide=DISCUSSION, text="=HYPERLINK(1)")
    student = Client()
    student.force_login(enrolled)
    for name in ("export-csv", "export-md"):
        assert Client().get(live_url(deck, name)).status_code == 302  # to the login page
        assert student.get(live_url(deck, name)).status_code == 302
    csv = staff_client.get(live_url(deck, "export-csv"))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="week-07-boards.csv"' in csv["Content-Disposition"]
    assert "'=HYPERLINK(1)" in csv.content.decode()
    markdown = staff_client.get(live_url(deck, "export-md"))
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"


def test_unpublished_weeks_have_no_live_urls_for_students(client, deck, enrolled):
    deck.is_published = False
    deck.save()
    EnrolmentFactory(user=enrolled, course=deck.course)
    client.force_login(enrolled)
    assert client.post(live_url(deck, "board"), {"text": "hi"}).status_code == 404
    assert client.get(live_url(deck, "events")).status_code == 404
