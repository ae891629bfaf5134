"""Announcements: their e-mail to the course's students, queued once, when they are published."""

from django.db import transaction
from django.utils import timezone

from accounts.mailing import absolute_url, addressees, course_mail
from accounts.models import Enrolment
from announcements.models import Announcement
from outbox.bulk import enqueue_many


@transaction.atomic
def save_announcement(announcement):
    """Save `announcement` (from the admin, a command or a restore of one); once published,
    queue its e-mail in the same transaction. Editing it later sends nothing again."""
    announcement.save()
    if announcement.published_at <= timezone.now():
        mail_announcement(announcement)
    return announcement


@transaction.atomic
def mail_announcement(announcement):
    """Queue the announcement for every enrolled student who wants announcements; nothing when
    it was queued already (another process may be doing it now: the row is locked first)."""
    locked = (
        Announcement.objects.select_for_update(of=("self",))
        .select_related("course", "week__course")
        .filter(pk=announcement.pk, emailed_at__isnull=True)
        .first()
    )
    if locked is None:
        return 0
    students = addressees(locked.course, "announcements", roles=[Enrolment.Role.STUDENT])
    context = {"announcement": locked, "link": absolute_url(locked.get_absolute_url())}
    enqueue_many(
        [
            course_mail(
                course=locked.course,
                recipient=student,
                kind="announcement",
                key=locked.pk,
                subject=locked.title,
                template="announcements/emails/announcement",
                context=context,
            )
            for student in students
        ]
    )
    locked.emailed_at = timezone.now()
    locked.save(update_fields=["emailed_at"])
    announcement.emailed_at = locked.emailed_at
    return len(students)


def mail_due_announcements(now=None):
    """Queue the e-mail of every announcement whose publication time has come; returns how many
    announcements."""
    due = list(Announcement.objects.due_for_mail(now).order_by("published_at", "pk"))
    for announcement in due:
        mail_announcement(announcement)
    return len(due)
