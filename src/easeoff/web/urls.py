"""URL configuration. Every URL here needs a row in tests/web/test_persona_matrix.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from easeoff.web.api import api
from easeoff.web.core import learn, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("learn/", learn.learn_index, name="learn"),
    path("learn/<slug:slug>/", learn.learn_page, name="learn_page"),
    path("legal/", learn.legal, name="legal"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("easeoff.web.tracking.urls")),
    path("", include("easeoff.web.care.urls")),
    path("", include("easeoff.web.doses.urls")),
    path("", include("easeoff.web.accounts.urls")),
]
