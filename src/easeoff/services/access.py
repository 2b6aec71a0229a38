"""Who may see and change whose data. Every read of a person's data goes through here."""

from __future__ import annotations

from typing import Any

from easeoff.services.errors import NotAllowed


def can_view_person(viewer: Any, person: Any) -> bool:
    """Return True if `viewer` may read `person`'s records.

    A person always sees their own data. Clinicians will see a person only while that
    person's grant to them is active (consent-based sharing); until grants exist, nobody
    else sees anything.
    """
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    return bool(viewer.pk == person.pk)


def require_view_person(viewer: Any, person: Any) -> None:
    """Raise NotAllowed unless `viewer` may read `person`'s records."""
    if not can_view_person(viewer, person):
        raise NotAllowed("not allowed to see this person's records")


def people_visible_to(viewer: Any) -> Any:
    """Return a queryset of the people `viewer` may see as a clinician (active grants only).

    Must agree with can_view_person: a person appears here exactly when can_view_person is
    True for this viewer. Until grants exist, a clinician sees nobody.
    """
    from easeoff.web.accounts.models import User

    return User.objects.none()
