"""Restore a course from an archive written by export_course."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.archive import BackupError
from backup.restore import import_course
from backup.signing import read_key


class Command(BaseCommand):
    help = (
        "Restore a course from an export_course archive, in one transaction. The course must "
        "not exist yet; users are matched by username and existing ones are kept as they are. "
        "No user gains staff rights from an archive, and its HTML is rendered again."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .zip or .tar.gz archive.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and restore everything, then roll it back; write nothing.",
        )
        parser.add_argument(
            "--sign-key-file",
            type=Path,
            help="Refuse the archive unless it was signed with the key in this file.",
        )

    def handle(self, *args, archive, dry_run, sign_key_file, **options):
        try:
            key = read_key(sign_key_file) if sign_key_file else None
            report = import_course(archive, dry_run=dry_run, sign_key=key)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not report.verified:
            self.stderr.write(self.style.WARNING(unverified_warning(report)))
        self.report_users(report)
        if options["verbosity"] > 1:
            for label, count in report.counts.items():
                self.stdout.write(f"  {label}: {count}")
        verb = "Would restore" if dry_run else "Restored"
        media = f"{len(report.written_media)} media files"
        if report.reused_media:
            media += f" ({len(report.reused_media)} more already stored)"
        rows = sum(report.counts.values())
        message = f"{verb} {report.title!r} ({report.slug}): {rows} rows, {media}."
        self.stdout.write(self.style.SUCCESS(message) if not dry_run else message)

    def report_users(self, report):
        users, verb = report.users, "Would create" if report.dry_run else "Created"
        for username in users.reused:
            self.stdout.write(
                self.style.WARNING(
                    f"User {username!r} exists already: kept as it is, not overwritten."
                )
            )
        if users.created:
            self.stdout.write(f"{verb} {len(users.created)} users: {', '.join(users.created)}")
        if users.without_password:
            self.stdout.write(
                f"{len(users.without_password)} of them have no password (the archive holds "
                "none): send them an invitation (Enrolments in the admin, “E-mail a new "
                "invitation link”)."
            )
        if users.renewed_invitations:
            self.stdout.write(
                f"{users.renewed_invitations} invitation(s) got a new secret token: their old "
                "links do not work here; send new ones if needed."
            )
        for username, claims in users.claimed_rights.items():
            self.stdout.write(
                self.style.WARNING(
                    f"The archive gives {username!r} rights on the site ({'; '.join(claims)}); "
                    "a restore grants none: grant them in the admin if they should have them."
                )
            )


def unverified_warning(report):
    if report.signed:
        return (
            "The archive is signed, but no --sign-key-file was given to verify it: its origin "
            "is not verified."
        )
    return "The archive is not signed: its origin is not verified. Restore only archives you trust."
