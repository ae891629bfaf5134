from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "assignments"

    def ready(self):
        from assignments.models import Assignment
        from core.pagecache import invalidate_on_change

        # The week page lists its assignments: a changed title or due date must show at once.
        invalidate_on_change(Assignment)
