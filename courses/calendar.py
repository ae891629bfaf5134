"""The course's iCalendar feeds: the public one, and each student's private one.

Events come from the apps above through `courses.extensions.calendar_events`. Timed events are
written in Paris time with a VTIMEZONE (courses.timezones) so that every reader converts them
right; an event without a time is an all-day event. DTSTAMP and SEQUENCE come from the event's
stored revision (CalendarEventRevision), which changes only when the event's content does, so
downloading the feed twice gives the same bytes.
"""

import datetime
import hashlib
import json
from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils import timezone
from icalendar import Calendar, Event

from courses.models import CalendarEventRevision
from courses.timezones import vtimezone

TIME_ZONE = "Europe/Paris"
PARIS = ZoneInfo(TIME_ZONE)


def build_calendar(course, events, absolute_url, name=None):
    """Return the iCalendar bytes of `events`; `absolute_url(path)` makes links absolute."""
    calendar = Calendar()
    calendar.add("prodid", "-//Chinese Cities course platform//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or course.title_line or course.title)
    calendar.add("x-wr-timezone", TIME_ZONE)
    timed = [event.start for event in events if not event.is_all_day]
    if timed:
        # Rules from the year before the first event, so every event falls after a DTSTART.
        calendar.add_component(vtimezone(TIME_ZONE, min(timed).year - 1))
    revisions = revise(course, events)
    for event in events:
        calendar.add_component(to_vevent(event, revisions[event.uid], absolute_url))
    return calendar.to_ical()


def to_vevent(event, revision, absolute_url):
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", revision.changed_at.astimezone(datetime.UTC))
    vevent.add("sequence", revision.sequence)
    vevent.add("summary", event.summary)
    if event.is_all_day:
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end or event.start + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", in_paris(event.start))
        if event.end is not None:
            vevent.add("dtend", in_paris(event.end))
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", absolute_url(event.url))
    return vevent


def in_paris(moment):
    return moment.astimezone(PARIS)


def content_hash(event):
    fields = {name: value for name, value in vars(event).items() if name != "uid"}
    text = json.dumps(fields, default=lambda value: value.isoformat(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def revise(course, events):
    """The revision of each event by uid, recorded or moved on where its content changed.

    Nothing is written while the events stay as they are, so a download costs one query. Of
    two downloads recording the same change at once, only one moves the revision on.
    """
    hashes = {event.uid: content_hash(event) for event in events}
    known = CalendarEventRevision.objects.in_bulk(list(hashes), field_name="uid")
    now = timezone.now().replace(microsecond=0)
    new = [
        CalendarEventRevision(course=course, uid=uid, content_hash=digest, changed_at=now)
        for uid, digest in hashes.items()
        if uid not in known
    ]
    changed = [
        (known[uid], digest)
        for uid, digest in hashes.items()
        if uid in known and known[uid].content_hash != digest
    ]
    if new:
        CalendarEventRevision.objects.bulk_create(new, ignore_conflicts=True)
    for revision, digest in changed:
        CalendarEventRevision.objects.filter(
            pk=revision.pk, content_hash=revision.content_hash
        ).update(content_hash=digest, sequence=F("sequence") + 1, changed_at=now)
    if new or changed:
        known = CalendarEventRevision.objects.in_bulk(list(hashes), field_name="uid")
    return known
