"""The assignments' part of the course home panel (courses.extensions.home_panel): a student's
assignments with her group, its status and unread feedback; the class's counts for teachers."""

from django.db.models import Count, Prefetch, Q

from assignments.models import Assignment, Group, Membership, Submission


def assignments_panel(viewer, context):
    assignments = Assignment.objects.visible_to(viewer.user).filter(course=viewer.course)
    if viewer.role.is_teacher:
        return {"class_assignments": class_counts(assignments)}
    return {"my_assignments": student_assignments(viewer.user, assignments)}


def class_counts(assignments):
    """Per assignment: its groups, how many handed in, how many wait for an answer."""
    rows = assignments.select_related("course").annotate(
        group_count=Count("groups", distinct=True),
        submitted_count=Count(
            "groups", filter=Q(groups__submission__submitted_at__isnull=False), distinct=True
        ),
        waiting_count=Count(
            "groups",
            filter=Q(groups__submission__status=Submission.Status.SUBMITTED),
            distinct=True,
        ),
    )
    return [
        {
            "assignment": row,
            "groups": row.group_count,
            "submitted": row.submitted_count,
            "waiting": row.waiting_count,
        }
        for row in rows
    ]


def student_assignments(user, assignments):
    """Each assignment with her group (members, submission, who answered) and whether an answer
    came after she last opened it."""
    members = Membership.objects.select_related("user").order_by("joined_at", "pk")
    groups = Group.objects.select_related("submission__feedback_by").prefetch_related(
        Prefetch("memberships", queryset=members)
    )
    assignments = assignments.select_related("course").prefetch_related(
        Prefetch("groups", queryset=groups.filter(memberships__user=user), to_attr="my_groups")
    )
    items = []
    for assignment in assignments:
        group = assignment.my_groups[0] if assignment.my_groups else None
        items.append(
            {
                "assignment": assignment,
                "group": group,
                "unread_feedback": group is not None and has_unread_feedback(group, user),
            }
        )
    return items


def has_unread_feedback(group, user):
    """An answer (feedback or status) came after she last opened the assignment page."""
    submission = group.submission
    if submission.feedback_at is None:
        return False
    seen = next((m.feedback_seen_at for m in group.memberships.all() if m.user_id == user.pk), None)
    return seen is None or seen < submission.feedback_at
