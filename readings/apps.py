from django.apps import AppConfig


def with_listed_readings(weeks):
    """The week page's readings, prefetched as ``week.listed_readings``."""
    from django.db.models import Prefetch

    from readings.models import WeekReading

    listed = WeekReading.objects.listed()
    return weeks.prefetch_related(Prefetch("week_readings", listed, to_attr="listed_readings"))


def required_readings(viewer, context):
    """The course home panel lists the readings required for the next session."""
    from readings.models import WeekReading

    week = context.get("next_week")
    if week is None:
        return {"required_readings": []}
    links = WeekReading.objects.listed().filter(week=week, role=WeekReading.Role.REQUIRED)
    return {"required_readings": list(links)}


class ReadingsConfig(AppConfig):
    name = "readings"

    def ready(self):
        from django.db.models.signals import post_save

        from core.dashboard import dashboard_lines
        from core.pagecache import invalidate_on_change
        from courses.extensions import home_panel
        from readings.dashboard import readings_lines
        from readings.mentions import collect_slide_mentions, resolve_mentions
        from readings.models import Reading, WeekReading
        from readings.services import collect_slide_readings
        from weeks.extensions import week_page_queryset
        from weeks.signals import deck_imported

        invalidate_on_change(Reading, WeekReading)
        deck_imported.connect(collect_slide_readings, dispatch_uid="readings-from-deck")
        # Either order works: a mention finds the readings already saved, and a reading saved
        # later links the mentions it answers (resolve_mentions).
        deck_imported.connect(collect_slide_mentions, dispatch_uid="mentions-from-deck")
        post_save.connect(resolve_mentions, sender=Reading, dispatch_uid="mentions-of-reading")
        week_page_queryset.register("readings", with_listed_readings)
        home_panel.register("readings", required_readings)
        dashboard_lines.register("readings", readings_lines)
