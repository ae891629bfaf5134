from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        from courses.models import Course
        from courses.pagecache import invalidate_on_change

        invalidate_on_change(Course)
