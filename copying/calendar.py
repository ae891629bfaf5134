"""The new term's calendar: where each week of a course lands when it is taught again.

Pure Python. Week 1 lands on the first session; every later week keeps its distance in days
from week 1 (so its order and weekday); a skipped date pushes that week and all later ones a
week on, as many times as needed. Deadlines move with their week, keeping their Paris clock time.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
WEEK = datetime.timedelta(weeks=1)


@dataclass(frozen=True)
class Move:
    old: datetime.date
    new: datetime.date

    @property
    def shift(self):
        return self.new - self.old


def new_dates(old_dates, first_session, skips=()):
    """The Move of each of `old_dates` (in week order), the first landing on `first_session`."""
    skips = set(skips)
    moves, push = [], datetime.timedelta(0)
    for old in old_dates:
        new = first_session + (old - old_dates[0]) + push
        while new in skips:
            new, push = new + WEEK, push + WEEK
        if moves and new < moves[-1].new:
            raise ValueError(f"The week of {old} would not come after the week before it.")
        moves.append(Move(old, new))
    return moves


def shift_moment(moment, shift):
    """`moment` moved by `shift` (whole days) at the same Paris wall-clock time."""
    local = moment.astimezone(PARIS).replace(tzinfo=None) + shift
    return local.replace(tzinfo=PARIS).astimezone(moment.tzinfo)
