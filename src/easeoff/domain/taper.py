"""Taper plans: the whole schedule up front, and holds that follow measured withdrawal.

A plan is a list of steps, each a daily amount from a date. The rules a plan keeps,
whatever the inputs (tests/domain/test_taper_properties.py checks them):

* the first step is the starting amount; every later step is lower than the one before;
* no step is below the floor, and the last step is exactly the floor;
* every amount is a whole number of rounding steps: what the product can be measured
  in (0.1 g on a kitchen scale, one capsule);
* each step records its unrounded value and how it was rounded.

Rounding goes to the nearest measurable amount, halves upward (the gentler reduction).
A percent reduction of a small amount can round back to the amount already taken: 10 %
of 0.5 g is 0.45 g, which rounds to 0.5 g. Such a step would stall the plan for ever,
so it is set one measurable step lower instead (0.4 g), and its rounding note says so.
Every step therefore falls by at least one rounding step, and the plan reaches the floor
in at most (start - floor) / rounding step steps.

Holds: `evaluate_hold` says whether the next scheduled reduction should wait, by a
`HoldRule` on SOWS or COWS totals. It never raises a dose: a hold keeps the amount in
force; `postpone` moves the remaining steps later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

from easeoff.domain.doses import Number, Product, as_zone, format_amount, local_day, to_decimal
from easeoff.domain.substances import UNIT_CODES, Unit, UnknownSubstance, get_substance, load_catalogue

__all__ = [
    "COWS_HOLD",
    "INSTRUMENT_RANGES",
    "MAX_STEPS",
    "SOWS_HOLD",
    "AdherenceRow",
    "Decision",
    "FixedReduction",
    "HoldRule",
    "InvalidTaper",
    "PercentReduction",
    "ScoreRecord",
    "TaperPlan",
    "TaperRule",
    "TaperStep",
    "adherence",
    "evaluate_hold",
    "plan_taper",
    "postpone",
    "to_ics",
    "to_json",
]

AfterFloor = Literal["hold", "stop_with_clinician"]
Instrument = Literal["sows", "cows"]

# A schedule longer than this would not be followed as written; it almost always means a
# rounding step far smaller than the amounts (e.g. 1 mg steps on a 100 g start).
MAX_STEPS = 1000

# Possible totals: COWS 0-48, the sum of its eleven item maxima (Wesson & Ling 2003;
# instruments.md §1, VERIFIED by arithmetic); SOWS 0-64, sixteen items scored 0-4
# (Handelsman 1987; instruments.md §2, VERIFIED).
INSTRUMENT_RANGES: Mapping[str, tuple[int, int]] = {"cows": (0, 48), "sows": (0, 64)}


class InvalidTaper(ValueError):
    """A taper rule or hold rule failed validation; `problems` maps each field to the fault."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems: dict[str, str] = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


@dataclass(frozen=True)
class PercentReduction:
    """Reduce by `percent` of the current daily amount at each step (0 < percent <= 100)."""

    percent: Decimal


@dataclass(frozen=True)
class FixedReduction:
    """Reduce by a fixed `amount`, in the plan's unit, at each step (amount > 0)."""

    amount: Decimal


Reduction = PercentReduction | FixedReduction


@dataclass(frozen=True)
class HoldRule:
    """Hold the next reduction when withdrawal, measured on one instrument, stays high.

    The rule holds exactly when the `consecutive` most recent totals of `instrument`
    taken within the last `window_days` local days (today included) are all at or above
    `threshold`. Fewer totals than `consecutive` in the window never hold.
    `threshold_basis` says where the threshold comes from; `threshold_is_convention`
    marks a threshold that is a convention rather than a published cut-off.
    """

    instrument: Instrument
    threshold: int
    consecutive: int = 2
    window_days: int = 3
    threshold_basis: str = "set by the clinician"
    threshold_is_convention: bool = True

    def __post_init__(self) -> None:
        problems: dict[str, str] = {}
        bounds = INSTRUMENT_RANGES.get(self.instrument)
        if bounds is None:
            problems["instrument"] = f"must be one of {', '.join(INSTRUMENT_RANGES)}"
        elif not _is_int(self.threshold) or not bounds[0] < self.threshold <= bounds[1]:
            problems["threshold"] = (
                f"must be a whole number from {bounds[0] + 1} to {bounds[1]} for {self.instrument}"
            )
        if not _is_int(self.consecutive) or self.consecutive < 1:
            problems["consecutive"] = "must be a whole number of at least 1"
        if not _is_int(self.window_days) or self.window_days < 1:
            problems["window_days"] = "must be a whole number of days, at least 1"
        if problems:
            raise InvalidTaper({f"hold.{k}": v for k, v in problems.items()})


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# COWS: 13 is the lower bound of "moderate" (13-24) among the bands printed on the form
# (Wesson & Ling 2003; instruments.md §1, VERIFIED). COWS is clinician-administered and
# infrequent, so one recent score suffices; that count and the window are conventions.
COWS_HOLD = HoldRule(
    instrument="cows",
    threshold=13,
    consecutive=1,
    window_days=3,
    threshold_basis=(
        "COWS 13 or more: moderate withdrawal or worse on the form's bands (Wesson & Ling 2003). "
        "One score within 3 days is a convention; a clinician may change it."
    ),
    threshold_is_convention=False,
)

# SOWS has no published cut-offs (Handelsman 1987; instruments.md §2). 11 is where
# "moderate" starts in the NIDA CTN-0094 harmonisation convention (1-10 mild, 11-20
# moderate, 21+ severe; CTN-0094/public.ctn0094data, harmonization.md; no derivation
# given): a research convention, never a severity band. Two daily check-ins in a row.
SOWS_HOLD = HoldRule(
    instrument="sows",
    threshold=11,
    consecutive=2,
    window_days=3,
    threshold_basis=(
        "SOWS has no published cut-off. 11 is the start of 'moderate' in the CTN-0094 research "
        "harmonisation convention, not a validated threshold; a clinician should set it."
    ),
    threshold_is_convention=True,
)


@dataclass(frozen=True)
class TaperRule:
    """How to taper one substance, in one unit.

    `start_per_day`: today's daily amount; `reduction`: percent of the current amount or a
    fixed amount per step; `interval_days`: days between steps; `floor`: the lowest daily
    amount the plan reaches (0 to stop); `rounding_step`: what the product can measure;
    `floor_days`: how long the floor step lasts in the schedule (default `interval_days`);
    `after_floor`: "hold" keeps the floor until a clinician changes the plan,
    "stop_with_clinician" ends the schedule there, to be stopped only with the clinician.
    """

    substance: str
    unit: Unit
    start_per_day: Decimal
    reduction: Reduction
    interval_days: int
    floor: Decimal
    rounding_step: Decimal
    after_floor: AfterFloor = "hold"
    floor_days: int | None = None
    hold: HoldRule | None = None

    @classmethod
    def for_product(
        cls,
        product: Product,
        *,
        start_per_day: Decimal,
        reduction: Reduction,
        interval_days: int,
        floor: Decimal,
        after_floor: AfterFloor = "hold",
        floor_days: int | None = None,
        hold: HoldRule | None = None,
    ) -> TaperRule:
        """Build a rule whose unit and rounding step come from the product."""
        if product.measurable_step is None:
            raise InvalidTaper(
                {
                    "rounding_step": (
                        f"{product.name} has no measurable_step; set the smallest amount it is measured in"
                    )
                }
            )
        return cls(
            substance=product.substance,
            unit=product.unit,
            start_per_day=start_per_day,
            reduction=reduction,
            interval_days=interval_days,
            floor=floor,
            rounding_step=product.measurable_step,
            after_floor=after_floor,
            floor_days=floor_days,
            hold=hold,
        )

    @property
    def floor_length_days(self) -> int:
        """Return the days the floor step lasts in the schedule."""
        return self.interval_days if self.floor_days is None else self.floor_days


@dataclass(frozen=True)
class TaperStep:
    """One step: `amount_per_day` from `on` for `days` days, with its unrounded value and rounding."""

    index: int
    on: date
    amount_per_day: Decimal
    unrounded: Decimal
    rounding: str
    days: int
    is_floor: bool

    @property
    def last_on(self) -> date:
        """Return the last day of the step (inclusive)."""
        return self.on + timedelta(days=self.days - 1)


@dataclass(frozen=True)
class TaperPlan:
    """A whole schedule, from the starting amount to the floor."""

    substance: str
    unit: Unit
    rule: TaperRule
    steps: tuple[TaperStep, ...]

    @property
    def starts_on(self) -> date:
        """Return the first day of the plan."""
        return self.steps[0].on

    @property
    def floor_on(self) -> date:
        """Return the day the floor is reached."""
        return self.steps[-1].on

    @property
    def ends_on(self) -> date:
        """Return the last scheduled day; after it the floor holds or the plan has ended."""
        return self.steps[-1].last_on

    def step_on(self, day: date) -> TaperStep | None:
        """Return the step in force on `day`, the floor step after the end if it holds, else None."""
        if day < self.starts_on:
            return None
        if day > self.ends_on:
            return self.steps[-1] if self.rule.after_floor == "hold" else None
        in_force = self.steps[0]
        for step in self.steps:
            if step.on > day:
                break
            in_force = step
        return in_force

    def amount_on(self, day: date) -> Decimal | None:
        """Return the planned daily amount on `day`, or None outside the plan."""
        step = self.step_on(day)
        return None if step is None else step.amount_per_day

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape {"substance", "unit", "steps": [{"on", "amount_per_day"}]}."""
        return {
            "substance": self.substance,
            "unit": self.unit,
            "steps": [
                {"on": s.on.isoformat(), "amount_per_day": _json_number(s.amount_per_day)} for s in self.steps
            ],
        }

    def to_json(self) -> str:
        """Return the plan as JSON (see `as_dict`)."""
        return to_json(self)


def _json_number(value: Decimal) -> int | float:
    # Amounts are whole multiples of a decimal step, so float(str) round-trips exactly.
    return int(value) if value == value.to_integral_value() else float(format_amount(value))


def to_json(plan: TaperPlan) -> str:
    """Return `{"substance", "unit", "steps": [{"on": "YYYY-MM-DD", "amount_per_day": n}]}` as JSON."""
    return json.dumps(plan.as_dict(), ensure_ascii=False)


def _validate(rule: TaperRule) -> dict[str, str]:
    problems: dict[str, str] = {}
    try:
        get_substance(rule.substance)
    except UnknownSubstance:
        problems["substance"] = (
            f"unknown substance {rule.substance!r}; known: {', '.join(sorted(load_catalogue().substances))}"
        )
    if rule.unit not in UNIT_CODES:
        problems["unit"] = f"unknown unit {rule.unit!r}; allowed: {', '.join(UNIT_CODES)}"
    numbers: dict[str, Decimal | None] = {}
    for name in ("start_per_day", "floor", "rounding_step"):
        numbers[name] = to_decimal(getattr(rule, name), name, problems)
    start, floor, step = numbers["start_per_day"], numbers["floor"], numbers["rounding_step"]
    u = rule.unit
    if start is not None and start <= 0:
        problems["start_per_day"] = "must be greater than 0"
    if floor is not None and floor < 0:
        problems["floor"] = "must be 0 or more"
    if step is not None and step <= 0:
        problems["rounding_step"] = (
            "must be greater than 0 (the smallest amount the product can be measured in)"
        )
    if not problems and start is not None and floor is not None and step is not None:
        if floor > start:
            problems["floor"] = f"must not be above the starting amount ({format_amount(start)} {u})"
        for name, value in (("start_per_day", start), ("floor", floor)):
            if value % step != 0:
                problems[name] = f"must be a whole number of rounding steps ({format_amount(step)} {u})"
    if not _is_int(rule.interval_days) or not 1 <= rule.interval_days <= 365:
        problems["interval_days"] = "must be a whole number of days from 1 to 365"
    if rule.floor_days is not None and (not _is_int(rule.floor_days) or not 1 <= rule.floor_days <= 365):
        problems["floor_days"] = "must be a whole number of days from 1 to 365"
    if rule.after_floor not in ("hold", "stop_with_clinician"):
        problems["after_floor"] = "must be 'hold' or 'stop_with_clinician'"
    if isinstance(rule.reduction, PercentReduction):
        pct = to_decimal(rule.reduction.percent, "reduction", problems)
        if pct is not None and not Decimal(0) < pct <= Decimal(100):
            problems["reduction"] = "percent must be greater than 0 and at most 100"
    elif isinstance(rule.reduction, FixedReduction):
        amount = to_decimal(rule.reduction.amount, "reduction", problems)
        if amount is not None and amount <= 0:
            problems["reduction"] = f"fixed amount must be greater than 0 {u}"
    else:
        problems["reduction"] = "must be PercentReduction or FixedReduction"
    return problems


def _d(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def plan_taper(rule: TaperRule, start_on: date) -> TaperPlan:
    """Plan the whole taper from `start_on`; raise InvalidTaper naming every bad field.

    Step 0 is the starting amount on `start_on`; each later step begins `interval_days`
    after the one before, until the floor. See the module docstring for the rounding.
    """
    problems = _validate(rule)
    if problems:
        raise InvalidTaper(problems)
    start, floor, step = _d(rule.start_per_day), _d(rule.floor), _d(rule.rounding_step)
    u = rule.unit

    def show(value: Decimal) -> str:
        return f"{format_amount(value)} {u}"

    amounts: list[tuple[Decimal, Decimal, str]] = [(start, start, "starting amount")]
    current = start
    while current > floor:
        if isinstance(rule.reduction, PercentReduction):
            pct = _d(rule.reduction.percent)
            raw = current * (100 - pct) / 100
            how = f"{format_amount(pct)} % less than {show(current)} is {show(raw)}"
        else:
            raw = current - _d(rule.reduction.amount)
            how = f"{show(current)} less {show(_d(rule.reduction.amount))} is {show(raw)}"
        nearest = (raw / step).to_integral_value(rounding=ROUND_HALF_UP) * step
        if raw <= floor:
            amount, note = floor, f"{how}: at or below the floor, so the floor ({show(floor)})"
        elif nearest <= floor:
            amount, note = (
                floor,
                f"{how}; nearest {show(step)} step is {show(nearest)}: the floor ({show(floor)})",
            )
        elif nearest >= current:
            amount = current - step
            note = (
                f"{how}; rounding to the nearest {show(step)} gives {show(nearest)}, no reduction, "
                f"so one measurable step lower: {show(amount)}{' (the floor)' if amount == floor else ''}"
            )
        elif nearest == raw:
            amount, note = nearest, f"{how}; no rounding needed"
        else:
            amount, note = nearest, f"{how}; rounded to {show(nearest)} (nearest {show(step)})"
        amounts.append((amount, raw, note))
        current = amount
        if len(amounts) > MAX_STEPS:
            raise InvalidTaper(
                {
                    "reduction": (
                        f"the plan would need more than {MAX_STEPS} steps; use a larger reduction "
                        "or rounding step"
                    )
                }
            )
    steps: list[TaperStep] = []
    day = start_on
    for index, (amount, raw, note) in enumerate(amounts):
        is_floor = index == len(amounts) - 1
        days = rule.floor_length_days if is_floor else rule.interval_days
        steps.append(TaperStep(index, day, amount.normalize() + 0, raw, note, days, is_floor))
        day += timedelta(days=days)
    return TaperPlan(substance=rule.substance, unit=rule.unit, rule=rule, steps=tuple(steps))


def postpone(plan: TaperPlan, *, from_on: date, days: int) -> TaperPlan:
    """Move every step that starts on or after `from_on` later by `days`; amounts are unchanged.

    The step in force before `from_on` lasts `days` longer, so no day is left without an
    amount and no amount rises.
    """
    if not _is_int(days) or days < 1:
        raise InvalidTaper({"days": "must be a whole number of days, at least 1"})
    shift = timedelta(days=days)
    moved = [replace(s, on=s.on + shift) if s.on >= from_on else s for s in plan.steps]
    for i in range(len(moved) - 1):
        if plan.steps[i].on < from_on <= plan.steps[i + 1].on:
            moved[i] = replace(moved[i], days=moved[i].days + days)
    return replace(plan, steps=tuple(moved))


class ScoreRecord(NamedTuple):
    """An assessment total: when it was taken (aware, UTC), the instrument code, the total."""

    taken_at: datetime
    instrument: str
    total: int


@dataclass(frozen=True)
class Decision:
    """Whether the next reduction goes ahead, and why.

    `action` is "hold", "proceed" or "complete" (no reduction left). `amount_per_day` is
    what the plan says for today after the decision (None before the plan starts or after
    it ends); a hold keeps `current_amount_per_day`, so a decision never raises a dose.
    """

    action: Literal["proceed", "hold", "complete"]
    reason: str
    next_step: TaperStep | None
    current_amount_per_day: Decimal | None
    amount_per_day: Decimal | None
    scores_considered: tuple[ScoreRecord, ...]

    @property
    def is_hold(self) -> bool:
        """True when the next reduction should wait."""
        return self.action == "hold"


def evaluate_hold(
    plan: TaperPlan,
    scores: Iterable[tuple[datetime, str, int]],
    today: date,
    *,
    zone: ZoneInfo | str,
    rule: HoldRule | None = None,
) -> Decision:
    """Decide whether the next reduction (the first step on or after `today`) should wait.

    `rule` defaults to the plan's `rule.hold`. Scores of other instruments are ignored;
    a total outside the instrument's range raises ValueError. `zone` is the person's IANA
    zone: an assessment counts on the local day it was taken.
    """
    rule = rule if rule is not None else plan.rule.hold
    upcoming = [s for s in plan.steps[1:] if s.on >= today]
    u = plan.unit
    if not upcoming:
        after = (
            "the floor holds until the clinician changes the plan"
            if plan.rule.after_floor == "hold"
            else "stop only with the clinician"
        )
        return Decision(
            action="complete",
            reason=(
                f"No reduction is left: the plan reached its floor of "
                f"{format_amount(plan.steps[-1].amount_per_day)} {u} on {plan.floor_on.isoformat()}; {after}."
            ),
            next_step=None,
            current_amount_per_day=plan.steps[-1].amount_per_day,
            amount_per_day=plan.amount_on(today),
            scores_considered=(),
        )
    next_step = upcoming[0]
    current = plan.steps[next_step.index - 1].amount_per_day
    change = f"{format_amount(current)} to {format_amount(next_step.amount_per_day)} {u} per day"
    due = "today" if next_step.on == today else f"on {next_step.on.isoformat()}"
    if rule is None:
        return Decision(
            "proceed",
            f"No hold rule is set: the step due {due} ({change}) goes ahead as planned.",
            next_step,
            current,
            plan.amount_on(today),
            (),
        )
    tz = as_zone(zone)
    low, high = INSTRUMENT_RANGES[rule.instrument]
    first_day = today - timedelta(days=rule.window_days - 1)
    considered: list[ScoreRecord] = []
    for raw in scores:
        record = ScoreRecord(*raw)
        if record.instrument.lower() != rule.instrument:
            continue
        if not _is_int(record.total) or not low <= record.total <= high:
            raise ValueError(f"{rule.instrument.upper()} total {record.total!r} is outside {low}-{high}")
        if first_day <= local_day(record.taken_at, tz) <= today:
            considered.append(record)
    considered.sort(key=lambda r: r.taken_at.astimezone(UTC), reverse=True)
    latest = tuple(considered[: rule.consecutive])
    name = rule.instrument.upper()
    window = f"the last {rule.window_days} day{'s' if rule.window_days != 1 else ''}"
    if len(latest) < rule.consecutive:
        reason = (
            f"Proceed with the step due {due} ({change}): the hold rule needs {rule.consecutive} {name} "
            f"total{'s' if rule.consecutive != 1 else ''} in {window} and there "
            f"{'is' if len(latest) == 1 else 'are'} {len(latest)}."
        )
        return Decision("proceed", reason, next_step, current, plan.amount_on(today), latest)
    listed = ", ".join(f"{r.total} on {local_day(r.taken_at, tz).isoformat()}" for r in latest)
    if all(r.total >= rule.threshold for r in latest):
        which = "the latest total" if rule.consecutive == 1 else f"the last {rule.consecutive} totals"
        reason = (
            f"Hold the step due {due} ({change}): {which} of {name} ({listed}) "
            f"{'was' if rule.consecutive == 1 else 'were all'} at or above {rule.threshold}. "
            f"Threshold: {rule.threshold_basis}"
        )
        return Decision("hold", reason, next_step, current, current, latest)
    below = next(r for r in latest if r.total < rule.threshold)
    reason = (
        f"Proceed with the step due {due} ({change}): {name} {below.total} on "
        f"{local_day(below.taken_at, tz).isoformat()} is below the hold threshold of {rule.threshold}."
    )
    return Decision("proceed", reason, next_step, current, plan.amount_on(today), latest)


@dataclass(frozen=True)
class AdherenceRow:
    """Planned against actual for one local day, in the plan's unit.

    `status`: "as_planned", "below", "above", "not_logged" (no total for the day) or
    "no_plan" (outside the plan). A day with no doses must be passed as 0 to count as
    taken-none; a missing day is "not_logged".
    """

    on: date
    planned: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    status: Literal["as_planned", "below", "above", "not_logged", "no_plan"]


def adherence(
    plan: TaperPlan, actual_daily_totals: Mapping[date, Number], *, through: date | None = None
) -> list[AdherenceRow]:
    """Compare plan and actual day by day from the plan's start through `through`.

    `actual_daily_totals` are daily amounts in the plan's unit (e.g. `DailyTotal.in_unit`).
    `through` defaults to the last day with an actual total, or the plan's end.
    """
    actual: dict[date, Decimal] = {}
    for day, value in actual_daily_totals.items():
        problems: dict[str, str] = {}
        number = to_decimal(value, day.isoformat(), problems)
        if number is None or number < 0:
            raise ValueError(f"actual total on {day.isoformat()} must be a number, 0 or more")
        actual[day] = number
    last = through if through is not None else (max(actual) if actual else plan.ends_on)
    rows: list[AdherenceRow] = []
    day = plan.starts_on
    while day <= last:
        planned = plan.amount_on(day)
        taken = actual.get(day)
        difference = None if planned is None or taken is None else taken - planned
        status: Literal["as_planned", "below", "above", "not_logged", "no_plan"]
        if planned is None:
            status = "no_plan"
        elif taken is None:
            status = "not_logged"
        elif taken == planned:
            status = "as_planned"
        else:
            status = "below" if taken < planned else "above"
        rows.append(AdherenceRow(day, planned, taken, difference, status))
        day += timedelta(days=1)
    return rows


# --- iCalendar (RFC 5545) -----------------------------------------------------------


def _ics_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Fold a content line into pieces of at most 75 octets (RFC 5545 §3.1).

    Continuation lines start with one space, which counts toward their 75 octets. A
    UTF-8 character is never split.
    """
    data = line.encode("utf-8")
    pieces: list[str] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0b1100_0000) == 0b1000_0000:  # inside a multi-byte character
            cut -= 1
        pieces.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # the leading space takes one octet
    pieces.append(data.decode("utf-8"))
    return [pieces[0], *(" " + p for p in pieces[1:])]


def _ics_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def to_ics(plan: TaperPlan, *, dtstamp: datetime, uid_prefix: str | None = None) -> str:
    """Return the plan as an iCalendar file: one all-day VEVENT per step.

    `dtstamp` (aware) is written as the DTSTAMP of every event. UIDs are
    `<prefix>-step-<n>@easeoff`; the default prefix is a hash of the plan, so exporting
    the same plan again updates the same events. Lines end in CRLF and are folded at
    75 octets.
    """
    if dtstamp.tzinfo is None or dtstamp.utcoffset() is None:
        raise ValueError("dtstamp must be timezone-aware")
    prefix = uid_prefix or hashlib.sha256(plan.to_json().encode("utf-8")).hexdigest()[:16]
    stamp = dtstamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        name = get_substance(plan.substance).name
    except UnknownSubstance:
        name = plan.substance
    u = plan.unit
    total = len(plan.steps)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//easeoff//taper plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for step in plan.steps:
        amount = f"{format_amount(step.amount_per_day)} {u} per day"
        summary = f"{name}: {amount}"
        if step.index == 0:
            summary += " (starting amount)"
        elif step.is_floor:
            summary += " (floor)"
        description = (
            f"Taper step {step.index + 1} of {total}: {amount} from {step.on.isoformat()} "
            f"to {step.last_on.isoformat()}. {step.rounding[:1].upper()}{step.rounding[1:]}."
        )
        if step.is_floor:
            description += (
                " After this, hold at this amount until you and your clinician change the plan."
                if plan.rule.after_floor == "hold"
                else " After this, stop only together with your clinician."
            )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{prefix}-step-{step.index}@easeoff",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ics_date(step.on)}",
            # DTEND of an all-day event is exclusive: the day after the step's last day.
            f"DTEND;VALUE=DATE:{_ics_date(step.last_on + timedelta(days=1))}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))
