"""Load the demo course (Chinese Cities, Week 7); running it again changes nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo, set_demo_student_passwords

DEMO_ADMIN = ("admin", "seminar-admin")


class Command(BaseCommand):
    help = "Create the Chinese Cities demo course from the instructor's Week 7 deck."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=f"Also create the development superuser {DEMO_ADMIN[0]!r} (DEBUG only).",
        )

    def handle(self, *args, admin=False, **options):
        course = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo course ready: {course.get_absolute_url()}"))
        if admin:
            if not settings.DEBUG:
                raise CommandError(
                    "--admin creates a known password and is refused unless DEBUG=1."
                )
            username, password = DEMO_ADMIN
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"email": "admin@localhost"}
            )
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(f"Admin login: {username} / {password}")
            for username, password in set_demo_student_passwords():
                self.stdout.write(f"Student login: {username} / {password}")
