"""Copy a course to a new term: one transaction that writes the new course and checks it.

The order matters because saving a deck derives things from it: the readings, terms and
characters are copied first, so that the deck's collectors (weeks.signals.deck_imported) find
them instead of making drafts, and the slides are rendered with the confirmed terms as ruby.
What the collectors then linked is set back to the original's links, week for week.
"""

from django.db import IntegrityError, transaction

from assignments.models import Assignment
from copying.calendar import shift_moment
from copying.checks import check_copy
from copying.plan import CopyError
from glossary.models import Character, Term
from readings.models import Reading, WeekReading
from search.receivers import indexed_once
from weeks.decks import export_week_deck
from weeks.models import ProgramItem, Slide, SlideImage, Week
from weeks.revisions import save_deck

TERM_FIELDS = ("pinyin", "gloss", "notes", "status", "edited")


def copy_row(instance, **overrides):
    """A saved copy of `instance` with a new primary key; `overrides` by attribute name."""
    model = type(instance)
    values = {
        f.attname: getattr(instance, f.attname)
        for f in model._meta.concrete_fields
        if not f.primary_key
    }
    values.update(overrides)
    copy = model(**values)
    copy.save()
    return copy


@transaction.atomic
def copy_course(plan):
    """Write the course `plan` describes and return it; CopyError (nothing written) when the
    copy does not check out. The copy is found by search once it is written."""
    try:
        with indexed_once():
            course = write_copy(plan)
    except IntegrityError as error:  # e.g. the slug taken meanwhile
        raise CopyError(f"The copy was not made: {error}") from None
    check_copy(plan, course)
    return course


def write_copy(plan):
    source = plan.source
    course = copy_row(source, slug=plan.slug, term=plan.term)
    for image in SlideImage.objects.filter(course=source):
        copy_row(image, course_id=course.pk)
    readings = {
        r.pk: copy_row(r, course_id=course.pk, slide_id=None) for r in source.readings.all()
    }
    for term in source.terms.all():
        copy_row(term, course_id=course.pk)
    characters = copy_characters(source, course)
    weeks = copy_weeks(plan, course)
    slides = copy_decks(plan, weeks)
    relink_terms(source, course, weeks, slides)
    relink_readings(source, course, readings, weeks, slides)
    relink_characters(course, characters, weeks)
    copy_assignments(plan, course, weeks)
    return course


def copy_characters(source, course):
    """The characters with their links, each unlinked from its week until the weeks exist:
    [(copy, the original's week pk)]."""
    copies = []
    for character in Character.objects.filter(course=source).prefetch_related("links"):
        copy = copy_row(character, course_id=course.pk, week_id=None)
        for link in character.links.all():
            copy_row(link, character_id=copy.pk)
        copies.append((copy, character.week_id))
    return copies


def relink_characters(course, characters, weeks):
    """Each character the character of its original's week, as the deck saves may differ."""
    Character.objects.filter(course=course).update(week=None)
    for character, week_id in characters:
        if week_id:
            character.week = weeks[week_id]
            character.save(update_fields=["week"])


def copy_weeks(plan, course):
    """The new weeks, as drafts on their new dates, each with its program."""
    weeks = {}
    for item in plan.weeks:
        week = item.week
        weeks[week.pk] = copy_row(week, course_id=course.pk, date=item.move.new, is_published=False)
        # A new week takes the course's times and room where it has none: an all-day
        # session, or one without a room, stays so in the copy.
        session = {"start_time": week.start_time, "end_time": week.end_time, "room": week.room}
        Week.objects.filter(pk=weeks[week.pk].pk).update(**session)
        for name, value in session.items():
            setattr(weeks[week.pk], name, value)
        for program_item in ProgramItem.objects.filter(week=week):
            copy_row(program_item, week_id=weeks[week.pk].pk)
    return weeks


def copy_decks(plan, weeks):
    """Save each week's latest deck source on its copy; {(old week pk, position): new slide}."""
    slides = {}
    for item in plan.weeks:
        week = item.week
        if not (week.deck_revisions.exists() or week.slides.exists()):
            continue
        note = f"Copied from {plan.source.slug}, week {week.number}. "
        save_deck(weeks[week.pk], export_week_deck(week), apply_program=False, note=note)
        for slide in Slide.objects.filter(week=weeks[week.pk]):
            slides[week.pk, slide.position] = slide
    return slides


def relink_terms(source, course, weeks, slides):
    """Give the terms the original's fields and links: a deck save may have deleted drafts
    no earlier week mentioned, and made them again from its own slides."""
    current = {term.hanzi: term for term in Term.objects.filter(course=course)}
    for original in source.terms.prefetch_related("weeks", "slides"):
        term = current.pop(original.hanzi, None)
        if term is None:
            term = copy_row(original, course_id=course.pk)
        if any(getattr(term, name) != getattr(original, name) for name in TERM_FIELDS):
            for name in TERM_FIELDS:
                setattr(term, name, getattr(original, name))
            term.save()
        term.weeks.set([weeks[week.pk] for week in original.weeks.all()])
        term.slides.set(
            [
                slides[s.week_id, s.position]
                for s in original.slides.all()
                if (s.week_id, s.position) in slides
            ]
        )
    Term.objects.filter(pk__in=[term.pk for term in current.values()]).delete()


def relink_readings(source, course, readings, weeks, slides):
    """Point each reading at its slide's copy and list it in the weeks the original is in."""
    Reading.objects.filter(course=course).exclude(
        pk__in=[reading.pk for reading in readings.values()]
    ).delete()
    for original in source.readings.select_related("slide"):
        slide = original.slide
        key = (slide.week_id, slide.position) if slide else None
        Reading.objects.filter(pk=readings[original.pk].pk).update(slide=slides.get(key))
    WeekReading.objects.filter(week__course=course).delete()
    for link in WeekReading.objects.filter(week__course=source).order_by("pk"):
        copy_row(link, week_id=weeks[link.week_id].pk, reading_id=readings[link.reading_id].pk)


def copy_assignments(plan, course, weeks):
    """The assignments, every date moved like the week each belongs to, grades unreleased."""
    assignments = Assignment.objects.filter(course=plan.source).prefetch_related("criteria")
    for assignment in assignments:
        shift = plan.shift_for(assignment.week_id)
        copy = copy_row(
            assignment,
            course_id=course.pk,
            week_id=weeks[assignment.week_id].pk if assignment.week_id else None,
            opens_at=shift_moment(assignment.opens_at, shift),
            group_formation_deadline=shift_moment(assignment.group_formation_deadline, shift),
            due_at=shift_moment(assignment.due_at, shift),
            grades_released=False,
        )
        for criterion in assignment.criteria.all():
            copy_row(criterion, assignment_id=copy.pk)
