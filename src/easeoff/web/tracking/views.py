"""Check-in pages: pick an instrument, fill it in, see the result and the history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from easeoff.domain.instruments import INSTRUMENTS, PUBLISHED, Instrument
from easeoff.services import assessments, journal
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.safety import crisis_for, open_flags
from easeoff.web.charts import grouped_by_instrument, instrument_chart
from easeoff.web.core.decorators import patient_required


def self_report_instruments(user: Any) -> list[Instrument]:
    """Return the instruments this user may fill in about themself, in display order."""
    return [i for i in INSTRUMENTS.values() if assessments.may_administer(user, user, i)]


@require_GET
@patient_required
def checkin_index(request: HttpRequest) -> HttpResponse:
    """List the instruments a person can check in with, with their latest totals."""
    instruments = self_report_instruments(request.user)
    latest: dict[str, Any] = {}
    for row in assessments.list_assessments(viewer=request.user, person=request.user):
        latest.setdefault(row.instrument_code, row)
    return render(
        request,
        "tracking/checkin_index.html",
        {
            "instruments": [(i, latest.get(i.code)) for i in instruments],
            "legal": legal_status_for(request.user),
            "open_flags": open_flags(viewer=request.user, person=request.user),
        },
    )


def legal_status_for(person: Any) -> Any:
    """Return kratom's legal status for the person's region, else their country, else None."""
    from easeoff.knowledge.legality import lookup
    from easeoff.web.accounts.models import Profile

    profile = Profile.objects.filter(user=person).first()
    if profile is None:
        return None
    for place in (profile.region, profile.country):
        if place and (status := lookup(place)) is not None:
            return status
    return None


def parse_answers(instrument: Instrument, data: Any) -> dict[str, Any]:
    """Read one answer per item from form data; keep unparsable text so scoring names the item."""
    answers: dict[str, Any] = {}
    for item in instrument.items:
        raw = data.get(item.id, "")
        if raw == "":
            continue
        try:
            answers[item.id] = int(raw)
        except ValueError:
            answers[item.id] = raw
    return answers


def instrument_form(request: HttpRequest, *, person: Any, instrument: Instrument) -> HttpResponse:
    """Show an instrument on one screen; on submit, score and store it about `person` or show errors.

    Shared by a person's own check-in and a clinician administering COWS or OOWS in clinic;
    the service records who filled it in. A failed submit keeps every answer given.
    """
    variant = request.POST.get("variant") or request.GET.get("variant") or PUBLISHED
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    prefilled: set[str] = set()
    status = 200
    if request.method == "GET" and request.GET.get("journal", "").isdigit() and instrument.code == "sows":
        # Suggestions from a journal entry: shown marked, saved only when the person submits.
        try:
            entry = journal.get_entry(viewer=request.user, entry_id=int(request.GET["journal"]))
        except NotAllowed:
            raise Http404("no such entry") from None
        suggestions = journal.sows_suggestions(entry)
        values = {item_id: str(value) for item_id, value in suggestions.items()}
        prefilled = set(suggestions)
    if request.method == "POST":
        values = {item.id: request.POST.get(item.id, "") for item in instrument.items}
        try:
            recorded = assessments.record_assessment(
                actor=request.user,
                person=person,
                instrument_code=instrument.code,
                answers=parse_answers(instrument, request.POST),
                now=timezone.now(),
                variant=variant,
            )
        except InvalidInput as exc:
            errors = exc.problems
            status = 422
        else:
            return redirect("assessment", assessment_id=recorded.assessment.pk)
    try:
        items = [
            {
                "item": item,
                "text": instrument.item_text(item.id, variant),
                "value": values.get(item.id, ""),
                "error": errors.get(item.id, ""),
                "prefilled": item.id in prefilled,
            }
            for item in instrument.items
        ]
    except KeyError:
        raise Http404("no such wording") from None
    other_errors = {k: v for k, v in errors.items() if k not in instrument.item_ids}
    return render(
        request,
        "tracking/checkin_form.html",
        {
            "instrument": instrument,
            "items": items,
            "variant": variant,
            "error_count": len(errors),
            "other_errors": other_errors,
            "about": person if person.pk != request.user.pk else None,
            "prefilled_count": len(prefilled),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@patient_required
def checkin_form(request: HttpRequest, code: str) -> HttpResponse:
    """A person's own check-in on one instrument."""
    instrument = INSTRUMENTS.get(code)
    if instrument is None or not assessments.may_administer(request.user, request.user, instrument):
        raise Http404("no such check-in")
    return instrument_form(request, person=request.user, instrument=instrument)


@require_POST
@patient_required
def checkin_preview(request: HttpRequest, code: str) -> HttpResponse:
    """Return the running total for the answers given so far (htmx fragment; nothing is stored)."""
    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        raise Http404("no such instrument")
    answers = parse_answers(instrument, request.POST)
    answered = [item for item in instrument.scored_items if isinstance(answers.get(item.id), int)]
    valid = [answers[i.id] for i in answered if answers[i.id] in i.allowed_values]
    return render(
        request,
        "tracking/checkin_preview.html",
        {
            "instrument": instrument,
            "running_total": sum(valid),
            "answered": len(valid),
            "items": len(instrument.scored_items),
        },
    )


@require_GET
@login_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Show one result: total, band and what it means, flags, and the instrument's source."""
    try:
        assessment = assessments.get_assessment(viewer=request.user, assessment_id=assessment_id)
    except NotAllowed:
        raise Http404("no such assessment") from None
    instrument = INSTRUMENTS[assessment.instrument_code]
    band = instrument.band_for(assessment.total) if assessment.band else None
    answered = [
        {
            "number": item.number,
            "text": instrument.item_text(item.id, assessment.variant),
            "value": assessment.answers.get(item.id),
            "anchor": item.option(assessment.answers[item.id]).text if item.id in assessment.answers else "",
        }
        for item in instrument.items
    ]
    return render(
        request,
        "tracking/assessment_detail.html",
        {
            "assessment": assessment,
            "instrument": instrument,
            "band": band,
            "answered": answered,
            "self_harm": "phq9_item9_positive" in assessment.flags,
            "crisis": crisis_for(assessment.person),
            "flags": open_flags(viewer=request.user, person=assessment.person)
            if request.user.pk == assessment.person_id
            else [],
        },
    )


def instrument_sections(viewer: Any, person: Any) -> list[dict[str, Any]]:
    """Return, per instrument the person has used, a chart of totals over time and the rows."""
    rows = list(assessments.list_assessments(viewer=viewer, person=person).order_by("taken_at"))
    sections = []
    for instrument, mine in grouped_by_instrument(rows):
        chart = instrument_chart(instrument, mine, title=f"{instrument.short_name} totals over time")
        # The chart is built from escaped parts (easeoff.web.charts).
        sections.append({"instrument": instrument, "rows": list(reversed(mine)), "chart": mark_safe(chart)})  # noqa: S308
    return sections


@require_GET
@patient_required
def history(request: HttpRequest) -> HttpResponse:
    """Chart each instrument's totals over time, with the same numbers as a table."""
    return render(
        request, "tracking/history.html", {"sections": instrument_sections(request.user, request.user)}
    )
