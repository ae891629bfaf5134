"""Readings, group names and submission text never inject script or styles, and stay readable."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assignments.services import create_group, save_revision, submit_for_review
from readings.models import Reading, WeekReading
from tests.factories import AssignmentFactory, EnrolmentFactory, UserFactory, WeekFactory
from tests.security.audit import html_problems
from tests.security.vectors import SCRIPT_VECTORS

pytestmark = pytest.mark.django_db

PAYLOAD = " ".join(v.replace("\x00", "") for v in SCRIPT_VECTORS)[:280] + "."


@pytest.fixture
def week7(course):
    return WeekFactory(course=course, number=7)


def test_hostile_reading_fields_render_as_text_on_every_readings_page(client, course, week7):
    reading = Reading.objects.create(
        course=course,
        title=PAYLOAD[:500],
        container="<script>alert(1)</script>",
        publisher='"><img src=x onerror=alert(2)>',
        notes=PAYLOAD,
        status="confirmed",
        authors=[{"family": "<b onmouseover=alert(3)>Evil</b>", "given": "A."}],
        year="2020",
        url="https://example.org/?q=<script>",
    )
    WeekReading.objects.create(week=week7, reading=reading, role="required")
    for url in (reverse("readings:list", args=[course.slug]), week7.get_absolute_url()):
        content = client.get(url).content.decode()
        assert html_problems(content) == [], url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example/x",
    ],
)
def test_a_reading_url_must_be_a_web_address(course, url):
    reading = Reading(course=course, title="T", url=url)
    with pytest.raises(ValidationError):
        reading.full_clean()


def test_group_names_and_submissions_render_as_text_for_members_staff_and_the_board(
    course, week7, staff
):
    assignment = AssignmentFactory(
        course=course,
        week=week7,
        slug="final-project",
        topics_visible=True,
        min_sources=0,
        group_min_size=1,
    )
    student = EnrolmentFactory(course=course, user=UserFactory(username="s1")).user
    group = create_group(
        assignment=assignment, user=student, name="<img src=x onerror=alert(9)>\u202egroup"
    )
    save_revision(
        group=group,
        author=student,
        base_number=0,
        topic=PAYLOAD[:200],
        sources=["javascript:alert(10)", "<script>alert(11)</script>"],
        argument="Cities <script>alert(12)</script> are made by plans.",
    )
    submit_for_review(group=group, base_number=1)
    member, instructor = Client(), Client()
    member.force_login(student)
    instructor.force_login(staff)
    student_pages = [
        reverse("assignments:detail", args=[course.slug, assignment.slug]),
        reverse("assignments:history", args=[course.slug, assignment.slug, group.pk]),
        reverse("assignments:topics", args=[course.slug, assignment.slug]),
    ]
    for url in student_pages:
        response = member.get(url)
        assert response.status_code == 200, url
        assert html_problems(response.content.decode()) == [], url
    # The admin draws its own SVG icons: there, check that no vector arrives unescaped.
    for url in (
        reverse("admin:assignments_submission_changelist"),
        reverse("admin:assignments_group_changelist"),
    ):
        content = instructor.get(url).content.decode()
        assert "<img src=x onerror" not in content and "<script>alert(" not in content, url
    detail = member.get(student_pages[0]).content.decode()
    assert "&lt;script&gt;alert(12)&lt;/script&gt;" in detail


def test_a_nul_byte_in_a_group_name_is_refused_with_a_message(course, week7):
    assignment = AssignmentFactory(course=course, week=week7, slug="final-project")
    student = EnrolmentFactory(course=course, user=UserFactory(username="s1")).user
    client = Client()
    client.force_login(student)
    response = client.post(
        reverse("assignments:create-group", args=[course.slug, assignment.slug]),
        {"name": "Null\x00group"},
    )
    assert response.status_code in (200, 400)
    assert "Null" in response.content.decode()  # what was typed is kept
    assert not assignment.groups.exists()
