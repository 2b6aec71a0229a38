"""The person's safety flags, and crisis resources for their country."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from easeoff.knowledge.crisis import CrisisResources, crisis_resources
from easeoff.services.safety import open_flags, person_profile
from easeoff.web.care.models import Flag
from easeoff.web.core.decorators import patient_required


def crisis_for(person: Any) -> CrisisResources:
    """Return the crisis lines for the person's country (a generic fallback when unknown)."""
    return crisis_resources(person_profile(person).country)


@require_GET
@patient_required
def my_flags(request: HttpRequest) -> HttpResponse:
    """List the person's open flags, most urgent first, and the handled ones."""
    flags = open_flags(viewer=request.user, person=request.user)
    closed = Flag.objects.filter(person=request.user, acknowledged_at__isnull=False).select_related(
        "acknowledged_by"
    )[:50]
    show_crisis = any("show_crisis_resources" in f.actions for f in flags)
    return render(
        request,
        "care/my_flags.html",
        {"flags": flags, "closed": closed, "show_crisis": show_crisis, "crisis": crisis_for(request.user)},
    )
