"""A URLconf and WSGI app for benchmarks: easeoff's URLs plus a bare baseline endpoint.

The baseline is the framework's ceiling for the same job: a Django view that inserts one row
with one SQL statement, with no authentication, validation or scoring.
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


urlpatterns = [
    path("bench/bare", bare_insert),
    path("", include("easeoff.web.urls")),
]

settings.ROOT_URLCONF = __name__
