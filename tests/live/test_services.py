"""The live writes: moving, posting within the limits, upvoting once, moderating."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from live import services
from live.models import Contribution, LiveSession
from tests.factories import ContributionFactory, UserFactory
from tests.live.conftest import DISCUSSION

pytestmark = pytest.mark.django_db


def test_every_change_advances_the_weeks_serial(deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    made = services.post(week=deck, user=enrolled, text="One")
    services.upvote(contribution=made, user=UserFactory(is_staff=True))
    services.moderate(contribution=made, pinned=True)
    session = LiveSession.objects.get(week=deck)
    made.refresh_from_db()
    assert (session.serial, made.serial) == (4, 4)


def test_the_presenter_is_live_only_for_a_while_after_a_move(deck, settings):
    session = services.move(week=deck, slide=2)
    later = timezone.now() + datetime.timedelta(seconds=settings.LIVE_WINDOW_SECONDS + 1)
    assert session.is_live() and not session.is_live(later)


def test_a_post_is_cleaned_before_it_is_stored(deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    made = services.post(week=deck, user=enrolled, text="  <img src=x onerror=alert(1)>Yes\r\n")
    assert made.text == "Yes"


def test_a_post_of_exactly_280_characters_is_kept_and_281_refused(deck, enrolled, settings):
    settings.LIVE_POST_GAP_SECONDS = 0
    services.move(week=deck, slide=DISCUSSION)
    assert len(services.post(week=deck, user=enrolled, text="é" * 280).text) == 280
    with pytest.raises(services.Refused, match="280 characters"):
        services.post(week=deck, user=enrolled, text="é" * 281)


def test_an_empty_post_is_refused(deck, enrolled):
    services.move(week=deck, slide=DISCUSSION)
    with pytest.raises(services.Refused, match="Write something"):
        services.post(week=deck, user=enrolled, text=" <b></b> ")


def test_a_board_opens_only_on_a_discussion_slide(deck, enrolled):
    services.move(week=deck, slide=2)
    with pytest.raises(services.Refused, match="no discussion board"):
        services.post(week=deck, user=enrolled, text="Here?")
    assert services.post(week=deck, user=enrolled, text="There", slide=5).slide == 5


def test_a_board_is_closed_while_nobody_presents(deck, enrolled, settings):
    services.move(week=deck, slide=DISCUSSION)
    later = timezone.now() + datetime.timedelta(seconds=settings.LIVE_WINDOW_SECONDS + 5)
    with time_machine.travel(later), pytest.raises(services.Refused) as refused:
        services.post(week=deck, user=enrolled, text="Too late")
    assert refused.value.status == 409


def test_posting_too_fast_is_refused_with_429(deck, enrolled, settings):
    services.move(week=deck, slide=DISCUSSION)
    services.post(week=deck, user=enrolled, text="First")
    with pytest.raises(services.Refused) as refused:
        services.post(week=deck, user=enrolled, text="Second")
    assert refused.value.status == 429


def test_at_most_five_posts_a_minute(deck, enrolled, settings):
    settings.LIVE_POST_GAP_SECONDS = 0
    services.move(week=deck, slide=DISCUSSION)
    for n in range(settings.LIVE_POSTS_PER_MINUTE):
        services.post(week=deck, user=enrolled, text=f"Post {n}")
    with pytest.raises(services.Refused, match="too fast"):
        services.post(week=deck, user=enrolled, text="One more")
    later = timezone.now() + datetime.timedelta(seconds=61)
    with time_machine.travel(later):
        services.move(week=deck, slide=DISCUSSION)
        services.post(week=deck, user=enrolled, text="A minute later")
    assert Contribution.objects.count() == settings.LIVE_POSTS_PER_MINUTE + 1


def test_an_upvote_counts_once(deck, enrolled):
    made = ContributionFactory(week=deck, slide=DISCUSSION)
    services.upvote(contribution=made, user=enrolled)
    with pytest.raises(services.Refused, match="already upvoted"):
        services.upvote(contribution=made, user=enrolled)
    assert Contribution.objects.with_votes().get().votes == 1


def test_a_hidden_contribution_cannot_be_upvoted(deck, enrolled):
    made = ContributionFactory(week=deck, slide=DISCUSSION, is_hidden=True)
    with pytest.raises(services.Refused):
        services.upvote(contribution=made, user=enrolled)
