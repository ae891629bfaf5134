from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live classroom"

    def ready(self):
        from live import panels
        from weeks.extensions import week_page_panels

        week_page_panels.register("live", panels.board_panel)
