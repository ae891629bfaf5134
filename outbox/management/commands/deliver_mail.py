import time

from django.core.management.base import BaseCommand

from outbox.services import deliver_due


class Command(BaseCommand):
    help = "Send the queued e-mail that is due, then exit; with --forever, keep polling."

    def add_arguments(self, parser):
        parser.add_argument("--forever", "--loop", action="store_true", help="keep polling")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between polls")

    def handle(self, *args, forever, interval, **options):
        while True:
            sent = deliver_due()
            if sent or not forever:
                self.stdout.write(f"{sent} message(s) sent.")
            if not forever:
                return
            time.sleep(interval)
