"""Signing up for a presentation, withdrawing, and staff moving or removing a presenter.

Each action runs in one transaction that first locks the week's PresentationSlots row
(select_for_update on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), so the
free slots counted inside are still free when the sign-up lands: first come, first served, and
the rest wait. Whoever is moved, removed or moved up from the waiting list is told by e-mail,
queued in the outbox in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from presentations import notifications
from presentations.models import PresentationSlots, SignUp, normalise_title

ALREADY_SIGNED_UP = "You already present in this course; withdraw first to choose another week."


class SignUpClosed(ValidationError):
    """The week's sign-up deadline passed: only staff change it now."""


def lock_slots(week_ids):
    """The PresentationSlots of these weeks, locked, by week id (in id order: no deadlock)."""
    rows = (
        PresentationSlots.objects.select_for_update(of=("self",))
        .select_related("week__course")
        .filter(week_id__in=sorted(set(week_ids)))
        .order_by("week_id")
    )
    return {slots.week_id: slots for slots in rows}


def _slots_of(week):
    slots = lock_slots([week.pk]).get(week.pk)
    if slots is None:
        raise ValidationError("Nobody presents in this week's session.")
    return slots


def _check_open(slots, now):
    if not slots.is_open(now):
        closing = date_format(timezone.localtime(slots.deadline), "j F Y, H:i")
        raise SignUpClosed(
            f"The sign-up for week {slots.week.number} closed on {closing}; "
            "ask the instructor to change it."
        )


def free_slot(slots):
    """The lowest slot of the week nobody has, or None when the week is full."""
    taken = set(
        SignUp.objects.presenting().filter(week_id=slots.week_id).values_list("slot", flat=True)
    )
    return next((slot for slot in range(1, slots.count + 1) if slot not in taken), None)


@transaction.atomic
def sign_up(*, week, student, title, now=None):
    """Give the student the week's first free slot, or a place on its waiting list."""
    title = normalise_title(title)
    if not title:
        raise ValidationError("Give your presentation a title.")
    slots = _slots_of(week)
    _check_open(slots, now or timezone.now())
    if SignUp.objects.filter(course_id=slots.week.course_id, student=student).exists():
        raise ValidationError(ALREADY_SIGNED_UP)
    try:
        with transaction.atomic():
            return SignUp.objects.create(
                course_id=slots.week.course_id,
                week=slots.week,
                student=student,
                title=title,
                slot=free_slot(slots),
            )
    except IntegrityError as error:  # the same student, signing up for another week at once
        raise ValidationError(ALREADY_SIGNED_UP) from error


@transaction.atomic
def withdraw(*, course, student, now=None):
    """Take the student's sign-up back before the deadline; the first waiting moves up."""
    signup = SignUp.objects.filter(course=course, student=student).first()
    if signup is None:
        raise ValidationError("You are not signed up for a presentation.")
    slots = _slots_of(signup.week)
    _check_open(slots, now or timezone.now())
    signup = SignUp.objects.filter(pk=signup.pk, week_id=slots.week_id).first()
    if signup is None:  # staff moved or removed it meanwhile
        raise ValidationError("Your sign-up changed meanwhile; reload the page.")
    _take_out(signup, slots)


def _take_out(signup, slots):
    slot = signup.slot
    signup.delete()
    if slot is not None:
        move_up_waiting(slots, slot)


def move_up_waiting(slots, slot):
    """Give `slot` of the (locked) week to the first on its waiting list, who is told."""
    first = SignUp.objects.waiting().filter(week_id=slots.week_id).order_by("created_at", "pk")
    first = first.select_related("student", "week__course").first()
    if first is None:
        return None
    first.slot = slot
    first.save(update_fields=["slot"])
    notifications.notify_moved_up(first)
    return first


@transaction.atomic
def fill_free_slots(slots):
    """After staff open more slots: the waiting list moves up into them, in order."""
    slots = lock_slots([slots.week_id])[slots.week_id]
    while (slot := free_slot(slots)) is not None and move_up_waiting(slots, slot):
        pass


@transaction.atomic
def move(*, signup, week):
    """Staff: move the presenter to `week` (a free slot there, else its waiting list), whatever
    the deadlines; her old slot goes to the first waiting there. She is told by e-mail."""
    signup = SignUp.objects.select_related("week").get(pk=signup.pk)
    if week.pk == signup.week_id:
        return signup
    if week.course_id != signup.course_id:
        raise ValidationError("Choose a week of the presenter's course.")
    locked = lock_slots([signup.week_id, week.pk])
    target, source = locked.get(week.pk), locked.get(signup.week_id)
    if target is None:
        raise ValidationError(f"Nobody presents in week {week.number}: open its slots first.")
    previous_week, previous_slot = signup.week, signup.slot
    signup.week, signup.slot = target.week, free_slot(target)
    signup.save(update_fields=["week", "slot"])
    if previous_slot is not None and source is not None:
        move_up_waiting(source, previous_slot)
    notifications.notify_moved(signup, previous_week)
    return signup


@transaction.atomic
def remove(*, signup):
    """Staff: take the presenter out (her slot goes to the first waiting); she is told."""
    signup = SignUp.objects.select_related("student", "week__course").get(pk=signup.pk)
    slots = lock_slots([signup.week_id]).get(signup.week_id)
    notifications.notify_removed(signup)
    if slots is None:
        signup.delete()
    else:
        _take_out(signup, slots)


@transaction.atomic
def close(*, slots):
    """Staff: nobody presents in this week after all. Each presenter and each waiting student
    is told, and may sign up for another week."""
    slots = lock_slots([slots.week_id]).get(slots.week_id)
    if slots is None:
        return
    signups = SignUp.objects.filter(week_id=slots.week_id).select_related("student", "week__course")
    for signup in signups:
        notifications.notify_removed(signup)
        signup.delete()
    slots.delete()
