import datetime

import pytest
from icalendar import Calendar

from tests.factories import WeekFactory

pytestmark = pytest.mark.django_db


def fetch_calendar(client, course):
    return Calendar.from_ical(client.get(f"/{course.slug}/calendar.ics").content)


def test_calendar_has_one_event_per_published_week(client, course):
    WeekFactory(
        course=course, number=7, title="Planning For Innovation", date=datetime.date(2026, 3, 17)
    )
    WeekFactory(course=course, number=8, title="Draft", is_published=False)
    events = fetch_calendar(client, course).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert "Week 7: Planning For Innovation" in str(event["summary"])
    assert event.decoded("dtstart") == datetime.date(2026, 3, 17)
    assert str(event["url"]).endswith("/chinese-cities/weeks/7/")


def test_calendar_events_use_the_session_time_in_paris(client, course):
    course.session_start = datetime.time(17, 0)
    course.session_minutes = 120
    course.meeting_place = "27 rue Saint-Guillaume, Paris"
    course.save()
    WeekFactory(course=course, number=7, date=datetime.date(2026, 3, 17))
    event = fetch_calendar(client, course).walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.isoformat() == "2026-03-17T17:00:00+01:00"
    assert end - start == datetime.timedelta(hours=2)
    assert str(event["location"]) == "27 rue Saint-Guillaume, Paris"


def test_calendar_event_uids_are_stable(client, course):
    WeekFactory(course=course, number=7)
    first = fetch_calendar(client, course).walk("VEVENT")[0]["uid"]
    second = fetch_calendar(client, course).walk("VEVENT")[0]["uid"]
    assert first == second
