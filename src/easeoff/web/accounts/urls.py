"""Account and sharing pages. Every URL here needs a row in tests/web/test_persona_matrix.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

from easeoff.web.accounts import sharing_views, views

urlpatterns = [
    path("accounts/signup/", views.sign_up, name="signup"),
    path("accounts/profile/", views.profile_page, name="profile"),
    path("accounts/audit/", views.audit_page, name="audit"),
    path("accounts/export/", views.export_download, name="export"),
    path("accounts/export/csv/", views.export_csv_download, name="export_csv"),
    path("accounts/import/", views.import_page, name="import"),
    path("accounts/delete/", views.delete_page, name="delete_account"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url="/accounts/password/change/done/"
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url="/accounts/password/reset/done/",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("accounts/reset/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("sharing/", sharing_views.sharing_page, name="sharing"),
    path("sharing/invite/", sharing_views.invite, name="sharing_invite"),
    path(
        "sharing/invitations/<int:invitation_id>/cancel/",
        sharing_views.cancel_invitation,
        name="sharing_cancel",
    ),
    path("sharing/grants/<int:grant_id>/revoke/", sharing_views.revoke, name="sharing_revoke"),
    path("sharing/accept/", sharing_views.accept, name="sharing_accept"),
    path("sharing/accept/<str:code>/", sharing_views.accept_link, name="sharing_accept_link"),
]
