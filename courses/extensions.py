"""What the apps above `courses` add to the course home without `courses` importing them.

- ``course_page_queryset``: hooks ``(queryset) -> queryset`` adding what the public course
  home shows of other apps (its latest announcements) as joins and prefetches.
- ``course_role``: hooks ``(user, course) -> Role | None`` saying who the viewer is in the
  course (accounts registers the enrolment's role); the first answer counts.
- ``home_panel``: hooks ``(viewer, context) -> dict`` each adding its part of the logged-in
  member's panel (readings, assignments, announcements) to the panel's context, in a fixed
  number of queries.
"""

from dataclasses import dataclass

from core.registry import Registry

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
