"""Where the time of POST /api/assessments goes, in process, against the bare insert.

Calls the same WSGI application as bench/api_throughput.py directly (no server, no client),
so the numbers are the Python work per request. Both paths run in one process, in one run;
then our path runs once more with the main steps timed.

    .venv/bin/python bench/api_breakdown.py [--requests 3000] [--people 500]

Uses SQLite in a temporary data directory, or DATABASE_URL when it is set (PostgreSQL).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def timed(module: Any, name: str, totals: dict[str, float]) -> None:
    """Wrap `module.name` so that its wall time is added to totals[name]."""
    function: Callable[..., Any] = getattr(module, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start

    setattr(module, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--people", type=int, default=500)
    args = parser.parse_args()

    os.environ.setdefault("EASEOFF_DATA_DIR", tempfile.mkdtemp(prefix="easeoff-bench-"))
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    sys.path.insert(0, str(ROOT))
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    import bench.bench_site as site  # sets Django up
    import easeoff.services.assessments as assessments_service
    import easeoff.web.api as api_module
    from easeoff.web.accounts.services import create_api_token

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        kind = "INTEGER" if connection.vendor == "sqlite" else "BIGSERIAL"
        cursor.execute(f"CREATE TABLE IF NOT EXISTS bench_row (id {kind} PRIMARY KEY, payload TEXT)")
    users = get_user_model()
    tokens = [
        create_api_token(users.objects.create(username=f"bench-{n}", role="patient"), "bench")[1]
        for n in range(args.people)
    ]
    answers = {f"sows_{n}": n % 5 for n in range(1, 17)}
    body = json.dumps({"instrument": "sows", "answers": answers}).encode()

    def call(path: str, token: str | None = None) -> None:
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": path, "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http",
        }  # fmt: skip
        if token:
            environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        statuses: list[str] = []
        b"".join(site.application(environ, lambda status, headers: statuses.append(status)))
        if not statuses[0].startswith("201"):
            raise SystemExit(f"{path} answered {statuses[0]}")

    def run(path: str, with_token: bool) -> float:
        start = time.perf_counter()
        for n in range(args.requests):
            call(path, tokens[n % len(tokens)] if with_token else None)
        return (time.perf_counter() - start) / args.requests * 1000

    for n in range(200):  # warm up both paths
        call("/bench/bare")
        call("/api/assessments", tokens[n % len(tokens)])
    bare = run("/bench/bare", with_token=False)
    ours = run("/api/assessments", with_token=True)

    totals: dict[str, float] = {}
    timed(api_module, "user_for_token", totals)
    timed(api_module.assessments, "record_assessment", totals)
    for name in ("evaluate_pending", "score_answers", "store_flags", "insert"):
        timed(assessments_service, name, totals)
    timed_run = run("/api/assessments", with_token=True)

    print(f"database: {connection.vendor}; {args.requests} requests per path over {args.people} people")
    print(f"bare insert:            {bare:.3f} ms per request")
    print(f"POST /api/assessments:  {ours:.3f} ms per request   ratio bare/ours {bare / ours:.2f}")
    print(f"our steps (a third run, {timed_run:.3f} ms per request with the timers):")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:20s} {seconds / args.requests * 1000:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
