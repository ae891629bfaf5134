"""The boards on the week page after class: for the course's people, never for anonymous."""

import pytest
from django.test import Client

from tests.factories import ContributionFactory, EnrolmentFactory, UserFactory
from weeks.extensions import week_page_panels

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(week):
    ContributionFactory(week=week, slide=3, text="Consent before sensors")
    ContributionFactory(week=week, slide=3, text="Removed by staff", is_hidden=True)
    return week


def test_enrolled_students_see_the_board_on_the_week_page(client, board, enrolled):
    client.force_login(enrolled)
    html = client.get(board.get_absolute_url()).content.decode()
    assert "Discussion boards" in html and "Consent before sensors" in html
    assert "Removed by staff" not in html
    assert "board.csv" not in html


def test_anonymous_visitors_never_see_the_board(client, board):
    html = client.get(board.get_absolute_url()).content.decode()
    assert "Consent before sensors" not in html and "Discussion boards" not in html


def test_logged_in_strangers_do_not_see_the_board(client, board):
    client.force_login(UserFactory(username="stranger"))
    assert "Consent before sensors" not in client.get(board.get_absolute_url()).content.decode()


def test_staff_see_the_board_with_its_exports(staff_client, board):
    html = staff_client.get(board.get_absolute_url()).content.decode()
    assert "Consent before sensors" in html and "board.csv" in html and "board.md" in html


def test_the_board_costs_the_week_page_a_fixed_number_of_queries(board, enrolled, page_queries):
    client = Client()
    client.force_login(enrolled)
    few, _ = page_queries(board.get_absolute_url(), client)
    for n in range(5):
        author = EnrolmentFactory(course=board.course).user
        ContributionFactory(week=board, slide=4 + n, author=author)
    many, response = page_queries(board.get_absolute_url(), client)
    assert many == few
    assert response.content.decode().count("<li") >= 6


def test_the_board_adds_no_query_to_the_anonymous_week_page(board, page_queries):
    anonymous, _ = page_queries(board.get_absolute_url())
    hook = week_page_panels._hooks.pop("live")
    try:
        without, _ = page_queries(board.get_absolute_url())
    finally:
        week_page_panels.register("live", hook)
    assert anonymous == without
