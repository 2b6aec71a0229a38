"""Clinicians' notes about a person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from easeoff.services.access import require_view_person
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.care.models import ClinicianNote

MAX_NOTE = 5000


def write_note(*, actor: Any, person: Any, text: str, now: datetime) -> ClinicianNote:
    """Store a clinician's note about a person they may see."""
    require_view_person(actor, person, action="write_note")
    if not getattr(actor, "is_clinician", False):
        raise NotAllowed("only a clinician writes notes")
    text = text.strip()
    if not text:
        raise InvalidInput({"text": "write something"})
    if len(text) > MAX_NOTE:
        raise InvalidInput({"text": f"at most {MAX_NOTE} characters"})
    return ClinicianNote.objects.create(person=person, author=actor, text=text, written_at=now)
