"""Write a course (data, decks, readings, media) to one archive that import_course restores."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.archive import BackupError
from backup.export import default_archive_name, export_course
from courses.models import Course


class Command(BaseCommand):
    help = (
        "Back a course up into one .zip or .tar.gz archive: its data as JSON, each week's deck, "
        "its readings as BibTeX and RIS, and its media files."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug of the course to export.")
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive to write (.zip or .tar.gz); default <slug>-<date>.zip here.",
        )

    def handle(self, *args, slug, output, **options):
        try:
            course = Course.objects.get(slug=slug)
        except Course.DoesNotExist:
            raise CommandError(f"No course with the slug {slug!r}.") from None
        path = output or Path(default_archive_name(course))
        try:
            manifest = export_course(course, path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name in manifest["missing_media"]:
            self.stderr.write(self.style.WARNING(f"Missing from the media storage: {name}"))
        if options["verbosity"] > 1:
            for label, count in manifest["counts"].items():
                self.stdout.write(f"  {label}: {count}")
        rows = sum(manifest["counts"].values())
        media = sum(name.startswith("media/") for name in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(f"Exported {course} to {path}: {rows} rows, {media} media files.")
        )
