"""A URLconf and WSGI app for benchmarks: easeoff's URLs plus a bare baseline endpoint.

The baseline is the framework's ceiling for the same job: a Django view that inserts one row
with one SQL statement, with no authentication, validation or scoring.

A second, informational endpoint shows how much of the gap is the API stack alone: the same
one-row insert behind django-ninja with easeoff's bearer-token authentication and request
schema, but no scoring, no safety rules and no assessment row.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "easeoff.web.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 -- Django is set up above
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse, JsonResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (payload) VALUES (%s)", [request.body.decode()])
    return JsonResponse({"ok": True}, status=201)


from ninja import NinjaAPI  # noqa: E402

from easeoff.web.api import AssessmentCreate, BearerToken  # noqa: E402

stack_api = NinjaAPI(auth=BearerToken(), urls_namespace="bench-api", docs_url=None, openapi_url=None)


@stack_api.post("/insert", response={201: dict})
def stack_insert(request: HttpRequest, payload: AssessmentCreate) -> tuple[int, dict[str, bool]]:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (payload) VALUES (%s)", [request.body.decode()])
    return 201, {"ok": True}


urlpatterns = [
    path("bench/bare", bare_insert),
    path("bench/api/", stack_api.urls),
    path("", include("easeoff.web.urls")),
]

settings.ROOT_URLCONF = __name__
