"""Two staff answering the same submission in the admin: the second answer, written on a page
read before the first was saved, is refused with its text kept and the first answer shown."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from assignments import services
from assignments.admin import SubmissionAdmin
from assignments.models import Submission
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

CONTENT = {"topic": "Shenzhen", "sources": ["A", "B"], "argument": "Cities win."}


@pytest.fixture
def submitted(g1, s1):
    services.save_revision(group=g1, author=s1, base_number=0, **CONTENT)
    return services.submit_for_review(group=g1, base_number=1)


def admin_session(username):
    client = Client()
    client.force_login(StaffFactory(username=username, first_name=username.title()))
    return client


def change_url(submission):
    return reverse("admin:assignments_submission_change", args=[submission.pk])


def open_change_page(client, submission):
    """The fields the admin page holds, as a browser would post them back."""
    content = client.get(change_url(submission)).content.decode()
    return form_fields(content)


def form_fields(content):
    base = re.search(r'name="feedback_base" value="(\d+)"', content)
    feedback = re.search(r'<textarea name="feedback"[^>]*>\n?(.*?)</textarea>', content, re.S)
    status = re.search(r'<option value="([^"]+)" selected>', content)
    return {
        "feedback_base": base.group(1) if base else "",
        "feedback": html.unescape(feedback.group(1)),
        "status": status.group(1),
    }


def test_the_second_staff_answer_on_a_stale_page_is_refused_with_both_answers_shown(submitted):
    first, second = admin_session("amy"), admin_session("ben")
    first_page, second_page = (
        open_change_page(first, submitted),
        open_change_page(second, submitted),
    )
    first_page |= {"status": "needs-revision", "feedback": "Amy: narrow the topic."}
    assert first.post(change_url(submitted), first_page).status_code == 302

    second_page |= {"status": "accepted", "feedback": "Ben: accepted as it is."}
    response = second.post(change_url(submitted), second_page)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Amy saved an answer" in content and "yours was not saved" in content
    assert "Amy: narrow the topic." in content
    kept = form_fields(content)
    assert (kept["feedback"], kept["status"]) == ("Ben: accepted as it is.", "accepted")
    assert 'name="csrfmiddlewaretoken"' in content
    submitted.refresh_from_db()
    assert (submitted.feedback, submitted.feedback_by.username) == ("Amy: narrow the topic.", "amy")

    assert second.post(change_url(submitted), kept).status_code == 302  # now deliberate
    submitted.refresh_from_db()
    assert (submitted.status, submitted.feedback) == ("accepted", "Ben: accepted as it is.")
    assert (submitted.feedback_by.username, submitted.feedback_number) == ("ben", 2)


def test_an_answer_without_its_version_is_refused_and_kept(submitted):
    client = admin_session("amy")
    page = open_change_page(client, submitted) | {"feedback": "Amy: good.", "feedback_base": ""}
    response = client.post(change_url(submitted), page)
    assert response.status_code == 200
    assert form_fields(response.content.decode())["feedback"] == "Amy: good."
    assert Submission.objects.get(pk=submitted.pk).feedback == ""


def test_a_staff_answer_leaves_work_a_student_saved_meanwhile_alone(monkeypatch, g1, s1, s2):
    """A student's save landing between the admin reading the row and writing the answer."""
    services.save_revision(group=g1, author=s1, base_number=0, **CONTENT)
    submission = Submission.objects.get(group=g1)
    save_answer = SubmissionAdmin.save_model

    def student_saves_first(self, request, obj, form, change):
        services.save_revision(group=g1, author=s2, base_number=1, **CONTENT | {"topic": "Newer"})
        save_answer(self, request, obj, form, change)

    monkeypatch.setattr(SubmissionAdmin, "save_model", student_saves_first)
    client = admin_session("amy")
    page = open_change_page(client, submission) | {"feedback": "Amy: keep going."}
    assert client.post(change_url(submission), page).status_code == 302
    submission.refresh_from_db()
    assert (submission.topic, submission.revision_number) == ("Newer", 2)
    assert submission.feedback == "Amy: keep going."
