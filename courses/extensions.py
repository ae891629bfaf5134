"""What the apps above `courses` add to its pages and calendar without `courses` importing them.

- ``calendar_events``: hooks ``(course, user) -> iterable of CalendarEvent``. `user` is None for
  the public feed; for a student's private feed it is the student, and a hook may add what is
  hers alone (her group's deadlines, her presentation). `weeks` adds the sessions,
  `assignments` the openings, group-formation deadlines and due dates, `presentations` the
  student's own presentation.
- ``course_page_queryset``: hooks ``(queryset, user) -> queryset`` adding what the course home
  shows of other apps (its latest announcements, the assignments) as prefetches, so the page
  keeps a fixed number of queries; `user` lets a hook leave out what this visitor may not see.
- ``course_role``: hooks ``(user, course) -> Role | None`` saying who the viewer is in the
  course (accounts registers the enrolment's role); the first answer counts.
- ``home_panel``: hooks ``(viewer, context) -> dict`` each adding its part of the logged-in
  member's panel (readings, assignments, announcements) to the panel's context, in a fixed
  number of queries.
"""

import datetime
from dataclasses import dataclass

from core.registry import Registry

calendar_events = Registry("calendar events")


@dataclass(frozen=True)
class CalendarEvent:
    """One event: timed when `start` is an aware datetime, all-day when it is a date.

    A timed event without `end` is a moment (a deadline); an all-day one lasts its day.
    `url` is a path of the site, made absolute in the feed.
    """

    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""

    @property
    def is_all_day(self):
        return not isinstance(self.start, datetime.datetime)


def events_for(course, user=None):
    """Every registered hook's events for `course` (and `user`'s own), sorted by start."""
    events = [event for hook in calendar_events for event in hook(course, user)]
    return sorted(events, key=lambda event: (sort_key(event.start), event.uid))


def sort_key(moment):
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return datetime.datetime.combine(moment, datetime.time())


course_page_queryset = Registry("course page queryset")
course_role = Registry("viewer's role in a course")
home_panel = Registry("course home panel")


@dataclass(frozen=True)
class Role:
    name: str  # as the enrolment stores it, e.g. "student"
    is_student: bool
    is_teacher: bool  # instructors, teaching assistants and site staff
    is_enrolled: bool = True  # False for site staff outside the course


@dataclass(frozen=True)
class Viewer:
    user: object
    course: object
    role: Role
    now: object  # the request's time, one value for every part of the panel
