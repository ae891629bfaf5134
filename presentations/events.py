"""A presenter's presentation in her private calendar feed (registered in
courses.extensions). The public feed names nobody."""

from courses.extensions import CalendarEvent
from presentations.models import SignUp


def presentation_events(course, user):
    if user is None:
        return []
    signups = (
        SignUp.objects.presenting()
        .filter(course=course, student=user, week__is_published=True)
        .select_related("week__course")
    )
    return [presentation_event(signup) for signup in signups]


def presentation_event(signup):
    week, course = signup.week, signup.week.course
    timed = week.starts_at is not None
    return CalendarEvent(
        uid=f"{course.slug}-presentation-{signup.pk}@{course.slug}",
        summary=f"Your presentation: {signup.title}",
        start=week.starts_at if timed else week.date,
        end=week.ends_at if timed else None,
        location=week.room,
        description=f"{course.title}, week {week.number} ({week.title}): you present "
        f"“{signup.title}”.",
        url=week.get_absolute_url(),
    )
