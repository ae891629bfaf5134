"""The new term's dates: week 1 on the first session, the others as far after it as before,
skipped dates pushing the rest a week on; deadlines keep their Paris clock time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from copying.calendar import new_dates, shift_moment

D = datetime.date
TUESDAYS = [D(2026, 1, 13), D(2026, 1, 20), D(2026, 2, 3), D(2026, 2, 10)]


def new_of(moves):
    return [move.new for move in moves]


def test_weeks_keep_their_distance_from_the_first_session():
    moves = new_dates(TUESDAYS, D(2027, 1, 19))
    assert new_of(moves) == [D(2027, 1, 19), D(2027, 1, 26), D(2027, 2, 9), D(2027, 2, 16)]
    assert [move.old for move in moves] == TUESDAYS
    assert {day.weekday() for day in new_of(moves)} == {1}


def test_a_skipped_date_pushes_that_week_and_the_rest_a_week_later():
    moves = new_dates(TUESDAYS, D(2027, 1, 19), skips=[D(2027, 1, 26)])
    assert new_of(moves) == [D(2027, 1, 19), D(2027, 2, 2), D(2027, 2, 16), D(2027, 2, 23)]


def test_consecutive_skips_push_as_often_as_needed():
    skips = [D(2027, 1, 19), D(2027, 1, 26)]
    moves = new_dates(TUESDAYS[:2], D(2027, 1, 19), skips=skips)
    assert new_of(moves) == [D(2027, 2, 2), D(2027, 2, 9)]


def test_a_skipped_date_no_session_falls_on_changes_nothing():
    assert new_of(new_dates(TUESDAYS, D(2027, 1, 19), skips=[D(2027, 1, 21)])) == new_of(
        new_dates(TUESDAYS, D(2027, 1, 19))
    )


def test_weeks_out_of_date_order_are_refused():
    with pytest.raises(ValueError, match="would not come after"):
        new_dates([D(2026, 1, 20), D(2026, 1, 13)], D(2027, 1, 19))


def test_a_deadline_keeps_its_paris_time_across_a_clock_change():
    paris = ZoneInfo("Europe/Paris")
    winter = datetime.datetime(2026, 3, 10, 18, 0, tzinfo=paris)  # before the clocks go forward
    moved = shift_moment(winter.astimezone(datetime.UTC), datetime.timedelta(days=28))
    assert moved.astimezone(paris).replace(tzinfo=None) == datetime.datetime(2026, 4, 7, 18, 0)
    assert moved.tzinfo == datetime.UTC
