"""Who may see and change whose data. Every read of a person's data goes through here.

A person always sees their own records. A clinician sees a person's records only while an
accepted, unrevoked grant from that person to that clinician exists. The grant is looked up
in the database on every call, never cached, so a revoked grant takes effect on the very
next request, on every app server. Nobody else (clinic admins included) sees a person's
records in the app.

Every allowed read or change by someone other than the person is written to the audit log
here, in one place: callers name the action (`require_view_person(..., action="view_history")`).
"""

from __future__ import annotations

from typing import Any

from easeoff.services.audit import record_event
from easeoff.services.errors import NotAllowed

# The action recorded when a caller does not name one; callers should name theirs.
DEFAULT_ACTION = "view_records"


def has_active_grant(clinician: Any, person: Any) -> bool:
    """Return True if `person` has an accepted, unrevoked grant to `clinician` (one query)."""
    from easeoff.web.accounts.models import Grant

    return Grant.objects.filter(
        person_id=person.pk,
        clinician_id=clinician.pk,
        accepted_at__isnull=False,
        revoked_at__isnull=True,
    ).exists()


def can_view_person(viewer: Any, person: Any) -> bool:
    """Return True if `viewer` may read `person`'s records.

    True for the person themself, and for an active clinician while the person's grant to
    them is active. Checked against the database on every call.
    """
    if viewer is None or not getattr(viewer, "is_authenticated", False) or person is None:
        return False
    if viewer.pk == person.pk:
        return True
    if not getattr(viewer, "is_clinician", False) or not getattr(viewer, "is_active", False):
        return False
    return has_active_grant(viewer, person)


def require_view_person(viewer: Any, person: Any, *, action: str = DEFAULT_ACTION, target: str = "") -> None:
    """Raise NotAllowed unless `viewer` may read `person`'s records; audit it when allowed.

    `action` names what the viewer is doing ("view_assessment", "view_history",
    "record_assessment", "export_report", ...) and `target` which record ("assessment 12"),
    never its contents. Nothing is recorded when the person reads their own records.
    """
    if not can_view_person(viewer, person):
        raise NotAllowed("not allowed to see this person's records")
    if viewer.pk != person.pk:
        record_event(actor=viewer, person=person, action=action, target=target)


def people_visible_to(viewer: Any) -> Any:
    """Return a queryset of the people `viewer` may see as a clinician (active grants only).

    Agrees with can_view_person: a person appears here exactly when can_view_person is True
    for this clinician.
    """
    from easeoff.web.accounts.models import Grant, Role, User

    if not getattr(viewer, "is_clinician", False) or not getattr(viewer, "is_active", False):
        return User.objects.none()
    active = Grant.objects.filter(clinician_id=viewer.pk, accepted_at__isnull=False, revoked_at__isnull=True)
    return User.objects.filter(role=Role.PATIENT, pk__in=active.values("person_id"))
