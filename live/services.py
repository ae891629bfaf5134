"""The live classroom's writes: every one bumps the week's serial and wakes the streams."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Enrolment
from live import broker
from live.discussion import MAX_LENGTH, clean_text, is_discussion
from live.models import Contribution, LiveSession, Upvote


class Refused(Exception):
    """A write the rules do not allow; `status` is the HTTP status that says why."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _next_serial(week):
    """Lock the week's live row (creating it) and return the next serial; call in a transaction."""
    LiveSession.objects.get_or_create(week=week, defaults={"moved_at": _long_ago()})
    LiveSession.objects.filter(week=week).update(serial=F("serial") + 1)
    session = LiveSession.objects.select_for_update().get(week=week)
    transaction.on_commit(lambda: broker.notify(week.pk))
    return session


def _long_ago():
    return timezone.now() - datetime.timedelta(seconds=settings.LIVE_WINDOW_SECONDS + 1)


def slide_count(week):
    return week.slides.visible().count()


@transaction.atomic
def move(*, week, slide, board_shown=False):
    """Move the week's live position to slide `slide` (1-based, as in the deep link #K)."""
    if not 1 <= slide <= slide_count(week):
        raise Refused("That slide does not exist in this week's deck.")
    session = _next_serial(week)
    session.slide, session.board_shown, session.moved_at = slide, board_shown, timezone.now()
    session.save(update_fields=["slide", "board_shown", "moved_at"])
    return session


def discussion_slide(week, index):
    """The discussion slide at `index` of the week's visible slides, or None."""
    slide = week.slides.visible().filter(index=index).only("css_classes", "heading").first()
    return slide if slide and is_discussion(slide.css_classes, slide.heading) else None


def may_post(user, week):
    return user.is_authenticated and (
        user.is_staff or Enrolment.objects.filter(user=user, course_id=week.course_id).exists()
    )


def check_rate(user, week, now):
    """At most LIVE_POSTS_PER_MINUTE contributions a minute, LIVE_POST_GAP_SECONDS apart."""
    recent = list(
        Contribution.objects.filter(
            author=user, week=week, created_at__gt=now - datetime.timedelta(minutes=1)
        ).values_list("created_at", flat=True)
    )
    gap = datetime.timedelta(seconds=settings.LIVE_POST_GAP_SECONDS)
    if len(recent) >= settings.LIVE_POSTS_PER_MINUTE or any(now - at < gap for at in recent):
        raise Refused("You are posting too fast: wait a few seconds and send it again.", 429)


@transaction.atomic
def post(*, week, user, text, slide=None):
    """Add `user`'s contribution to the board of a discussion slide while the week is live."""
    if not may_post(user, week):
        raise Refused("Only students enrolled in this course can post on its boards.", 403)
    text = clean_text(text or "")
    if not text:
        raise Refused("Write something before sending it.")
    if len(text) > MAX_LENGTH:
        raise Refused(f"Keep it to {MAX_LENGTH} characters (this is {len(text)}).")
    session = LiveSession.objects.filter(week=week).first()
    if session is None or not session.is_live():
        raise Refused("The board opens while the slides are presented live.", 409)
    slide = session.slide if slide is None else slide
    if discussion_slide(week, slide) is None:
        raise Refused("This slide has no discussion board.")
    now = timezone.now()
    check_rate(user, week, now)
    serial = _next_serial(week).serial
    return Contribution.objects.create(
        week=week, slide=slide, author=user, text=text, created_at=now, serial=serial
    )


@transaction.atomic
def upvote(*, contribution, user):
    """Count `user`'s upvote once; a second one is refused."""
    if not may_post(user, contribution.week) or contribution.is_hidden:
        raise Refused("Only students enrolled in this course can upvote.", 403)
    try:
        with transaction.atomic():
            Upvote.objects.create(contribution=contribution, user=user)
    except IntegrityError:
        raise Refused("You have already upvoted this contribution.", 409) from None
    _touch(contribution)


@transaction.atomic
def moderate(*, contribution, hidden=None, pinned=None):
    """Hide or show, pin or unpin a contribution (staff)."""
    if hidden is not None:
        contribution.is_hidden = hidden
    if pinned is not None:
        contribution.is_pinned = pinned
    contribution.save(update_fields=["is_hidden", "is_pinned"])
    _touch(contribution)


def _touch(contribution):
    contribution.serial = _next_serial(contribution.week).serial
    Contribution.objects.filter(pk=contribution.pk).update(serial=contribution.serial)
