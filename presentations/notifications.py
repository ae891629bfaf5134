"""The e-mail a presenter gets when her presentation changes without her: moved up from the
waiting list, moved to another week, or removed. Essential mail: sent whatever her preferences
say, since it changes when she stands in front of the class. Queued in the outbox inside the
change's transaction, delivered after commit."""

from django.urls import reverse
from django.utils import timezone

from accounts.mailing import absolute_url, course_mail
from outbox.services import enqueue


def _tell(signup, *, kind, subject, template, **context):
    student, course = signup.student, signup.week.course
    if not student.email or not student.is_active:
        return
    enqueue(
        **course_mail(
            course=course,
            recipient=student,
            kind=f"presentation-{kind}",
            key=f"{signup.pk}:{timezone.now().isoformat()}",
            subject=subject,
            template=f"presentations/emails/{template}",
            context={
                "signup": signup,
                "week": signup.week,
                "link": absolute_url(reverse("presentations:list", args=[course.slug])),
                **context,
            },
        )
    )


def notify_moved_up(signup):
    _tell(
        signup,
        kind="moved-up",
        subject=f"You present in week {signup.week.number}",
        template="moved_up",
    )


def notify_moved(signup, previous_week):
    _tell(
        signup,
        kind="moved",
        subject=f"Your presentation moved to week {signup.week.number}",
        template="moved",
        previous_week=previous_week,
    )


def notify_removed(signup):
    _tell(
        signup,
        kind="removed",
        subject="Your presentation was taken off the program",
        template="removed",
    )
