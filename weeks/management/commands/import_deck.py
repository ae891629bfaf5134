"""Import a remark.js markdown deck as a week's slides."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weeks.decks import import_deck, preview_import
from weeks.models import Week
from weeks.remark import DeckError


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
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, path, course, week, replace, dry_run, **options):
        try:
            week_obj = Week.objects.select_related("course").get(course__slug=course, number=week)
        except Week.DoesNotExist:
            raise CommandError(f"No week {week} in course {course!r}.") from None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            change = preview_import(week_obj, text)
        except DeckError as error:
            raise CommandError(f"{path}: {error}") from None
        for warning in change.deck.warnings:
            self.stderr.write(self.style.WARNING(f"{path}: {warning.message}"))
        if change.is_replacement and not replace:
            raise CommandError(
                f"Week {week} already has {len(change.current)} slides; "
                "pass --replace to replace them."
            )
        summary = (
            f"{len(change.deck.slides)} slides ({len(change.changed)} changed, "
            f"{change.added} added, {change.removed} removed)"
        )
        if dry_run:
            self.stdout.write(f"Would import {summary}.")
            return
        import_deck(week_obj, change.deck)
        self.stdout.write(self.style.SUCCESS(f"Imported {summary} into {week_obj}."))
