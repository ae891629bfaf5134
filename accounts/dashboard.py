"""The accounts' line of the admin dashboard: invitations sent and not accepted yet."""

from django.urls import reverse

from accounts.models import Invitation
from core.dashboard import Line, counted, counts_by


def pending_invitations_line(course_id, count):
    url = reverse("admin:accounts_invitation_changelist")
    return Line(
        text=f"{counted(count, 'invitation')} waiting to be accepted",
        url=f"{url}?course__id__exact={course_id}&state=pending",
        count=count,
        permission="accounts.view_invitation",
    )


def account_lines(course_ids, now):
    pending = Invitation.objects.filter(course_id__in=course_ids).pending(now)
    people = counts_by(pending, "course_id", count="user")
    return {
        course_id: [pending_invitations_line(course_id, people.get(course_id, 0))]
        for course_id in course_ids
    }
