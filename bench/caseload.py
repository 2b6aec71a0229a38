"""Render the caseload dashboard for a clinician with 500 people and 90 days of data each.

    .venv/bin/python bench/caseload.py [--people 500] [--days 90] [--runs 30]

Prints the median and p95 time to render GET /caseload/ (target: p95 under 150 ms), the number
of SQL queries for 50 people and for all of them (must not grow with the caseload), and as the
baseline measured in the same run the home page's render time, so a slow machine shows as a
slow baseline. SQLite in a temporary data directory, or DATABASE_URL (PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)


def timed(client: object, path: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("EASEOFF_DATA_DIR", tempfile.mkdtemp(prefix="easeoff-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "easeoff.web.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    sys.path.insert(0, ROOT)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from easeoff.services.demo import generate_demo
    from easeoff.web.accounts.models import Grant, User

    call_command("migrate", verbosity=0)
    now = datetime.now(UTC)
    started = time.perf_counter()
    summary = generate_demo(people=args.people, days=args.days, seed=1, now=now, force=True)
    print(
        f"generated {summary.people} people x {summary.days} days: {summary.assessments} assessments "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    # A database in use has planner statistics; a freshly bulk-loaded one has none yet.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    ben = User.objects.get(username="ben")
    cho = User.objects.get(username="cho")
    people = list(User.objects.filter(role="patient").order_by("username"))
    Grant.objects.filter(clinician__in=[ben, cho]).delete()
    Grant.objects.bulk_create(
        [Grant(person=p, clinician=ben, created_at=now, accepted_at=now) for p in people]
        + [Grant(person=p, clinician=cho, created_at=now, accepted_at=now) for p in people[:50]]
    )
    counts = {}
    for clinician, label in ((cho, "50"), (ben, str(len(people)))):
        client = Client()
        client.force_login(clinician)
        client.get("/caseload/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/caseload/").status_code == 200
        counts[label] = len(queries)
    client = Client()
    client.force_login(ben)
    timed(client, "/caseload/", 3)
    home = timed(client, "/", args.runs)
    caseload = timed(client, "/caseload/", args.runs)
    print(
        f"SQL queries per render: {counts['50']} for 50 people, {counts[str(len(people))]} for {len(people)}"
    )
    print(
        f"caseload of {len(people)}: median {statistics.median(caseload):.1f} ms, "
        f"p95 {p95(caseload):.1f} ms (target p95 < 150 ms)"
    )
    print(f"baseline home page: median {statistics.median(home):.1f} ms")
    print(f"ratio caseload / home (median): {statistics.median(caseload) / statistics.median(home):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
