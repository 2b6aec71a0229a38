"""URL configuration. Every URL here needs a row in tests/web/test_persona_matrix.py."""

from django.contrib import admin
from django.urls import path

from easeoff.web.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
