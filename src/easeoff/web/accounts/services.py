"""Account use cases shared by the web, the API and the CLI."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from easeoff.web.accounts.models import Role, User


class AccountError(ValueError):
    """An account could not be created or changed; the message says which field and why."""


@transaction.atomic
def create_user(*, username: str, role: str, email: str = "", password: str) -> User:
    """Create a user with a role; admins are staff in the Django admin."""
    if role not in Role.values:
        raise AccountError(f"role {role!r} is not allowed; use one of: {', '.join(Role.values)}")
    username = username.strip()
    if not username:
        raise AccountError("username: must not be empty")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"username: {username!r} is already taken")
    user = User(username=username, email=email, role=role)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError("password: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    if role == Role.ADMIN:
        user.is_staff = True
        user.is_superuser = True
    user.save()
    return user
