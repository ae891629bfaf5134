"""Actions that write several models: what a deck import adds, and re-rendering after edits."""

import re

from django.db import transaction

from core.pagecache import bump_version
from core.text import headings, plain_text
from glossary.chinese import extract_terms, is_han
from glossary.models import Character, Term
from weeks.decks import render_week_slides
from weeks.models import Slide, Week

CHARACTER_HEADING = re.compile(r"character of the week\b", re.IGNORECASE)


def character_in_deck(slides):
    """The hanzi on the H1 line of the deck's "Character of the week" slide, or ""."""
    for slide in slides:
        found = list(headings(slide.content))
        if not any(CHARACTER_HEADING.match(heading.text) for heading in found):
            continue
        for heading in found:
            text = plain_text(heading.text)
            if heading.level == 1 and 1 <= len(text) <= 4 and all(is_han(ch) for ch in text):
                return text
    return ""


@transaction.atomic
def collect_from_deck(*, week, slides):
    """Link the week's character and record the deck's Chinese terms as drafts."""
    link_character(week=week, hanzi=character_in_deck(slides))
    collect_terms(week=week, slides=slides)


def link_character(*, week, hanzi):
    """Make the course's `hanzi` character the week's, creating it when it is missing."""
    current = Character.objects.filter(week=week).first()
    if not hanzi or (current and current.hanzi == hanzi):
        return current
    if current:
        current.week = None
        current.save()
    character = Character.objects.filter(
        course_id=week.course_id, hanzi=hanzi, week=None
    ).first() or Character(course_id=week.course_id, hanzi=hanzi)
    character.week = week
    character.save()
    return character


def collect_terms(*, week, slides):
    """Add the deck's glossed terms as drafts and link every term of the course to the
    slides that mention it. Terms the instructor confirmed or edited keep what they say."""
    found = extract_terms("\n---\n".join(slide.content for slide in slides))
    terms = {term.hanzi: term for term in Term.objects.filter(course_id=week.course_id)}
    for item in found:
        term = terms.setdefault(item.hanzi, Term(course_id=week.course_id, hanzi=item.hanzi))
        if term.is_confirmed or term.edited:
            continue
        pinyin, gloss = item.pinyin[:200], item.gloss[:300]
        if term.pk is None or (term.pinyin, term.gloss) != (pinyin, gloss):
            term.pinyin, term.gloss = pinyin, gloss
            term.save()
    mentions = [
        (term, slide) for term in terms.values() for slide in slides if term.hanzi in slide.content
    ]
    # The week's old slides are gone with their links; its week links are recounted.
    in_week = {term.pk for term, _ in mentions} | {terms[item.hanzi].pk for item in found}
    Term.weeks.through.objects.filter(week=week).delete()
    Term.weeks.through.objects.bulk_create(
        [Term.weeks.through(term_id=pk, week_id=week.pk) for pk in in_week]
    )
    Term.slides.through.objects.bulk_create(
        [Term.slides.through(term_id=term.pk, slide_id=slide.pk) for term, slide in mentions],
        ignore_conflicts=True,
    )
    # Drafts nobody edited that no deck mentions any more are leftovers of earlier imports.
    Term.objects.filter(
        course_id=week.course_id, status=Term.Status.DRAFT, edited=False, weeks=None
    ).delete()
    bump_version()  # bulk changes to the links send no signals


def relink_term(term):
    """Link `term` to every slide of its course that mentions it, and to their weeks."""
    slides = list(
        Slide.objects.filter(week__course_id=term.course_id, content__contains=term.hanzi)
    )
    term.slides.set(slides)
    term.weeks.set({slide.week_id for slide in slides})


@transaction.atomic
def confirm_terms(terms):
    """Confirm draft `terms` and show them as ruby in the weeks where they appear."""
    drafts = terms.filter(status=Term.Status.DRAFT)
    weeks = set(Week.objects.filter(glossary_terms__in=drafts).values_list("pk", flat=True))
    count = drafts.update(status=Term.Status.CONFIRMED)
    rerender_weeks(weeks)
    bump_version()
    return count


@transaction.atomic
def delete_terms(terms):
    """Delete `terms`, removing the ruby of the confirmed ones from their weeks."""
    confirmed = terms.filter(status=Term.Status.CONFIRMED)
    weeks = set(Week.objects.filter(glossary_terms__in=confirmed).values_list("pk", flat=True))
    terms.delete()
    rerender_weeks(weeks)


def rerender_weeks(week_ids):
    """Render again the slides and the prose of these weeks, with the current glossary."""
    weeks = Week.objects.filter(pk__in=week_ids).select_related("course", "character")
    for week in weeks.prefetch_related("program_items"):
        render_week_slides(week)
        week.save(update_fields=["summary_html"])
        for item in week.program_items.all():
            item.save(update_fields=["description_html"])
        if character := getattr(week, "character", None):
            character.save(update_fields=["notes_html"])
