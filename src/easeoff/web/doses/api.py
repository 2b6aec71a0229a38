"""JSON API for products, doses, daily totals and taper plans (a ninja Router added to easeoff.web.api).

Thin: parse with a schema, call easeoff.services.doses or easeoff.services.taper, return a
schema. Rejected input answers 422 with one entry per offending field, located in the
body or the query string as it was sent; records of other people answer 404.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool, StrictFloat, StrictInt, StrictStr, field_validator

from easeoff.services import doses, taper
from easeoff.services.amounts import find_substance
from easeoff.services.errors import InvalidInput
from easeoff.web.api import Message, ProblemList
from easeoff.web.doses.models import Product

router = Router(tags=["doses and tapers"])

# Strict: JSON true is not 1 and "1" is text for the service to parse and name when wrong.
Number = StrictFloat | StrictInt | StrictStr


def problems(exc: InvalidInput, where: str) -> Status:
    """Return a 422 answer with one entry per field named by the service."""
    detail = [{"loc": [where, name], "msg": msg, "type": "value_error"} for name, msg in exc.problems.items()]
    return Status(422, {"detail": detail})


# --- products ---------------------------------------------------------------------------


class ProductCreate(Schema):
    name: str = Field(..., description="Your name for it, e.g. 'my capsules'", examples=["my capsules"])
    substance: str = Field(..., description="Catalogue code or name, e.g. kratom", examples=["kratom"])
    unit: str = Field(
        ..., description="How you measure it: g, mg, capsules, tablets, ml ...", examples=["capsules"]
    )
    kind: str | None = Field(
        None, description="Catalogue form, e.g. capsules; default: worked out from the unit"
    )
    mg_per_unit: Number | None = Field(
        None, description="Labelled mg per capsule, tablet or ml", examples=[500]
    )
    mitragynine_pct: Number | None = Field(None, description="Mitragynine, percent w/w", examples=[1.5])
    seven_oh_pct: Number | None = Field(None, description="7-OH, percent w/w")
    measurable_step: Number | None = Field(None, description="Smallest amount you can measure", examples=[1])


class ProductPublic(Schema):
    id: int
    name: str
    substance: str
    kind: str
    unit: str
    mg_per_unit: float | None
    mitragynine_pct: float | None
    seven_oh_pct: float | None
    measurable_step: float | None


def product_public(row: Product) -> dict[str, Any]:
    return {
        "id": row.pk,
        "name": row.name,
        "substance": row.substance,
        "kind": row.kind,
        "unit": row.unit,
        "mg_per_unit": doses.json_number(row.mg_per_unit),
        "mitragynine_pct": doses.json_number(row.mitragynine_pct),
        "seven_oh_pct": doses.json_number(row.seven_oh_pct),
        "measurable_step": doses.json_number(row.measurable_step),
    }


@router.post(
    "/products", response={201: ProductPublic, 400: Message, 401: Message, 404: Message, 422: ProblemList}
)
def create_product(request: HttpRequest, payload: ProductCreate) -> Any:
    """Save one of your products; 422 names every offending field."""
    try:
        row = doses.save_product(
            actor=request.auth, person=request.auth, now=timezone.now(), **payload.model_dump()
        )
    except InvalidInput as exc:
        return problems(exc, "body")
    return Status(201, product_public(row))


@router.get("/products", response={200: list[ProductPublic], 401: Message})
def list_products(request: HttpRequest) -> Any:
    """List your saved products by name."""
    return [product_public(p) for p in doses.list_products(viewer=request.auth, person=request.auth)]


# --- doses ------------------------------------------------------------------------------


class DoseCreate(Schema):
    substance: str | None = Field(
        None,
        description="Catalogue code or name; may be left out when a product is given",
        examples=["kratom"],
    )
    amount: Number = Field(..., description="Amount in `unit`, greater than 0", examples=[4])
    unit: str | None = Field(None, description="g, mg, mcg, capsules, tablets, ml, drops, tsp, tbsp, drinks")
    product: StrictInt | StrictStr | None = Field(None, description="One of your products, by id or name")
    kind: str | None = Field(None, description="Catalogue form; default: the product's, else from the unit")
    route: str | None = Field(
        None, description="oral (default), sublingual, smoked, insufflated, injected ..."
    )
    taken_at: str | None = Field(
        None, description="ISO 8601; without an offset it is your local time; default now"
    )
    note: str = Field("", description="Anything to remember about it")


class DoseUpdate(Schema):
    substance: str | None = None
    amount: Number | None = None
    unit: str | None = None
    product: StrictInt | StrictStr | None = None
    kind: str | None = None
    route: str | None = None
    taken_at: str | None = None
    note: str | None = None


class DosePublic(Schema):
    id: int
    substance: str
    kind: str
    product: int | None
    product_name: str
    amount: float
    unit: str
    amount_mg: float | None
    is_approximate: bool
    basis: str
    measures: str
    mitragynine_mg: float | None = Field(None, description="An estimate from the product's label, if known")
    seven_oh_mg: float | None = Field(None, description="An estimate from the product's label, if known")
    alkaloid_basis: str
    route: str
    taken_at: datetime
    taken_on: date
    note: str
    revision: int


class DosePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DosePublic]


@router.post("/doses", response={201: DosePublic, 400: Message, 401: Message, 404: Message, 422: ProblemList})
def create_dose(request: HttpRequest, payload: DoseCreate) -> Any:
    """Log one dose; 422 names every offending field, and nothing is stored."""
    try:
        row = doses.record_dose(
            actor=request.auth, person=request.auth, now=timezone.now(), **payload.model_dump()
        )
    except InvalidInput as exc:
        return problems(exc, "body")
    return Status(201, doses.dose_public(row))


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DayFilters(Schema):
    date_from: date | None = Field(None, alias="from", description="First local day (inclusive)")
    date_to: date | None = Field(None, alias="to", description="Last local day (inclusive)")
    substance: str | None = Field(None, description="Only this substance (code or name)")

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def require_iso_date(cls, value: Any) -> Any:
        # pydantic would read "0" as a Unix timestamp; a day is only ever YYYY-MM-DD here.
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
            raise ValueError("must be a day as YYYY-MM-DD")
        return value


class DoseFilters(DayFilters):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


@router.get("/doses", response={200: DosePage, 401: Message, 422: ProblemList})
def list_doses(request: HttpRequest, filters: Query[DoseFilters]) -> Any:
    """List your doses, newest first, filtered by local day and substance, with pagination."""
    try:
        rows = doses.list_doses(
            viewer=request.auth,
            person=request.auth,
            date_from=filters.date_from,
            date_to=filters.date_to,
            substance=filters.substance,
        )
    except InvalidInput as exc:
        return problems(exc, "query")
    page = rows[filters.offset : filters.offset + filters.limit]
    return {
        "count": rows.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [doses.dose_public(r) for r in page],
    }


class DailyTotalPublic(Schema):
    on: date
    substance: str
    name: str
    dose_count: int
    amount_mg: float | None = Field(
        description="Sum of the doses with a known mass; a lower bound if some had none"
    )
    is_approximate: bool
    unconverted_count: int
    by_unit: dict[str, float]
    text: str
    mitragynine_mg: float | None = Field(
        description="Estimated, from the doses whose product label gives content"
    )
    seven_oh_mg: float | None = Field(
        description="Estimated, from the doses whose product label gives content"
    )
    alkaloid_doses: int = Field(description="How many doses the alkaloid estimate covers")
    alkaloid_basis: list[str]


@router.get("/doses/daily-totals", response={200: list[DailyTotalPublic], 401: Message, 422: ProblemList})
def daily_totals(request: HttpRequest, filters: Query[DayFilters]) -> Any:
    """Total your doses per local day and substance, newest day first, with alkaloid estimates."""
    try:
        totals = doses.daily_totals(
            viewer=request.auth,
            person=request.auth,
            date_from=filters.date_from,
            date_to=filters.date_to,
            substance=filters.substance,
        )
    except InvalidInput as exc:
        return problems(exc, "query")
    return [doses.total_public(t) for t in totals]


@router.get("/doses/{dose_id}", response={200: DosePublic, 401: Message, 404: Message, 422: ProblemList})
def get_dose(request: HttpRequest, dose_id: int) -> Any:
    """Return one dose you may see."""
    return doses.dose_public(doses.get_dose(viewer=request.auth, dose_id=dose_id))


@router.put(
    "/doses/{dose_id}", response={200: DosePublic, 400: Message, 401: Message, 404: Message, 422: ProblemList}
)
def update_dose(request: HttpRequest, dose_id: int, payload: DoseUpdate) -> Any:
    """Correct a dose (only the fields given change); the previous version is kept."""
    changes = payload.model_dump(exclude_unset=True)
    try:
        row = doses.edit_dose(actor=request.auth, dose_id=dose_id, now=timezone.now(), **changes)
    except InvalidInput as exc:
        return problems(exc, "body")
    return doses.dose_public(row)


# --- taper ------------------------------------------------------------------------------


class TaperPlanRequest(Schema):
    substance: str = Field(..., examples=["kratom"])
    start: Number = Field(
        ..., description="Starting amount per day with its unit, e.g. 24g", examples=["24g"]
    )
    unit: str | None = Field(None, description="The unit, when start is a bare number")
    reduce: str = Field(..., description="Per step: a percentage (10%) or an amount (1g)", examples=["10%"])
    every_days: StrictInt | StrictStr = Field(..., description="Days between steps, 1-365", examples=[7])
    floor: Number = Field(..., description="Lowest amount per day (0 to stop), e.g. 0g", examples=["0g"])
    start_on: str = Field(..., description="First day, YYYY-MM-DD", examples=["2026-03-01"])
    rounding_step: Number | None = Field(None, description="What the product can measure; default by unit")
    product: StrictInt | None = Field(None, description="One of your products: sets the unit and rounding")
    after_floor: str = Field("hold", description="hold, or stop_with_clinician")
    hold: str = Field("sows", description="Hold rule instrument: sows, cows or none")
    hold_threshold: StrictInt | None = None
    hold_consecutive: StrictInt | None = None
    hold_window_days: StrictInt | None = None
    save: StrictBool = Field(
        False, description="Store the plan (it replaces your active plan for the substance)"
    )


class StepPublic(Schema):
    index: int
    on: date
    last_on: date
    days: int
    amount_per_day: float
    unrounded: float
    rounding: str
    is_floor: bool
    unit: str


class TaperPlanPublic(Schema):
    id: int | None = Field(description="Set when the plan was saved")
    saved: bool
    substance: str
    unit: str
    reduction: str
    after_floor: str
    hold_rule: str
    steps: list[StepPublic]


@router.post(
    "/taper/plan",
    response={200: TaperPlanPublic, 201: TaperPlanPublic, 400: Message, 401: Message, 422: ProblemList},
)
def plan_taper(request: HttpRequest, payload: TaperPlanRequest) -> Any:
    """Compute the whole taper schedule (200); with `save`, store it (201). Never raises a dose."""
    data = payload.model_dump()
    save, product_id = data.pop("save"), data.pop("product")
    spec = taper.TaperRequest(**data)
    try:
        if save:
            row = taper.save_taper(
                actor=request.auth,
                person=request.auth,
                request=spec,
                now=timezone.now(),
                product_id=product_id,
            )
            plan = taper.plan_from_row(row)
        else:
            product = doses.find_product(request.auth, product_id) if product_id is not None else None
            plan = taper.compute_plan(spec, taper.product_facts(product) if product is not None else None)
            row = None
    except InvalidInput as exc:
        return problems(exc, "body")
    body = {
        "id": row.pk if row is not None else None,
        "saved": row is not None,
        "substance": plan.substance,
        "unit": plan.unit,
        "reduction": taper.describe_reduction(plan.rule),
        "after_floor": taper.describe_after_floor(plan.rule),
        "hold_rule": taper.describe_hold(plan.rule.hold),
        "steps": [taper.step_public(s, plan.unit) for s in plan.steps],
    }
    return Status(201 if row is not None else 200, body)


class DecisionPublic(Schema):
    action: str = Field(description="proceed, hold or complete")
    reason: str
    held_today: bool
    next_step: StepPublic | None


class HoldPublic(Schema):
    on: date
    step: int
    kept_per_day: float | None
    reason: str


class AdherenceDay(Schema):
    on: date
    planned: float | None
    actual: float | None
    difference: float | None
    status: str = Field(description="as_planned, below, above, not_logged or no_plan")


class AdherencePublic(Schema):
    summary: dict[str, int | None]
    days: list[AdherenceDay]


class PlanPublic(Schema):
    id: int
    substance: str
    unit: str
    product: str | None
    start_on: date
    reduction: str
    interval_days: int
    floor: float
    rounding_step: float
    after_floor: str
    hold_rule: str
    approved_by: str | None
    approved_at: datetime | None
    status: str
    steps: list[StepPublic]


class TaperStatusPublic(Schema):
    plan: PlanPublic | None
    today: date | None = None
    amount_today: float | None = None
    current_step: int | None = None
    decision: DecisionPublic | None = None
    holds: list[HoldPublic] = []
    schedule: list[StepPublic] = Field([], description="The steps as they now stand, holds included")
    adherence: AdherencePublic | None = None
    after_floor: str | None = None
    notes: list[str] = []


@router.get("/taper", response={200: TaperStatusPublic, 401: Message, 422: ProblemList})
def current_taper(request: HttpRequest, substance: str | None = None) -> Any:
    """Your active taper plan today: current step, the hold decision with its reason, plan vs actual."""
    code = None
    if substance is not None:
        found: dict[str, str] = {}
        match = find_substance(substance, "substance", found)
        if match is None:
            return problems(InvalidInput(found), "query")
        code = match.code
    report = taper.taper_status(viewer=request.auth, person=request.auth, now=timezone.now(), substance=code)
    if report is None:
        return {"plan": None}
    return taper.status_public(report)
