from django.apps import AppConfig


class DosesConfig(AppConfig):
    name = "easeoff.web.doses"
    label = "doses"
    verbose_name = "Doses and tapers"
