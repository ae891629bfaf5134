"""Restore a course from an archive written by export_course."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.archive import BackupError
from backup.restore import import_course


class Command(BaseCommand):
    help = (
        "Restore a course from an export_course archive, in one transaction. The course must "
        "not exist yet; users are matched by username and existing ones are kept as they are. "
        "Restore only archives you trust: their rendered HTML is used as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .zip or .tar.gz archive.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and restore everything, then roll it back; write nothing.",
        )

    def handle(self, *args, archive, dry_run, **options):
        try:
            report = import_course(archive, dry_run=dry_run)
        except BackupError as error:
            raise CommandError(str(error)) from None
        verb = "Would restore" if dry_run else "Restored"
        for username in report.reused_users:
            self.stdout.write(
                self.style.WARNING(
                    f"User {username!r} exists already: kept as it is, not overwritten."
                )
            )
        for name in report.reused_auth_groups:
            self.stdout.write(f"Permission group {name!r} exists already: kept as it is.")
        if report.created_users:
            names = ", ".join(report.created_users)
            self.stdout.write(f"{verb} {len(report.created_users)} users: {names}")
        for username in report.created_staff:
            self.stdout.write(self.style.WARNING(f"{username!r} has staff rights on this site."))
        if options["verbosity"] > 1:
            for label, count in report.counts.items():
                self.stdout.write(f"  {label}: {count}")
        media = f"{len(report.written_media)} media files"
        if report.reused_media:
            media += f" ({len(report.reused_media)} more already stored)"
        rows = sum(report.counts.values())
        message = f"{verb} {report.title!r} ({report.slug}): {rows} rows, {media}."
        self.stdout.write(self.style.SUCCESS(message) if not dry_run else message)
