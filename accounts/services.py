import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import INVITATION_LIFETIME, Enrolment, EnrolmentKey, Invitation, hash_token
from accounts.roster import parse_roster
from outbox import enqueue

INVALID_KEY = "This enrolment key is not valid. Check it with your instructor."


class InvitationUnusable(Exception):
    pass


@dataclass
class RosterReport:
    invited: list = field(default_factory=list)
    enrolled: list = field(default_factory=list)
    already_enrolled: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def invite(*, user, course, absolute_url):
    """Create an invitation and queue its link by e-mail, sent after commit.

    `absolute_url(path)` makes the link absolute.
    """
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        course=course,
        token_hash=hash_token(token),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    context = {
        "user": user,
        "course": course,
        "link": absolute_url(reverse("accounts:invitation", args=[token])),
        "expires_at": invitation.expires_at,
    }
    enqueue(
        to=[user.email],
        subject=f"Your account for {course.title}",
        body=render_to_string("accounts/invitation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        idempotency_key=f"invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def import_roster(*, course, text, absolute_url):
    """Enrol every good row of a roster; new people get an account and an invitation."""
    rows, errors = parse_roster(text)
    report = RosterReport(errors=errors)
    User = get_user_model()
    for row in rows:
        user = User.objects.filter(Q(email__iexact=row.email) | Q(username__iexact=row.email))
        user = user.order_by("pk").first()
        if user is None:
            user = User(username=row.email, email=row.email, first_name=row.name)
            user.set_unusable_password()
            user.save()
        _, created = Enrolment.objects.get_or_create(user=user, course=course)
        if not created:
            report.already_enrolled.append(row)
        elif user.has_usable_password():
            report.enrolled.append(row)
        else:
            invite(user=user, course=course, absolute_url=absolute_url)
            report.invited.append(row)
    return report


@transaction.atomic
def accept_invitation(*, token, form):
    """Set the password from a valid SetPasswordForm and use the invitation up; returns the user."""
    invitation = Invitation.objects.select_for_update().for_token(token).first()
    if invitation is None or not invitation.is_usable:
        raise InvitationUnusable
    user = form.save()
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def find_active_key(key):
    """The active enrolment key spelled `key` (spaces around ignored), with its course, or None."""
    return (
        EnrolmentKey.objects.filter(key=key.strip(), is_active=True)
        .select_related("course")
        .first()
    )


def enrol_with_key(*, user, key):
    """Enrol the user as a student of the course whose active key this is; returns the course."""
    enrolment_key = find_active_key(key)
    if enrolment_key is None:
        raise ValidationError(INVALID_KEY)
    Enrolment.objects.get_or_create(user=user, course=enrolment_key.course)
    return enrolment_key.course
