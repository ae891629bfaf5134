"""The logged-in member's panel on the course home: a personal part of the cached page
(core.pagecache.personal), rendered for her alone."""

from django.template.loader import render_to_string
from django.utils import timezone

from courses.extensions import Viewer, course_role, home_panel
from courses.models import Course


def viewer_in(user, course):
    """The viewer's place in the course, or None for visitors and non-members."""
    if not user.is_authenticated:
        return None
    for hook in course_role:
        role = hook(user, course)
        if role is not None:
            return Viewer(user=user, course=course, role=role, now=timezone.now())
    return None


def next_session(weeks):
    """The first published week of `weeks` that is today or later, or None."""
    today = timezone.localdate()
    return next((week for week in weeks if week.is_published and week.date >= today), None)


def home_panel_part(request, course_pk):
    """The panel alone, as the course home shows it to the request's reader."""
    course = Course.objects.filter(pk=course_pk).first()
    if course is None:
        return ""
    weeks = course.weeks.visible_to(request.user)
    return render_student_panel(request, course, next_session(weeks))


def render_student_panel(request, course, next_week):
    """The panel's HTML for the request's member of `course` (student or teacher), else ""."""
    viewer = viewer_in(request.user, course)
    if viewer is None:
        return ""
    context = {"course": course, "viewer": viewer, "next_week": next_week}
    for hook in home_panel:
        context.update(hook(viewer, context))
    return render_to_string("courses/includes/student_panel.html", context, request=request)
