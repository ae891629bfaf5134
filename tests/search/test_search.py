"""Searching a course: the same answers on SQLite and PostgreSQL, nothing private found."""

import pytest
from django.urls import reverse

from demo import DECK_PATH
from search.models import Entry
from search.services import search
from tests.factories import StaffFactory, TermFactory, WeekFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

DECK = DECK_PATH.read_text(encoding="utf-8")


@pytest.fixture
def week_7(week):
    week.is_published = True
    week.save()
    save_deck(week, DECK)
    return week


def titles(results):
    return [result.entry.title for result in results]


QUERIES = {
    # query: the heading of a slide it must find
    "City Brain": "Alibaba City Brain",
    "city brains": "Alibaba City Brain",
    "城市大脑": "Alibaba City Brain",
    "chengshi danao": "Alibaba City Brain",
    "chéngshì dànǎo": "Alibaba City Brain",
    "创客": "创客 chuangke: the Boom",
    "chuangke": "创客 chuangke: the Boom",
    "chuàngkè": "创客 chuangke: the Boom",
    "chuang ke": "创客 chuangke: the Boom",
}


@pytest.mark.parametrize("query", QUERIES)
def test_english_character_and_pinyin_queries_find_their_slide(week_7, anonymous_user, query):
    found = titles(search(week_7.course, query, anonymous_user))
    assert any(title.endswith(f": {QUERIES[query]}") for title in found), found


def test_a_result_links_to_its_slide_and_shows_the_match_in_context(week_7, anonymous_user):
    (first, *_) = [
        result
        for result in search(week_7.course, "City Brain", anonymous_user)
        if result.entry.kind == Entry.Kind.SLIDE
    ]
    assert first.entry.url.startswith(f"/{week_7.course.slug}/weeks/7/slides/#")
    assert first.match.lower().startswith(("city", "brain"))


def test_notes_and_unpublished_weeks_are_never_found_by_students(course, anonymous_user):
    draft = WeekFactory(course=course, number=9, is_published=False)
    save_deck(draft, "# Secret plans for 2027\n")
    shown = WeekFactory(course=course, number=3, is_published=True)
    save_deck(shown, "# Public slide\n\n???\nwhisper the password swordfish\n")
    assert search(course, "swordfish", anonymous_user) == []
    assert search(course, "secret plans", anonymous_user) == []
    staff = StaffFactory()
    assert "Week 9, slide 1: Secret plans for 2027" in titles(search(course, "secret plans", staff))
    assert search(course, "swordfish", staff) == []  # notes are never indexed


def test_publishing_a_week_makes_its_slides_findable(course, anonymous_user):
    draft = WeekFactory(course=course, number=9, is_published=False)
    save_deck(draft, "# Shenzhen in 1980\n")
    assert search(course, "Shenzhen", anonymous_user) == []
    draft.is_published = True
    draft.save()
    assert "Week 9, slide 1: Shenzhen in 1980" in titles(search(course, "Shenzhen", anonymous_user))


def test_confirmed_glossary_terms_are_found_drafts_are_not(course, anonymous_user):
    TermFactory(
        course=course,
        hanzi="双创",
        pinyin="shuāngchuàng",
        gloss="mass innovation",
        status="confirmed",
    )
    TermFactory(course=course, hanzi="草稿", pinyin="cǎogǎo", gloss="draft", status="draft")
    assert titles(search(course, "shuangchuang", anonymous_user)) == ["双创 shuāngchuàng"]
    assert search(course, "cǎogǎo", anonymous_user) == []


def test_a_search_costs_the_same_queries_however_many_results(
    week_7, client, django_assert_num_queries
):
    url = reverse("search:search", args=[week_7.course.slug])
    with django_assert_num_queries(2):  # the course, the entries
        few = client.get(url, {"q": "Shenzhen"})
    with django_assert_num_queries(2):
        many = client.get(url, {"q": "China"})
    assert few.status_code == many.status_code == 200
    assert (
        many.content.decode().count('class="search-result ')
        > few.content.decode().count('class="search-result ')
        >= 1
    )


def test_the_search_page_escapes_the_query_and_keeps_it_in_the_box(week_7, client):
    url = reverse("search:search", args=[week_7.course.slug])
    page = client.get(url, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
