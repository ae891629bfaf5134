"""The e-mail of the assignment cycle, each queued in the outbox inside the transaction of the
change that causes it (so a rolled-back change sends nothing) and delivered after commit.

Every write path calls these: the services (student pages), the admin, `send_reminders`. Each
message has an idempotency key naming the event, so the same event never mails anyone twice.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from accounts.mailing import (
    absolute_url,
    addressees,
    course_mail,
    instructor_address,
    teaching_addressees,
)
from assignments.models import Group, Membership
from core.markdown import render_markdown
from outbox.bulk import enqueue_many


def _queue(course, recipients, *, kind, key, subject, template, context):
    enqueue_many(
        [
            course_mail(
                course=course,
                recipient=recipient,
                kind=kind,
                key=key,
                subject=subject,
                template=f"assignments/emails/{template}",
                context=context,
            )
            for recipient in recipients
        ]
    )


def _members(group, kind, *, exclude=None):
    """The group's members enrolled in the course who want `kind` of mail."""
    users = Membership.objects.filter(group=group).values("user")
    if exclude is not None:
        users = users.exclude(user=exclude)
    return addressees(group.assignment.course, kind, users=users)


def _context(group, **extra):
    assignment = group.assignment
    return {
        "assignment": assignment,
        "group": group,
        "link": absolute_url(assignment.get_absolute_url()),
        **extra,
    }


def notify_submitted(submission):
    """A group handed its work in: its course's teachers are told, its members get a receipt."""
    group = submission.group
    course = group.assignment.course
    key = f"{submission.pk}:{submission.submitted_at.isoformat()}"
    teachers = teaching_addressees(course, "submissions")
    address = instructor_address(course)
    members = [m.user for m in group.memberships.select_related("user")]
    context = _context(group, submission=submission, members=members)
    teacher_context = context | {
        "link": absolute_url(
            reverse("assignments:history", args=[course.slug, group.assignment.slug, group.pk])
        ),
        "answer_link": absolute_url(
            reverse("admin:assignments_submission_change", args=[submission.pk])
        ),
    }
    subject = f"{group.name} submitted {group.assignment.title}"
    recipients = [*teachers, *([address] if address else [])]
    _queue(
        course,
        recipients,
        kind="submitted",
        key=key,
        subject=subject,
        template="submitted",
        context=teacher_context,
    )
    _queue(
        course,
        _members(group, "feedback"),
        kind="receipt",
        key=key,
        subject=f"Your group's work for {group.assignment.title} was received",
        template="receipt",
        context=context,
    )


def notify_answer(submission, before):
    """A staff answer was saved: new feedback, else a new status, mails the members."""
    if submission.feedback and submission.feedback != before["feedback"]:
        notify_feedback(submission)
    elif submission.status != before["status"]:
        notify_status_changed(submission, before["status"])


def notify_feedback(submission):
    """The instructor wrote (or rewrote) feedback: every member gets it, with the status."""
    group = submission.group
    _queue(
        group.assignment.course,
        _members(group, "feedback"),
        kind="feedback",
        key=f"{submission.pk}:{submission.feedback_number}",
        subject=f"Feedback on {group.assignment.title}",
        template="feedback",
        context=_context(
            group, submission=submission, feedback_html=render_markdown(submission.feedback)
        ),
    )


def notify_status_changed(submission, previous_status):
    """The work's status changed (accepted, needs revision, ...): the members are told."""
    group = submission.group
    previous = submission.Status(previous_status).label if previous_status else ""
    _queue(
        group.assignment.course,
        _members(group, "feedback"),
        kind="status",
        key=f"{submission.pk}:{submission.feedback_number}:{submission.status}",
        subject=f"{group.assignment.title}: {submission.get_status_display()}",
        template="status",
        context=_context(group, submission=submission, previous=previous),
    )


def notify_membership_changed(group, user, *, joined):
    """`user` joined or left `group`: its other members are told."""
    if not group.pk:  # the group went away with its last member
        return
    group = (
        Group.objects.select_related("assignment__course")
        .prefetch_related(Prefetch("memberships", Membership.objects.select_related("user")))
        .get(pk=group.pk)
    )
    event = "joined" if joined else "left"
    _queue(
        group.assignment.course,
        _members(group, "group_changes", exclude=user),
        kind=f"member-{event}",
        key=f"{group.pk}:{user.pk}:{timezone.now().isoformat()}",
        subject=f"{user.get_full_name() or user.get_username()} {event} {group.name}",
        template="membership",
        context=_context(group, person=user, joined=joined),
    )


def notify_deadline(group):
    """Two days before the deadline: the members of a group that has not handed in."""
    assignment = group.assignment
    _queue(
        assignment.course,
        _members(group, "reminders"),
        kind="reminder",
        key=f"{group.pk}:{assignment.due_at.isoformat()}",
        subject=f"{assignment.title} is due in two days",
        template="reminder",
        context=_context(group, submission=group.submission),
    )
