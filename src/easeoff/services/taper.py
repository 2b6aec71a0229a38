"""Taper plans: compute one without saving, save it, approve it, and show where a person is on it.

Shared by the taper page, the JSON API and `easeoff taper`. Computing a plan
(`build_rule`, `compute_plan`) needs no database, so `easeoff taper plan` without
`--save` runs anywhere: this module imports Django models only inside the functions
that store or read rows.

Holds are derived, not stored. The saved schedule and the person's stored SOWS/COWS
assessments decide them: `apply_holds` replays the plan's hold rule on every step day
that has passed (easeoff.domain.taper.evaluate_hold) and moves a held step one day
later (easeoff.domain.taper.postpone), then today's decision is made the same way. So
the web, the API and the CLI always show the same holds, nothing has to run on the
step day, and a hold never raises a dose: it keeps the amount in force.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from easeoff.domain.doses import format_amount
from easeoff.domain.taper import (
    COWS_HOLD,
    SOWS_HOLD,
    AdherenceRow,
    Decision,
    FixedReduction,
    HoldRule,
    InvalidTaper,
    PercentReduction,
    TaperPlan,
    TaperRule,
    TaperStep,
    adherence,
    evaluate_hold,
    plan_taper,
    postpone,
    to_ics,
)
from easeoff.services.amounts import find_substance, parse_amount, parse_day, parse_number, parse_reduction
from easeoff.services.errors import InvalidInput, NotAllowed

# What a product can be measured in when no product says otherwise: 0.1 g on a kitchen
# scale, whole capsules and tablets, half a millilitre on an oral syringe.
DEFAULT_ROUNDING: Mapping[str, Decimal] = {
    "g": Decimal("0.1"),
    "mg": Decimal(1),
    "mcg": Decimal(1),
    "capsules": Decimal(1),
    "tablets": Decimal(1),
    "ml": Decimal("0.5"),
    "drops": Decimal(1),
    "tsp": Decimal("0.25"),
    "tbsp": Decimal("0.5"),
    "drinks": Decimal(1),
}

# The default hold rules and their cited thresholds (easeoff.domain.taper).
HOLD_RULES: Mapping[str, HoldRule] = {"sows": SOWS_HOLD, "cows": COWS_HOLD}
HOLD_CHOICES = ("sows", "cows", "none")
AFTER_FLOOR_CHOICES = ("hold", "stop_with_clinician")

# A replay of holds stops after this many held days: ten years of daily holds.
MAX_HOLDS = 3650

# Where each problem from the domain belongs in a TaperRequest.
_DOMAIN_FIELDS = {
    "start_per_day": "start",
    "unit": "start",
    "reduction": "reduce",
    "interval_days": "every_days",
    "floor": "floor",
    "rounding_step": "rounding_step",
    "floor_days": "floor_days",
    "after_floor": "after_floor",
    "substance": "substance",
    "hold.instrument": "hold",
    "hold.threshold": "hold_threshold",
    "hold.consecutive": "hold_consecutive",
    "hold.window_days": "hold_window_days",
}


@dataclass(frozen=True)
class TaperRequest:
    """A taper plan as typed: amounts as "24g" or a number with `unit`, a reduction as "10%" or "2g".

    `every_days` is the step interval; `start_on` the first day (YYYY-MM-DD). `hold` is
    "sows", "cows" or "none"; its threshold, count and window default to the cited
    rules in easeoff.domain.taper. `rounding_step` defaults to the product's measurable
    step, else to DEFAULT_ROUNDING for the unit. Field names here are the keys of the
    problems InvalidInput reports.
    """

    substance: Any
    start: Any
    reduce: Any
    every_days: Any
    floor: Any
    start_on: Any
    unit: Any = None
    rounding_step: Any = None
    after_floor: Any = "hold"
    floor_days: Any = None
    hold: Any = "sows"
    hold_threshold: Any = None
    hold_consecutive: Any = None
    hold_window_days: Any = None


@dataclass(frozen=True)
class ProductFacts:
    """What a taper needs from a saved product: its substance, unit, measurable step and id."""

    substance: str
    unit: str
    measurable_step: Decimal | None
    name: str = ""
    mg_per_unit: Decimal | None = None
    pk: int | None = None


def _whole(raw: Any, field_name: str, problems: dict[str, str], *, low: int, high: int) -> int | None:
    number = parse_number(raw, field_name, problems)
    if number is None:
        if field_name in problems:
            problems[field_name] = f"must be a whole number from {low} to {high}"
        return None
    if number != number.to_integral_value() or not low <= number <= high:
        problems[field_name] = f"must be a whole number from {low} to {high}"
        return None
    return int(number)


def _hold_rule(request: TaperRequest, problems: dict[str, str]) -> HoldRule | None:
    choice = str(request.hold or "none").strip().lower()
    if choice not in HOLD_CHOICES:
        problems["hold"] = f"{choice!r} is not allowed; use one of {', '.join(HOLD_CHOICES)}"
        return None
    if choice == "none":
        return None
    base = HOLD_RULES[choice]
    values: dict[str, int] = {}
    for name, default, low, high in (
        ("hold_threshold", base.threshold, 1, 64),
        ("hold_consecutive", base.consecutive, 1, 30),
        ("hold_window_days", base.window_days, 1, 60),
    ):
        raw = getattr(request, name)
        given = raw is not None and not (isinstance(raw, str) and not raw.strip())
        number = _whole(raw, name, problems, low=low, high=high) if given else default
        values[name] = default if number is None else number
    if any(k in problems for k in values):
        return None
    changed = (values["hold_threshold"], values["hold_consecutive"], values["hold_window_days"]) != (
        base.threshold,
        base.consecutive,
        base.window_days,
    )
    try:
        return HoldRule(
            instrument=base.instrument,
            threshold=values["hold_threshold"],
            consecutive=values["hold_consecutive"],
            window_days=values["hold_window_days"],
            threshold_basis="set when the plan was made" if changed else base.threshold_basis,
            threshold_is_convention=True if changed else base.threshold_is_convention,
        )
    except InvalidTaper as exc:
        problems.update({_DOMAIN_FIELDS.get(k, k): v for k, v in exc.problems.items()})
        return None


def build_rule(request: TaperRequest, product: ProductFacts | None = None) -> tuple[TaperRule, date]:
    """Validate a typed taper request into a domain rule and its first day.

    Raise InvalidInput naming every offending field of TaperRequest and what it allows.
    """
    problems: dict[str, str] = {}
    substance = find_substance(request.substance, "substance", problems)
    if product is not None and substance is not None and product.substance != substance.code:
        problems["substance"] = (
            f"{product.name or 'the product'} is {product.substance}, not {substance.code}"
        )
    default_unit = request.unit or (product.unit if product is not None else None)
    start, unit = parse_amount(request.start, "start", problems, default_unit=default_unit)
    if unit is not None and request.unit and unit != request.unit and "start" not in problems:
        problems["unit"] = f"{request.unit!r} differs from the unit of start ({unit})"
    if product is not None and unit is not None and unit != product.unit and "start" not in problems:
        problems["start"] = f"{product.name or 'the product'} is measured in {product.unit}; give start in it"
    if substance is not None and unit is not None and "start" not in problems:
        units = sorted({u for form in substance.forms for u in form.units})
        if unit not in units:
            problems["start"] = f"{substance.name} is not measured in {unit}; allowed: {', '.join(units)}"
    floor, floor_unit = parse_amount(request.floor, "floor", problems, default_unit=unit)
    if floor is not None and floor_unit is not None and unit is not None and floor_unit != unit:
        from easeoff.services.amounts import convert

        converted = convert(floor, floor_unit, unit)
        if converted is None:
            problems["floor"] = f"is in {floor_unit} but start is in {unit}; use the same unit"
        floor = converted
    # The domain checks these too, but only once every field parses: say them all at once.
    if start is not None and start <= 0 and "start" not in problems:
        problems["start"] = "must be greater than 0"
    if floor is not None and "floor" not in problems:
        if floor < 0:
            problems["floor"] = "must be 0 or more"
        elif start is not None and unit is not None and floor > start and "start" not in problems:
            problems["floor"] = f"must not be above the starting amount ({format_amount(start)} {unit})"
    reduction = parse_reduction(request.reduce, "reduce", problems, unit=unit)
    every = _whole(request.every_days, "every_days", problems, low=1, high=365)
    start_on = parse_day(request.start_on, "start_on", problems)
    after = str(request.after_floor or "hold").strip()
    if after not in AFTER_FLOOR_CHOICES:
        problems["after_floor"] = f"{after!r} is not allowed; use one of {', '.join(AFTER_FLOOR_CHOICES)}"
    floor_days = None
    if request.floor_days not in (None, ""):
        floor_days = _whole(request.floor_days, "floor_days", problems, low=1, high=365)
    rounding: Decimal | None
    if request.rounding_step not in (None, ""):
        rounding = parse_number(request.rounding_step, "rounding_step", problems)
    elif product is not None and product.measurable_step is not None:
        rounding = product.measurable_step
    else:
        rounding = DEFAULT_ROUNDING.get(unit or "", Decimal(1))
    hold = _hold_rule(request, problems)
    if problems:
        raise InvalidInput(problems)
    assert substance is not None and unit is not None and start is not None and floor is not None
    assert reduction is not None and every is not None and start_on is not None and rounding is not None
    rule = TaperRule(
        substance=substance.code,
        unit=unit,  # type: ignore[arg-type]  # a code from easeoff.domain.doses.UNITS
        start_per_day=start,
        reduction=reduction,
        interval_days=every,
        floor=floor,
        rounding_step=rounding,
        after_floor=after,  # type: ignore[arg-type]  # checked against AFTER_FLOOR_CHOICES
        floor_days=floor_days,
        hold=hold,
    )
    return rule, start_on


def compute_plan(request: TaperRequest, product: ProductFacts | None = None) -> TaperPlan:
    """Compute the whole schedule without saving anything; raise InvalidInput naming each bad field."""
    rule, start_on = build_rule(request, product)
    try:
        return plan_taper(rule, start_on)
    except InvalidTaper as exc:
        raise InvalidInput({_DOMAIN_FIELDS.get(k, k): v for k, v in exc.problems.items()}) from None


def describe_reduction(rule: TaperRule) -> str:
    """Return the reduction in words: '10 % of the current amount' or '1 g'."""
    if isinstance(rule.reduction, PercentReduction):
        return f"{format_amount(rule.reduction.percent)} % of the current amount"
    return f"{format_amount(rule.reduction.amount)} {rule.unit}"


def describe_after_floor(rule: TaperRule) -> str:
    """Return what the plan says comes after the floor."""
    if rule.after_floor == "hold":
        return "Hold at the floor until you and your clinician change the plan."
    return "The schedule ends at the floor: stop only together with your clinician."


def describe_hold(rule: HoldRule | None) -> str:
    """Return the hold rule in words, with where its threshold comes from."""
    if rule is None:
        return "No hold rule: steps go ahead as scheduled."
    name = rule.instrument.upper()
    count = "the latest total" if rule.consecutive == 1 else f"the last {rule.consecutive} totals"
    return (
        f"A step is held when {count} of {name} within {rule.window_days} day"
        f"{'s' if rule.window_days != 1 else ''} are {rule.threshold} or more. {rule.threshold_basis}"
    )


# --- holds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hold:
    """A step that was held on `on` (a local day), keeping `kept_per_day`, and why."""

    on: date
    step: TaperStep
    kept_per_day: Decimal | None
    reason: str


def apply_holds(
    plan: TaperPlan, scores: Iterable[tuple[datetime, str, int]], today: date, *, zone: ZoneInfo | str
) -> tuple[TaperPlan, list[Hold]]:
    """Replay the plan's hold rule on every step day before `today`; return the plan as it now stands.

    Each step day whose decision is "hold" moves that step and the later ones one day on
    (so a step held three days running starts three days late). Pure: pass the scores in.
    """
    rule = plan.rule.hold
    if rule is None:
        return plan, []
    relevant = [tuple(s) for s in scores if str(s[1]).lower() == rule.instrument]
    holds: list[Hold] = []
    day = plan.starts_on
    while len(holds) < MAX_HOLDS:
        due = next((s for s in plan.steps[1:] if s.on >= day), None)
        if due is None or due.on >= today:
            break
        decision = evaluate_hold(plan, relevant, due.on, zone=zone)  # type: ignore[arg-type]
        if decision.is_hold:
            reason = decision.reason.replace("the step due today", f"the step due on {due.on.isoformat()}", 1)
            holds.append(Hold(due.on, due, decision.current_amount_per_day, reason))
            plan = postpone(plan, from_on=due.on, days=1)
        day = due.on + timedelta(days=1)
    return plan, holds


def adherence_summary(rows: Sequence[AdherenceRow]) -> dict[str, Any]:
    """Count the days by status; adherence is the share of logged days at or below the plan."""
    counts = {s: 0 for s in ("as_planned", "below", "above", "not_logged", "no_plan")}
    for row in rows:
        counts[row.status] += 1
    logged = counts["as_planned"] + counts["below"] + counts["above"]
    within = counts["as_planned"] + counts["below"]
    return {
        **counts,
        "logged": logged,
        "within": within,
        "percent": None if logged == 0 else round(100 * within / logged),
    }


# --- storage (Django) ---------------------------------------------------------------------


def _steps_json(plan: TaperPlan) -> list[dict[str, Any]]:
    return [
        {
            "index": s.index,
            "on": s.on.isoformat(),
            "amount_per_day": format_amount(s.amount_per_day),
            "unrounded": format_amount(s.unrounded),
            "rounding": s.rounding,
            "days": s.days,
            "is_floor": s.is_floor,
        }
        for s in plan.steps
    ]


def rule_from_row(row: Any) -> TaperRule:
    """Return the domain rule a saved plan was made with."""
    hold = None
    if row.hold_instrument:
        hold = HoldRule(
            instrument=row.hold_instrument,
            threshold=row.hold_threshold,
            consecutive=row.hold_consecutive,
            window_days=row.hold_window_days,
            threshold_basis=row.hold_threshold_basis,
            threshold_is_convention=row.hold_threshold_is_convention,
        )
    reduction: PercentReduction | FixedReduction = (
        PercentReduction(Decimal(row.reduction_value))
        if row.reduction_kind == "percent"
        else FixedReduction(Decimal(row.reduction_value))
    )
    return TaperRule(
        substance=row.substance,
        unit=row.unit,
        start_per_day=Decimal(row.start_per_day).normalize(),
        reduction=reduction,
        interval_days=row.interval_days,
        floor=Decimal(row.floor).normalize(),
        rounding_step=Decimal(row.rounding_step).normalize(),
        after_floor=row.after_floor,
        floor_days=row.floor_days,
        hold=hold,
    )


def plan_from_row(row: Any) -> TaperPlan:
    """Return the saved schedule (never recomputed) as a domain plan."""
    steps = tuple(
        TaperStep(
            index=s["index"],
            on=date.fromisoformat(s["on"]),
            amount_per_day=Decimal(s["amount_per_day"]),
            unrounded=Decimal(s["unrounded"]),
            rounding=s["rounding"],
            days=s["days"],
            is_floor=s["is_floor"],
        )
        for s in row.steps
    )
    return TaperPlan(substance=row.substance, unit=row.unit, rule=rule_from_row(row), steps=steps)


def save_taper(
    *, actor: Any, person: Any, request: TaperRequest, now: datetime, product_id: int | None = None
) -> Any:
    """Compute and store a taper plan for `person`, set by them or by their clinician.

    A plan for the same substance that was active is marked superseded (kept as it was).
    A plan set by a clinician counts as approved by that clinician. Nothing is stored
    when anything is invalid.
    """
    from django.db import transaction

    from easeoff.services.access import require_view_person
    from easeoff.web.doses.models import TaperPlan as TaperPlanRow
    from easeoff.web.doses.models import TaperStatus

    if actor.pk != person.pk:
        if not getattr(actor, "is_clinician", False):
            raise NotAllowed("only the person or their clinician sets a taper plan")
        require_view_person(actor, person, action="set_taper", target="taper plan")
    product_row = None
    if product_id is not None:
        from easeoff.services.doses import find_product

        product_row = find_product(person, product_id)
    facts = product_facts(product_row) if product_row is not None else None
    plan = compute_plan(request, facts)
    rule = plan.rule
    with transaction.atomic():
        previous = list(
            TaperPlanRow.objects.select_for_update().filter(
                person=person, substance=plan.substance, status=TaperStatus.ACTIVE
            )
        )
        by_clinician = actor.pk != person.pk
        row = TaperPlanRow.objects.create(
            person=person,
            substance=plan.substance,
            unit=plan.unit,
            product=product_row,
            product_name=product_row.name if product_row is not None else "",
            start_per_day=rule.start_per_day,
            reduction_kind="percent" if isinstance(rule.reduction, PercentReduction) else "fixed",
            reduction_value=(
                rule.reduction.percent
                if isinstance(rule.reduction, PercentReduction)
                else rule.reduction.amount
            ),
            interval_days=rule.interval_days,
            floor=rule.floor,
            rounding_step=rule.rounding_step,
            after_floor=rule.after_floor,
            floor_days=rule.floor_days,
            hold_instrument=rule.hold.instrument if rule.hold else "",
            hold_threshold=rule.hold.threshold if rule.hold else None,
            hold_consecutive=rule.hold.consecutive if rule.hold else None,
            hold_window_days=rule.hold.window_days if rule.hold else None,
            hold_threshold_basis=rule.hold.threshold_basis if rule.hold else "",
            hold_threshold_is_convention=rule.hold.threshold_is_convention if rule.hold else True,
            start_on=plan.starts_on,
            steps=_steps_json(plan),
            created_by=actor,
            created_at=now,
            approved_by=actor if by_clinician else None,
            approved_at=now if by_clinician else None,
        )
        for old in previous:
            old.status = TaperStatus.SUPERSEDED
            old.superseded_at = now
            old.superseded_by = row
            old.save(update_fields=["status", "superseded_at", "superseded_by"])
    return row


def product_facts(row: Any) -> ProductFacts:
    """Return what a taper needs from a saved product row."""
    return ProductFacts(
        substance=row.substance,
        unit=row.unit,
        measurable_step=row.measurable_step.normalize() if row.measurable_step is not None else None,
        name=row.name,
        mg_per_unit=row.mg_per_unit,
        pk=row.pk,
    )


def get_plan(*, viewer: Any, plan_id: int, action: str = "view_taper") -> Any:
    """Return one saved plan the viewer may see; raise NotAllowed otherwise (also when absent)."""
    from easeoff.services.access import require_view_person
    from easeoff.web.doses.models import TaperPlan as TaperPlanRow

    row = TaperPlanRow.objects.select_related("person", "approved_by").filter(pk=plan_id).first()
    if row is None:
        raise NotAllowed("no such taper plan")
    require_view_person(viewer, row.person, action=action, target=f"taper plan {row.pk}")
    return row


def list_plans(*, viewer: Any, person: Any) -> Any:
    """Return every plan of the person, newest first (superseded ones included)."""
    from easeoff.services.access import require_view_person
    from easeoff.web.doses.models import TaperPlan as TaperPlanRow

    require_view_person(viewer, person, action="view_taper", target="taper plans")
    return TaperPlanRow.objects.filter(person=person).select_related("approved_by", "created_by")


def approve_taper(*, actor: Any, plan_id: int, now: datetime) -> Any:
    """Record a clinician's approval of an active plan; only a clinician the person shares with may."""
    from django.db import transaction

    from easeoff.web.doses.models import TaperPlan as TaperPlanRow
    from easeoff.web.doses.models import TaperStatus

    if not getattr(actor, "is_clinician", False):
        raise NotAllowed("only a clinician approves a taper plan")
    row = get_plan(viewer=actor, plan_id=plan_id, action="approve_taper")
    if row.person_id == actor.pk:
        raise NotAllowed("a clinician does not approve their own plan")
    with transaction.atomic():
        locked = TaperPlanRow.objects.select_for_update().get(pk=row.pk)
        if locked.status != TaperStatus.ACTIVE:
            raise InvalidInput({"plan": "this plan was replaced by a newer one; approve that one"})
        if locked.approved_at is None:
            locked.approved_by = actor
            locked.approved_at = now
            locked.save(update_fields=["approved_by", "approved_at"])
    return locked


@dataclass
class TaperStatusReport:
    """Where a person is on their active plan today (their local day), with holds and adherence.

    `plan` is the schedule as saved; `effective` the schedule as it now stands after holds
    (today's included). `decision` is today's, from easeoff.domain.taper.evaluate_hold.
    """

    row: Any
    plan: TaperPlan
    effective: TaperPlan
    today: date
    decision: Decision
    holds: list[Hold]
    held_today: bool
    current_step: TaperStep | None
    amount_today: Decimal | None
    adherence: list[AdherenceRow]
    summary: dict[str, Any]
    hold_text: str
    after_floor_text: str
    reduction_text: str
    notes: list[str] = field(default_factory=list)

    @property
    def past_holds(self) -> list[Hold]:
        """Return the holds before today (today's is `decision`)."""
        return [h for h in self.holds if h.on != self.today]


def active_plan(*, viewer: Any, person: Any, substance: str | None = None) -> Any:
    """Return the person's newest active plan (for `substance` if given), or None."""
    from easeoff.web.doses.models import TaperStatus

    rows = list_plans(viewer=viewer, person=person).filter(status=TaperStatus.ACTIVE)
    if substance:
        rows = rows.filter(substance=substance)
    return rows.first()


def taper_status(
    *, viewer: Any, person: Any, now: datetime, substance: str | None = None, plan_row: Any = None
) -> TaperStatusReport | None:
    """Return the current step, today's hold decision and plan-versus-actual, or None without a plan."""
    from easeoff.services.doses import daily_amounts
    from easeoff.web.tracking.models import Assessment

    row = plan_row if plan_row is not None else active_plan(viewer=viewer, person=person, substance=substance)
    if row is None:
        return None
    zone = ZoneInfo(person.time_zone)
    today = now.astimezone(zone).date()
    plan = plan_from_row(row)
    scores: list[tuple[datetime, str, int]] = []
    hold_rule = plan.rule.hold
    if hold_rule is not None:
        since = datetime.combine(
            plan.starts_on - timedelta(days=hold_rule.window_days + 1), datetime.min.time()
        )
        scores = [
            (taken_at, code, total)
            for taken_at, code, total in Assessment.objects.filter(
                person=person,
                instrument_code=hold_rule.instrument,
                taken_at__gte=since.replace(tzinfo=zone),
                taken_at__lte=now,
            ).values_list("taken_at", "instrument_code", "total")
        ]
    effective, holds = apply_holds(plan, scores, today, zone=zone)
    decision = evaluate_hold(effective, scores, today, zone=zone)
    held_today = decision.is_hold and decision.next_step is not None and decision.next_step.on == today
    if held_today:
        assert decision.next_step is not None
        holds.append(Hold(today, decision.next_step, decision.current_amount_per_day, decision.reason))
        effective = postpone(effective, from_on=today, days=1)
    facts = product_facts(row.product) if row.product is not None else None
    actual, notes = daily_amounts(
        person=person,
        substance=row.substance,
        unit=row.unit,
        date_from=plan.starts_on,
        date_to=today,
        mg_per_unit=facts.mg_per_unit if facts is not None and facts.unit == row.unit else None,
    )
    rows = adherence(effective, actual, through=today) if today >= plan.starts_on else []
    return TaperStatusReport(
        row=row,
        plan=plan,
        effective=effective,
        today=today,
        decision=decision,
        holds=holds,
        held_today=held_today,
        current_step=effective.step_on(today),
        amount_today=effective.amount_on(today),
        adherence=rows,
        summary=adherence_summary(rows),
        hold_text=describe_hold(plan.rule.hold),
        after_floor_text=describe_after_floor(plan.rule),
        reduction_text=describe_reduction(plan.rule),
        notes=notes,
    )


def taper_ics(*, viewer: Any, plan_id: int, now: datetime) -> tuple[str, str]:
    """Return (file name, iCalendar text) of a plan's steps as they now stand (holds included).

    The event UIDs are fixed per plan, so importing the file again updates the same events.
    """
    row = get_plan(viewer=viewer, plan_id=plan_id, action="export_taper")
    report = taper_status(viewer=viewer, person=row.person, now=now, plan_row=row)
    assert report is not None
    plan = report.effective if row.status == "active" else report.plan
    text = to_ics(plan, dtstamp=now, uid_prefix=f"easeoff-taper-{row.pk}")
    return f"taper-{row.substance}-{row.start_on.isoformat()}.ics", text


def step_public(step: TaperStep, unit: str) -> dict[str, Any]:
    """Return a step for JSON: amounts as numbers, with its rounding and last day."""
    return {
        "index": step.index,
        "on": step.on.isoformat(),
        "last_on": step.last_on.isoformat(),
        "days": step.days,
        "amount_per_day": _number(step.amount_per_day),
        "unrounded": _number(step.unrounded),
        "rounding": step.rounding,
        "is_floor": step.is_floor,
        "unit": unit,
    }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(format_amount(value))


def status_public(report: TaperStatusReport) -> dict[str, Any]:
    """Return a status report as JSON-ready data (the API and `easeoff taper show --json`)."""
    row, plan, decision = report.row, report.plan, report.decision
    return {
        "plan": {
            "id": row.pk,
            "substance": plan.substance,
            "unit": plan.unit,
            "product": row.product_name or None,
            "start_on": plan.starts_on.isoformat(),
            "reduction": report.reduction_text,
            "interval_days": plan.rule.interval_days,
            "floor": _number(plan.rule.floor),
            "rounding_step": _number(plan.rule.rounding_step),
            "after_floor": plan.rule.after_floor,
            "hold_rule": report.hold_text,
            "approved_by": row.approved_by.username if row.approved_by_id else None,
            "approved_at": row.approved_at.isoformat() if row.approved_at else None,
            "status": row.status,
            "steps": [step_public(s, plan.unit) for s in plan.steps],
        },
        "today": report.today.isoformat(),
        "amount_today": _number(report.amount_today),
        "current_step": None if report.current_step is None else report.current_step.index,
        "decision": {
            "action": decision.action,
            "reason": decision.reason,
            "held_today": report.held_today,
            "next_step": None if decision.next_step is None else step_public(decision.next_step, plan.unit),
        },
        "holds": [
            {
                "on": h.on.isoformat(),
                "step": h.step.index,
                "kept_per_day": _number(h.kept_per_day),
                "reason": h.reason,
            }
            for h in report.holds
        ],
        "schedule": [step_public(s, plan.unit) for s in report.effective.steps],
        "adherence": {
            "summary": report.summary,
            "days": [
                {
                    "on": r.on.isoformat(),
                    "planned": _number(r.planned),
                    "actual": _number(r.actual),
                    "difference": _number(r.difference),
                    "status": r.status,
                }
                for r in report.adherence
            ],
        },
        "after_floor": report.after_floor_text,
        "notes": report.notes,
    }
