"""Copy a course to a new term: its weeks on new dates, their decks, readings, glossary,
characters and assignments, as drafts; nothing of its students."""

import datetime
from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError

from copying.plan import CopyError, plan_copy
from copying.services import copy_course
from courses.models import Course

DAY = "%a %d %b %Y"


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a date such as 2027-01-19.") from None


class Command(BaseCommand):
    help = (
        "Copy a course to a new term: week 1 on --first-session, each later week as many days "
        "after it as in the original, pushed a week by each --skip date it would fall on; every "
        "deadline moved with its week. The copy is a draft; no students are copied."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug of the course to copy.")
        parser.add_argument("--slug", dest="new_slug", required=True, help="The new course's slug.")
        parser.add_argument("--term", required=True, help="The new term, e.g. “S2 2026/27”.")
        parser.add_argument(
            "--first-session", type=iso_date, required=True, help="Date of week 1, e.g. 2027-01-19."
        )
        parser.add_argument(
            "--skip", type=iso_date, nargs="+", default=[], help="Dates without a session."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the new calendar; write nothing."
        )

    def handle(self, *args, slug, new_slug, term, first_session, skip, dry_run, **options):
        try:
            source = Course.objects.get(slug=slug)
        except Course.DoesNotExist:
            raise CommandError(f"No course with the slug {slug!r}.") from None
        try:
            plan = plan_copy(
                source, slug=new_slug, term=term, first_session=first_session, skips=skip
            )
            for item in plan.weeks:
                old, new = item.move.old, item.move.new
                self.stdout.write(f"Week {item.week.number}: {old:{DAY}} → {new:{DAY}}")
            if dry_run:
                self.stdout.write("Dry run: nothing was written.")
                return
            course = copy_course(plan)
        except CopyError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Copied {source.slug} to {course.slug} ({course.term}), as drafts.")
        )
