"""Import a remark.js markdown deck as a week's slides: a new revision of its deck."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.text import normalise_newlines
from weeks.decks import compare_deck
from weeks.models import Week
from weeks.program import propose_program
from weeks.remark import DeckError, parse_deck
from weeks.revisions import save_deck


class Command(BaseCommand):
    help = "Import a remark markdown deck into a week (use --replace when it has slides)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--course", required=True, help="Course slug.")
        parser.add_argument("--week", required=True, type=int, help="Week number.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace the week's existing slides."
        )
        parser.add_argument(
            "--replace-program",
            action="store_true",
            help="Replace the week's program with the deck's program slide even if it was edited.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, path, course, week, replace, replace_program, dry_run, **options):
        week_obj = self.get_week(course, week)
        try:
            text = normalise_newlines(path.read_text(encoding="utf-8-sig"))
            change = compare_deck(week_obj, parse_deck(text))
        except (OSError, UnicodeDecodeError, DeckError) as error:
            raise CommandError(f"{path}: {error}") from None
        for warning in change.deck.warnings:
            self.stderr.write(self.style.WARNING(f"{path}: {warning.message}"))
        if change.is_replacement and not replace:
            raise CommandError(
                f"Week {week} already has {len(change.current)} slides; "
                "pass --replace to replace them."
            )
        summary = f"{len(change.deck.slides)} slides ({change.summary})"
        if dry_run:
            self.stdout.write(f"Would import {summary}.")
            return
        self.warn_about_program(week_obj, change.deck, replace_program)
        saved = save_deck(week_obj, text, apply_program=True if replace_program else None)
        self.stdout.write(
            self.style.SUCCESS(f"Imported {summary} into {week_obj}: {saved.revision}.")
        )

    def get_week(self, course, number):
        try:
            return Week.objects.select_related("course").get(course__slug=course, number=number)
        except Week.DoesNotExist:
            raise CommandError(f"No week {number} in course {course!r}.") from None

    def warn_about_program(self, week, deck, replace_program):
        proposal = propose_program(week, deck)
        if proposal.replaces_edited_program and not replace_program:
            self.stderr.write(
                self.style.WARNING(
                    "The deck's program slide differs from the week's program, which is kept; "
                    "pass --replace-program to replace it."
                )
            )
        elif proposal.differs:
            self.stdout.write(
                f"The week's program is built from the deck: {len(proposal.items)} items."
            )
