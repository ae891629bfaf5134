"""The week's program with its presenters, as the sign-ups say (registered in
weeks.extensions.week_program).

The k-th presentation item of the program shows the presenter of slot k ("Presentation —
name — title"); an item whose slot nobody took stays as the instructor typed it, and
presenters beyond the program's presentation items are added after the last of them (or
first, when the program has none). Items are copies: nothing is saved.
"""

import copy

from weeks.models import ProgramItem

PRESENTATION = ProgramItem.Kind.PRESENTATION


def program_with_presenters(week, items):
    signups = getattr(week, "listed_presentations", None)
    if not signups:
        return items
    items = list(items)
    slots = {signup.slot: signup for signup in signups}
    shown, last = set(), None
    result = []
    for item in items:
        if item.kind == PRESENTATION:
            slot = sum(1 for other in result if other.kind == PRESENTATION) + 1
            if slot in slots:
                item = presented(item, slots[slot])
                shown.add(slot)
            last = len(result)
        result.append(item)
    extra = [
        presented(ProgramItem(kind=PRESENTATION, part=part_at(result, last)), signup)
        for slot, signup in sorted(slots.items())
        if slot not in shown
    ]
    at = 0 if last is None else last + 1
    return result[:at] + extra + result[at:]


def part_at(items, index):
    if index is not None:
        return items[index].part
    return items[0].part if items else ""


def presented(item, signup):
    item = copy.copy(item)
    item.presenters = signup.presenter_name
    item.title = signup.title
    return item
