"""A presenter's private calendar feed carries her presentation; nobody else's feed does."""

import datetime

import pytest
from icalendar import Calendar

from courses.models import CalendarFeed
from presentations import services
from tests.factories import PresentationSlotsFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db


def events_of(client, url):
    calendar = Calendar.from_ical(client.get(url).content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def timed_week(course):
    course.session_start, course.session_end = datetime.time(17), datetime.time(19)
    course.meeting_place = "Room A"
    course.save()
    week = WeekFactory(course=course, number=3, date=datetime.date(2026, 2, 3))
    PresentationSlotsFactory(week=week, count=1)
    return week


def test_her_private_feed_has_her_presentation_at_the_session(client, course, timed_week):
    song = UserFactory(username="song")
    signup = services.sign_up(week=timed_week, student=song, title="City Brain")
    feed = CalendarFeed.objects.create(user=song, course=course)
    event = events_of(client, feed.get_absolute_url())[
        f"chinese-cities-presentation-{signup.pk}@chinese-cities"
    ]
    assert str(event["summary"]) == "Your presentation: City Brain"
    start = event.decoded("dtstart")
    assert (start.hour, start.date(), str(start.tzinfo)) == (17, timed_week.date, "Europe/Paris")
    assert str(event["location"]) == "Room A"


def test_waiting_students_and_the_public_feed_get_no_presentation(client, course, timed_week):
    services.sign_up(week=timed_week, student=UserFactory(), title="First")
    waiting = UserFactory(username="waiting")
    services.sign_up(week=timed_week, student=waiting, title="Second")
    feed = CalendarFeed.objects.create(user=waiting, course=course)
    private = events_of(client, feed.get_absolute_url())
    public = events_of(client, f"/{course.slug}/calendar.ics")
    assert not [uid for uid in (*private, *public) if "-presentation-" in uid]


def test_a_moved_presentation_moves_in_her_feed_under_the_same_uid(client, course, timed_week):
    song = UserFactory(username="song")
    signup = services.sign_up(week=timed_week, student=song, title="City Brain")
    feed = CalendarFeed.objects.create(user=song, course=course)
    uid = f"chinese-cities-presentation-{signup.pk}@chinese-cities"
    assert events_of(client, feed.get_absolute_url())[uid]["sequence"] == 0
    later = WeekFactory(course=course, number=4, date=datetime.date(2026, 2, 10))
    PresentationSlotsFactory(week=later)
    services.move(signup=signup, week=later)
    moved = events_of(client, feed.get_absolute_url())[uid]
    assert moved.decoded("dtstart").date() == later.date
    assert moved["sequence"] == 1
