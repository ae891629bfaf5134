"""Each page a logged-in student opens runs a fixed number of queries whatever the content:
rendered from nothing (her session, the shared page, her parts), and none at all once cached."""

import pytest
from django.test import Client

from assignments import services
from tests.factories import (
    CharacterFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    TermFactory,
    UserFactory,
    WeekFactory,
    WeekReadingFactory,
)
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

WORDS = ["智慧城市", "城市大脑", "业绩", "创客", "新单位", "双创", "深圳", "规划"]
SIZES = {"small": (1, 3, 1, 1), "large": (4, 30, 8, 6)}  # weeks, slides, readings, groups
PAGES = {
    "home": "/{course}/",
    "week": "/{course}/weeks/1/",
    "slideshow": "/{course}/weeks/1/slides/",
    "readings": "/{course}/readings/",
    "glossary": "/{course}/glossary/",
    "assignment": "/{course}/assignments/{assignment}/",
}


def fill(course, assignment, size):
    """A course of `size`; returns one of its students, in a group with a draft."""
    weeks, slides, readings, groups = SIZES[size]
    assignment.group_min_size = 1
    assignment.save()
    for number in range(1, weeks + 1):
        week = WeekFactory(course=course, number=number)
        deck = "\n---\n".join(f"# Slide {n}\n\n{WORDS[n % len(WORDS)]} city" for n in range(slides))
        save_deck(week, deck)
        for _ in range(readings):
            WeekReadingFactory(week=week)
        if number <= len(WORDS) // 2:
            CharacterFactory(course=course, week=week, hanzi=WORDS[number][0])
    for word in WORDS[:readings]:
        TermFactory(course=course, hanzi=word)
    students = []
    for n in range(groups):
        student = EnrolmentFactory(course=course, user=UserFactory(first_name=f"S{n}")).user
        group = GroupFactory(assignment=assignment, name=f"Group {n}")
        MembershipFactory(group=group, user=student)
        services.save_revision(
            group=group, author=student, base_number=0, topic="Shenzhen", sources=["A", "B"]
        )
        students.append(student)
    return students[0]


@pytest.mark.parametrize("name", PAGES)
def test_a_students_page_runs_the_same_queries_at_any_size_and_none_once_cached(
    name, course, assignment, page_queries, django_assert_num_queries
):
    counts = {}
    for size in SIZES:
        for rows in (course.weeks, course.terms, course.characters, assignment.groups):
            rows.all().delete()
        client = Client()
        client.get("/accounts/login/")  # her browser has the CSRF cookie of the login form
        client.force_login(fill(course, assignment, size))
        url = PAGES[name].format(course=course.slug, assignment=assignment.slug)
        counts[size], response = page_queries(url, client)
        with django_assert_num_queries(0):
            assert client.get(url).content == response.content
    assert counts["small"] == counts["large"]
