from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        from core.dashboard import dashboard_panels
        from core.pagecache import invalidate_on_change, personal_parts
        from courses.dashboard import course_panels
        from courses.models import Course
        from courses.panel import home_panel_part

        invalidate_on_change(Course)
        dashboard_panels.register("courses", course_panels)
        personal_parts.register("home-panel", home_panel_part)
