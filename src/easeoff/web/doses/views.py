"""Dose log, products, withdrawal timeline and taper pages. Thin: parse, call a service, render."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from easeoff.domain.doses import UNITS
from easeoff.domain.instruments import INSTRUMENTS
from easeoff.domain.substances import load_catalogue
from easeoff.services import doses, taper
from easeoff.services.amounts import parse_local_instant
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.accounts.models import Profile, User
from easeoff.web.core.decorators import clinician_required, patient_required
from easeoff.web.doses.charts import course_chart
from easeoff.web.doses.models import DoseRevision, Route

DOSE_FIELDS = ("substance", "product", "amount", "unit", "route", "taken_at", "note")
PRODUCT_FIELDS = (
    "name",
    "substance",
    "kind",
    "unit",
    "mg_per_unit",
    "mitragynine_pct",
    "seven_oh_pct",
    "measurable_step",
)
TAPER_FIELDS = (
    "substance",
    "product",
    "start",
    "reduce",
    "every_days",
    "floor",
    "start_on",
    "rounding_step",
    "after_floor",
    "hold",
    "hold_threshold",
    "hold_consecutive",
    "hold_window_days",
)
# How many local days the dose log shows by default.
LOG_DAYS = 14


def local_now(person: Any) -> datetime:
    """Return now as a wall-clock time in the person's zone (for form defaults)."""
    return timezone.now().astimezone(ZoneInfo(person.time_zone))


def substance_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the catalogue as (category label, [(code, name)]) for a grouped select."""
    labels = {
        "kratom": "Kratom",
        "opioid": "Opioids",
        "withdrawal_medication": "Medications used in withdrawal",
        "cns_depressant": "Alcohol and sedatives",
    }
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, name, category in doses.substance_choices():
        groups.setdefault(labels.get(category, category), []).append((code, name))
    return list(groups.items())


def form_choices(person: Any) -> dict[str, Any]:
    """Return what the dose and product forms offer."""
    catalogue = load_catalogue()
    return {
        "substance_groups": substance_groups(),
        "units": [(code, info.name) for code, info in UNITS.items()],
        "routes": Route.choices,
        "kinds": [
            (s.name, [(k.code, k.name, ", ".join(k.units)) for k in s.forms])
            for s in sorted(catalogue.substances.values(), key=lambda s: (s.category != "kratom", s.name))
        ],
    }


def dose_days(viewer: Any, person: Any, *, days: int) -> list[dict[str, Any]]:
    """Return the last `days` local days that have doses: each with its doses and totals."""
    today = local_now(person).date()
    start = today - timedelta(days=days - 1)
    rows = list(doses.list_doses(viewer=viewer, person=person, date_from=start, date_to=today))
    totals = doses.daily_totals(viewer=viewer, person=person, date_from=start, date_to=today)
    zone = ZoneInfo(person.time_zone)
    by_day: dict[Any, dict[str, Any]] = {}
    for total in totals:
        by_day.setdefault(total.total.on, {"on": total.total.on, "totals": [], "doses": []})["totals"].append(
            total
        )
    for row in rows:
        day = row.taken_at.astimezone(zone).date()
        by_day.setdefault(day, {"on": day, "totals": [], "doses": []})["doses"].append(row)
    return [by_day[key] for key in sorted(by_day, reverse=True)]


@require_http_methods(["GET", "POST"])
@patient_required
def dose_log(request: HttpRequest) -> HttpResponse:
    """Log a dose (field-level errors keep what was entered); list doses by local day with totals."""
    person = request.user
    values: dict[str, str] = {"route": "oral", "taken_at": local_now(person).strftime("%Y-%m-%dT%H:%M")}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in DOSE_FIELDS}
        try:
            doses.record_dose(
                actor=person,
                person=person,
                substance=values["substance"],
                amount=values["amount"],
                unit=values["unit"],
                product=values["product"] or None,
                route=values["route"] or None,
                taken_at=values["taken_at"] or None,
                note=values["note"],
                now=timezone.now(),
            )
        except InvalidInput as exc:
            errors, status = exc.problems, 422
        else:
            messages.success(request, "Dose saved.")
            return redirect("doses")
    return render(
        request,
        "doses/log.html",
        {
            "values": values,
            "errors": errors,
            "error_count": len(errors),
            "products": doses.list_products(viewer=person, person=person),
            "days": dose_days(person, person, days=LOG_DAYS),
            "log_days": LOG_DAYS,
            **form_choices(person),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@patient_required
def dose_edit(request: HttpRequest, dose_id: int) -> HttpResponse:
    """Correct a dose; the previous version is kept and listed."""
    person = request.user
    try:
        dose = doses.get_dose(viewer=person, dose_id=dose_id)
    except NotAllowed:
        raise Http404("no such dose") from None
    if dose.person_id != person.pk:
        raise Http404("no such dose")
    zone = ZoneInfo(person.time_zone)
    values = {
        "substance": dose.substance,
        "product": str(dose.product_id or ""),
        "amount": f"{dose.amount.normalize():f}",
        "unit": dose.unit,
        "route": dose.route,
        "taken_at": dose.taken_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "note": dose.note,
    }
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in DOSE_FIELDS}
        changes: dict[str, Any] = {
            "substance": values["substance"],
            "amount": values["amount"],
            "unit": values["unit"],
            "product": values["product"] or None,
            "route": values["route"] or None,
            "note": values["note"],
        }
        # An unchanged minute keeps the stored instant (its seconds included).
        if values["taken_at"] != dose.taken_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"):
            changes["taken_at"] = values["taken_at"] or None
        try:
            doses.edit_dose(actor=person, dose_id=dose.pk, now=timezone.now(), **changes)
        except InvalidInput as exc:
            errors, status = exc.problems, 422
        else:
            messages.success(request, "Dose corrected; the earlier version is kept.")
            return redirect("doses")
    return render(
        request,
        "doses/edit.html",
        {
            "dose": dose,
            "values": values,
            "errors": errors,
            "error_count": len(errors),
            "products": doses.list_products(viewer=person, person=person),
            "revisions": DoseRevision.objects.filter(dose=dose).select_related("changed_by"),
            **form_choices(person),
        },
        status=status,
    )


@require_POST
@patient_required
def dose_delete(request: HttpRequest, dose_id: int) -> HttpResponse:
    """Delete a dose for good (the owner's deletions are real)."""
    try:
        doses.delete_dose(actor=request.user, dose_id=dose_id)
    except NotAllowed:
        raise Http404("no such dose") from None
    messages.success(request, "Dose deleted.")
    return redirect("doses")


@require_http_methods(["GET", "POST"])
@patient_required
def products(request: HttpRequest) -> HttpResponse:
    """Save a product (e.g. 'my capsules: 500 mg leaf each, 1.5 % mitragynine'); list the saved ones."""
    person = request.user
    values: dict[str, str] = {"substance": "kratom"}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in PRODUCT_FIELDS}
        try:
            saved = doses.save_product(
                actor=person, person=person, now=timezone.now(), **{k: v or None for k, v in values.items()}
            )
        except InvalidInput as exc:
            errors, status = exc.problems, 422
        else:
            messages.success(request, f"Saved {saved.name}.")
            return redirect("products")
    return render(
        request,
        "doses/products.html",
        {
            "values": values,
            "errors": errors,
            "error_count": len(errors),
            "products": doses.list_products(viewer=person, person=person),
            **form_choices(person),
        },
        status=status,
    )


@require_GET
@patient_required
def timeline(request: HttpRequest) -> HttpResponse:
    """Day N in the person's zone on the expected course, with their withdrawal scores over it."""
    person = request.user
    now = timezone.now()
    problems: dict[str, str] = {}
    last_used = request.GET.get("last_used", "").strip()
    substance = request.GET.get("substance", "").strip()
    last_use_at = (
        parse_local_instant(last_used, person.time_zone, "last_used", problems) if last_used else None
    )
    if not last_used and not problems and doses.last_opioid_dose(person, now=now) is None:
        # No logged opioid dose: use what the person told us in their profile, if anything.
        profile = Profile.objects.filter(user=person).first()
        if profile is not None and profile.last_used_at is not None:
            last_use_at = profile.last_used_at
            substance = substance or next(iter(profile.withdrawing_from or []), "")
    found = None
    status = 200
    if not problems:
        try:
            found = doses.withdrawal_timeline(
                viewer=person, person=person, now=now, last_use_at=last_use_at, substance=substance or None
            )
        except InvalidInput as exc:
            problems = {("last_used" if k == "last_use_at" else k): v for k, v in exc.problems.items()}
    if problems:
        status = 422
    charts = []
    if found is not None:
        groups: dict[str, list[Any]] = {}
        for row in found.scores:
            groups.setdefault(row.instrument_code, []).append(row)
        if not groups:
            groups["sows"] = []
        for code, rows in groups.items():
            instrument = INSTRUMENTS[code]
            svg = course_chart(
                found.course,
                last_use_at=found.last_use_at,
                now=now,
                points=[(r.taken_at, r.total) for r in rows],
                y_min=instrument.min_total,
                y_max=instrument.max_total,
                title=f"{instrument.short_name} totals over the expected course",
            )
            # Built from escaped parts (easeoff.web.doses.charts).
            charts.append({"instrument": instrument, "rows": rows, "svg": mark_safe(svg)})  # noqa: S308
    opioids = [(c, n) for c, n, category in doses.substance_choices() if category in ("opioid", "kratom")]
    return render(
        request,
        "doses/timeline.html",
        {
            "timeline": found,
            "charts": charts,
            "errors": problems,
            "last_used": last_used,
            "substance": substance,
            "opioids": opioids,
        },
        status=status,
    )


def taper_defaults(person: Any) -> dict[str, str]:
    """Return the taper form's starting values: a 10 % weekly kratom taper from today."""
    return {
        "substance": "kratom",
        "reduce": "10%",
        "every_days": "7",
        "floor": "0",
        "start_on": local_now(person).date().isoformat(),
        "after_floor": "hold",
        "hold": "sows",
    }


def taper_request(values: dict[str, str]) -> taper.TaperRequest:
    """Build the service's request from the form's values."""
    return taper.TaperRequest(
        substance=values["substance"],
        start=values["start"],
        reduce=values["reduce"],
        every_days=values["every_days"],
        floor=values["floor"],
        start_on=values["start_on"],
        rounding_step=values["rounding_step"] or None,
        after_floor=values["after_floor"] or "hold",
        hold=values["hold"] or "none",
        hold_threshold=values["hold_threshold"] or None,
        hold_consecutive=values["hold_consecutive"] or None,
        hold_window_days=values["hold_window_days"] or None,
    )


def taper_page(request: HttpRequest, *, person: Any, about: Any = None) -> HttpResponse:
    """Show the current plan (step, hold, plan vs actual) and a form to preview or save a new one.

    Shared by the person's own page and a clinician's page about a person (who may also
    approve the plan). "Preview" computes the whole schedule without saving it.
    """
    viewer = request.user
    now = timezone.now()
    values = taper_defaults(person)
    errors: dict[str, str] = {}
    preview = None
    status = 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "approve" and about is not None:
        try:
            taper.approve_taper(actor=viewer, plan_id=int(request.POST.get("plan", "0") or 0), now=now)
        except (InvalidInput, NotAllowed, ValueError):
            messages.error(
                request, "That plan cannot be approved: it was replaced or is not shared with you."
            )
        else:
            messages.success(request, "Taper plan approved.")
        return redirect(request.path)
    if action in ("preview", "save"):
        values = {name: request.POST.get(name, "").strip() for name in TAPER_FIELDS}
        product_id = int(values["product"]) if values["product"].isdigit() else None
        try:
            if action == "save":
                taper.save_taper(
                    actor=viewer, person=person, request=taper_request(values), now=now, product_id=product_id
                )
            else:
                product = doses.find_product(person, product_id) if product_id is not None else None
                facts = taper.product_facts(product) if product is not None else None
                preview = taper.compute_plan(taper_request(values), facts)
        except InvalidInput as exc:
            errors, status = exc.problems, 422
        else:
            if action == "save":
                messages.success(request, "Taper plan saved.")
                return redirect(request.path)
    report = taper.taper_status(viewer=viewer, person=person, now=now)
    plans = list(taper.list_plans(viewer=viewer, person=person)[:20])
    return render(
        request,
        "doses/taper.html",
        {
            "about": about,
            "report": report,
            "preview": preview,
            "preview_reduction": taper.describe_reduction(preview.rule) if preview else "",
            "preview_after": taper.describe_after_floor(preview.rule) if preview else "",
            "preview_hold": taper.describe_hold(preview.rule.hold) if preview else "",
            "values": values,
            "errors": errors,
            "error_count": len(errors),
            "plans": plans,
            "products": doses.list_products(viewer=viewer, person=person) if about is None else [],
            "substance_groups": substance_groups(),
            "hold_choices": taper.HOLD_CHOICES,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@patient_required
def taper_view(request: HttpRequest) -> HttpResponse:
    """The person's own taper page."""
    return taper_page(request, person=request.user)


@require_GET
@login_required
def taper_calendar(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Download a plan's steps as an iCalendar file (holds included)."""
    try:
        name, text = taper.taper_ics(viewer=request.user, plan_id=plan_id, now=timezone.now())
    except NotAllowed:
        raise Http404("no such taper plan") from None
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@clinician_required
def care_taper(request: HttpRequest, person_id: int) -> HttpResponse:
    """A clinician's view of a person's taper: the same page, with approval."""
    person = User.objects.filter(pk=person_id, role="patient").first()
    if person is None:
        raise Http404("no such person")
    try:
        return taper_page(request, person=person, about=person)
    except NotAllowed:
        raise Http404("no such person") from None
