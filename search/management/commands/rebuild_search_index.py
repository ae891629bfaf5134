"""Index every course (or one) for search again, from what is stored now."""

from django.core.management.base import BaseCommand, CommandError

from courses.models import Course
from search.indexing import index_course
from search.models import Entry


class Command(BaseCommand):
    help = "Rebuild the search index (after bulk changes made outside the site's save paths)."

    def add_arguments(self, parser):
        parser.add_argument("--course", help="Course slug; every course when left out.")

    def handle(self, *args, course=None, **options):
        courses = Course.objects.all()
        if course:
            courses = courses.filter(slug=course)
            if not courses.exists():
                raise CommandError(f"No course {course!r}.")
        for each in courses:
            index_course(each)
            count = Entry.objects.filter(course=each).count()
            self.stdout.write(self.style.SUCCESS(f"Indexed {each}: {count} entries."))
