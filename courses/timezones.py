"""A VTIMEZONE written with yearly RRULEs, derived from the IANA zone itself.

icalendar can write a zone as a list of its transitions (RDATEs); Mozilla's ical.js, the parser
Thunderbird uses, misreads such lists, while every client reads the two recurring rules
("last Sunday of March at 02:00") that a zone with daylight saving time follows.
"""

import calendar
import datetime
import functools
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@functools.lru_cache(maxsize=64)
def transitions(zone, year):
    """The (local wall time before the change, UTC offset before, offset after) of each change
    of `zone`'s offset in `year`, in order; found hour by hour, then minute by minute."""
    found = []
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        step = moment + datetime.timedelta(hours=1)
        if step.astimezone(zone).utcoffset() != offset:
            while moment.astimezone(zone).utcoffset() == offset:
                moment += datetime.timedelta(minutes=1)
            after = moment.astimezone(zone).utcoffset()
            local = (moment + offset).replace(tzinfo=None)
            found.append((local, offset, after))
            offset, step = after, moment
        moment = step
    return found


def yearly_rule(local):
    """The RRULE naming `local`'s day as the n-th (or last) weekday of its month."""
    weekday = WEEKDAYS[local.weekday()]
    last_day = calendar.monthrange(local.year, local.month)[1]
    nth = -1 if local.day + 7 > last_day else (local.day - 1) // 7 + 1
    return {"freq": "yearly", "bymonth": local.month, "byday": f"{nth}{weekday}"}


def offset_name(zone, local):
    return datetime.datetime.combine(local.date(), local.time(), tzinfo=zone).tzname()


def vtimezone(zone_name, year):
    """The VTIMEZONE of `zone_name` as its rules stand in `year`, valid from then on.

    The DTSTART of each part is its transition in `year`; a zone that does not change its
    clocks that year gets one STANDARD part.
    """
    zone = ZoneInfo(zone_name)
    timezone = Timezone()
    timezone.add("tzid", zone_name)
    changes = transitions(zone, year)
    if not changes:
        start = datetime.datetime(year, 1, 1)
        offset = datetime.datetime(year, 1, 1, tzinfo=zone).utcoffset()
        timezone.add_component(zone_part(TimezoneStandard, start, offset, offset, zone))
        return timezone
    for local, before, after in changes:
        part = TimezoneDaylight if after > before else TimezoneStandard
        component = zone_part(part, local, before, after, zone)
        component.add("rrule", yearly_rule(local))
        timezone.add_component(component)
    return timezone


def zone_part(part_class, local, before, after, zone):
    part = part_class()
    part.add("dtstart", local)
    part.add("tzoffsetfrom", before)
    part.add("tzoffsetto", after)
    name = offset_name(zone, local + datetime.timedelta(hours=3))
    if name:
        part.add("tzname", name)
    return part
