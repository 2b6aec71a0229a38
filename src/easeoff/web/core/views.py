"""The home page and the health endpoint."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from easeoff import __version__


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Show what easeoff is and where to start."""
    return render(request, "easeoff/home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the app can reach its database; 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The error text may name hosts or paths: keep it out of a public response.
        return JsonResponse(
            {"status": "error", "database": "unreachable", "version": __version__}, status=503
        )
    return JsonResponse({"status": "ok", "database": connection.vendor, "version": __version__})
