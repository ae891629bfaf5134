"""The course's sessions as an iCalendar feed students can subscribe to."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event


def build_calendar(course, weeks, absolute_url):
    """Return the iCalendar bytes of `weeks`; `absolute_url(path)` makes links absolute."""
    calendar = Calendar()
    calendar.add("prodid", "-//Chinese Cities course platform//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", course.title_line or course.title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    zone = ZoneInfo(settings.TIME_ZONE)
    for week in weeks:
        event = Event()
        event.add("uid", f"{course.slug}-week-{week.number}@{course.slug}")
        event.add("summary", f"{course.title} — Week {week.number}: {week.title}")
        if course.session_start:
            start = datetime.datetime.combine(week.date, course.session_start, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + datetime.timedelta(minutes=course.session_minutes))
        else:
            event.add("dtstart", week.date)
            event.add("dtend", week.date + datetime.timedelta(days=1))
        event.add("dtstamp", datetime.datetime.now(datetime.UTC))
        if course.meeting_place:
            event.add("location", course.meeting_place)
        event.add("description", week.summary or week.title)
        event.add("url", absolute_url(week.get_absolute_url()))
        calendar.add_component(event)
    return calendar.to_ical()
