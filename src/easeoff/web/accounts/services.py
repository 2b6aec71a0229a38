"""Account use cases shared by the web, the API and the CLI."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction

from easeoff.web.accounts.models import ApiToken, Clinic, Role, User


class AccountError(ValueError):
    """An account could not be created or changed; the message says which field and why."""


@transaction.atomic
def create_user(
    *, username: str, role: str, email: str = "", password: str, clinic: str | Clinic | None = None
) -> User:
    """Create a user with a role, optionally in a clinic (made if it does not exist yet).

    An admin with a clinic is that clinic's admin: staff in the Django admin, seeing only
    the clinic's accounts and audit log. An admin without a clinic is the site's operator
    (a superuser). A person tracking their withdrawal belongs to no clinic.
    """
    if role not in Role.values:
        raise AccountError(f"role {role!r} is not allowed; use one of: {', '.join(Role.values)}")
    username = username.strip()
    if not username:
        raise AccountError("username: must not be empty")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise AccountError("username: " + " ".join(exc.messages)) from exc
    if len(username) > 150:
        raise AccountError("username: at most 150 characters")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"username: {username!r} is already taken")
    if clinic is not None and role == Role.PATIENT:
        raise AccountError("clinic: a person tracking their withdrawal belongs to no clinic")
    if isinstance(clinic, str):
        name = clinic.strip()
        if not name:
            raise AccountError("clinic: give the clinic a name")
        clinic, _ = Clinic.objects.get_or_create(name=name[:200])
    user = User(username=username, email=email, role=role, clinic=clinic)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError("password: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    if role == Role.ADMIN:
        user.is_staff = True
        user.is_superuser = clinic is None
    user.save()
    return user


TOKEN_PREFIX = "eo_"  # noqa: S105 -- a marker, not a secret


def hash_token(secret: str) -> str:
    """Return the SHA-256 hex digest a token is stored under."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make an API token for `user`; return the row and the secret (shown once, never stored)."""
    name = name.strip()
    if not name:
        raise AccountError("name: give the token a name, e.g. 'my laptop'")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=secret[:10], key_hash=hash_token(secret)
    )
    return token, secret


def user_for_token(secret: str) -> User | None:
    """Return the active user a bearer token belongs to, or None (one indexed query)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    # Raw SQL on purpose: this runs on every API request, and one indexed join without the
    # ORM's query compilation is measurably cheaper (bench/api_throughput.py).
    users = User.objects.raw(
        f"SELECT u.* FROM {User._meta.db_table} u JOIN {ApiToken._meta.db_table} t ON t.user_id = u.id "  # noqa: S608 -- table names, not input
        "WHERE t.key_hash = %s AND u.is_active",
        [hash_token(secret)],
    )
    return next(iter(users), None)
