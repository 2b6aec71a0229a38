"""The clinician's caseload: one row per person, sorted by risk, in a fixed number of queries.

Risk order (the issue's triage rule): open urgent flags first, then the latest withdrawal
severity and its trend, then missed check-ins. Withdrawal severity compares SOWS and COWS on
their own ranges (total / maximum), because neither has bands the other shares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count

from easeoff.domain.instruments import INSTRUMENTS
from easeoff.web.care.models import Flag
from easeoff.web.tracking.models import Assessment

WITHDRAWAL = ("sows", "cows")
MAXIMA = {code: instrument.max_total for code, instrument in INSTRUMENTS.items()}
TREND_DAYS = 14
# A person who checks in daily has missed one after this long without any assessment.
CHECKIN_EXPECTED = timedelta(hours=36)


@dataclass
class CaseloadRow:
    person_id: int
    username: str
    display_name: str
    urgent_flags: int = 0
    warning_flags: int = 0
    latest: dict[str, Any] = field(default_factory=dict)  # instrument code -> {"total", "band", "taken_at"}
    withdrawal_code: str | None = None
    withdrawal_level: float = 0.0  # latest SOWS or COWS total as a share of its maximum
    trend: float = 0.0  # change in that share over the trend window (positive = worse)
    spark: list[int] = field(default_factory=list)
    last_checkin_at: datetime | None = None
    missed_checkin: bool = False

    @property
    def risk_key(self) -> tuple[float, ...]:
        return (
            -self.urgent_flags,
            -self.withdrawal_level,
            -self.trend,
            -(1 if self.missed_checkin else 0),
            -self.warning_flags,
        )


def caseload_rows(people: Iterable[Any] | Any, *, now: datetime) -> list[CaseloadRow]:
    """Return one row per person in `people` (a queryset or list of users), most at risk first.

    Four queries whatever the number of people: people, open flags, latest per instrument
    (which also gives the last check-in), recent withdrawal totals.
    """
    persons = (
        list(people.values("id", "username", "display_name"))
        if hasattr(people, "values")
        else [{"id": p.pk, "username": p.username, "display_name": p.display_name} for p in people]
    )
    ids = [p["id"] for p in persons]
    rows = {
        p["id"]: CaseloadRow(
            person_id=p["id"], username=p["username"], display_name=p["display_name"] or p["username"]
        )
        for p in persons
    }
    if not ids:
        return []
    # A queryset of people becomes a SQL subquery; hundreds of bound ids cost more to prepare.
    scope = people.values("id") if hasattr(people, "values") else ids
    for item in (
        Flag.objects.filter(person_id__in=scope, acknowledged_at__isnull=True)
        .values("person_id", "severity")
        .annotate(n=Count("id"))
    ):
        row = rows[item["person_id"]]
        if item["severity"] == "urgent":
            row.urgent_flags = item["n"]
        elif item["severity"] == "warning":
            row.warning_flags = item["n"]

    for item in latest_per_instrument(ids):
        rows[item["person_id"]].latest[item["instrument_code"]] = item

    since = now - timedelta(days=TREND_DAYS)
    # In time order; the instants themselves are not needed, which spares converting them.
    recent: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for person_id, code, total in (
        Assessment.objects.filter(person_id__in=scope, instrument_code__in=WITHDRAWAL, taken_at__gte=since)
        .order_by("taken_at")
        .values_list("person_id", "instrument_code", "total")
    ):
        recent[person_id].append((code, total))

    for person_id, row in rows.items():
        series = recent.get(person_id, [])
        if series:
            code, total = series[-1]
            maximum = MAXIMA[code]
            row.withdrawal_code = code
            row.withdrawal_level = total / maximum
            same = [t for c, t in series if c == code]
            row.spark = same[-TREND_DAYS:]
            row.trend = (same[-1] - same[0]) / maximum if len(same) > 1 else 0.0
        # The last check-in is the newest of the latest assessment per instrument.
        row.last_checkin_at = max((item["taken_at"] for item in row.latest.values()), default=None)
        row.missed_checkin = row.last_checkin_at is None or now - row.last_checkin_at > CHECKIN_EXPECTED
    return sorted(rows.values(), key=lambda r: (*r.risk_key, r.username))


def latest_per_instrument(ids: list[int]) -> list[dict[str, Any]]:
    """Return each person's latest assessment per instrument, in one query.

    SQLite: a join on the grouped maximum, which uses the (person, instrument, taken_at) index;
    a window function over every row was ten times slower on 85,000 rows. PostgreSQL: a
    LATERAL lookup per person and instrument on the same index.
    """
    table = Assessment._meta.db_table
    params: list[Any]
    if connection.vendor == "postgresql":
        # One index lookup per person and instrument (LATERAL ... LIMIT 1) instead of grouping
        # every row: the grouped join scanned all 85,000 rows on PostgreSQL (bench/caseload.py).
        sql = (
            "SELECT p.id AS person_id, i.code AS instrument_code, l.total, l.band, l.taken_at "  # noqa: S608 -- table name only
            "FROM unnest(%s::bigint[]) AS p(id) CROSS JOIN unnest(%s::text[]) AS i(code) "
            f"CROSS JOIN LATERAL (SELECT total, band, taken_at FROM {table} a "
            "WHERE a.person_id = p.id AND a.instrument_code = i.code ORDER BY a.taken_at DESC LIMIT 1) l"
        )
        params = [ids, list(INSTRUMENTS)]
    else:
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT a.person_id, a.instrument_code, a.total, a.band, a.taken_at FROM {table} a "  # noqa: S608 -- table name and placeholders only
            f"JOIN (SELECT person_id, instrument_code, MAX(taken_at) AS last FROM {table} "
            f"WHERE person_id IN ({marks}) GROUP BY person_id, instrument_code) l "
            "ON a.person_id = l.person_id AND a.instrument_code = l.instrument_code AND a.taken_at = l.last"
        )
        params = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        found = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    for item in found:
        # Raw SQL returns SQLite timestamps as text; give every backend's rows aware datetimes.
        moment = item["taken_at"]
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        item["taken_at"] = moment
    return found


def filter_rows(rows: list[CaseloadRow], *, only: str = "", query: str = "") -> list[CaseloadRow]:
    """Apply the dashboard's filters: only=urgent|flags|missed, and a name search."""
    if only == "urgent":
        rows = [r for r in rows if r.urgent_flags]
    elif only == "flags":
        rows = [r for r in rows if r.urgent_flags or r.warning_flags]
    elif only == "missed":
        rows = [r for r in rows if r.missed_checkin]
    if query:
        needle = query.casefold()
        rows = [r for r in rows if needle in r.username.casefold() or needle in r.display_name.casefold()]
    return rows
