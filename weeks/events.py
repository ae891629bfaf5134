"""The course's sessions as calendar events (registered in courses.extensions)."""

from core.text import plain_text
from courses.extensions import CalendarEvent


def session_events(course, user):
    """One event per published week: timed when the week has a time, else all day."""
    weeks = course.weeks.published().select_related("course")
    return [session_event(week) for week in weeks]


def session_event(week):
    course = week.course
    timed = week.starts_at is not None
    return CalendarEvent(
        uid=f"{course.slug}-week-{week.number}@{course.slug}",
        summary=f"{course.title} — Week {week.number}: {week.title}",
        start=week.starts_at if timed else week.date,
        end=week.ends_at if timed else None,
        location=week.room,
        description=plain_text(week.summary) or week.title,
        url=week.get_absolute_url(),
    )
