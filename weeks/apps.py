from django.apps import AppConfig


class WeeksConfig(AppConfig):
    name = "weeks"
