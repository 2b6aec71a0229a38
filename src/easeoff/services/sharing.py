"""Consent-based sharing: a person invites a clinician with a one-time code and can revoke at any time.

The code is 12 characters from Crockford's base32 alphabet (60 random bits), shown once as
XXXX-XXXX-XXXX and usable as a link; only its SHA-256 hash is stored. It works once, for
7 days. The clinician who enters it gets an accepted grant, and sees the person's records
until the person (or the clinician) ends it; easeoff.services.access checks that grant on
every request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from easeoff.services.audit import record_event
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.accounts.models import Grant, Invitation, Role

INVITATION_LIFETIME = timedelta(days=7)
# A person rarely needs more than a few codes at once; the cap stops a runaway script.
MAX_OPEN_INVITATIONS = 10
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O or U
CODE_LENGTH = 12
# Crockford decoding: letters that are easy to misread become the digit they look like.
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    code: str  # shown once; only its hash is stored


def normalise_code(text: str) -> str:
    """Return a typed code in canonical form: upper case, no spaces or dashes, O read as 0."""
    return "".join(ch for ch in text.upper() if ch.isalnum()).translate(_READS_AS)


def format_code(raw: str) -> str:
    """Group a canonical code in fours for reading aloud: 7KQ2-M9XD-3FHP."""
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def hash_code(text: str) -> str:
    """Return the SHA-256 hex digest an invitation is stored under."""
    return hashlib.sha256(normalise_code(text).encode()).hexdigest()


def create_invitation(*, person: Any, now: datetime) -> NewInvitation:
    """Make a one-time code for `person` to give a clinician; it expires after 7 days."""
    if getattr(person, "role", None) != Role.PATIENT:
        raise NotAllowed("only a person tracking their withdrawal shares their records")
    open_count = Invitation.objects.filter(
        person=person, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ).count()
    if open_count >= MAX_OPEN_INVITATIONS:
        raise InvalidInput(
            {"invitation": f"you have {open_count} unused invitations; cancel one before making another"}
        )
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    invitation = Invitation.objects.create(
        person=person, code_hash=hash_code(raw), created_at=now, expires_at=now + INVITATION_LIFETIME
    )
    return NewInvitation(invitation, format_code(raw))


def find_invitation(code: str, *, now: datetime) -> Invitation:
    """Return the open invitation a code belongs to, or raise InvalidInput saying why it cannot be used."""
    raw = normalise_code(code)
    problem = {"code": "no invitation has this code; check it, or ask for a new one"}
    if len(raw) != CODE_LENGTH:
        raise InvalidInput({"code": f"a code has {CODE_LENGTH} letters and digits, like 7KQ2-M9XD-3FHP"})
    invitation = Invitation.objects.select_related("person").filter(code_hash=hash_code(raw)).first()
    if invitation is None:
        raise InvalidInput(problem)
    if invitation.used_at is not None:
        raise InvalidInput({"code": "this code was already used; ask for a new one"})
    if invitation.cancelled_at is not None:
        raise InvalidInput({"code": "this invitation was cancelled; ask for a new one"})
    if invitation.expires_at <= now:
        raise InvalidInput({"code": "this code has expired (codes work for 7 days); ask for a new one"})
    return invitation


@transaction.atomic
def accept_invitation(*, clinician: Any, code: str, now: datetime) -> Grant:
    """Accept an invitation as a clinician: the person's grant to them is active from `now`.

    If the person already shares with this clinician, the code is used up and the existing
    grant returned: one active grant per person and clinician.
    """
    if getattr(clinician, "role", None) != Role.CLINICIAN or not clinician.is_active:
        raise NotAllowed("only a clinician accepts an invitation")
    found = find_invitation(code, now=now)
    # Lock the row so two clinicians entering the same code at once cannot both use it.
    invitation = Invitation.objects.select_for_update().select_related("person").get(pk=found.pk)
    if not invitation.is_open(now):
        raise InvalidInput({"code": "this code was already used; ask for a new one"})
    person = invitation.person
    invitation.used_at = now
    invitation.used_by = clinician
    invitation.save(update_fields=["used_at", "used_by"])
    existing = Grant.objects.filter(person=person, clinician=clinician, revoked_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            grant = Grant.objects.create(
                person=person,
                clinician=clinician,
                invitation=invitation,
                created_at=invitation.created_at,
                accepted_at=now,
            )
    except IntegrityError:
        # Another code from the same person was accepted by this clinician a moment ago.
        return Grant.objects.get(person=person, clinician=clinician, revoked_at__isnull=True)
    record_event(
        actor=clinician, person=person, action="accept_invitation", target=f"grant {grant.pk}", at=now
    )
    return grant


@transaction.atomic
def revoke_grant(*, actor: Any, grant_id: int, now: datetime) -> Grant:
    """End a grant: the person revokes it, or the clinician stops seeing the person.

    Takes effect on the clinician's very next request. Revoking an ended grant changes nothing.
    """
    grant = Grant.objects.select_for_update().filter(pk=grant_id).first()
    if grant is None or actor.pk not in (grant.person_id, grant.clinician_id):
        raise NotAllowed("no such grant")
    if grant.revoked_at is None:
        grant.revoked_at = now
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
        if actor.pk == grant.clinician_id:
            record_event(
                actor=actor, person=grant.person, action="end_grant", target=f"grant {grant.pk}", at=now
            )
    return grant


def cancel_invitation(*, person: Any, invitation_id: int, now: datetime) -> Invitation:
    """Cancel an unused invitation so its code no longer works."""
    invitation = Invitation.objects.filter(pk=invitation_id, person=person).first()
    if invitation is None:
        raise NotAllowed("no such invitation")
    if invitation.used_at is None and invitation.cancelled_at is None:
        invitation.cancelled_at = now
        invitation.save(update_fields=["cancelled_at"])
    return invitation


def grants_for(user: Any) -> QuerySet[Grant]:
    """Return the grants a user gave (a person) or received (a clinician), newest first."""
    if getattr(user, "role", None) == Role.CLINICIAN:
        return Grant.objects.filter(clinician=user).select_related("person", "clinician", "clinician__clinic")
    return Grant.objects.filter(person=user).select_related("person", "clinician", "clinician__clinic")


def open_invitations(person: Any, *, now: datetime) -> QuerySet[Invitation]:
    """Return a person's invitations that can still be used, newest first."""
    return Invitation.objects.filter(
        person=person, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    )
