"""Signing up, withdrawing, and staff moves and removals, with the e-mail each queues."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from outbox.models import Message
from presentations import services
from presentations.models import SignUp
from tests.factories import PresentationSlotsFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def slots(week):
    return PresentationSlotsFactory(week=week, count=2)


def sign(week, name, title="AI and urban policy"):
    return services.sign_up(week=week, student=UserFactory(username=name), title=title)


def test_the_first_students_get_the_slots_in_order_and_the_next_wait(slots, week):
    first, second, third = (sign(week, name) for name in ("ana", "bo", "cy"))
    assert (first.slot, second.slot, third.slot) == (1, 2, None)
    assert third.is_waiting


def test_a_student_signs_up_once_per_course_whatever_the_week(slots, week, course):
    other = WeekFactory(course=course, number=9)
    PresentationSlotsFactory(week=other)
    ana = UserFactory(username="ana")
    services.sign_up(week=week, student=ana, title="One")
    with pytest.raises(ValidationError, match="already present"):
        services.sign_up(week=other, student=ana, title="Two")
    assert SignUp.objects.filter(student=ana).count() == 1


def test_a_week_without_slots_refuses_sign_ups(week):
    with pytest.raises(ValidationError, match="Nobody presents"):
        sign(week, "ana")


def test_after_the_deadline_students_cannot_sign_up_or_withdraw(slots, week, course):
    signup = sign(week, "ana")
    slots.deadline = timezone.now() - datetime.timedelta(minutes=1)
    slots.save()
    with pytest.raises(services.SignUpClosed, match="closed on"):
        sign(week, "bo")
    with pytest.raises(services.SignUpClosed):
        services.withdraw(course=course, student=signup.student)
    assert SignUp.objects.count() == 1


def test_an_empty_title_is_refused(slots, week):
    with pytest.raises(ValidationError, match="title"):
        sign(week, "ana", title=" \u3000 ")


def test_withdrawing_moves_the_first_waiting_up_and_tells_her(slots, week, course):
    ana, _, cy, dee = (sign(week, name) for name in ("ana", "bo", "cy", "dee"))
    services.withdraw(course=course, student=ana.student)
    cy.refresh_from_db()
    dee.refresh_from_db()
    assert (cy.slot, dee.slot) == (1, None)
    message = Message.objects.get()
    assert message.to == ["cy@example.org"]
    assert "You present in week 7" in message.subject


def test_a_waiting_student_withdrawing_moves_nobody(slots, week, course):
    sign(week, "ana"), sign(week, "bo")
    cy = sign(week, "cy")
    services.withdraw(course=course, student=cy.student)
    assert list(SignUp.objects.values_list("slot", flat=True)) == [1, 2]
    assert not Message.objects.exists()


def test_staff_move_a_presenter_to_a_free_slot_even_after_the_deadline(slots, week, course):
    ana, bo, cy = (sign(week, name) for name in ("ana", "bo", "cy"))
    later = WeekFactory(course=course, number=8, title="Makers")
    PresentationSlotsFactory(week=later, count=1, deadline=timezone.now())
    services.move(signup=ana, week=later)
    ana.refresh_from_db()
    cy.refresh_from_db()
    assert (ana.week, ana.slot) == (later, 1)
    assert cy.slot == 1  # ana's old slot in week 7
    subjects = {tuple(m.to): m.subject for m in Message.objects.all()}
    assert "moved to week 8" in subjects[("ana@example.org",)]
    assert "You present in week 7" in subjects[("cy@example.org",)]


def test_a_presenter_moved_to_a_full_week_waits_there(slots, week, course):
    later = WeekFactory(course=course, number=8)
    PresentationSlotsFactory(week=later, count=1)
    sign(later, "bo")
    ana = sign(week, "ana")
    services.move(signup=ana, week=later)
    ana.refresh_from_db()
    assert (ana.week, ana.slot) == (later, None)
    assert "waiting list" in Message.objects.get(to=["ana@example.org"]).body


def test_a_move_to_another_courses_week_is_refused(slots, week):
    ana = sign(week, "ana")
    elsewhere = WeekFactory()
    PresentationSlotsFactory(week=elsewhere)
    with pytest.raises(ValidationError, match="presenter's course"):
        services.move(signup=ana, week=elsewhere)


def test_removing_a_presenter_tells_her_even_when_she_turned_mail_off(slots, week, course):
    from accounts.models import MailPreferences
    from tests.factories import EnrolmentFactory

    ana = sign(week, "ana")
    enrolment = EnrolmentFactory(course=course, user=ana.student)
    MailPreferences.objects.create(
        enrolment=enrolment, announcements=False, feedback=False, reminders=False
    )
    waiting = [sign(week, "bo"), sign(week, "cy")][1]
    services.remove(signup=ana)
    waiting.refresh_from_db()
    assert not SignUp.objects.filter(student=ana.student).exists()
    assert waiting.slot == 1
    removed = Message.objects.get(to=["ana@example.org"])
    assert "taken off the program" in removed.subject


def test_opening_more_slots_moves_the_waiting_list_up_in_order(slots, week):
    for name in ("ana", "bo", "cy", "dee", "eve"):
        sign(week, name)
    slots.count = 4
    slots.save()
    services.fill_free_slots(slots)
    assert dict(SignUp.objects.values_list("student__username", "slot")) == {
        "ana": 1,
        "bo": 2,
        "cy": 3,
        "dee": 4,
        "eve": None,
    }
    assert sorted(m.to[0] for m in Message.objects.all()) == ["cy@example.org", "dee@example.org"]
