from django.urls import path

from easeoff.web.tracking import journal_views, views

urlpatterns = [
    path("checkin/", views.checkin_index, name="checkin"),
    path("checkin/<slug:code>/", views.checkin_form, name="checkin_form"),
    path("checkin/<slug:code>/preview", views.checkin_preview, name="checkin_preview"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path("history/", views.history, name="history"),
    path("journal/", journal_views.journal_index, name="journal"),
    path("journal/<int:entry_id>/", journal_views.journal_entry, name="journal_entry"),
    path("journal/<int:entry_id>/doses/", journal_views.journal_add_dose, name="journal_add_dose"),
]
