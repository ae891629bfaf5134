from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        from core.dashboard import dashboard_panels
        from core.pagecache import invalidate_on_change
        from courses.dashboard import course_panels
        from courses.models import Course

        invalidate_on_change(Course)
        dashboard_panels.register("courses", course_panels)
