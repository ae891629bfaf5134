"""Sign-up races on a live database: real threads, each with its own connection and
transaction (run with DATABASE_URL=postgres://… for PostgreSQL's row locks)."""

import pytest
from django.core.exceptions import ValidationError

from presentations import services
from presentations.models import SignUp
from tests.assignments.test_concurrency import run_together
from tests.factories import PresentationSlotsFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_students_for_three_slots_leave_exactly_three_signed_up_and_seven_waiting():
    week = WeekFactory()
    PresentationSlotsFactory(week=week, count=3)
    students = [UserFactory() for _ in range(10)]
    results = run_together(
        [
            lambda student=student: services.sign_up(week=week, student=student, title="Topic")
            for student in students
        ]
    )
    assert all(isinstance(result, SignUp) for result in results), results
    assert sorted(SignUp.objects.presenting().values_list("slot", flat=True)) == [1, 2, 3]
    assert SignUp.objects.waiting().count() == 7


def test_one_student_signing_up_for_two_weeks_at_once_ends_with_one_sign_up():
    week = WeekFactory()
    other = WeekFactory(course=week.course)
    for each in (week, other):
        PresentationSlotsFactory(week=each)
    student = UserFactory()
    results = run_together(
        [
            lambda each=each: services.sign_up(week=each, student=student, title="Topic")
            for each in (week, other)
        ]
    )
    assert SignUp.objects.filter(student=student).count() == 1
    assert sum(isinstance(result, ValidationError) for result in results) == 1


def test_two_presenters_withdrawing_at_once_move_the_two_first_waiting_up():
    week = WeekFactory()
    PresentationSlotsFactory(week=week, count=2)
    signups = [services.sign_up(week=week, student=UserFactory(), title="Topic") for _ in range(4)]
    results = run_together(
        [
            lambda signup=signup: services.withdraw(course=week.course, student=signup.student)
            for signup in signups[:2]
        ]
    )
    assert results == [None, None]
    remaining = dict(SignUp.objects.values_list("pk", "slot"))
    assert set(remaining) == {signups[2].pk, signups[3].pk}
    assert sorted(remaining.values()) == [1, 2]
