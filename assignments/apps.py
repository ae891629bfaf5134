from django.apps import AppConfig


def with_assignments(weeks):
    """The week page lists the assignments set in the week."""
    return weeks.prefetch_related("assignments")


class AssignmentsConfig(AppConfig):
    name = "assignments"

    def ready(self):
        from assignments.dashboard import assignment_lines
        from assignments.events import assignment_events
        from assignments.home import assignments_panel
        from assignments.models import Assignment
        from core.dashboard import dashboard_lines
        from core.pagecache import invalidate_on_change
        from courses.extensions import calendar_events, home_panel
        from weeks.extensions import week_page_queryset

        # The week page lists its assignments: a changed title or due date must show at once.
        invalidate_on_change(Assignment)
        week_page_queryset.register("assignments", with_assignments)
        dashboard_lines.register("assignments", assignment_lines)
        calendar_events.register("assignments", assignment_events)
        home_panel.register("assignments", assignments_panel)
