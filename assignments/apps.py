from django.apps import AppConfig


def with_assignments(weeks):
    """The week page lists the assignments set in the week."""
    return weeks.prefetch_related("assignments")


def with_course_assignments(courses, user):
    """The course home lists every assignment the visitor may see, in due order."""
    from django.db.models import Prefetch

    from assignments.models import Assignment

    listed = Assignment.objects.visible_to(user).select_related("course", "week")
    return courses.prefetch_related(Prefetch("assignments", listed, to_attr="listed_assignments"))


class AssignmentsConfig(AppConfig):
    name = "assignments"

    def ready(self):
        from assignments.dashboard import assignment_lines
        from assignments.events import assignment_events
        from assignments.home import assignments_panel
        from assignments.models import Assignment
        from assignments.parts import workspace_part
        from core.dashboard import dashboard_lines
        from core.pagecache import (
            invalidate_on_change,
            invalidate_readers_on_change,
            personal_parts,
        )
        from courses.extensions import calendar_events, course_page_queryset, home_panel
        from weeks.extensions import week_page_queryset

        # The week page lists its assignments: a changed title or due date must show at once.
        invalidate_on_change(Assignment)
        # What her group's work and its answers show (groups, members, versions, grades).
        invalidate_readers_on_change(*self.get_models())
        personal_parts.register("assignment-work", workspace_part)
        week_page_queryset.register("assignments", with_assignments)
        dashboard_lines.register("assignments", assignment_lines)
        calendar_events.register("assignments", assignment_events)
        home_panel.register("assignments", assignments_panel)
        course_page_queryset.register("assignments", with_course_assignments)
