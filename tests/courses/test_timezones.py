import datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from courses.timezones import transitions, vtimezone


def rule_dates(part, until_year):
    rule = part["RRULE"].to_ical().decode()
    start = part.decoded("dtstart")
    return list(
        rrulestr(rule, dtstart=start).between(
            start, datetime.datetime(until_year, 12, 31), inc=True
        )
    )


@pytest.mark.parametrize("zone_name", ["Europe/Paris", "America/New_York", "Europe/London"])
def test_the_rules_give_the_zones_own_changes_for_a_decade(zone_name):
    zone = ZoneInfo(zone_name)
    written = sorted(
        moment
        for part in vtimezone(zone_name, 2025).subcomponents
        for moment in rule_dates(part, 2035)
    )
    expected = [local for year in range(2025, 2036) for local, _, _ in transitions(zone, year)]
    assert written == expected


def test_paris_changes_on_the_last_sundays_of_march_and_october_2026():
    changes = transitions(ZoneInfo("Europe/Paris"), 2026)
    assert [(local, after - before) for local, before, after in changes] == [
        (datetime.datetime(2026, 3, 29, 2), datetime.timedelta(hours=1)),
        (datetime.datetime(2026, 10, 25, 3), datetime.timedelta(hours=-1)),
    ]


def test_the_paris_zone_is_written_with_rrules_and_no_rdate():
    text = vtimezone("Europe/Paris", 2026).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "RDATE" not in text
    assert "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200" in text


def test_a_zone_without_daylight_saving_time_has_one_standard_part():
    zone = vtimezone("Asia/Shanghai", 2026)
    assert [part.name for part in zone.subcomponents] == ["STANDARD"]
    assert "RRULE" not in zone.subcomponents[0]
