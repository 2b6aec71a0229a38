"""The person's safety flags, and crisis resources for their country."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from easeoff.domain.instruments import INSTRUMENTS
from easeoff.interop.report import build_report, default_period, record_report, render_report_pdf
from easeoff.services import doses as doses_service
from easeoff.services.access import can_view_person, people_visible_to
from easeoff.services.assessments import may_administer
from easeoff.services.audit import record_events, record_events_for_queryset
from easeoff.services.caseload import MAXIMA, caseload_rows, filter_rows
from easeoff.services.errors import InvalidInput
from easeoff.services.journal import describe, list_entries
from easeoff.services.notes import write_note
from easeoff.services.safety import acknowledge_flag, crisis_for, open_flags
from easeoff.web.accounts.models import User
from easeoff.web.care.models import ClinicianNote, Flag
from easeoff.web.charts import sparkline
from easeoff.web.core.decorators import clinician_required, patient_required
from easeoff.web.tracking.views import instrument_form, instrument_sections


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


def visible_person(request: HttpRequest, person_id: int) -> Any:
    """Return the person if the signed-in clinician may see them; 404 otherwise (also when absent)."""
    person = User.objects.filter(pk=person_id, role="patient").first()
    if person is None or not can_view_person(request.user, person):
        raise Http404("no such person")
    return person


NONE = "\N{EN DASH}"  # shown where there is no score


def ago(moment: Any, now: Any) -> str:
    """Return a short "how long ago" (cheaper than the timesince filter on 500 rows)."""
    seconds = (now - moment).total_seconds()
    if seconds < 3600:
        return f"{max(int(seconds // 60), 0)} min ago"
    if seconds < 2 * 86400:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} days ago"


def caseload_table_rows(rows: list[Any], *, now: Any) -> SafeString:
    """Render the caseload's table rows in Python: a template loop over 500 rows cost most of the page."""
    html = []
    for row in rows:
        risk = "risk-urgent" if row.urgent_flags else "risk-warning" if row.warning_flags else ""
        urgent = (
            format_html('<span class="badge urgent">{} urgent</span>', row.urgent_flags)
            if row.urgent_flags
            else ""
        )
        warning = (
            format_html(' <span class="badge warning">{} warning</span>', row.warning_flags)
            if row.warning_flags
            else ""
        )
        latest = {code: row.latest.get(code, {}).get("total") for code in ("phq9", "gad7", "craving")}
        code = row.withdrawal_code
        withdrawal = f"{code.upper()} {row.latest.get(code, {}).get('total', '')}" if code else NONE
        last = ago(row.last_checkin_at, now) if row.last_checkin_at else "never"
        missed = mark_safe(' <span class="badge warning">missed</span>') if row.missed_checkin else ""
        spark = mark_safe(sparkline(row.spark, y_max=MAXIMA.get(code or "", 1)))  # noqa: S308 -- escaped SVG
        html.append(
            format_html(
                '<tr class="{}"><td><a href="{}">{}</a></td><td>{}{}</td><td>{}</td><td>{}</td>'
                "<td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
                risk,
                reverse("care_person", args=[row.person_id]),
                row.display_name,
                urgent,
                warning,
                withdrawal,
                spark,
                NONE if latest["phq9"] is None else latest["phq9"],
                NONE if latest["gad7"] is None else latest["gad7"],
                NONE if latest["craving"] is None else latest["craving"],
                last,
                missed,
            )
        )
    return mark_safe("".join(html))  # noqa: S308 -- every row is built by format_html


@require_GET
@clinician_required
def caseload(request: HttpRequest) -> HttpResponse:
    """One row per person who shares with this clinician, most at risk first, with filters."""
    now = timezone.now()
    visible = people_visible_to(request.user)
    rows = caseload_rows(visible, now=now)
    only = request.GET.get("only", "")
    if only not in ("", "urgent", "flags", "missed"):
        only = ""
    query = request.GET.get("q", "").strip()[:100]
    shown = filter_rows(rows, only=only, query=query)
    # The caseload shows latest scores: one audit row per person shown, in one statement.
    if len(shown) == len(rows):
        record_events_for_queryset(actor=request.user, people=visible, action="view_caseload", at=now)
    else:
        record_events(
            actor=request.user, people=[row.person_id for row in shown], action="view_caseload", at=now
        )
    return render(
        request,
        "care/caseload.html",
        {
            "body": caseload_table_rows(shown, now=now),
            "shown": len(shown),
            "only": only,
            "q": query,
            "total": len(rows),
        },
    )


@require_GET
@clinician_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's charts, open flags (with acknowledgement), notes, and COWS/OOWS to administer."""
    person = visible_person(request, person_id)
    return render(
        request,
        "care/person.html",
        {
            "person": person,
            "sections": instrument_sections(request.user, person),
            "flags": open_flags(viewer=request.user, person=person),
            "notes": ClinicianNote.objects.filter(person=person).select_related("author")[:50],
            "dose_days": doses_service.daily_totals(viewer=request.user, person=person)[:14],
            "journal": [
                {"entry": entry, "found": describe(entry.extraction)}
                for entry in list_entries(viewer=request.user, person=person)[:10]
            ],
            "administer": [INSTRUMENTS["cows"], INSTRUMENTS["oows"]],
        },
    )


@require_http_methods(["GET", "POST"])
@clinician_required
def administer(request: HttpRequest, person_id: int, code: str) -> HttpResponse:
    """A clinician fills in COWS or OOWS about a person in clinic."""
    person = visible_person(request, person_id)
    instrument = INSTRUMENTS.get(code)
    if instrument is None or not may_administer(request.user, person, instrument):
        raise Http404("no such instrument to administer")
    return instrument_form(request, person=person, instrument=instrument)


@require_POST
@clinician_required
def acknowledge(request: HttpRequest, person_id: int, flag_id: int) -> HttpResponse:
    """Acknowledge one of the person's flags with a comment."""
    person = visible_person(request, person_id)
    if not Flag.objects.filter(pk=flag_id, person=person).exists():
        raise Http404("no such flag")
    try:
        acknowledge_flag(
            actor=request.user, flag_id=flag_id, comment=request.POST.get("comment", ""), now=timezone.now()
        )
    except InvalidInput as exc:
        messages.error(request, "; ".join(f"{k}: {v}" for k, v in exc.problems.items()))
    else:
        messages.success(request, "Flag acknowledged.")
    return redirect("care_person", person_id=person.pk)


@require_POST
@clinician_required
def add_note(request: HttpRequest, person_id: int) -> HttpResponse:
    """Write a note about the person."""
    person = visible_person(request, person_id)
    try:
        write_note(actor=request.user, person=person, text=request.POST.get("text", ""), now=timezone.now())
    except InvalidInput as exc:
        messages.error(request, "; ".join(f"{k}: {v}" for k, v in exc.problems.items()))
    return redirect("care_person", person_id=person.pk)


def report_response(request: HttpRequest, person: Any) -> HttpResponse:
    """Build the visit report for ?from=&to= (default: since the last report) and send the PDF."""
    from datetime import date as date_type

    now = timezone.now()
    today = now.astimezone(ZoneInfo(person.time_zone)).date()
    default_from, default_to = default_period(person, today=today)
    problems: dict[str, str] = {}
    period: dict[str, date_type] = {}
    for name, default in (("from", default_from), ("to", default_to)):
        raw = request.GET.get(name, "")
        try:
            period[name] = date_type.fromisoformat(raw) if raw else default
        except ValueError:
            problems[name] = "must be a day as YYYY-MM-DD"
    try:
        if problems:
            raise InvalidInput(problems)
        report = build_report(
            viewer=request.user, person=person, date_from=period["from"], date_to=period["to"], now=now
        )
    except InvalidInput as exc:
        return HttpResponse(
            "; ".join(f"{k}: {v}" for k, v in exc.problems.items()), status=422, content_type="text/plain"
        )
    pdf = render_report_pdf(report)
    record_report(report, person=person, viewer=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"easeoff-{person.username}-{report.date_from}-{report.date_to}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@patient_required
def my_report(request: HttpRequest) -> HttpResponse:
    """The person's own visit report as PDF."""
    return report_response(request, request.user)


@require_GET
@clinician_required
def person_report(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's visit report for their clinician, as PDF."""
    return report_response(request, visible_person(request, person_id))
