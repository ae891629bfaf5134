"""The one way a week's deck changes: save its source as a new revision and derive the slides.

The deck editor, the import page, `import_deck`, the demo loader and restoring an old revision
all call :func:`save_deck`. It normalises line endings, parses outside any transaction (parsing
is bounded by weeks.remark.limits), renders, then in one short transaction checks that nobody
saved since the author's starting revision, replaces the slides and records the revision. Terms
and references are extracted once that transaction is over (`deck_imported`).
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from core.pagecache import one_bump
from core.text import normalise_newlines
from weeks import remark
from weeks.decks import build_slides, compare_deck, replace_slides
from weeks.models import DeckRevision, Week
from weeks.program import propose_program, replace_program
from weeks.signals import deck_imported

logger = logging.getLogger(__name__)


class StaleDeck(Exception):
    """Someone saved the deck after the revision the author started from."""

    def __init__(self, current):
        super().__init__(f"The deck was saved meanwhile ({current}).")
        self.current = current  # the DeckRevision saved meanwhile


@dataclass
class SavedDeck:
    revision: DeckRevision
    program_replaced: bool
    created: bool  # False when the source was the latest revision's already


def latest_revision(week):
    return (
        DeckRevision.objects.filter(week=week).order_by("-number").select_related("author").first()
    )


def revision_number(week):
    latest = latest_revision(week)
    return latest.number if latest else 0


def save_deck(week, source, *, author=None, based_on=None, apply_program=None, note=""):
    """Store `source` as the week's deck and its slides; return the SavedDeck.

    `based_on` is the revision number the author started from (0 before the first save): when
    another revision was saved since, StaleDeck is raised and nothing changes. None skips that
    check (a command run deliberately). `apply_program` True replaces the week's program with the
    deck's program slide, False keeps it; None builds it only when the week has none yet. `note`
    opens the revision's summary. Saving the source of the latest revision again records nothing.
    Raises remark.DeckError for a deck that cannot be imported, before anything is written.
    """
    # PostgreSQL text cannot hold NUL; CommonMark reads it as U+FFFD anyway.
    source = normalise_newlines(source).replace("\x00", "\ufffd")
    deck = remark.parse_deck(source)
    slides = build_slides(week, deck)  # the heavy part, before any lock is taken
    try:
        with transaction.atomic():
            saved = _store(week, deck, slides, source, author, based_on, apply_program, note)
    except IntegrityError:  # a concurrent save took the same revision number
        if (current := latest_revision(week)) is None:
            raise
        raise StaleDeck(current) from None
    if saved.created:
        collect_from_deck(week, slides)
    return saved


def collect_from_deck(week, slides):
    """Let other apps read what the committed deck holds (terms, references, the search
    index). Outside the write transaction (unless the caller holds one), so however long they
    read nothing is locked; one that fails is logged, and the deck stays saved."""
    with one_bump():
        replies = deck_imported.send_robust(sender=Week, week=week, slides=slides)
    for receiver, error in replies:
        if isinstance(error, Exception):
            logger.error(
                "Collecting from the deck of %s failed in %r", week, receiver, exc_info=error
            )


def _store(week, deck, slides, source, author, based_on, apply_program, note):
    Week.objects.select_for_update().filter(pk=week.pk).first()  # serialise saves of one deck
    latest = latest_revision(week)
    number = latest.number if latest else 0
    if based_on is not None and based_on != number:
        raise StaleDeck(latest)
    if latest and latest.source == source and not apply_program:
        return SavedDeck(revision=latest, program_replaced=False, created=False)
    summary = compare_deck(week, deck).summary if number or week.slides.exists() else ""
    proposal = propose_program(week, deck)
    replace_slides(week, deck, slides)
    program_replaced = proposal.differs and (
        apply_program if apply_program is not None else proposal.apply_by_default
    )
    if program_replaced:
        replace_program(week, proposal.items)
    revision = DeckRevision.objects.create(
        week=week,
        number=number + 1,
        source=source,
        author=author,
        summary=(note + (summary or f"{len(deck.slides)} slides"))[:300],
    )
    return SavedDeck(revision=revision, program_replaced=program_replaced, created=True)


def restore_revision(revision, *, author, based_on):
    """Save an old revision's source again, as a new revision."""
    saved = save_deck(
        revision.week, revision.source, author=author, based_on=based_on, apply_program=False
    )
    saved.revision.summary = f"Restored revision {revision.number}: {saved.revision.summary}"[:300]
    saved.revision.save(update_fields=["summary"])
    return saved
