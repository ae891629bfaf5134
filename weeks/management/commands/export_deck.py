"""Write a week's slides to standard output as a remark.js markdown deck."""

from django.core.management.base import BaseCommand, CommandError

from weeks.decks import export_week_deck
from weeks.models import Week


class Command(BaseCommand):
    help = "Export a week's slides as remark markdown to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="Course slug.")
        parser.add_argument("--week", required=True, type=int, help="Week number.")

    def handle(self, *args, course, week, **options):
        try:
            week_obj = Week.objects.get(course__slug=course, number=week)
        except Week.DoesNotExist:
            raise CommandError(f"No week {week} in course {course!r}.") from None
        self.stdout.write(export_week_deck(week_obj), ending="")
