"""What the sign-up page shows: each week with presentations, its slots and waiting list."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from presentations.models import SignUp
from weeks.models import Week


@dataclass
class WeekBoard:
    week: object
    slots: object  # PresentationSlots
    is_open: bool
    places: list = field(default_factory=list)  # (slot number, SignUp or None)
    waiting: list = field(default_factory=list)

    @property
    def free(self):
        return sum(1 for _, signup in self.places if signup is None)


def weeks_with_slots(course, user):
    """The weeks of `course` the user may see that have presentation slots, in order."""
    return (
        Week.objects.visible_to(user)
        .filter(course=course, presentation_slots__isnull=False)
        .select_related("presentation_slots", "course")
        .order_by("number")
    )


def board(course, user, now):
    """Every week with slots, each slot with its presenter (or None), in three queries."""
    signups = SignUp.objects.select_related("student").order_by("slot", "created_at", "pk")
    weeks = weeks_with_slots(course, user).prefetch_related(
        Prefetch("presentation_signups", signups, to_attr="all_signups")
    )
    boards = []
    for week in weeks:
        slots = week.presentation_slots
        by_slot = {signup.slot: signup for signup in week.all_signups if not signup.is_waiting}
        boards.append(
            WeekBoard(
                week=week,
                slots=slots,
                is_open=slots.is_open(now),
                places=[
                    (number, by_slot.get(number))
                    for number in range(1, max([slots.count, *by_slot]) + 1)
                ],
                waiting=[signup for signup in week.all_signups if signup.is_waiting],
            )
        )
    return boards


def own_signup(boards, user):
    """The user's sign-up among the boards', or None."""
    for week_board in boards:
        for signup in week_board.week.all_signups:
            if signup.student_id == user.pk:
                return signup
    return None
