"""The Django admin: the site operator (a superuser) sees everything; a clinic admin sees their clinic.

A clinic admin (role admin, with a clinic, not a superuser) manages their clinic's
clinician and admin accounts and reads their clinic's audit log. They never see a person's
records, and never accounts outside their clinic. The audit log is read-only for everyone.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest

from easeoff.web.accounts.models import AuditEvent, Clinic, Role, User


def clinic_admin_of(request: HttpRequest) -> Clinic | None:
    """Return the clinic the signed-in clinic admin manages, or None (superusers get None too)."""
    user = request.user
    if (
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and getattr(user, "is_clinic_admin", False)
    ):
        return user.clinic  # type: ignore[union-attr]
    return None


class ClinicScoped:
    """Permissions for a clinic admin: only rows of their own clinic; superusers as usual."""

    clinic_path = "clinic"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or clinic_admin_of(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return True
        clinic = clinic_admin_of(request)
        return clinic is not None and (obj is None or self.in_clinic(obj, clinic))

    def in_clinic(self, obj: Any, clinic: Clinic) -> bool:
        return bool(getattr(obj, f"{self.clinic_path}_id", None) == clinic.pk)

    def scope(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if request.user.is_superuser:
            return queryset
        clinic = clinic_admin_of(request)
        if clinic is None:
            return queryset.none()
        return queryset.filter(**{self.clinic_path: clinic})


class EaseoffUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "email", "display_name", "role", "clinic")


class EaseoffUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class EaseoffUserAdmin(ClinicScoped, UserAdmin):
    form = EaseoffUserChangeForm
    add_form = EaseoffUserCreationForm
    list_display = ("username", "display_name", "email", "role", "clinic", "is_active", "last_login")
    list_filter = ("role", "is_active", "clinic")
    search_fields = ("username", "display_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("display_name", "email", "time_zone")}),
        ("easeoff", {"fields": ("role", "clinic", "is_active")}),
        ("Site operator only", {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "usable_password",
                    "password1",
                    "password2",
                    "display_name",
                    "email",
                    "role",
                    "clinic",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope(request, super().get_queryset(request).select_related("clinic"))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # A clinic admin sets no permissions and no clinic: accounts they make join their clinic.
        hidden = {"is_staff", "is_superuser", "groups", "user_permissions", "clinic"}
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f not in hidden)})
            for name, options in fieldsets
            if any(f not in hidden for f in options["fields"])
        ]

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role" and not request.user.is_superuser:
            # The clinic's staff: a person tracking their withdrawal signs up by themself.
            kwargs["choices"] = [(Role.CLINICIAN, Role.CLINICIAN.label), (Role.ADMIN, Role.ADMIN.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or clinic_admin_of(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A clinic admin deactivates an account instead (its audit trail stays readable).
        return bool(request.user.is_superuser)

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        clinic = clinic_admin_of(request)
        if not request.user.is_superuser and clinic is not None:
            obj.clinic = clinic
            obj.is_superuser = False
            if obj.role not in (Role.CLINICIAN, Role.ADMIN):
                obj.role = Role.CLINICIAN
        if obj.role == Role.ADMIN:
            obj.is_staff = True
        elif not obj.is_superuser:
            obj.is_staff = False
        super().save_model(request, obj, form, change)


@admin.register(Clinic)
class ClinicAdmin(ClinicScoped, admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    clinic_path = "pk"

    def in_clinic(self, obj: Any, clinic: Clinic) -> bool:
        return bool(obj.pk == clinic.pk)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        clinic = clinic_admin_of(request)
        return queryset.filter(pk=clinic.pk) if clinic else queryset.none()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(AuditEvent)
class AuditEventAdmin(ClinicScoped, admin.ModelAdmin):
    """Who read or changed whose records, and when. Nobody edits or deletes it."""

    list_display = ("at", "actor_username", "clinic", "action", "person", "target")
    list_filter = ("action", "clinic")
    search_fields = ("actor_username", "person__username", "target")
    date_hierarchy = "at"
    list_select_related = ("clinic", "person")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope(request, super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
