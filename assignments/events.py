"""Assignments in the course calendar (registered in courses.extensions).

Each assignment the class can see gives three moments: it opens, groups close, work is due. In
a student's private feed the due date of an assignment she has a group for names her group and
where its work stands.
"""

from django.contrib.auth.models import AnonymousUser

from assignments.models import Assignment, Membership
from courses.extensions import CalendarEvent


def assignment_events(course, user):
    reader = user or AnonymousUser()
    assignments = list(
        Assignment.objects.visible_to(reader).filter(course=course).select_related("course")
    )
    groups = groups_of(user, assignments) if user else {}
    events = []
    for assignment in assignments:
        events += [
            moment(assignment, "opens", "opens", assignment.opens_at),
            moment(assignment, "groups-close", "groups close", assignment.group_formation_deadline),
        ]
        group = groups.get(assignment.pk)
        events.append(
            due_event(assignment, group)
            if group
            else moment(assignment, "due", "due", assignment.due_at)
        )
    return events


def groups_of(user, assignments):
    """The user's group in each of `assignments`, by assignment id, with its submission."""
    memberships = Membership.objects.filter(user=user, assignment__in=assignments).select_related(
        "group__submission"
    )
    return {membership.assignment_id: membership.group for membership in memberships}


def moment(assignment, key, what, at):
    course = assignment.course
    return CalendarEvent(
        uid=f"{course.slug}-assignment-{assignment.slug}-{key}@{course.slug}",
        summary=f"{assignment.title} {what}",
        start=at,
        url=assignment.get_absolute_url(),
        description=f"{course.title}: {assignment.title} {what}.",
    )


def due_event(assignment, group):
    course = assignment.course
    submission = getattr(group, "submission", None)
    status = submission.get_status_display() if submission else "Not started"
    return CalendarEvent(
        uid=f"{course.slug}-assignment-{assignment.slug}-due-group-{group.pk}@{course.slug}",
        summary=f"{assignment.title} due — your group “{group.name}”",
        start=assignment.due_at,
        url=assignment.get_absolute_url(),
        description=f"{course.title}: {assignment.title} due. Your group: {group.name}. "
        f"Its work: {status}.",
    )
