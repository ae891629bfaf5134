"""Write a course (data, decks, readings, media) to one archive that import_course restores."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.archive import BackupError
from backup.export import default_archive_name, export_course
from backup.signing import read_key
from courses.models import Course


class Command(BaseCommand):
    help = (
        "Back a course up into one .zip or .tar.gz archive: its data as JSON, each week's deck, "
        "its readings as BibTeX and RIS, and its media files. Passwords are left out unless "
        "--with-credentials is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug of the course to export.")
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive to write (.zip or .tar.gz); default <slug>-<date>.zip here.",
        )
        parser.add_argument(
            "--with-credentials",
            action="store_true",
            help="Include the users' password hashes and the invitations' token hashes.",
        )
        parser.add_argument(
            "--sign-key-file",
            type=Path,
            help="Sign the archive with the key in this file (HMAC-SHA256 of its manifest); "
            "import_course --sign-key-file with the same key verifies it.",
        )

    def handle(self, *args, slug, output, with_credentials, sign_key_file, **options):
        try:
            course = Course.objects.get(slug=slug)
        except Course.DoesNotExist:
            raise CommandError(f"No course with the slug {slug!r}.") from None
        path = output or Path(default_archive_name(course))
        try:
            key = read_key(sign_key_file) if sign_key_file else None
            manifest = export_course(course, path, with_credentials=with_credentials, sign_key=key)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name in manifest["missing_media"]:
            self.stderr.write(self.style.WARNING(f"Missing from the media storage: {name}"))
        if with_credentials:
            self.stderr.write(
                self.style.WARNING(
                    f"{path} holds password hashes: keep it as safe as the database itself."
                )
            )
        if options["verbosity"] > 1:
            for label, count in manifest["counts"].items():
                self.stdout.write(f"  {label}: {count}")
        rows = sum(manifest["counts"].values())
        media = sum(name.startswith("media/") for name in manifest["files"])
        signed = ", signed" if key else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {course} to {path}: {rows} rows, {media} media files{signed}."
            )
        )
