"""The visit report: what happened between two days, on a few A4 pages, as a PDF.

Built from HTML and CSS with WeasyPrint; charts are the same server-side SVG the pages use;
fonts come from the system (Debian's DejaVu in CI); nothing is fetched. Every instrument in the
report is cited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from easeoff import __version__
from easeoff.services.access import require_view_person
from easeoff.services.errors import InvalidInput
from easeoff.services.journal import describe
from easeoff.web.care.models import Flag, ReportRecord
from easeoff.web.charts import grouped_by_instrument, instrument_chart
from easeoff.web.tracking.models import Assessment, JournalEntry

MAX_DAYS = 366


@dataclass
class ReportSection:
    code: str
    name: str
    source: str
    chart: str
    rows: list[dict[str, Any]]
    band_note: str
    minimum: int = 0
    maximum: int = 0


@dataclass
class VisitReport:
    person_name: str
    person_username: str
    time_zone: str
    date_from: date
    date_to: date
    generated_at: datetime
    generated_by: str
    sections: list[ReportSection] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    assessment_count: int = 0
    timeline: Any = None
    dose_days: list[dict[str, Any]] = field(default_factory=list)
    taper: Any = None
    taper_rows: list[Any] = field(default_factory=list)
    journal: list[dict[str, Any]] = field(default_factory=list)


def check_period(date_from: date, date_to: date) -> None:
    """Raise InvalidInput naming the field when the period is empty or too long."""
    if date_from > date_to:
        raise InvalidInput({"from": "must be on or before 'to'"})
    if (date_to - date_from).days >= MAX_DAYS:
        raise InvalidInput({"to": f"a report covers at most {MAX_DAYS} days"})


def build_report(*, viewer: Any, person: Any, date_from: date, date_to: date, now: datetime) -> VisitReport:
    """Gather what happened to `person` between two of their local days (inclusive)."""
    require_view_person(viewer, person, action="export_report", target=f"report {date_from} to {date_to}")
    check_period(date_from, date_to)
    zone = ZoneInfo(person.time_zone)
    start = datetime.combine(date_from, time.min, tzinfo=zone)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone)
    rows = list(
        Assessment.objects.filter(person=person, taken_on__gte=date_from, taken_on__lte=date_to).order_by(
            "taken_at"
        )
    )
    report = VisitReport(
        person_name=person.shown_name,
        person_username=person.username,
        time_zone=person.time_zone,
        date_from=date_from,
        date_to=date_to,
        generated_at=now,
        generated_by=viewer.username,
        assessment_count=len(rows),
    )
    for instrument, mine in grouped_by_instrument(rows):
        chart = instrument_chart(
            instrument,
            mine,
            title=f"{instrument.short_name} totals, {date_from} to {date_to}",
            width=680,
            height=190,
        )
        report.sections.append(
            ReportSection(
                code=instrument.code,
                name=instrument.name,
                source=instrument.source,
                chart=mark_safe(chart),  # noqa: S308 -- built from escaped parts
                rows=[
                    {
                        "taken_at": r.taken_at.astimezone(zone),
                        "total": r.total,
                        "band": r.band,
                        "by_clinician": r.administered_by_id not in (None, person.pk),
                    }
                    for r in mine
                ],
                band_note=instrument.score_meaning if not instrument.bands else "",
                minimum=min(r.total for r in mine),
                maximum=max(r.total for r in mine),
            )
        )
    add_doses_taper_timeline(report, viewer=viewer, person=person, now=now)
    for entry in JournalEntry.objects.filter(
        person=person, written_on__gte=date_from, written_on__lte=date_to
    ).order_by("written_at")[:MAX_JOURNAL]:
        found = describe(entry.extraction)
        report.journal.append(
            {
                "written_at": entry.written_at.astimezone(zone),
                "text": entry.text[:280] + ("…" if len(entry.text) > 280 else ""),
                "symptoms": ", ".join(f"{s['label']} ({s['status']})" for s in found["symptoms"]),
                "effect": found["kratom_effect"],
            }
        )
    report.flags = list(
        Flag.objects.filter(person=person, raised_at__gte=start, raised_at__lt=end)
        .select_related("acknowledged_by")
        .order_by("raised_at")
    )
    return report


MAX_JOURNAL = 12


def add_doses_taper_timeline(report: VisitReport, *, viewer: Any, person: Any, now: datetime) -> None:
    """Add day N on the withdrawal course, doses per day by substance, and the taper against actual."""
    from easeoff.services import doses, taper

    try:
        report.timeline = doses.withdrawal_timeline(viewer=viewer, person=person, now=now)
    except InvalidInput:
        report.timeline = None
    report.dose_days = [
        {"on": day.total.on, "name": day.name, "amount": day.amount_text, "count": day.total.dose_count}
        for day in reversed(
            doses.daily_totals(
                viewer=viewer, person=person, date_from=report.date_from, date_to=report.date_to
            )
        )
    ]
    status = taper.taper_status(viewer=viewer, person=person, now=now)
    if status is not None:
        report.taper = status
        report.taper_rows = [
            {"on": r.on, "planned": r.planned, "actual": r.actual, "status": r.status.replace("_", " ")}
            for r in status.adherence
            if report.date_from <= r.on <= report.date_to
        ]


def default_period(person: Any, *, today: date) -> tuple[date, date]:
    """Return the period a report covers by default: since the last report, else the last 30 days."""
    last = ReportRecord.objects.filter(person=person).order_by("-generated_at").first()
    if last is not None:
        return min(last.generated_at.astimezone(ZoneInfo(person.time_zone)).date(), today), today
    return today - timedelta(days=29), today


def record_report(report: VisitReport, *, person: Any, viewer: Any) -> None:
    """Remember that a report was made, so the next one starts where this one ended."""
    ReportRecord.objects.create(
        person=person,
        generated_by=viewer,
        date_from=report.date_from,
        date_to=report.date_to,
        generated_at=report.generated_at,
    )


def render_report_html(report: VisitReport) -> str:
    """Return the report as a standalone HTML document (also used by the PDF)."""
    # Times print in the person's own zone: their day N and check-in hours are local.
    with timezone.override(ZoneInfo(report.time_zone)):
        return render_to_string("report/visit.html", {"report": report, "version": __version__})


def render_report_pdf(report: VisitReport) -> bytes:
    """Return the report as PDF bytes."""
    from weasyprint import HTML

    return bytes(HTML(string=render_report_html(report)).write_pdf())
