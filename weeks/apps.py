from django.apps import AppConfig


class WeeksConfig(AppConfig):
    name = "weeks"

    def ready(self):
        from core.dashboard import dashboard_lines
        from core.markdown import use_syntax
        from core.pagecache import invalidate_on_change, personal_parts
        from courses.extensions import calendar_events
        from weeks.dashboard import week_lines
        from weeks.events import session_events
        from weeks.models import ProgramItem, Slide, SlideImage, Week
        from weeks.parts import live_identity_part, week_panels_part
        from weeks.remark import render_markdown

        invalidate_on_change(Week, ProgramItem, Slide, SlideImage)
        calendar_events.register("weeks", session_events)
        # Site Markdown (descriptions, instructions, notes) is written like slides.
        use_syntax(render_markdown)
        dashboard_lines.register("weeks", week_lines)
        personal_parts.register("week-panels", week_panels_part)
        personal_parts.register("live-identity", live_identity_part)
