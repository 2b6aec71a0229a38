from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "easeoff.web.tracking"
    label = "tracking"
    verbose_name = "Tracking"
