from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from accounts import throttle  # noqa: F401  (connects the login signal receivers)
