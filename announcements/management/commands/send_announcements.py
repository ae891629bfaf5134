"""E-mail the announcements whose publication time has come; safe to run every hour."""

from django.core.management.base import BaseCommand

from announcements.services import mail_due_announcements


class Command(BaseCommand):
    help = "Queue the e-mail of announcements published since the last run (each goes once)."

    def handle(self, *args, **options):
        count = mail_due_announcements()
        self.stdout.write(self.style.SUCCESS(f"{count} announcement(s) queued for e-mail."))
