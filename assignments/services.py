"""Group and submission actions. Each runs in one transaction that locks the row it changes
(select_for_update on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), so the
rules checked inside hold when the write lands."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from assignments import notifications
from assignments.handins import download_name
from assignments.models import Group, Membership, Revision, Submission
from core.pagecache import bump_readers

ALREADY_IN_A_GROUP = "You are already in a group for this assignment."


class EditConflict(Exception):
    """A newer revision was saved since the one the edit started from."""

    def __init__(self, latest):
        super().__init__(latest)
        self.latest = latest


class FeedbackConflict(Exception):
    """Another staff answer was saved since the one the edit started from."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


def _lock_group(group):
    return (
        Group.objects.select_for_update(of=("self",))
        .select_related("assignment", "submission")
        .get(pk=group.pk)
    )


def _lock_submission(group):
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("group__assignment")
        .get(group=group)
    )


def _check_membership_open(group, now):
    if not group.assignment.formation_is_open(now):
        raise ValidationError("Groups cannot be formed or changed for this assignment now.")
    if group.submission.submitted_at is not None:
        raise ValidationError("This group has submitted its work; its members are settled.")


@transaction.atomic
def start_group(*, assignment, name):
    """Create a group with its (empty) submission: every writer of groups goes through here."""
    group = Group.objects.create(assignment=assignment, name=name)
    Submission.objects.create(group=group)
    return group


@transaction.atomic
def create_group(*, assignment, user, name):
    """Create a group with the user as its first member."""
    if not assignment.formation_is_open(timezone.now()):
        raise ValidationError("Groups cannot be formed for this assignment now.")
    if Membership.objects.filter(assignment=assignment, user=user).exists():
        raise ValidationError(ALREADY_IN_A_GROUP)
    if assignment.groups.filter(name=name).exists():
        raise ValidationError("Another group already has this name; choose another one.")
    try:
        with transaction.atomic():
            group = start_group(assignment=assignment, name=name)
            Membership.objects.create(group=group, user=user)
    except IntegrityError as error:  # a parallel request won the name or the membership
        raise ValidationError("That did not work; reload the page and try again.") from error
    return group


@transaction.atomic
def join_group(*, assignment, user, code):
    """Add the user to the group with this join code, if it has room."""
    group = (
        Group.objects.select_for_update(of=("self",))
        .select_related("assignment", "submission")
        .filter(assignment=assignment, join_code=code.strip().upper())
        .first()
    )
    if group is None:
        raise ValidationError("No group of this assignment has this code.")
    _check_membership_open(group, timezone.now())
    if Membership.objects.filter(assignment=assignment, user=user).exists():
        raise ValidationError(ALREADY_IN_A_GROUP)
    if group.memberships.count() >= assignment.group_max_size:
        raise ValidationError(f"“{group.name}” is full.")
    try:
        with transaction.atomic():
            Membership.objects.create(group=group, user=user)
    except IntegrityError as error:
        raise ValidationError(ALREADY_IN_A_GROUP) from error
    notifications.notify_membership_changed(group, user, joined=True)
    return group


@transaction.atomic
def leave_group(*, group, user):
    """Take the user out of the group; a group left empty, with nothing written, goes away."""
    group = _lock_group(group)
    _check_membership_open(group, timezone.now())
    group.memberships.filter(user=user).delete()
    if not group.memberships.exists() and not group.submission.revisions.exists():
        group.delete()
    notifications.notify_membership_changed(group, user, joined=False)


@transaction.atomic
def save_revision(*, group, author, base_number, topic, sources=(), argument="", upload=None):
    """Save the group's work as a new revision; returns it, or None when nothing changed.

    `upload` is a checked PDF for a file hand-in (handins.check_upload); without one the
    current file, if any, stays. `base_number` is the revision the author started from. If
    someone saved since, nothing is written and EditConflict carries the newer revision, unless
    that newer revision is this very save arriving twice (same author, same base, same content):
    then it is returned as is.
    """
    submission = _lock_submission(group)
    now = timezone.now()
    _check_can_write(submission, now)
    content = {"topic": topic, "sources": list(sources), "argument": argument}
    content |= {"file": submission.file.name or "", "file_name": submission.file_name}
    if upload is not None:
        content |= {"file": upload, "file_name": download_name(upload.name)}
    if base_number != submission.revision_number:
        latest = _latest_revision(submission)
        if (latest.number, latest.author_id) == (base_number + 1, author.pk) and _same_work(
            latest.content, content
        ):
            return latest
        raise EditConflict(latest)
    if submission.revision_number and submission.content == content:
        return None
    is_late = submission.group.assignment.is_late(now)
    revision = Revision.objects.create(
        submission=submission,
        number=submission.revision_number + 1,
        author=author,
        created_at=now,
        is_late=is_late,
        **content,
    )
    for name, value in revision.content.items():
        setattr(submission, name, value)
    submission.revision_number = revision.number
    submission.updated_at = now
    submission.is_late = submission.is_late or is_late
    submission.save()
    return revision


def _same_work(saved, posted):
    """The same content, a new upload counting as the same file when its name is the same."""
    keys = set(saved) - ({"file"} if not isinstance(posted["file"], str) else set())
    return all(saved[key] == posted[key] for key in keys)


@transaction.atomic
def submit_for_review(*, group, base_number):
    """Hand the work in as it stands at revision `base_number`."""
    submission = _lock_submission(group)
    now = timezone.now()
    _check_can_write(submission, now)
    if base_number != submission.revision_number:
        raise EditConflict(_latest_revision(submission))
    _check_complete(submission)
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = now
    submission.submitted_revision = submission.revisions.get(number=submission.revision_number)
    submission.is_late = submission.is_late or submission.group.assignment.is_late(now)
    submission.save()
    notifications.notify_submitted(submission)
    return submission


def mark_feedback_seen(group, user):
    """She opened the page showing her group's answer: it is no longer new on her home."""
    answered_at = group.submission.feedback_at if group else None
    if answered_at is None:
        return
    seen = Membership.objects.filter(group=group, user=user).filter(
        Q(feedback_seen_at__isnull=True) | Q(feedback_seen_at__lt=answered_at)
    )
    if seen.update(feedback_seen_at=timezone.now()):
        bump_readers()  # her home no longer flags the answer as new


@transaction.atomic
def withdraw_submission(*, group):
    """Take handed-in work back to edit it, until the instructor starts reviewing it
    (Submission.review_started); it goes back to the state it was handed in from."""
    submission = _lock_submission(group)
    if submission.review_started:
        raise ValidationError(
            "The instructor has started reviewing your work, so it can no longer be taken "
            "back; write to them if something must change."
        )
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(
            f"Only work waiting for review can be taken back; yours is "
            f"“{submission.get_status_display()}”."
        )
    if not submission.group.assignment.accepts_work(timezone.now()):
        raise ValidationError(
            "The deadline has passed: work taken back now could not be handed in again."
        )
    answered = submission.feedback_at is not None
    submission.status = Submission.Status.NEEDS_REVISION if answered else Submission.Status.DRAFT
    submission.submitted_at = None
    submission.submitted_revision = None
    submission.save()
    return submission


def lock_for_feedback(submission, base_number):
    """Lock the submission for a staff answer started from feedback version `base_number`.

    Call it inside the transaction that saves the answer (the admin's change view is one), so
    the lock holds until record_feedback. If another answer was saved since, FeedbackConflict
    carries the submission as it now stands.
    """
    current = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("feedback_by")
        .get(pk=submission.pk)
    )
    if current.feedback_number != base_number:
        raise FeedbackConflict(current)
    return current


def record_feedback(submission, *, by, base_number, changed):
    """Save the staff fields of `submission` (status, feedback) as the version after
    `base_number`, checked by lock_for_feedback; `changed` says whether the answer differs, and
    so whether it is signed with `by` and now. Only these fields are written: the work itself
    may have been saved by a student since the page was read."""
    fields = ["status", "feedback", "grade", "feedback_number"]
    before = Submission.objects.values("status", "feedback").get(pk=submission.pk)
    if changed:
        submission.feedback_by = by
        submission.feedback_at = timezone.now()
        fields += ["feedback_by", "feedback_at"]
    submission.feedback_number = base_number + 1
    submission.save(update_fields=fields)
    notifications.notify_answer(submission, before)


def _latest_revision(submission):
    latest = submission.revisions.filter(number=submission.revision_number).first()
    if latest is None:  # a form claiming a version that was never saved
        raise ValidationError("This page is out of date; reload it and try again.")
    return latest


def _check_can_write(submission, now):
    assignment = submission.group.assignment
    if not assignment.is_open(now):
        raise ValidationError("This assignment is not open yet.")
    if not submission.is_editable:
        raise ValidationError(
            "Your work has been submitted for review; it can be changed again if the "
            "instructor asks for a revision."
        )
    if not assignment.accepts_work(now):
        due = date_format(timezone.localtime(assignment.due_at), "j F Y, H:i")
        raise ValidationError(f"The deadline passed on {due} (Paris time); work is closed.")


def _check_complete(submission):
    assignment = submission.group.assignment
    problems = []
    if not submission.revision_number:
        problems.append("Save your work first.")
    if assignment.takes_file and not submission.file:
        problems.append("Upload your PDF first.")
    if not assignment.takes_file and len(submission.sources) < assignment.min_sources:
        problems.append(f"List at least {assignment.min_sources} sources.")
    members = submission.group.memberships.count()
    if members < assignment.group_min_size:
        problems.append(f"A group needs at least {assignment.group_min_size} members.")
    if problems:
        raise ValidationError(problems)
