"""Races on a live database: real threads, each with its own connection and transaction."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from assignments import services
from assignments.models import Membership, Revision, Submission
from tests.factories import AssignmentFactory, GroupFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(actions):
    """Start every action at the same moment in its own thread; return results or exceptions."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001  (reported to the test)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_students_joining_a_group_of_three_at_once_leave_exactly_three_members():
    assignment = AssignmentFactory(group_max_size=3)
    group = GroupFactory(assignment=assignment)
    students = [UserFactory() for _ in range(10)]
    results = run_together(
        [
            lambda student=student: services.join_group(
                assignment=assignment, user=student, code=group.join_code
            )
            for student in students
        ]
    )
    assert Membership.objects.filter(group=group).count() == 3
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 7
    assert all("full" in error.messages[0] for error in refused)


def test_one_student_joining_two_groups_at_once_ends_in_one_group():
    assignment = AssignmentFactory()
    groups = GroupFactory.create_batch(2, assignment=assignment)
    student = UserFactory()
    results = run_together(
        [
            lambda group=group: services.join_group(
                assignment=assignment, user=student, code=group.join_code
            )
            for group in groups
        ]
    )
    assert Membership.objects.filter(user=student).count() == 1
    assert sum(isinstance(result, ValidationError) for result in results) == 1


def test_two_members_saving_at_once_from_the_same_version_lose_no_text():
    group = GroupFactory()
    alice, bob = UserFactory(), UserFactory()
    for member in (alice, bob):
        group.memberships.create(user=member)
    texts = {alice: "Alice's argument stands.", bob: "Bob's argument stands."}
    results = run_together(
        [
            lambda member=member: services.save_revision(
                group=group,
                author=member,
                base_number=0,
                topic="Topic",
                sources=[],
                argument=texts[member],
            )
            for member in (alice, bob)
        ]
    )
    saved = [result for result in results if isinstance(result, Revision)]
    conflicts = [result for result in results if isinstance(result, services.EditConflict)]
    assert (len(saved), len(conflicts)) == (1, 1)
    assert conflicts[0].latest == saved[0]
    assert Submission.objects.get(group=group).argument == saved[0].argument
    assert Revision.objects.count() == 1


def test_a_double_clicked_save_sent_twice_at_once_makes_one_revision():
    group = GroupFactory()
    member = UserFactory()
    group.memberships.create(user=member)
    results = run_together(
        [
            lambda: services.save_revision(
                group=group, author=member, base_number=0, topic="T", sources=[], argument="A."
            )
        ]
        * 2
    )
    assert all(isinstance(result, Revision) for result in results), results
    assert results[0] == results[1]
    assert Revision.objects.count() == 1
