import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assignments import services
from assignments.models import Assignment, Group, Membership, Revision, Submission
from tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

CONTENT = {
    "topic": "Shenzhen's maker spaces",
    "sources": ["Lindtner, Prototype Nation (2020)", "https://example.org/report"],
    "argument": "Maker spaces turned the city's factories into a planning asset.",
}


def save(group, author, base_number, **changes):
    return services.save_revision(
        group=group, author=author, base_number=base_number, **(CONTENT | changes)
    )


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_creating_a_group_makes_the_student_its_first_member(assignment, s1):
    group = services.create_group(assignment=assignment, user=s1, name="Makers")
    assert list(group.members.all()) == [s1]
    assert Submission.objects.get(group=group).status == Submission.Status.DRAFT
    assert len(group.join_code) == 8


def test_a_student_in_a_group_cannot_create_another(g1, s1):
    with pytest.raises(ValidationError, match="already in a group"):
        services.create_group(assignment=g1.assignment, user=s1, name="Second")


def test_two_groups_of_an_assignment_cannot_share_a_name(g1, s3):
    with pytest.raises(ValidationError, match="name"):
        services.create_group(assignment=g1.assignment, user=s3, name="Group one")


def test_joining_with_the_code_adds_the_student(g2, s1):
    services.join_group(assignment=g2.assignment, user=s1, code=g2.join_code.lower())
    assert s1 in g2.members.all()


def test_a_full_group_refuses_one_more_member(g1, s3, course):
    from tests.assignments.conftest import enrol

    services.join_group(assignment=g1.assignment, user=s3, code=g1.join_code)
    with pytest.raises(ValidationError, match="full"):
        services.join_group(assignment=g1.assignment, user=enrol(course, "s4"), code=g1.join_code)
    assert g1.memberships.count() == 3


def test_an_unknown_code_is_refused(assignment, s1):
    with pytest.raises(ValidationError, match="code"):
        services.join_group(assignment=assignment, user=s1, code="NOPE2345")


def test_joining_after_the_formation_deadline_is_refused(g2, s1, monkeypatch):
    at(monkeypatch, g2.assignment.group_formation_deadline + datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="formed"):
        services.join_group(assignment=g2.assignment, user=s1, code=g2.join_code)


def test_a_member_leaves_and_an_empty_group_without_work_disappears(g2, s3):
    services.leave_group(group=g2, user=s3)
    assert not Group.objects.filter(pk=g2.pk).exists()


def test_a_group_that_has_submitted_keeps_its_members(g1, s1, s2):
    save(g1, s1, 0, sources=["A", "B"])
    services.submit_for_review(group=g1, base_number=1)
    with pytest.raises(ValidationError, match="submitted"):
        services.leave_group(group=g1, user=s2)
    assert g1.memberships.count() == 2


def test_every_save_is_a_numbered_revision_with_author_and_full_content(g1, s1, s2):
    save(g1, s1, 0)
    save(g1, s2, 1, argument="Maker spaces made Shenzhen plan for hardware.")
    revisions = list(Revision.objects.filter(submission__group=g1))
    assert [(r.number, r.author) for r in revisions] == [(1, s1), (2, s2)]
    assert revisions[0].content == CONTENT | {"file": "", "file_name": ""}
    submission = Submission.objects.get(group=g1)
    assert submission.revision_number == 2
    assert submission.argument == "Maker spaces made Shenzhen plan for hardware."


def test_a_save_based_on_an_old_revision_is_a_conflict_and_writes_nothing(g1, s1, s2):
    save(g1, s1, 0)
    with pytest.raises(services.EditConflict) as conflict:
        save(g1, s2, 0, topic="Another topic")
    assert conflict.value.latest.number == 1
    assert Revision.objects.count() == 1
    assert Submission.objects.get(group=g1).topic == CONTENT["topic"]


def test_the_same_save_arriving_twice_makes_one_revision(g1, s1):
    first = save(g1, s1, 0)
    second = save(g1, s1, 0)
    assert first == second
    assert Revision.objects.count() == 1


def test_saving_unchanged_content_makes_no_revision(g1, s1):
    save(g1, s1, 0)
    assert save(g1, s1, 1) is None
    assert Revision.objects.count() == 1


def test_submitting_for_review_records_the_time_and_the_revision(g1, s1):
    revision = save(g1, s1, 0)
    submission = services.submit_for_review(group=g1, base_number=1)
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.submitted_revision == revision
    assert submission.submitted_at is not None and not submission.is_late


def test_submitting_needs_the_minimum_sources_and_group_size(assignment, s1, s3):
    group = services.create_group(assignment=assignment, user=s3, name="Alone")
    save(group, s3, 0, sources=["Only one"])
    with pytest.raises(ValidationError) as error:
        services.submit_for_review(group=group, base_number=1)
    assert error.value.messages == [
        "List at least 2 sources.",
        "A group needs at least 2 members.",
    ]


def test_submitted_work_cannot_be_edited_until_the_instructor_asks_for_a_revision(g1, s1):
    save(g1, s1, 0)
    services.submit_for_review(group=g1, base_number=1)
    with pytest.raises(ValidationError, match="submitted for review"):
        save(g1, s1, 1, topic="Changed")
    Submission.objects.filter(group=g1).update(status=Submission.Status.NEEDS_REVISION)
    assert save(g1, s1, 1, topic="Changed").number == 2


def test_work_cannot_be_saved_before_the_assignment_opens(g1, s1, monkeypatch):
    at(monkeypatch, g1.assignment.opens_at - datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="not open"):
        save(g1, s1, 0)


@pytest.mark.parametrize("policy", [Assignment.LatePolicy.ACCEPT, Assignment.LatePolicy.REFUSE])
@pytest.mark.parametrize("offset", [-1, 0])
def test_work_saved_up_to_the_due_second_is_on_time_under_both_policies(
    g1, s1, monkeypatch, policy, offset
):
    Assignment.objects.filter(pk=g1.assignment_id).update(late_policy=policy)
    at(monkeypatch, g1.assignment.due_at + datetime.timedelta(seconds=offset))
    revision = save(g1, s1, 0)
    submission = services.submit_for_review(group=g1, base_number=1)
    assert not revision.is_late and not submission.is_late


def test_one_second_late_work_is_accepted_and_flagged_when_the_policy_accepts(g1, s1, monkeypatch):
    Assignment.objects.filter(pk=g1.assignment_id).update(late_policy="accept")
    moment = g1.assignment.due_at + datetime.timedelta(seconds=1)
    at(monkeypatch, moment)
    revision = save(g1, s1, 0)
    submission = services.submit_for_review(group=g1, base_number=1)
    assert revision.is_late and submission.is_late
    assert submission.submitted_at == moment


def test_one_second_late_work_is_refused_and_nothing_is_written_when_the_policy_refuses(
    g1, s1, monkeypatch
):
    save(g1, s1, 0)
    Assignment.objects.filter(pk=g1.assignment_id).update(late_policy="refuse")
    at(monkeypatch, g1.assignment.due_at + datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="deadline passed"):
        save(g1, s1, 1, topic="Late change")
    with pytest.raises(ValidationError, match="deadline passed"):
        services.submit_for_review(group=g1, base_number=1)
    submission = Submission.objects.get(group=g1)
    assert (submission.revision_number, submission.status) == (1, Submission.Status.DRAFT)
    assert Revision.objects.count() == 1


def test_a_failure_after_the_revision_row_leaves_no_partial_write(g1, s1, monkeypatch):
    def broken_save(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Submission, "save", broken_save)
    with pytest.raises(RuntimeError):
        save(g1, s1, 0)
    assert Revision.objects.count() == 0


def test_the_database_refuses_a_second_group_for_a_student(g1, g2, s1):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Membership.objects.create(group=g2, user=s1)


def test_membership_repeats_its_groups_assignment(assignment, s1):
    membership = MembershipFactory(group=GroupFactory(assignment=assignment), user=s1)
    assert membership.assignment == assignment


@pytest.mark.parametrize("base_number", [1, 7])
def test_a_form_claiming_a_version_never_saved_is_refused(g1, s1, base_number):
    with pytest.raises(ValidationError, match="out of date"):
        save(g1, s1, base_number)
    with pytest.raises(ValidationError, match="out of date"):
        services.submit_for_review(group=g1, base_number=base_number)
