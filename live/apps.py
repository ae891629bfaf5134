from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live classroom"

    def ready(self):
        from core.pagecache import invalidate_readers_on_change
        from live import panels
        from live.models import Contribution, Upvote
        from weeks.extensions import week_page_panels

        # The week page's boards, which enrolled readers see, are one of their personal parts.
        invalidate_readers_on_change(Contribution, Upvote)

        week_page_panels.register("live", panels.board_panel)
