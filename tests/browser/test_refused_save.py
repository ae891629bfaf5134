"""A student typing while her group-mate hands the work in: her Save is refused, in chromium,
with the reason on the page and every word she typed still in the form."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from assignments import services
from assignments.models import Revision, Submission
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = {"topic": "Shenzhen", "sources": ["Lindtner (2020)", "Wong (2016)"], "argument": "Yes."}
TYPED = {
    "#id_topic": "Shenzhen's urban villages 城中村",
    "#id_sources": "Bach, Urban Villages (2017)\nhttps://example.org/villages",
    "#id_argument": "Urban villages housed the migrants the plan left out.",
}


@pytest.fixture
def group_work(db):
    """Alice and Bob's group, with version 1 saved by Bob."""
    course = CourseFactory(slug="chinese-cities")
    assignment = AssignmentFactory(course=course, slug="final-project")
    alice, bob = (UserFactory(username=name) for name in ("alice", "bob"))
    group = GroupFactory(assignment=assignment, name="Makers")
    for student in (alice, bob):
        EnrolmentFactory(course=course, user=student)
        MembershipFactory(group=group, user=student)
    services.save_revision(group=group, author=bob, base_number=0, **SAVED)
    return assignment, group, alice, bob


def post_as(user, path, data):
    client = Client()
    client.force_login(user)
    return client.post(path, data)


def type_work(page):
    for selector, text in TYPED.items():
        page.fill(selector, text)


def expect_typed_work(page):
    for selector, text in TYPED.items():
        expect(page.locator(selector)).to_have_value(text)


@pytest.fixture
def refused_statuses(expected_errors):
    """Chromium reports a page answered with 409 as a failed load in the console."""
    expected_errors.append("status of 409")


def test_her_text_survives_a_group_mate_submitting_while_she_types(
    browser_page, login, live_server, group_work, refused_statuses
):
    assignment, group, alice, bob = group_work
    login(alice)
    page = browser_page
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    type_work(page)

    submit = reverse("assignments:submit", args=["chinese-cities", "final-project", group.pk])
    assert post_as(bob, submit, {"base_number": 1}).status_code == 302
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#refusal")).to_contain_text("submitted for review")
    expect(page.locator("#refusal")).to_contain_text("what you typed is kept below")
    expect_typed_work(page)
    form = page.locator("#submission-form")
    expect(form.locator("input[name=csrfmiddlewaretoken]")).to_have_count(1)
    expect(form.locator("input[name=base_number]")).to_have_value("1")

    page.get_by_role("button", name="Save", exact=True).click()  # still refused, still kept
    expect(page.locator("#refusal")).to_contain_text("submitted for review")
    expect_typed_work(page)
    assert Revision.objects.count() == 1
    assert Submission.objects.get(group=group).status == Submission.Status.SUBMITTED


def test_after_a_newer_version_she_sees_what_changed_and_saves_hers_deliberately(
    browser_page, login, live_server, group_work, refused_statuses
):
    assignment, group, alice, bob = group_work
    login(alice)
    page = browser_page
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    type_work(page)

    services.save_revision(group=group, author=bob, base_number=1, **SAVED | {"argument": "No."})
    page.get_by_role("button", name="Save", exact=True).click()

    conflict = page.locator("#conflict")
    expect(conflict).to_contain_text("saved version 2")
    expect(conflict.locator("ins")).to_contain_text(["No"])
    expect_typed_work(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved as version 3.")
    assert Revision.objects.get(number=3).argument == TYPED["#id_argument"]
