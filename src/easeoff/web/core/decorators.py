"""View decorators that check who may reach a page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Require a signed-in user with one of `roles`; others get 403, visitors the sign-in page."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied("this page is for another kind of account")
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorate


patient_required = role_required("patient")
clinician_required = role_required("clinician")
