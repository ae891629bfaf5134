from django.apps import AppConfig


def with_presenters(weeks):
    """The week page's program names the week's presenters and their titles."""
    from django.db.models import Prefetch

    from presentations.models import SignUp

    presenting = SignUp.objects.presenting().select_related("student").order_by("slot")
    return weeks.prefetch_related(
        Prefetch("presentation_signups", presenting, to_attr="listed_presentations")
    )


class PresentationsConfig(AppConfig):
    name = "presentations"

    def ready(self):
        from core.pagecache import invalidate_on_change
        from courses.extensions import calendar_events
        from presentations.events import presentation_events
        from presentations.models import PresentationSlots, SignUp
        from presentations.program import program_with_presenters
        from weeks.extensions import week_page_queryset, week_program

        # The week page's program shows the sign-ups: every change must show at once.
        invalidate_on_change(PresentationSlots, SignUp)
        week_page_queryset.register("presentations", with_presenters)
        week_program.register("presentations", program_with_presenters)
        calendar_events.register("presentations", presentation_events)
