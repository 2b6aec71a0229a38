from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "easeoff.web.care"
    label = "care"
    verbose_name = "Care"
