from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "easeoff.web.core"
    label = "core"
    verbose_name = "easeoff"
