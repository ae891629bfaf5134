"""E-mail deadline reminders, 48 hours ahead, to groups that have not submitted; run it hourly."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from assignments.reminders import groups_to_remind, send_reminders


class Command(BaseCommand):
    help = (
        "Queue a reminder for each group whose assignment is due within 48 hours and that has "
        "not submitted; each reminder goes once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the groups to remind, send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for group in groups_to_remind(timezone.now()):
                self.stdout.write(f"{group.assignment}: {group} (due {group.assignment.due_at})")
            return
        count = send_reminders()
        self.stdout.write(self.style.SUCCESS(f"{count} group(s) reminded."))
