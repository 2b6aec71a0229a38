"""Signing up and deleting an account.

Sign-up makes only accounts for people tracking their withdrawal. Clinician and clinic
admin accounts are made by the clinic (its admin in the Django admin, or the operator with
`easeoff createuser --role clinician --clinic NAME`), as clinical software does: a clinician
is someone their organisation vouches for, not someone who says so in a form.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.accounts.models import Role, User


@transaction.atomic
def sign_up(*, username: str, password: str, email: str = "", time_zone: str = "UTC") -> User:
    """Create a person's account (role patient) with their time zone; raise InvalidInput per field."""
    from easeoff.services.profile import clean_time_zone, get_profile
    from easeoff.web.accounts.services import AccountError, create_user

    try:
        zone = clean_time_zone(time_zone)
    except ValueError as exc:
        raise InvalidInput({"time_zone": str(exc)}) from None
    try:
        user = create_user(username=username, role=Role.PATIENT, email=email.strip(), password=password)
    except AccountError as exc:
        field, _, message = str(exc).partition(": ")
        raise InvalidInput({field if message else "username": message or str(exc)}) from None
    user.time_zone = zone
    user.save(update_fields=["time_zone"])
    get_profile(user)
    return user


@transaction.atomic
def delete_account(*, actor: Any, person: Any, confirm_username: str) -> None:
    """Delete `person`'s account and everything they have, for good.

    Only the person may, and only after retyping their username exactly. Their records go
    with the account (assessments, journal, flags, notes about them, grants, invitations,
    the audit log about them, tokens, sign-in records); nothing is kept.
    """
    if actor is None or actor.pk != person.pk:
        raise NotAllowed("only the person deletes their own account")
    if person.role != Role.PATIENT:
        raise NotAllowed("clinic accounts are closed by the clinic's admin")
    if confirm_username != person.username:
        raise InvalidInput({"confirm": f"type your username, {person.username}, exactly to confirm"})
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=person.username).delete()
    User.objects.filter(pk=person.pk).delete()
