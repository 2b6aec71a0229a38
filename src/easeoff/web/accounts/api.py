"""JSON API for sharing, the audit log and the export; mounted on easeoff.web.api.

Thin, like the pages: each endpoint calls the same service function as its page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from easeoff.services import sharing
from easeoff.services.audit import describe, events_about
from easeoff.services.errors import InvalidInput
from easeoff.services.export import export_person
from easeoff.web.accounts.models import Grant, Role
from easeoff.web.api import Message, ProblemList, problems_response

router = Router(tags=["sharing"])


class AccountRef(Schema):
    username: str
    display_name: str
    role: str
    clinic: str | None


class GrantPublic(Schema):
    id: int
    person: AccountRef
    clinician: AccountRef
    created_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    active: bool


class InvitationCreated(Schema):
    code: str = Field(..., description="The one-time code, shown only in this answer")
    link: str = Field(..., description="A link that opens the invitation for a signed-in clinician")
    expires_at: datetime


class AcceptRequest(Schema):
    code: str = Field(..., max_length=40, description="The invitation code, e.g. 7KQ2-M9XD-3FHP")


class AuditEventPublic(Schema):
    at: datetime
    actor: str
    clinic: str | None
    action: str
    meaning: str
    target: str | None


class AuditPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AuditEventPublic]


class PageFilters(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


def account_ref(user: Any) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "clinic": user.clinic.name if user.clinic_id else None,
    }


def grant_public(grant: Grant) -> dict[str, Any]:
    return {
        "id": grant.pk,
        "person": account_ref(grant.person),
        "clinician": account_ref(grant.clinician),
        "created_at": grant.created_at,
        "accepted_at": grant.accepted_at,
        "revoked_at": grant.revoked_at,
        "active": grant.is_active,
    }


@router.get("/grants", response={200: list[GrantPublic], 401: Message})
def list_grants(request: HttpRequest) -> Any:
    """The grants the signed-in person gave, or the signed-in clinician received, newest first."""
    return [grant_public(g) for g in sharing.grants_for(request.auth).select_related("person__clinic")]


@router.delete(
    "/grants/{grant_id}", response={200: GrantPublic, 401: Message, 404: Message, 422: ProblemList}
)
def revoke_grant(request: HttpRequest, grant_id: int) -> Any:
    """End a grant (the person revokes it, or the clinician stops seeing the person); effective at once."""
    return grant_public(sharing.revoke_grant(actor=request.auth, grant_id=grant_id, now=timezone.now()))


@router.post(
    "/invitations",
    response={201: InvitationCreated, 400: Message, 401: Message, 403: Message, 422: ProblemList},
)
def create_invitation(request: HttpRequest) -> Any:
    """Make a one-time code for a clinician (7 days, single use); the code is in this answer only."""
    if request.auth.role != Role.PATIENT:
        return Status(403, {"detail": "only a person tracking their withdrawal shares their records"})
    try:
        made = sharing.create_invitation(person=request.auth, now=timezone.now())
    except InvalidInput as exc:
        return problems_response(request, exc.problems, {"invitation": ["body"]})
    link = request.build_absolute_uri(reverse("sharing_accept_link", args=[made.code]))
    return Status(201, {"code": made.code, "link": link, "expires_at": made.invitation.expires_at})


@router.post(
    "/invitations/accept",
    response={201: GrantPublic, 400: Message, 401: Message, 403: Message, 422: ProblemList},
)
def accept_invitation(request: HttpRequest, payload: AcceptRequest) -> Any:
    """Accept an invitation as a clinician; 422 says why a code cannot be used."""
    if request.auth.role != Role.CLINICIAN:
        return Status(403, {"detail": "only a clinician accepts an invitation"})
    try:
        grant = sharing.accept_invitation(clinician=request.auth, code=payload.code, now=timezone.now())
    except InvalidInput as exc:
        return problems_response(request, exc.problems, {"code": ["body", "code"]})
    return Status(201, grant_public(grant))


@router.get("/audit", response={200: AuditPage, 401: Message, 422: ProblemList}, tags=["privacy"])
def list_audit(request: HttpRequest, filters: Query[PageFilters]) -> Any:
    """Who read or changed the signed-in person's records, newest first."""
    rows = events_about(request.auth)
    page = rows[filters.offset : filters.offset + filters.limit]
    return {
        "count": rows.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [
            {
                "at": e.at,
                "actor": e.actor_username,
                "clinic": e.clinic.name if e.clinic else None,
                "action": e.action,
                "meaning": describe(e.action),
                "target": e.target or None,
            }
            for e in page
        ],
    }


@router.get("/export", response={200: dict[str, Any], 401: Message}, tags=["privacy"])
def export(request: HttpRequest) -> Any:
    """Everything the signed-in user has, as the documented export (schema easeoff.export, version 1)."""
    return export_person(viewer=request.auth, person=request.auth, now=timezone.now())
