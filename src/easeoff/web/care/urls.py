from django.urls import path

from easeoff.web.care import views

urlpatterns = [
    path("flags/", views.my_flags, name="my_flags"),
    path("report/", views.my_report, name="my_report"),
    path("caseload/", views.caseload, name="caseload"),
    path("caseload/<int:person_id>/report/", views.person_report, name="care_report"),
    path("caseload/<int:person_id>/", views.person_page, name="care_person"),
    path("caseload/<int:person_id>/administer/<slug:code>/", views.administer, name="care_administer"),
    path(
        "caseload/<int:person_id>/flags/<int:flag_id>/acknowledge/",
        views.acknowledge,
        name="care_acknowledge",
    ),
    path("caseload/<int:person_id>/notes/", views.add_note, name="care_note"),
]
