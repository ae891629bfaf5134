"""The admin index opens with one panel per course, built in a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from assignments.models import Submission
from core.dashboard import Line, Panel, counted, dashboard_for
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    GroupFactory,
    InvitationFactory,
    TermFactory,
    UserFactory,
    WeekFactory,
)
from weeks.models import Slide, SlideImage

pytestmark = pytest.mark.django_db

# Session and user, the recent-actions log, the courses, then the apps' lines: the next
# session, slide images and slides, mentions, draft terms, invitations, submissions, late
# groups.
INDEX_QUERIES = 12


def populated_course(slug):
    """A course with something to do on every line of its panel."""
    course = CourseFactory(slug=slug, title=f"Course {slug}")
    today = timezone.localdate()
    WeekFactory(course=course, number=1, date=today - datetime.timedelta(days=7))
    upcoming = WeekFactory(course=course, number=2, date=today + datetime.timedelta(days=7))
    Slide.objects.create(week=upcoming, position=0, content="![map](img/map.png)")
    SlideImage.objects.create(course=course, file_name="logo.png", image="slides/logo.png")
    TermFactory(course=course, hanzi="创客", status="draft")
    past_due = AssignmentFactory(
        course=course, opens_at=timezone.now() - datetime.timedelta(days=30)
    )
    GroupFactory(assignment=past_due, name="Late")
    waiting = GroupFactory(assignment=past_due, name="Waiting")
    Submission.objects.filter(group=waiting).update(
        status=Submission.Status.SUBMITTED, submitted_at=timezone.now()
    )
    InvitationFactory(course=course)
    return course


def panel_text(response):
    return [
        (panel.title, [line.text for line in panel.lines])
        for panel in response.context["course_panels"]
    ]


def test_staff_see_one_panel_per_course_above_the_app_list(staff_client):
    course = populated_course("chinese-cities")
    response = staff_client.get(reverse("admin:index"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index('class="course-dashboard"') < content.index('id="content-main"')
    [(title, lines)] = panel_text(response)
    assert title == str(course)
    week = course.weeks.get(number=2)
    assert lines == [
        f"Next session, {week.date:%a} {week.date.day} {week.date:%b %Y} — {week}",
        "1 deck image still missing",
        "0 mentions in the slides with no reading yet",
        "1 draft glossary term waiting for confirmation",
        "1 invitation waiting to be accepted",
        "1 submission waiting for feedback",
        "1 group late: past the due date with nothing submitted",
    ]
    assert reverse("admin:courses_course_change", args=[course.pk]) in content


def test_every_line_links_to_an_admin_page_that_opens_for_staff(staff_client):
    populated_course("chinese-cities")
    [panel] = staff_client.get(reverse("admin:index")).context["course_panels"]
    for line in panel.lines:
        assert staff_client.get(line.url).status_code == 200, line.url


@pytest.mark.parametrize("courses", [1, 3])
def test_the_index_takes_the_same_queries_whatever_the_number_of_courses(
    staff_client, django_assert_num_queries, courses
):
    for n in range(courses):
        populated_course(f"course-{n}")
    with django_assert_num_queries(INDEX_QUERIES):
        response = staff_client.get(reverse("admin:index"))
    assert len(response.context["course_panels"]) == courses


def test_students_and_visitors_do_not_reach_the_dashboard(client):
    populated_course("chinese-cities")
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))
    client.force_login(UserFactory(username="student"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "course-dashboard" not in response.content.decode()


def test_staff_see_only_the_lines_whose_page_they_may_open(client):
    populated_course("chinese-cities")
    assistant = UserFactory(username="assistant", is_staff=True)
    assistant.user_permissions.add(Permission.objects.get(codename="change_term"))
    client.force_login(assistant)
    [(_, lines)] = panel_text(client.get(reverse("admin:index")))
    assert lines == ["1 draft glossary term waiting for confirmation"]


def test_an_index_without_courses_shows_no_dashboard(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.context["course_panels"] == []
    assert "course-dashboard" not in response.content.decode()


def test_a_line_needs_attention_only_when_it_counts_something():
    assert Line(text="2 groups late", url="/", count=2).needs_attention
    assert not Line(text="0 groups late", url="/", count=0).needs_attention
    assert not Line(text="Next session", url="/").needs_attention


def test_panels_keep_the_lines_in_the_order_the_apps_registered_them(staff):
    course = populated_course("chinese-cities")
    [panel] = dashboard_for(staff)
    assert isinstance(panel, Panel) and panel.key == course.pk
    assert [line.permission.split(".")[0] for line in panel.lines] == [
        "weeks",
        "weeks",
        "readings",
        "glossary",
        "accounts",
        "assignments",
        "assignments",
    ]


def test_counted_words_agree_with_their_number():
    assert counted(1, "group") == "1 group"
    assert counted(0, "group") == "0 groups"
    assert counted(2, "person", "people") == "2 people"
