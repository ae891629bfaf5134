"""A roster import of 2,000 rows writes in short transactions, survives a crash halfway and
concurrent imports, and never creates an account, an enrolment or an e-mail twice."""

import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from accounts import services
from accounts.models import Enrolment, Invitation
from outbox.models import Message
from outbox.services import deliver_due
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def roster_of(numbers):
    return "name,email\n" + "".join(f"Student {n},student{n}@example.org\n" for n in numbers)


def import_roster(course, text, **options):
    return services.import_roster(
        course=course, text=text, absolute_url=lambda path: f"https://example.org{path}", **options
    )


def counts():
    """Accounts, enrolments, invitations and queued e-mails, in that order."""
    return (
        get_user_model().objects.filter(email__endswith="@example.org").count(),
        Enrolment.objects.count(),
        Invitation.objects.count(),
        Message.objects.count(),
    )


def recipients():
    return Counter(address for to in Message.objects.values_list("to", flat=True) for address in to)


class WriteTransactions:
    """An execute_wrapper recording each write transaction's statements and, once it has
    committed, the table counts, so that the rows each transaction added can be told apart.
    The page cache's version row, bumped after each batch commits, is not the roster's."""

    def __init__(self):
        self.statements = []
        self.counts_after = []
        self.open = False

    def __call__(self, execute, sql, params, many, context):
        if context["connection"].in_atomic_block and "core_pagecacheversion" not in sql:
            if not self.open:
                self.open = True
                self.statements.append(0)
                context["connection"].on_commit(self.committed)
            self.statements[-1] += 1
        return execute(sql, params, many, context)

    def committed(self):
        self.open = False
        self.counts_after.append(counts())

    def rows_added(self, before):
        steps = [before, *self.counts_after]
        return [
            tuple(new - old for old, new in zip(first, then, strict=True))
            for first, then in zip(steps, steps[1:], strict=False)
        ]


def test_a_2000_row_roster_is_written_in_short_transactions_and_each_person_invited_once(course):
    transactions = WriteTransactions()
    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(transactions):
        report = import_roster(course, roster_of(range(2000)))
    assert (len(report.invited), report.enrolled, report.already_enrolled) == (2000, [], [])
    assert transactions.rows_added((0, 0, 0, 0)) == [(100, 100, 100, 100)] * 20
    assert max(transactions.statements) <= 20  # a batch's statements do not grow with its rows
    assert len(queries) <= 20 * 20  # under 20 a batch; one row at a time took ~17,000
    assert counts() == (2000, 2000, 2000, 2000)
    assert set(recipients().values()) == {1} and len(recipients()) == 2000


def crash_at_batch(monkeypatch, number):
    """Make batch `number` fail at its very end, once everything of it is written and queued."""
    batches = []

    def enqueue_then_crash(messages):
        batches.append(messages)
        queue_for_real(messages)
        if len(batches) == number:
            raise DatabaseError("the database went away")

    queue_for_real = services.enqueue_many
    monkeypatch.setattr(services, "enqueue_many", enqueue_then_crash)


def test_a_crash_keeps_the_batches_before_it_and_importing_again_adds_the_rest_once(
    course, monkeypatch
):
    crash_at_batch(monkeypatch, 3)
    with pytest.raises(DatabaseError):
        import_roster(course, roster_of(range(50)), batch_size=10)
    assert counts() == (20, 20, 20, 20)
    assert sorted(recipients()) == sorted(f"student{n}@example.org" for n in range(20))
    deliver_due()
    assert len(mail.outbox) == 20  # the failed batch's mail is never sent

    monkeypatch.undo()
    report = import_roster(course, roster_of(range(50)), batch_size=10)
    assert (len(report.already_enrolled), len(report.invited)) == (20, 30)
    assert counts() == (50, 50, 50, 50)
    assert set(recipients().values()) == {1}
    deliver_due()
    assert Counter(message.to[0] for message in mail.outbox) == Counter(recipients())


def import_at_once(*imports):
    """Run each (course, roster) import in its own thread, with its own database connection."""
    start, reports, failures = threading.Barrier(len(imports)), [None] * len(imports), []

    def run(index, course, text):
        try:
            start.wait(timeout=10)
            reports[index] = import_roster(course, text, batch_size=50)
        except Exception as error:  # noqa: BLE001 (reported by the test)
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, *arguments))
        for index, arguments in enumerate(imports)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    return reports


def test_two_imports_of_overlapping_rosters_into_one_course_at_once_duplicate_nothing(course):
    first, second = import_at_once(
        (course, roster_of(range(600))), (course, roster_of(reversed(range(400, 1000))))
    )
    assert counts() == (1000, 1000, 1000, 1000)
    assert len(first.invited) + len(second.invited) == 1000
    assert len(first.already_enrolled) + len(second.already_enrolled) == 200
    assert set(recipients().values()) == {1}


def test_two_imports_of_the_same_people_into_two_courses_at_once_create_each_account_once(course):
    other = CourseFactory(slug="other-course", title="Another course")
    each_batch_reversed = [
        n for start in range(0, 600, 50) for n in range(start + 49, start - 1, -1)
    ]
    import_at_once((course, roster_of(range(600))), (other, roster_of(each_batch_reversed)))
    assert counts() == (600, 1200, 1200, 1200)
    usernames = get_user_model().objects.values_list("username", flat=True)
    assert len(set(usernames)) == len(usernames)
    assert Enrolment.objects.filter(course=course).count() == 600
    mails = Counter((subject, *to) for subject, to in Message.objects.values_list("subject", "to"))
    assert set(mails.values()) == {1}
