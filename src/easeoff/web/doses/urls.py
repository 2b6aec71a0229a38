from django.urls import path

from easeoff.web.doses import views

urlpatterns = [
    path("doses/", views.dose_log, name="doses"),
    path("doses/<int:dose_id>/", views.dose_edit, name="dose_edit"),
    path("doses/<int:dose_id>/delete/", views.dose_delete, name="dose_delete"),
    path("products/", views.products, name="products"),
    path("timeline/", views.timeline, name="timeline"),
    path("taper/", views.taper_view, name="taper"),
    path("taper/<int:plan_id>/calendar.ics", views.taper_calendar, name="taper_calendar"),
    path("caseload/<int:person_id>/taper/", views.care_taper, name="care_taper"),
]
