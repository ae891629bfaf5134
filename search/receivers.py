"""Index again what a save changed: a week's entries when its deck, title, summary or program
change; the course's readings and glossary entries when one of those changes."""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save

from glossary.models import Character, Term
from readings.models import Reading, WeekReading
from search import indexing
from weeks.models import ProgramItem, Week
from weeks.signals import deck_imported

LISTED = (Reading, WeekReading, Term, Character)

_batch = threading.local()


@contextmanager
def indexed_once():
    """Within it, saves only note the course they change; each such course is indexed once
    on the way out (a copy to a new term writes hundreds of rows of one course)."""
    if getattr(_batch, "courses", None) is not None:
        yield
        return
    _batch.courses = {}
    try:
        yield
        courses = list(_batch.courses.values())
    finally:
        _batch.courses = None
    for course in courses:
        indexing.index_course(course)


def _deferred(course):
    """True (the course noted for later) inside indexed_once()."""
    courses = getattr(_batch, "courses", None)
    if courses is None:
        return False
    courses[course.pk] = course
    return True


def deck_saved(sender, week, **kwargs):
    if _deferred(week.course):
        return
    indexing.index_week(week)
    indexing.index_course_lists(week.course)  # the import collected readings and terms


def week_saved(sender, instance, raw=False, **kwargs):
    if not raw and not _deferred(instance.course):
        indexing.index_week(instance)


def program_changed(sender, instance, raw=False, origin=None, **kwargs):
    deleted_itself = _deleted_itself(instance, origin, ProgramItem)
    if not raw and deleted_itself and not _deferred(instance.week.course):
        indexing.index_week(instance.week)


def listed_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and _deleted_itself(instance, origin, sender):
        course = instance.week.course if sender is WeekReading else instance.course
        if not _deferred(course):
            indexing.index_course_lists(course)


def _deleted_itself(instance, origin, model):
    """True on a save, or on a delete of the row itself rather than of its course or week
    (whose own delete removes the entries)."""
    return origin is None or origin is instance or getattr(origin, "model", None) is model


def connect():
    deck_imported.connect(deck_saved, dispatch_uid="search-deck")
    post_save.connect(week_saved, sender=Week, dispatch_uid="search-week")
    for signal in (post_save, post_delete):
        signal.connect(
            program_changed, sender=ProgramItem, dispatch_uid=f"search-program-{id(signal)}"
        )
        for model in LISTED:
            signal.connect(
                listed_changed, sender=model, dispatch_uid=f"search-{model.__name__}-{id(signal)}"
            )
