from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        from core.pagecache import invalidate_on_change
        from courses.models import Course

        invalidate_on_change(Course)
