"""The check a copy passes before its transaction commits: as many weeks, slides and readings
as the original, and every date inside the new term."""

from django.db.models import Count
from django.utils.timezone import localdate

from assignments.models import Assignment
from copying.plan import CopyError, moments
from readings.models import Reading


def copy_problems(plan, course):
    """What is wrong with `course` as the copy `plan` describes, as sentences; empty if nothing."""
    problems = []
    originals = list(plan.source.weeks.annotate(slide_count=Count("slides")).order_by("number"))
    copies = list(course.weeks.annotate(slide_count=Count("slides")).order_by("number"))
    if len(copies) != len(originals):
        problems.append(f"The copy has {len(copies)} weeks, the original {len(originals)}.")
    first, last = plan.first_session, plan.last_session
    for original, copy, item in zip(originals, copies, plan.weeks, strict=False):
        if copy.slide_count != original.slide_count:
            problems.append(
                f"Week {copy.number} has {copy.slide_count} slides, "
                f"the original {original.slide_count}."
            )
        if copy.date != item.move.new or not first <= copy.date <= last:
            problems.append(f"Week {copy.number} is on {copy.date}, not on {item.move.new}.")
    problems += count_problems(plan.source, course)
    start, end = plan.term_bounds()
    for assignment in Assignment.objects.filter(course=course):
        for label, moment in moments(assignment):
            if not start <= localdate(moment) <= end:
                problems.append(
                    f"“{assignment.title}” {label} on {localdate(moment)}, outside the new term "
                    f"({start} to {end})."
                )
    return problems


def count_problems(source, course):
    counts = {
        "readings": lambda c: Reading.objects.filter(course=c).count(),
        "weekly reading links": lambda c: Reading.weeks.through.objects.filter(
            week__course=c
        ).count(),
        "glossary terms": lambda c: c.terms.count(),
        "characters": lambda c: c.characters.count(),
        "assignments": lambda c: Assignment.objects.filter(course=c).count(),
    }
    problems = []
    for name, count in counts.items():
        copied, original = count(course), count(source)
        if copied != original:
            problems.append(f"The copy has {copied} {name}, the original {original}.")
    return problems


def check_copy(plan, course):
    """Raise CopyError (so the copy's transaction rolls back) when the copy is wrong."""
    problems = copy_problems(plan, course)
    if problems:
        raise CopyError("The copy was not made: " + " ".join(problems))
