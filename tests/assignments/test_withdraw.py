"""A group takes handed-in work back until the instructor starts reviewing it: the work is
in review, or a staff answer (feedback, grade, status) was saved since it was handed in."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from assignments import services
from assignments.models import Assignment, Submission
from tests.assignments.test_views import client_for, post_work, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(assignment, g1, s1):
    post_work(client_for(s1), assignment, g1, sources="A\nB")
    services.submit_for_review(group=g1, base_number=1)
    return Submission.objects.get(group=g1)


def answer(submission, staff, **fields):
    current = services.lock_for_feedback(submission, submission.feedback_number)
    for name, value in fields.items():
        setattr(current, name, value)
    services.record_feedback(
        current, by=staff, base_number=submission.feedback_number, changed=True
    )
    return Submission.objects.get(pk=submission.pk)


def test_a_member_takes_submitted_work_back_to_a_draft(assignment, g1, s2, submitted):
    client = client_for(s2)
    response = client.post(url("withdraw", assignment, g1))
    assert response.status_code == 302
    submission = Submission.objects.get(group=g1)
    assert submission.status == Submission.Status.DRAFT
    assert (submission.submitted_at, submission.submitted_revision) == (None, None)
    assert submission.revisions.count() == 1, "the history keeps every version"
    assert "back with your group" in client.get(assignment.get_absolute_url()).content.decode()


def test_withdrawn_work_can_be_edited_and_handed_in_again(assignment, g1, s1, submitted):
    client_for(s1).post(url("withdraw", assignment, g1))
    assert post_work(client_for(s1), assignment, g1, base=1, topic="Fixed typo").status_code == 302
    services.submit_for_review(group=g1, base_number=2)
    assert Submission.objects.get(group=g1).submitted_revision.topic == "Fixed typo"


def test_work_in_review_cannot_be_taken_back_and_the_page_says_why(
    assignment, g1, s1, submitted, staff
):
    answer(submitted, staff, status=Submission.Status.IN_REVIEW)
    response = client_for(s1).post(url("withdraw", assignment, g1))
    content = response.content.decode()
    assert response.status_code == 409
    assert 'id="refusal"' in content and "started reviewing your work" in content
    assert Submission.objects.get(group=g1).status == Submission.Status.IN_REVIEW


def test_a_feedback_draft_saved_since_the_hand_in_counts_as_reviewing(g1, submitted, staff):
    answer(submitted, staff, feedback="Half-written note")
    assert Submission.objects.get(group=g1).review_started
    with pytest.raises(ValidationError, match="started reviewing"):
        services.withdraw_submission(group=g1)


def test_a_grade_saved_since_the_hand_in_counts_as_reviewing(g1, submitted, staff):
    answer(submitted, staff, grade=12)
    with pytest.raises(ValidationError, match="started reviewing"):
        services.withdraw_submission(group=g1)


def test_feedback_from_an_earlier_round_does_not_block_the_next_withdrawal(
    assignment, g1, s1, submitted, staff
):
    answer(submitted, staff, status=Submission.Status.NEEDS_REVISION, feedback="Narrow it.")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        post_work(client_for(s1), assignment, g1, base=1, topic="Narrower")
        services.submit_for_review(group=g1, base_number=2)
        services.withdraw_submission(group=g1)
    submission = Submission.objects.get(group=g1)
    assert submission.status == Submission.Status.NEEDS_REVISION, "the request still stands"
    assert submission.feedback == "Narrow it."


@pytest.mark.parametrize("status", ["draft", "accepted", "needs-revision"])
def test_only_work_waiting_for_review_can_be_taken_back(g1, status):
    Submission.objects.filter(group=g1).update(status=status)
    with pytest.raises(ValidationError, match="Only work waiting for review"):
        services.withdraw_submission(group=g1)


def test_after_a_refusing_deadline_work_is_not_taken_back(assignment, g1, submitted):
    Assignment.objects.filter(pk=assignment.pk).update(late_policy="refuse")
    late = time_machine.travel(assignment.due_at + datetime.timedelta(minutes=1))
    with late, pytest.raises(ValidationError, match="could not be handed in again"):
        services.withdraw_submission(group=g1)
    assert Submission.objects.get(group=g1).status == Submission.Status.SUBMITTED


@pytest.mark.parametrize("who", ["anonymous", "other group"])
def test_no_one_outside_the_group_withdraws_its_work(assignment, g1, g2, s3, submitted, who):
    response = client_for(None if who == "anonymous" else s3).post(url("withdraw", assignment, g1))
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert Submission.objects.get(group=g1).status == Submission.Status.SUBMITTED


def test_the_page_offers_the_withdraw_button_only_while_it_is_possible(
    assignment, g1, s1, submitted, staff
):
    action = url("withdraw", assignment, g1)
    assert action in client_for(s1).get(assignment.get_absolute_url()).content.decode()
    answer(submitted, staff, status=Submission.Status.IN_REVIEW)
    content = client_for(s1).get(assignment.get_absolute_url()).content.decode()
    assert action not in content
