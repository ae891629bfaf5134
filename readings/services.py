from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core.pagecache import bump_version
from readings.citations import (
    extract_reading_list,
    extract_references,
    match_key,
    normalise_doi,
)
from readings.models import (
    PEOPLE_MAX_COUNT,
    PERSON_PART_MAX_LENGTH,
    Reading,
    WeekReading,
    strip_nul,
    validate_doi,
    validate_web_url,
)

TEXT_FIELDS = (
    "kind",
    "title",
    "container",
    "volume",
    "issue",
    "pages",
    "year",
    "publisher",
    "place",
    "language",
    "source_text",
)


def references_on(slide):
    """The references a slide cites in its footnotes and blockquotes, or lists as readings."""
    return extract_references(slide.content) + extract_reading_list(slide.content)


def reading_keys(reading):
    """The keys that identify `reading` when a deck cites it again, even after edits."""
    keys = {match_key(reading)}
    if reading.source_text:
        keys.add(("source", " ".join(reading.source_text.split())))
    return keys


def reading_from_reference(ref, *, course, slide):
    """An unsaved draft Reading for a parsed reference, cut to the field sizes."""
    reading = Reading(course=course, slide=slide, et_al=ref.et_al, doi="", url="")
    for name in TEXT_FIELDS:
        value = strip_nul(getattr(ref, name))
        setattr(reading, name, value[: Reading._meta.get_field(name).max_length])
    reading.authors = _people(ref.authors)
    reading.editors = _people(ref.editors)
    if _is_valid(validate_web_url, ref.url) and len(ref.url) <= 1_000:
        reading.url = ref.url
    if _is_valid(validate_doi, ref.doi) and len(normalise_doi(ref.doi)) <= 200:
        reading.doi = ref.doi
    return reading


def _people(authors):
    """Authors or editors as the model stores them, cut to size."""
    people = []
    for author in authors[:PEOPLE_MAX_COUNT]:
        if author.organisation:
            person = {"organisation": author.organisation}
        else:
            person = {"family": author.family, "given": author.given}
        people.append({k: strip_nul(v)[:PERSON_PART_MAX_LENGTH] for k, v in person.items()})
    return people


def _is_valid(validator, value):
    try:
        validator(value)
    except ValidationError:
        return False
    return bool(value)


@transaction.atomic
def collect_slide_readings(*, week, slides, **kwargs):
    """Link `week` to the readings its `slides` cite, creating drafts for new ones.

    A reference the course already has (same DOI, URL, title and year, or source text) is
    linked as it is: the instructor's corrections and confirmations are never overwritten.
    Connected to `weeks.signals.deck_imported`, hence the extra keyword arguments.
    """
    known = {}
    for reading in Reading.objects.filter(course_id=week.course_id):
        for key in reading_keys(reading):
            known.setdefault(key, reading)
    linked = set(week.week_readings.values_list("reading_id", flat=True))
    order = week.week_readings.aggregate(last=Max("order"))["last"]
    order = -1 if order is None else order
    relinked = False
    for slide in slides:
        for ref in references_on(slide):
            reading = known.get(match_key(ref)) or known.get(("source", ref.source_text))
            if reading is None:
                reading = reading_from_reference(ref, course=week.course, slide=slide)
                reading.save()
                for key in reading_keys(reading):
                    known.setdefault(key, reading)
            elif reading.slide_id is None:
                # Its slide went with the previous import: point it at the new one.
                reading.slide = slide
                Reading.objects.filter(pk=reading.pk).update(slide=slide)
                relinked = True
            if reading.pk not in linked:
                order += 1
                WeekReading.objects.create(
                    week=week, reading=reading, role=WeekReading.Role.CITED, order=order
                )
                linked.add(reading.pk)
    if relinked:
        bump_version()  # update() sends no signals
