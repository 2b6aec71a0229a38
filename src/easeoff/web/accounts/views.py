"""Account pages: sign-up, profile, who looked at my data, export and deletion. Thin: parse, call, render."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from easeoff.services import accounts, profile
from easeoff.services.audit import describe, events_about
from easeoff.services.errors import InvalidInput
from easeoff.services.export import export_person
from easeoff.web.accounts.forms import DeleteForm, ProfileForm, SignUpForm, bool_to_choice
from easeoff.web.core.decorators import patient_required

AUDIT_PAGE_SIZE = 50


def add_problems(form: Any, problems: dict[str, str]) -> None:
    """Attach a service's field-level problems to the form (unknown fields to the whole form)."""
    for field, message in problems.items():
        form.add_error(field if field in form.fields else None, message)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Create an account for a person tracking their withdrawal, and sign them in."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accounts.sign_up(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                time_zone=data["time_zone"],
            )
        except InvalidInput as exc:
            add_problems(form, {("password1" if k == "password" else k): v for k, v in exc.problems.items()})
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, "Welcome to easeoff. Everything below is optional; it makes easeoff more useful."
            )
            return redirect("profile")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def profile_initial(user: Any) -> dict[str, Any]:
    data = profile.profile_public(user)
    last_used = data["last_used_at"]
    return {
        **data,
        "country": data["country"] or "",
        "region": data["region"] or "",
        "goal": data["goal"] or "",
        "uses_kratom": bool_to_choice(data["uses_kratom"]),
        "pregnant": bool_to_choice(data["pregnant"]),
        "last_used_at": timezone.localtime(last_used) if last_used else None,
    }


@require_http_methods(["GET", "POST"])
@login_required
def profile_page(request: HttpRequest) -> HttpResponse:
    """Show and change the signed-in user's profile, with an error next to each invalid field."""
    user = request.user
    form = ProfileForm(request.POST or None, initial=profile_initial(user))
    patient = getattr(user, "is_patient", False)
    if not patient:
        for name in list(form.fields):
            if name not in ("display_name", "time_zone"):
                del form.fields[name]
    status = 200
    if request.method == "POST":
        # "When did you last use?" is wall-clock time in the zone given in the same form.
        zone = request.POST.get("time_zone", "")
        if zone in profile.time_zones():
            timezone.activate(ZoneInfo(zone))
        if form.is_valid():
            try:
                profile.update_profile(user=user, changes=form.cleaned_data, now=timezone.now())
            except InvalidInput as exc:
                add_problems(form, exc.problems)
            else:
                messages.success(request, "Profile saved.")
                return redirect("profile")
        status = 422
    return render(request, "accounts/profile.html", {"form": form, "patient": patient}, status=status)


@require_GET
@patient_required
def audit_page(request: HttpRequest) -> HttpResponse:
    """Who looked at or changed the person's records, newest first."""
    page = Paginator(events_about(request.user), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"event": event, "what": describe(event.action)} for event in page]
    return render(request, "accounts/audit.html", {"page": page, "rows": rows})


@never_cache
@require_GET
@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """Download everything the signed-in user has as one JSON file (docs/export.md)."""
    now = timezone.now()
    document = export_person(viewer=request.user, person=request.user, now=now)
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    name = f"easeoff-{request.user.username}-{now:%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@require_GET
@login_required
def export_csv_download(request: HttpRequest) -> HttpResponse:
    """Download everything the signed-in user has as CSV files in a zip (docs/export.md)."""
    from easeoff.services.export_csv import export_csv_zip

    now = timezone.now()
    response = HttpResponse(export_csv_zip(request.user, request.user, now), content_type="application/zip")
    name = f"easeoff-{request.user.username}-{now:%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@patient_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Import an easeoff export (JSON) into the signed-in person's records; show what happened."""
    from easeoff.services.importer import import_export

    context: dict[str, Any] = {"result": None, "problems": None}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InvalidInput({"file": "choose an export file (.json) first"})
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            context["problems"] = {"file": "not UTF-8 text (is this an easeoff JSON export?)"}
            status = 422
        except InvalidInput as exc:
            context["problems"] = exc.problems
            status = 422
        else:
            try:
                context["result"] = import_export(
                    actor=request.user,
                    person=request.user,
                    text=text,
                    now=timezone.now(),
                    keep_existing=request.POST.get("keep_existing") == "on",
                )
            except InvalidInput as exc:
                context["problems"] = exc.problems
                status = 422
    return render(request, "accounts/import.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@patient_required
def delete_page(request: HttpRequest) -> HttpResponse:
    """Delete the person's account and all their data, after they retype their username."""
    form = DeleteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            try:
                accounts.delete_account(
                    actor=user, person=user, confirm_username=form.cleaned_data["confirm"]
                )
            except InvalidInput as exc:
                add_problems(form, exc.problems)
            else:
                logout(request)
                return render(request, "accounts/deleted.html")
        status = 422
    return render(request, "accounts/delete.html", {"form": form}, status=status)


class ResetConfirmView(PasswordResetConfirmView):
    """Set a new password from the mailed link; a new password also lifts a sign-in lockout."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = "/accounts/reset/done/"

    def form_valid(self, form: Any) -> HttpResponse:
        from axes.utils import reset

        reset(username=form.user.get_username())
        return super().form_valid(form)


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """The page django-axes shows when a username is locked after too many wrong passwords (429)."""
    from datetime import timedelta

    from django.conf import settings

    cool_off: timedelta = settings.AXES_COOLOFF_TIME
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": str(username)[:150],
        "minutes": int(cool_off.total_seconds() // 60),
        "until": timezone.localtime(timezone.now() + cool_off),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
