"""The feed as Thunderbird reads it: Mozilla's ical.js under Node, in a New York time zone."""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import AssignmentFactory, WeekFactory

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).with_name("icaljs_events.mjs")
NODE = shutil.which("node")


def read_with_icaljs(ics):
    if NODE is None:
        pytest.skip("Node is not installed")
    if not (Path(settings.BASE_DIR) / "node_modules" / "ical.js").exists():
        pytest.fail("ical.js is missing: run `npm install`")
    env = {**os.environ, "TZ": "America/New_York"}
    result = subprocess.run(
        [NODE, str(SCRIPT)], input=ics, capture_output=True, env=env, timeout=30, check=True
    )
    return {event["uid"]: event for event in json.loads(result.stdout)}


@pytest.fixture
def sessions(course):
    course.session_start, course.session_end = datetime.time(17), datetime.time(19)
    course.save()
    days = {
        3: datetime.date(2026, 3, 3),  # CET in Paris, EST in New York
        4: datetime.date(2026, 3, 24),  # CET in Paris, EDT in New York (since 8 March)
        5: datetime.date(2026, 3, 31),  # CEST
        6: datetime.date(2026, 10, 20),  # CEST
        7: datetime.date(2026, 10, 27),  # CET in Paris, still EDT in New York (until 1 Nov)
        8: datetime.date(2026, 11, 3),  # CET, EST
    }
    for number, day in days.items():
        WeekFactory(course=course, number=number, date=day)
    return course


EXPECTED = {
    3: ("2026-03-03T16:00:00.000Z", "03/03/2026, 11:00 EST"),
    4: ("2026-03-24T16:00:00.000Z", "03/24/2026, 12:00 EDT"),
    5: ("2026-03-31T15:00:00.000Z", "03/31/2026, 11:00 EDT"),
    6: ("2026-10-20T15:00:00.000Z", "10/20/2026, 11:00 EDT"),
    7: ("2026-10-27T16:00:00.000Z", "10/27/2026, 12:00 EDT"),
    8: ("2026-11-03T16:00:00.000Z", "11/03/2026, 11:00 EST"),
}


@pytest.mark.parametrize("number", EXPECTED)
def test_icaljs_reads_paris_sessions_at_the_right_moment_for_a_new_york_reader(
    client, sessions, number
):
    events = read_with_icaljs(client.get("/chinese-cities/calendar.ics").content)
    event = events[f"chinese-cities-week-{number}@chinese-cities"]
    assert (event["start"], event["newYork"]) == EXPECTED[number]
    assert event["zone"] == "Europe/Paris" and not event["allDay"]
    start = datetime.datetime.fromisoformat(event["start"])
    assert datetime.datetime.fromisoformat(event["end"]) - start == datetime.timedelta(hours=2)


def test_icaljs_reads_a_deadline_in_paris_time(client, course):
    due = datetime.datetime(2026, 10, 25, 22, 59, tzinfo=datetime.UTC)  # 23:59 CET, the change day
    AssignmentFactory(
        course=course,
        slug="essay",
        due_at=due,
        opens_at=due - datetime.timedelta(days=9),
        group_formation_deadline=due - datetime.timedelta(days=2),
    )
    events = read_with_icaljs(client.get("/chinese-cities/calendar.ics").content)
    assert events["chinese-cities-assignment-essay-due@chinese-cities"]["start"] == (
        "2026-10-25T22:59:00.000Z"
    )


def test_icaljs_reads_a_week_without_a_time_as_an_all_day_event(client, course):
    WeekFactory(course=course, number=2, date=datetime.date(2026, 3, 29))
    event = read_with_icaljs(client.get("/chinese-cities/calendar.ics").content)[
        "chinese-cities-week-2@chinese-cities"
    ]
    assert event["allDay"] and (event["start"], event["end"]) == ("2026-03-29", "2026-03-30")
