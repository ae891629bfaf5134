"""Every refused write answers with the assignment page: what was typed is still in the form,
the page says why, and the form is based on the current version so saving again is a choice.
400 for invalid input, 409 when the group's state refuses it, 403 when not enrolled."""

import datetime
import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Enrolment
from assignments.models import Group, Membership, Revision, Submission
from tests.assignments.test_views import client_for, post_work, url

pytestmark = pytest.mark.django_db

TYPED = {
    "topic": "Her topic: Shenzhen's urban villages",
    "sources": "Bach, Shenzhen Urban Villages (2017)\nhttps://example.org/villages",
    "argument": "Urban villages housed the migrants the plan left out.",
}


def form_value(content, name):
    """The value the page's submission form holds for field `name` (unescaped)."""
    textarea = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', content, re.S)
    if textarea:
        return html.unescape(textarea.group(1))
    field = re.search(rf'<input type="[a-z]+" name="{name}" value="([^"]*)"', content)
    return html.unescape(field.group(1)) if field else None


def assert_typed_text_kept(content, typed=TYPED):
    for name, value in typed.items():
        assert form_value(content, name) == value, name


@pytest.fixture
def saved(assignment, g1, s2):
    """Version 1, saved by the group-mate: the version the student starts typing from."""
    assert post_work(client_for(s2), assignment, g1).status_code == 302
    return Submission.objects.get(group=g1)


def test_a_save_after_a_group_mate_submitted_keeps_every_field_and_says_why(
    assignment, g1, s1, s2, saved
):
    client_for(s2).post(url("submit", assignment, g1), {"base_number": 1})
    response = post_work(client_for(s1), assignment, g1, base=1, **TYPED)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Your work has been submitted for review" in content
    assert "Nothing was saved; what you typed is kept below." in content
    assert_typed_text_kept(content)
    assert form_value(content, "base_number") == "1"
    assert 'name="csrfmiddlewaretoken"' in content
    assert Revision.objects.count() == 1


def test_a_save_after_a_group_mate_saved_and_submitted_shows_what_changed(
    assignment, g1, s1, s2, saved
):
    post_work(client_for(s2), assignment, g1, base=1, argument="Maker spaces remade the city.")
    client_for(s2).post(url("submit", assignment, g1), {"base_number": 2})
    response = post_work(client_for(s1), assignment, g1, base=1, **TYPED)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Your work has been submitted for review" in content
    assert "Someone saved a newer version" in content
    assert "<ins>remade</ins>" in content and "<del>turned</del>" in content
    assert_typed_text_kept(content)
    assert form_value(content, "base_number") == "2"


def test_a_save_after_the_deadline_passed_under_the_refuse_policy_keeps_the_text(
    assignment, g1, s1, saved
):
    now = timezone.now()
    assignment.late_policy = assignment.LatePolicy.REFUSE
    assignment.opens_at = now - datetime.timedelta(days=3)
    assignment.group_formation_deadline = now - datetime.timedelta(days=2)
    assignment.due_at = now - datetime.timedelta(minutes=1)
    assignment.save()
    response = post_work(client_for(s1), assignment, g1, base=1, **TYPED)
    assert response.status_code == 409
    content = response.content.decode()
    assert "The deadline passed on" in content and "work is closed" in content
    assert_typed_text_kept(content)
    assert Revision.objects.count() == 1


def test_invalid_input_keeps_every_other_field_next_to_the_error(assignment, g1, s1):
    typed = TYPED | {"argument": "Shenzhen grew. Beijing did not."}
    response = post_work(client_for(s1), assignment, g1, **typed)
    assert response.status_code == 400
    content = response.content.decode()
    assert "this reads as 2 sentences" in content
    assert_typed_text_kept(content, typed)


def test_a_stale_save_shows_what_the_newer_version_changed_and_can_be_saved_again(
    assignment, g1, s1, s2, saved
):
    post_work(client_for(s2), assignment, g1, base=1, argument="Maker spaces remade the city.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(s1)
    client.get(assignment.get_absolute_url())  # the page she typed into: the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        url("save", assignment, g1), {"csrfmiddlewaretoken": token, "base_number": 1, **TYPED}
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "<ins>remade</ins>" in content and "<del>turned</del>" in content
    assert_typed_text_kept(content)
    again = {name: form_value(content, name) for name in ("base_number", *TYPED)}
    page_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
    response = client.post(
        url("save", assignment, g1), {"csrfmiddlewaretoken": page_token, **again}
    )
    assert response.status_code == 302
    latest = Revision.objects.get(number=3)
    assert (latest.author, latest.topic, latest.argument) == (s1, TYPED["topic"], TYPED["argument"])


def test_submitting_a_version_that_is_no_longer_the_latest_shows_the_newer_one(
    assignment, g1, s1, s2, saved
):
    post_work(client_for(s2), assignment, g1, base=1, argument="Maker spaces remade the city.")
    response = client_for(s1).post(url("submit", assignment, g1), {"base_number": 1})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone saved a newer version" in content and "check it, then submit again" in content
    assert "<ins>remade</ins>" in content
    assert "Submit version 2 for review" in content
    assert Submission.objects.get(group=g1).status == Submission.Status.DRAFT


def test_a_refused_group_name_is_kept_with_the_reason(assignment, g1, s3):
    response = client_for(s3).post(url("create-group", assignment), {"name": "Group one"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Another group already has this name" in content
    assert 'value="Group one"' in content
    assert Group.objects.filter(name="Group one").count() == 1


def test_joining_after_formation_closed_keeps_the_code_and_says_why(assignment, g1, s3):
    assignment.group_formation_deadline = assignment.opens_at
    assignment.save()
    response = client_for(s3).post(url("join-group", assignment), {"code": g1.join_code})
    assert response.status_code == 409
    content = response.content.decode()
    assert "cannot be formed or changed" in content
    assert f'value="{g1.join_code}"' in content
    assert not Membership.objects.filter(user=s3).exists()


@pytest.fixture
def unenrolled(course, g1, s1, saved):
    """s1, still a member of g1, whose enrolment in the course was deleted."""
    Enrolment.objects.filter(user=s1, course=course).delete()
    return s1


def test_a_student_removed_from_the_course_cannot_save_and_keeps_her_text(
    assignment, g1, unenrolled
):
    response = post_work(client_for(unenrolled), assignment, g1, base=1, **TYPED)
    assert response.status_code == 403
    content = response.content.decode()
    assert "you are not (or no longer) one of them: nothing was saved" in content
    assert_typed_text_kept(content)
    assert Revision.objects.count() == 1


def memberships():
    return list(Membership.objects.order_by("pk").values_list("group", "user"))


@pytest.mark.parametrize(("view", "data"), [("submit", {"base_number": 1}), ("leave-group", {})])
def test_a_student_removed_from_the_course_cannot_submit_or_leave(
    assignment, g1, unenrolled, view, data
):
    before = memberships()
    response = client_for(unenrolled).post(url(view, assignment, g1), data)
    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()
    assert memberships() == before
    assert Submission.objects.get(group=g1).status == Submission.Status.DRAFT


@pytest.mark.parametrize("view", ["create-group", "join-group"])
def test_a_student_removed_from_the_course_cannot_form_groups(assignment, g2, unenrolled, view):
    Membership.objects.filter(user=unenrolled).delete()  # she had left her group before
    data = {"name": "Breakaway", "code": g2.join_code}
    before = memberships()
    response = client_for(unenrolled).post(url(view, assignment), data)
    assert response.status_code == 403
    content = response.content.decode()
    assert "nothing was saved" in content
    assert "Breakaway" in content if view == "create-group" else g2.join_code in content
    assert memberships() == before
    assert Group.objects.count() == 2
