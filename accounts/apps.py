from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from accounts import throttle  # noqa: F401  (connects the login signal receivers)
        from accounts.dashboard import account_lines
        from core.dashboard import dashboard_lines

        dashboard_lines.register("accounts", account_lines)
