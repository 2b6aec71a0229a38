from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "easeoff.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
