"""Readings imported from a reference manager's export: matched, previewed, then applied.

An imported reference updates the course's reading with the same DOI, else the same title
(folded: case, accents, punctuation) and year (or a reading without a year); any other is
created. The preview lists every field an import would change; a change is applied only if the
plan confirmed is still the plan that was shown (its digest), so nothing existing is
overwritten without having been shown. An import never empties a field.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from readings.citations import doi_match_key
from readings.citations.matching import _fold
from readings.models import Reading, WeekReading, person_name
from readings.services import reading_from_reference

FIELDS = (
    "kind",
    "authors",
    "et_al",
    "title",
    "container",
    "editors",
    "volume",
    "issue",
    "pages",
    "year",
    "publisher",
    "place",
    "url",
    "doi",
    "language",
    "csl_extra",
)


@dataclass
class ImportRow:
    """One imported reference: the reading it creates or updates, and what changes."""

    reading: Reading
    existing: bool
    changes: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def shown_changes(self):
        """The changes as (field label, old text, new text), for the preview."""
        return [
            (Reading._meta.get_field(name).verbose_name, _shown(old), _shown(new))
            for name, old, new in self.changes
        ]

    @property
    def action(self):
        if not self.existing:
            return "create"
        return "update" if self.changes else "unchanged"


def _shown(value):
    if isinstance(value, list):
        return "; ".join(person_name(person) for person in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in sorted(value.items()))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _existing(ref, readings):
    """The reading with `ref`'s DOI, else with its folded title and year, or None."""
    doi = doi_match_key(ref.doi)
    by_doi = [r for r in readings if doi and doi_match_key(r.doi) == doi]
    by_title = [
        r
        for r in readings
        if _fold(ref.title) == _fold(r.title) and (ref.year == r.year or not r.year or not ref.year)
    ]
    return (by_doi or by_title or [None])[0]


def _changes(reading, imported):
    changes = []
    for name in FIELDS:
        old, new = getattr(reading, name), getattr(imported, name)
        if name == "csl_extra":
            new = {**old, **new}
        if new not in ("", [], {}, None, False) and new != old:
            changes.append((name, old, new))
    authors_replaced = any(name == "authors" for name, _, _ in changes)
    if authors_replaced and reading.et_al and not imported.et_al:
        changes.append(("et_al", True, False))  # the full list replaces "et al."
    return changes


def plan_import(course, refs):
    """The rows an import of `refs` into `course` would create or update."""
    readings = list(Reading.objects.filter(course=course))
    rows = []
    for ref in refs:
        imported = reading_from_reference(ref, course=course, slide=None)
        imported.csl_extra = ref.extra
        existing = _existing(ref, readings)
        if existing is None:
            rows.append(ImportRow(imported, existing=False))
        else:
            rows.append(ImportRow(existing, existing=True, changes=_changes(existing, imported)))
    return rows


def plan_digest(rows):
    """A fingerprint of what the preview showed: each row's action, reading and changes."""
    shown = [
        (row.action, row.reading.pk, row.reading.title, [list(map(str, c)) for c in row.changes])
        for row in rows
    ]
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def apply_import(rows, *, status, week=None, role=WeekReading.Role.RECOMMENDED):
    """Create and update the readings of `rows`; list them in `week` if given."""
    order = week.week_readings.aggregate(last=Max("order"))["last"] if week else None
    order = -1 if order is None else order
    for row in rows:
        reading = row.reading
        if not row.existing:
            reading.status = status
        for name, _, new in row.changes:
            setattr(reading, name, new)
        if row.action != "unchanged":
            reading.full_clean(exclude=["slide"])
            reading.save()
        if week is not None and not week.week_readings.filter(reading=reading).exists():
            order += 1
            WeekReading.objects.create(week=week, reading=reading, role=role, order=order)
    return {action: sum(row.action == action for row in rows) for action in ("create", "update")}
