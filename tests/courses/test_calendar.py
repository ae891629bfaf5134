import datetime

import pytest
import time_machine
from icalendar import Calendar

from courses.models import CalendarEventRevision, CalendarFeed
from tests.factories import AssignmentFactory, MembershipFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def timed_course(course):
    course.session_start, course.session_end = datetime.time(17), datetime.time(19)
    course.meeting_place = "27 rue Saint-Guillaume, room A"
    course.save()
    return course


def download(client, course):
    return client.get(f"/{course.slug}/calendar.ics").content


def events_of(ics):
    return {str(event["uid"]): event for event in Calendar.from_ical(ics).walk("VEVENT")}


def utc_start(event):
    return event.decoded("dtstart").astimezone(UTC)


def test_calendar_has_one_event_per_published_week(client, course):
    WeekFactory(
        course=course, number=7, title="Planning For Innovation", date=datetime.date(2026, 3, 17)
    )
    WeekFactory(course=course, number=8, title="Draft", is_published=False)
    events = list(events_of(download(client, course)).values())
    assert len(events) == 1
    assert "Week 7: Planning For Innovation" in str(events[0]["summary"])
    assert str(events[0]["url"]).endswith("/chinese-cities/weeks/7/")


def test_a_week_without_a_time_is_an_all_day_event(client, course):
    WeekFactory(course=course, number=7, date=datetime.date(2026, 3, 17))
    event = events_of(download(client, course))["chinese-cities-week-7@chinese-cities"]
    assert event.decoded("dtstart") == datetime.date(2026, 3, 17)
    assert event.decoded("dtend") == datetime.date(2026, 3, 18)
    assert b"VTIMEZONE" not in download(client, course)


def test_a_timed_session_is_written_in_paris_time_with_its_room(client, timed_course):
    WeekFactory(course=timed_course, number=7, date=datetime.date(2026, 3, 17))
    ics = download(client, timed_course)
    assert b"DTSTART;TZID=Europe/Paris:20260317T170000" in ics
    event = events_of(ics)["chinese-cities-week-7@chinese-cities"]
    assert utc_start(event) == datetime.datetime(2026, 3, 17, 16, tzinfo=UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=2)
    assert str(event["location"]) == "27 rue Saint-Guillaume, room A"


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2026, 3, 24), 16),  # CET, before the change of 29 March
        (datetime.date(2026, 3, 31), 15),  # CEST
        (datetime.date(2026, 10, 20), 15),  # CEST, before the change of 25 October
        (datetime.date(2026, 10, 27), 16),  # CET
    ],
)
def test_session_times_stay_17_00_in_paris_on_either_side_of_the_clock_changes(
    client, timed_course, day, utc_hour
):
    WeekFactory(course=timed_course, number=7, date=day)
    event = events_of(download(client, timed_course))["chinese-cities-week-7@chinese-cities"]
    assert utc_start(event) == datetime.datetime.combine(day, datetime.time(utc_hour), UTC)


def test_the_feed_carries_a_paris_vtimezone_written_with_rrules(client, timed_course):
    WeekFactory(course=timed_course, number=7, date=datetime.date(2026, 3, 17))
    zones = Calendar.from_ical(download(client, timed_course)).walk("VTIMEZONE")
    assert [str(zone["tzid"]) for zone in zones] == ["Europe/Paris"]
    parts = zones[0].subcomponents
    assert sorted(part.name for part in parts) == ["DAYLIGHT", "STANDARD"]
    assert all("RRULE" in part and "RDATE" not in part for part in parts)


def test_two_downloads_give_the_same_bytes_even_hours_apart(client, settings, timed_course):
    settings.PAGE_CACHE_SECONDS = 0  # each download builds the feed again
    WeekFactory(course=timed_course, number=7, date=datetime.date(2026, 3, 17))
    AssignmentFactory(course=timed_course)
    first = download(client, timed_course)
    with time_machine.travel(datetime.timedelta(hours=5)):
        second = download(client, timed_course)
    assert first == second
    assert first.count(b"DTSTAMP:") == 4


def test_a_changed_session_gets_a_new_sequence_and_stamp_and_the_others_do_not(
    client, settings, timed_course
):
    settings.PAGE_CACHE_SECONDS = 0
    moved = WeekFactory(course=timed_course, number=7, date=datetime.date(2026, 3, 17))
    WeekFactory(course=timed_course, number=8, date=datetime.date(2026, 3, 24))
    before = events_of(download(client, timed_course))
    with time_machine.travel(datetime.timedelta(days=1)):
        moved.start_time, moved.end_time = datetime.time(18), datetime.time(20)
        moved.save()
        after = events_of(download(client, timed_course))
    uid7, uid8 = "chinese-cities-week-7@chinese-cities", "chinese-cities-week-8@chinese-cities"
    assert (before[uid7]["sequence"], after[uid7]["sequence"]) == (0, 1)
    assert after[uid7].decoded("dtstamp") > before[uid7].decoded("dtstamp")
    assert after[uid8]["sequence"] == 0
    assert after[uid8].decoded("dtstamp") == before[uid8].decoded("dtstamp")


def test_an_unchanged_feed_costs_no_write(
    client, settings, timed_course, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    WeekFactory(course=timed_course, number=7)
    AssignmentFactory(course=timed_course)
    download(client, timed_course)
    with django_assert_num_queries(4):  # course, weeks, assignments, revisions
        download(client, timed_course)
    assert CalendarEventRevision.objects.count() == 4


def test_assignments_give_their_opening_group_deadline_and_due_date(client, course):
    due = datetime.datetime(2026, 4, 14, 21, 59, tzinfo=UTC)  # 23:59 in Paris
    AssignmentFactory(
        course=course,
        slug="final-project",
        title="Final project",
        opens_at=due - datetime.timedelta(days=20),
        group_formation_deadline=due - datetime.timedelta(days=10),
        due_at=due,
    )
    events = events_of(download(client, course))
    prefix = "chinese-cities-assignment-final-project"
    assert set(events) == {
        f"{prefix}-opens@chinese-cities",
        f"{prefix}-groups-close@chinese-cities",
        f"{prefix}-due@chinese-cities",
    }
    assert utc_start(events[f"{prefix}-due@chinese-cities"]) == due
    assert str(events[f"{prefix}-due@chinese-cities"]["summary"]) == "Final project due"
    assert b"DTSTART;TZID=Europe/Paris:20260414T235900" in download(client, course)


def test_assignments_of_draft_weeks_stay_out_of_the_feed(client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    AssignmentFactory(course=course, week=draft)
    assert events_of(download(client, course)) == {}


def test_the_private_feed_names_her_group_on_its_due_date(client, course, assignment):
    student = UserFactory(username="li.wei")
    membership = MembershipFactory(group__assignment=assignment, group__name="Makers", user=student)
    feed = CalendarFeed.objects.create(user=student, course=course)
    events = events_of(client.get(feed.get_absolute_url()).content)
    due = events[
        f"chinese-cities-assignment-final-project-due-group-{membership.group.pk}@chinese-cities"
    ]
    assert "your group “Makers”" in str(due["summary"])
    assert "Draft" in str(due["description"])
    assert "chinese-cities-assignment-final-project-opens@chinese-cities" in events


def test_the_private_feed_shows_no_other_students_group(client, course, assignment):
    MembershipFactory(group__assignment=assignment, group__name="Makers")
    outsider = CalendarFeed.objects.create(user=UserFactory(), course=course)
    content = client.get(outsider.get_absolute_url()).content
    assert b"Makers" not in content
    assert "chinese-cities-assignment-final-project-due@chinese-cities" in events_of(content)


@pytest.mark.parametrize("tamper", ["0" * 64, "", "abc"])
def test_a_wrong_private_address_is_not_found(client, course, tamper):
    feed = CalendarFeed.objects.create(user=UserFactory(), course=course)
    url = f"/{course.slug}/calendar/{feed.pk}/{tamper}.ics"
    assert client.get(url).status_code == 404


def test_a_regenerated_address_stops_the_old_one(client, course):
    feed = CalendarFeed.objects.create(user=UserFactory(), course=course)
    old = feed.get_absolute_url()
    feed.regenerate()
    assert client.get(old).status_code == 404
    assert client.get(feed.get_absolute_url()).status_code == 200


def test_the_private_feed_is_never_kept_in_shared_caches(client, course):
    feed = CalendarFeed.objects.create(user=UserFactory(), course=course)
    response = client.get(feed.get_absolute_url())
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_a_deactivated_students_feed_stops(client, course):
    student = UserFactory()
    feed = CalendarFeed.objects.create(user=student, course=course)
    student.is_active = False
    student.save()
    assert client.get(feed.get_absolute_url()).status_code == 404
