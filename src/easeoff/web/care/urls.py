from django.urls import path

from easeoff.web.care import views

urlpatterns = [
    path("flags/", views.my_flags, name="my_flags"),
]
