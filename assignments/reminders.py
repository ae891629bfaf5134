"""Deadline reminders: 48 hours before an assignment is due, the members of each group that has
not handed its work in get one e-mail. Each reminder is recorded (one per group and due time,
a unique constraint), so running `send_reminders` every hour, or twice at once, sends it once."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from assignments import notifications
from assignments.models import DeadlineReminder, Group, Submission

REMINDER_LEAD = datetime.timedelta(hours=48)


def groups_to_remind(now):
    """Groups of visible assignments due within the lead time whose work is not handed in and
    who were not reminded of this due time yet."""
    return (
        Group.objects.filter(
            Q(assignment__week__isnull=True) | Q(assignment__week__is_published=True),
            assignment__opens_at__lte=now,
            assignment__due_at__gt=now,
            assignment__due_at__lte=now + REMINDER_LEAD,
            submission__status__in=Submission.EDITABLE,
        )
        .exclude(deadline_reminders__due_at=F("assignment__due_at"))
        .select_related("assignment__course", "submission")
        .order_by("assignment__due_at", "pk")
    )


def send_reminders(now=None):
    """Queue every reminder due now; returns how many groups were reminded."""
    now = now or timezone.now()
    return sum(remind(group, now) for group in groups_to_remind(now))


@transaction.atomic
def remind(group, now):
    """Record the reminder and queue its mail together; False when another run recorded it."""
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(
                group=group, due_at=group.assignment.due_at, sent_at=now
            )
    except IntegrityError:
        return False
    notifications.notify_deadline(group)
    return True
