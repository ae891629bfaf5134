"""The assignments' lines of the admin dashboard: work waiting for feedback, groups late."""

from django.urls import reverse

from assignments.models import Group, Submission
from core.dashboard import Line, counted, counts_by


def waiting_feedback_line(course_id, count):
    url = reverse("admin:assignments_submission_changelist")
    status = Submission.Status.SUBMITTED
    return Line(
        text=f"{counted(count, 'submission')} waiting for feedback",
        url=f"{url}?group__assignment__course__id__exact={course_id}&status__exact={status}",
        count=count,
        permission="assignments.change_submission",
    )


def late_groups_line(course_id, count):
    url = reverse("admin:assignments_group_changelist")
    return Line(
        text=f"{counted(count, 'group')} late: past the due date with nothing submitted",
        url=f"{url}?assignment__course__id__exact={course_id}&late=yes",
        count=count,
        permission="assignments.view_group",
    )


def assignment_lines(course_ids, now):
    submitted = Submission.objects.filter(
        group__assignment__course_id__in=course_ids, status=Submission.Status.SUBMITTED
    )
    waiting = counts_by(submitted, "group__assignment__course_id")
    late = counts_by(
        Group.objects.filter(assignment__course_id__in=course_ids).late(now),
        "assignment__course_id",
    )
    return {
        course_id: [
            waiting_feedback_line(course_id, waiting.get(course_id, 0)),
            late_groups_line(course_id, late.get(course_id, 0)),
        ]
        for course_id in course_ids
    }
