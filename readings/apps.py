from django.apps import AppConfig


class ReadingsConfig(AppConfig):
    name = "readings"

    def ready(self):
        from core.pagecache import invalidate_on_change
        from readings.models import Reading, WeekReading
        from readings.services import collect_slide_readings
        from weeks.signals import deck_imported

        invalidate_on_change(Reading, WeekReading)
        deck_imported.connect(collect_slide_readings, dispatch_uid="readings-from-deck")
