"""Share a person's records with a clinician the way the product does: an invitation, accepted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from easeoff.services.sharing import accept_invitation, create_invitation


def share(person: Any, clinician: Any, *, now: datetime | None = None) -> Any:
    """Return the active grant from `person` to `clinician`, made through an invitation code."""
    when = now or timezone.now()
    code = create_invitation(person=person, now=when).code
    return accept_invitation(clinician=clinician, code=code, now=when)
