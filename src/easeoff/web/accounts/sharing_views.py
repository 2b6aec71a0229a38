"""Sharing pages: a person invites a clinician and revokes; a clinician accepts a code or link."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from easeoff.services import sharing
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.accounts.forms import CodeForm
from easeoff.web.accounts.models import Grant
from easeoff.web.core.decorators import clinician_required, patient_required, role_required


@require_GET
@role_required("patient", "clinician")
def sharing_page(request: HttpRequest) -> HttpResponse:
    """A person: who can see their records, open invitations, past grants. A clinician: who shares."""
    now = timezone.now()
    grants = list(sharing.grants_for(request.user))
    context = {
        "active": [g for g in grants if g.is_active],
        "ended": [g for g in grants if not g.is_active],
    }
    if request.user.role == "clinician":
        return render(request, "accounts/sharing_clinician.html", {**context, "form": CodeForm()})
    context["invitations"] = list(sharing.open_invitations(request.user, now=now))
    return render(request, "accounts/sharing.html", context)


@never_cache
@require_POST
@patient_required
def invite(request: HttpRequest) -> HttpResponse:
    """Make a one-time code and link, shown once on this page."""
    try:
        made = sharing.create_invitation(person=request.user, now=timezone.now())
    except InvalidInput as exc:
        messages.error(request, "; ".join(exc.problems.values()))
        return redirect("sharing")
    link = request.build_absolute_uri(reverse("sharing_accept_link", args=[made.code]))
    return render(
        request,
        "accounts/invitation_created.html",
        {"code": made.code, "link": link, "invitation": made.invitation},
    )


@require_POST
@patient_required
def cancel_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Cancel an unused invitation."""
    try:
        sharing.cancel_invitation(person=request.user, invitation_id=invitation_id, now=timezone.now())
    except NotAllowed:
        raise Http404("no such invitation") from None
    messages.success(request, "Invitation cancelled: its code no longer works.")
    return redirect("sharing")


@require_POST
@role_required("patient", "clinician")
def revoke(request: HttpRequest, grant_id: int) -> HttpResponse:
    """End a grant (the person revokes, or the clinician stops seeing the person); effective at once."""
    try:
        grant = sharing.revoke_grant(actor=request.user, grant_id=grant_id, now=timezone.now())
    except NotAllowed:
        raise Http404("no such grant") from None
    if request.user.pk == grant.person_id:
        messages.success(request, f"{grant.clinician.shown_name} can no longer see your records.")
    else:
        messages.success(request, f"You no longer see {grant.person.shown_name}'s records.")
    return redirect("sharing")


def accepted(request: HttpRequest, grant: Grant) -> HttpResponse:
    messages.success(request, f"{grant.person.shown_name} now shares their records with you.")
    return redirect("care_person", person_id=grant.person_id)


@never_cache
@require_http_methods(["GET", "POST"])
@clinician_required
def accept(request: HttpRequest) -> HttpResponse:
    """A clinician enters the code a person gave them."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = sharing.accept_invitation(
                clinician=request.user, code=form.cleaned_data["code"], now=timezone.now()
            )
        except InvalidInput as exc:
            form.add_error("code", exc.problems.get("code", str(exc)))
        else:
            return accepted(request, grant)
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/accept.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@clinician_required
def accept_link(request: HttpRequest, code: str) -> HttpResponse:
    """A clinician opens an invitation link: see whose it is, then accept (GET never changes anything)."""
    now = timezone.now()
    try:
        invitation = sharing.find_invitation(code, now=now)
        if request.method == "POST":
            return accepted(request, sharing.accept_invitation(clinician=request.user, code=code, now=now))
    except InvalidInput as exc:
        problem = exc.problems.get("code", str(exc))
        return render(request, "accounts/accept_link.html", {"problem": problem}, status=404)
    return render(
        request,
        "accounts/accept_link.html",
        {"person": invitation.person, "invitation": invitation, "code": code},
    )
