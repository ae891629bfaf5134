import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import INVITATION_LIFETIME, Enrolment, EnrolmentKey, Invitation, hash_token
from accounts.roster import parse_roster
from core.pagecache import bump_readers
from courses.models import Course
from outbox import enqueue
from outbox.bulk import enqueue_many

ROSTER_BATCH_SIZE = 100  # rows per write transaction: ~0.05 s of lock each on SQLite

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
    invitation, mail = _invitation_draft(user, course, absolute_url)
    invitation.save()
    enqueue(**mail, idempotency_key=f"invitation:{invitation.pk}")
    return invitation


def _invitation_draft(user, course, absolute_url):
    """An unsaved invitation, which stores only its token's hash, and its e-mail with the link."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
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
    mail = {
        "to": [user.email],
        "subject": f"Your account for {course.title}",
        "body": render_to_string("accounts/invitation_email.txt", context),
        "from_email": settings.DEFAULT_FROM_EMAIL,
    }
    return invitation, mail


def import_roster(*, course, text, absolute_url, batch_size=ROSTER_BATCH_SIZE):
    """Enrol every good row of a roster; new people get an account and an invitation.

    The whole file is read and checked first, then written `batch_size` rows per short
    transaction, so the import never holds the database's write lock for long. A batch commits
    its accounts, enrolments, invitations and their queued e-mail together, and each enrolment
    queues one e-mail at most: importing again after a failure adds only what is missing.
    """
    rows, errors = parse_roster(text)
    report = RosterReport(errors=errors)
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        _import_batch(course, batch, _drafts(course, batch, absolute_url), absolute_url, report)
    return report


def _drafts(course, rows, absolute_url):
    """Before the batch's transaction, so that its lock is not held meanwhile: an unsaved account
    and invitation draft for each row that has no account yet (the transaction checks again)."""
    known = _accounts_of([row.email for row in rows])
    return {
        row.email: _invitation_draft(_new_account(row), course, absolute_url)
        for row in rows
        if row.email not in known
    }


@transaction.atomic
def _import_batch(course, rows, drafts, absolute_url, report):
    # Imports into one course take turns per batch (PostgreSQL; SQLite writers always do).
    list(Course.objects.select_for_update(no_key=True).filter(pk=course.pk).values_list("pk"))
    users = _users_for(rows, drafts)
    enrolled = set(
        Enrolment.objects.filter(course=course, user__in=users.values()).values_list(
            "user_id", flat=True
        )
    )
    new = []
    for row in rows:  # two rows may name one account: its e-mail address and its username
        user = users[row.email]
        (report.already_enrolled if user.pk in enrolled else new).append(row)
        enrolled.add(user.pk)
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(user=users[row.email], course=course) for row in new]
    )
    invitations, mail = [], []
    for row, enrolment in zip(new, enrolments, strict=True):
        if enrolment.user.has_usable_password():
            report.enrolled.append(row)
            continue
        invitation, message = drafts.get(row.email) or _invitation_draft(
            enrolment.user, course, absolute_url
        )
        invitation.user = enrolment.user
        invitations.append(invitation)
        mail.append({**message, "idempotency_key": f"roster-invitation:{enrolment.pk}"})
        report.invited.append(row)
    Invitation.objects.bulk_create(invitations)
    bump_readers()  # bulk_create sends no signal: the new students' home is theirs at once
    enqueue_many(mail)


def _users_for(rows, drafts):
    """Each row's account by e-mail address; the missing ones are created without a password."""
    users = _accounts_of([row.email for row in rows])
    missing = sorted((row for row in rows if row.email not in users), key=lambda row: row.email)
    if missing:  # in one order for every import, so that concurrent inserts cannot deadlock
        get_user_model().objects.bulk_create(
            [_draft_account(row, drafts) for row in missing], ignore_conflicts=True
        )
        users |= _accounts_of([row.email for row in missing])
    return users


def _draft_account(row, drafts):
    """The unsaved account that the row's drafted invitation greets, or a new one."""
    draft = drafts.get(row.email)
    return draft[0].user if draft else _new_account(row)


def _accounts_of(emails):
    """The oldest account whose e-mail address or username is each address, in one query."""
    accounts = (
        get_user_model()
        .objects.annotate(email_key=Lower("email"), username_key=Lower("username"))
        .filter(Q(email_key__in=emails) | Q(username_key__in=emails))
        .order_by("pk")
    )
    found = {}
    for user in accounts:
        found.setdefault(user.email_key, user)
        found.setdefault(user.username_key, user)
    return {email: found[email] for email in emails if email in found}


def _new_account(row):
    user = get_user_model()(username=row.email, email=row.email, first_name=row.name)
    user.set_unusable_password()
    return user


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
