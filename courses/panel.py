"""The logged-in member's panel on the course home: rendered apart from the public page, so
that nothing personal ever reaches the page cache (a cached page could later include it as a
fragment of its own)."""

from django.template.loader import render_to_string
from django.utils import timezone

from courses.extensions import Viewer, course_role, home_panel


def viewer_in(user, course):
    """The viewer's place in the course, or None for visitors and non-members."""
    if not user.is_authenticated:
        return None
    for hook in course_role:
        role = hook(user, course)
        if role is not None:
            return Viewer(user=user, course=course, role=role, now=timezone.now())
    return None


def render_student_panel(request, course, next_week):
    """The panel's HTML for the request's member of `course` (student or teacher), else ""."""
    viewer = viewer_in(request.user, course)
    if viewer is None:
        return ""
    context = {"course": course, "viewer": viewer, "next_week": next_week}
    for hook in home_panel:
        context.update(hook(viewer, context))
    return render_to_string("courses/includes/student_panel.html", context, request=request)
