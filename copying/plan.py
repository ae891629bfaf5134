"""What a copy to a new term will do, worked out before anything is written: the calendar the
admin previews and the command prints, and the refusals of a copy that cannot be made."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.timezone import localdate

from assignments.models import Assignment
from copying.calendar import Move, new_dates, shift_moment
from courses.models import Course


class CopyError(Exception):
    """The copy cannot be made, or was made wrong and rolled back; the message says why."""


@dataclass
class WeekMove:
    week: object  # the original Week
    move: Move


@dataclass
class CopyPlan:
    source: Course
    slug: str
    term: str
    first_session: datetime.date
    skips: tuple = ()
    weeks: list = field(default_factory=list)  # WeekMove, in week order

    @property
    def course_shift(self):
        """How far course-wide dates move: as far as the first session."""
        return self.weeks[0].move.shift

    def shift_for(self, week_id):
        """How far a date of the week `week_id` (None: of the whole course) moves."""
        for item in self.weeks:
            if item.week.pk == week_id:
                return item.move.shift
        return self.course_shift

    @property
    def last_session(self):
        return self.weeks[-1].move.new

    def deadline_moves(self):
        """[(assignment, [(what, old moment, new moment)])] in due order, for the preview."""
        moved = []
        for assignment in Assignment.objects.filter(course=self.source).order_by("due_at"):
            shift = self.shift_for(assignment.week_id)
            moved.append(
                (
                    assignment,
                    [
                        (what, moment, shift_moment(moment, shift))
                        for what, moment in moments(assignment)
                    ],
                )
            )
        return moved

    def term_bounds(self):
        """The first and last day of the new term: its sessions, widened by as much as the
        original's deadlines reach before its first session or after its last."""
        old_first, old_last = self.weeks[0].move.old, self.weeks[-1].move.old
        days = [
            localdate(moment)
            for assignment in Assignment.objects.filter(course=self.source)
            for moment in (assignment.opens_at, assignment.due_at)
        ]
        lead = (
            max([old_first - min(days), datetime.timedelta(0)]) if days else datetime.timedelta(0)
        )
        tail = max([max(days) - old_last, datetime.timedelta(0)]) if days else datetime.timedelta(0)
        return self.first_session - lead, self.last_session + tail


def plan_copy(source, *, slug, term, first_session, skips=()):
    """The CopyPlan of `source` to a new course `slug`; CopyError when it cannot be made."""
    check_slug(slug)
    weeks = list(source.weeks.order_by("number"))
    if not weeks:
        raise CopyError(f"{source} has no weeks to copy.")
    try:
        moves = new_dates([week.date for week in weeks], first_session, skips)
    except ValueError as error:
        raise CopyError(str(error)) from None
    return CopyPlan(
        source=source,
        slug=slug,
        term=term.strip(),
        first_session=first_session,
        skips=tuple(sorted(set(skips))),
        weeks=[WeekMove(week, move) for week, move in zip(weeks, moves, strict=True)],
    )


def check_slug(slug):
    course = Course(title="copy", slug=slug)
    try:
        course.clean_fields(exclude=[f.name for f in Course._meta.fields if f.name != "slug"])
    except ValidationError as error:
        raise CopyError(" ".join(error.message_dict["slug"])) from None
    if Course.objects.filter(slug=slug).exists():
        raise CopyError(f"A course with the slug “{slug}” exists already; choose another.")


def moments(assignment):
    return (
        ("opens", assignment.opens_at),
        ("closes its groups", assignment.group_formation_deadline),
        ("is due", assignment.due_at),
    )
