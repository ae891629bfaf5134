from django.apps import AppConfig


class WeeksConfig(AppConfig):
    name = "weeks"

    def ready(self):
        from core.pagecache import invalidate_on_change
        from weeks.models import ProgramItem, Slide, SlideImage, Week

        invalidate_on_change(Week, ProgramItem, Slide, SlideImage)
