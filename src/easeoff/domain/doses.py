"""Doses: units, conversion to milligrams, alkaloid estimates and daily totals.

Amounts are `Decimal` throughout so that 0.1 g + 0.2 g is 0.3 g, not 0.30000000000000004.
A conversion that is approximate (a teaspoon of powder, a drop of tincture) says so in
`Quantity.is_approximate` and `Quantity.basis`, and the basis travels with the number.

Instants are aware datetimes (stored in UTC); a dose belongs to the person's local
calendar day in their IANA zone, so totals are right across midnight and DST changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from easeoff.domain.substances import (
    ContentRange,
    ProductKind,
    Substance,
    Unit,
    UnknownSubstance,
    get_substance,
    load_catalogue,
)

__all__ = [
    "DROP_ML",
    "MAX_DOSE_MASS_MG",
    "UNITS",
    "AlkaloidEstimate",
    "AlkaloidRange",
    "DailyTotal",
    "Dose",
    "InvalidDose",
    "InvalidProduct",
    "Product",
    "Quantity",
    "Unit",
    "UnitInfo",
    "as_zone",
    "daily_totals",
    "estimate_alkaloid_range",
    "estimate_alkaloids",
    "format_amount",
    "local_day",
    "normalise_amount",
    "to_decimal",
]

Number = int | float | Decimal
UnitKind = Literal["mass", "count", "volume", "spoon", "drink"]


class InvalidDose(ValueError):
    """A dose failed validation; `problems` maps each field to what is wrong and what is allowed."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems: dict[str, str] = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


class InvalidProduct(InvalidDose):
    """A product definition failed validation; `problems` maps each field to the fault."""


@dataclass(frozen=True)
class UnitInfo:
    """A unit a dose can be logged in.

    `mg_per_unit` is the exact factor for mass units and `None` for the rest, whose
    mass depends on the product. `max_per_dose` is a data-entry plausibility limit.
    """

    code: Unit
    name: str
    kind: UnitKind
    mg_per_unit: Decimal | None
    max_per_dose: Decimal


# Data-entry plausibility limits, not clinical limits: they catch typing slips such as
# a dose in mg entered as g. The largest amounts in the research are kratom users taking
# more than 40 g a day (Weiss & Douglas 2021, kratom.md [K88]) and 35 g a day
# (Kiyokawa 2023, [K89]); a single dose above 250 g of anything is taken to be a slip.
MAX_DOSE_MASS_MG = Decimal(250_000)

UNITS: Mapping[str, UnitInfo] = {
    "g": UnitInfo("g", "gram", "mass", Decimal(1000), Decimal(250)),
    "mg": UnitInfo("mg", "milligram", "mass", Decimal(1), Decimal(250_000)),
    "mcg": UnitInfo("mcg", "microgram", "mass", Decimal("0.001"), Decimal(250_000_000)),
    # 200 capsules of 500 mg is 100 g, 2.5 times the largest daily amounts reported.
    "capsules": UnitInfo("capsules", "capsule", "count", None, Decimal(200)),
    "tablets": UnitInfo("tablets", "tablet", "count", None, Decimal(200)),
    # Two litres covers a large drink or a pot of poppy tea in one sitting.
    "ml": UnitInfo("ml", "millilitre", "volume", None, Decimal(2000)),
    "drops": UnitInfo("drops", "drop", "volume", None, Decimal(1000)),
    # 100 teaspoons is 250 g at the 2.5 g convention, the mass limit above.
    "tsp": UnitInfo("tsp", "teaspoon (level)", "spoon", None, Decimal(100)),
    "tbsp": UnitInfo("tbsp", "tablespoon (level)", "spoon", None, Decimal(33)),
    "drinks": UnitInfo("drinks", "standard drink", "drink", None, Decimal(50)),
}

# A drop is about 0.05 ml: the USP medicine dropper "delivers water in drops each of
# which weighs between 45 mg and 55 mg" (USP <1101> Medicine Dropper). Tinctures in
# alcohol form smaller drops than water, so a drop-based amount is always approximate.
DROP_ML = Decimal("0.05")
DROP_BASIS = (
    "approximate: 1 drop taken as 0.05 ml (USP <1101>: a standard dropper delivers water drops of "
    "45-55 mg); drops of alcohol tinctures are smaller"
)

# A US tablespoon is 3 teaspoons (NIST SP 430, Household Weights and Measures).
TSP_PER_TBSP = Decimal(3)


def to_decimal(value: object, field_name: str, problems: dict[str, str]) -> Decimal | None:
    """Convert an int, float or Decimal to a finite Decimal, recording a problem otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        problems[field_name] = "must be a number"
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        problems[field_name] = "must be a number"
        return None
    if not number.is_finite():
        problems[field_name] = "must be a finite number"
        return None
    return number


def format_amount(value: Decimal) -> str:
    """Format a Decimal without exponent or trailing zeros: 7.30 -> '7.3', 1E+2 -> '100'."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "0") else text


@dataclass(frozen=True)
class Product:
    """A product a person takes, as they measure it.

    `unit` is how the person measures it (capsules, g, ml ...). `mg_per_unit` is the
    labelled mass per unit for count and volume units: mg of leaf per capsule, mg of
    drug per tablet, mg per ml. `mitragynine_pct`/`seven_oh_pct` are percent w/w of the
    product material, from a label or certificate of analysis. `measurable_step` is the
    smallest amount the person can measure (0.1 g on a kitchen scale, 1 capsule); a taper
    of this product is rounded to it. Construction validates and raises InvalidProduct.
    """

    name: str
    substance: str
    kind: str
    unit: Unit
    mg_per_unit: Decimal | None = None
    mitragynine_pct: Decimal | None = None
    seven_oh_pct: Decimal | None = None
    measurable_step: Decimal | None = None
    _kind: ProductKind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems: dict[str, str] = {}
        if not isinstance(self.name, str) or not self.name.strip():
            problems["name"] = "must not be empty"
        kind: ProductKind | None = None
        try:
            substance = get_substance(self.substance)
        except UnknownSubstance:
            known = ", ".join(sorted(load_catalogue().substances))
            problems["substance"] = f"unknown substance {self.substance!r}; known: {known}"
        else:
            try:
                kind = substance.form(self.kind)
            except KeyError:
                allowed = ", ".join(k.code for k in substance.forms)
                problems["kind"] = f"{substance.code} has no kind {self.kind!r}; allowed: {allowed}"
        unit_info = UNITS.get(self.unit)
        if unit_info is None:
            problems["unit"] = f"unknown unit {self.unit!r}; allowed: {', '.join(UNITS)}"
        elif kind is not None and not kind.allows(self.unit):
            problems["unit"] = (
                f"{self.unit!r} does not fit {kind.name.lower()}; allowed: {', '.join(kind.units)}"
            )
        for name in ("mg_per_unit", "mitragynine_pct", "seven_oh_pct", "measurable_step"):
            raw = getattr(self, name)
            if raw is None:
                continue
            number = to_decimal(raw, name, problems)
            if number is not None:
                object.__setattr__(self, name, number)
        self._check_numbers(unit_info, problems)
        if problems:
            raise InvalidProduct(problems)
        assert kind is not None
        object.__setattr__(self, "_kind", kind)

    def _check_numbers(self, unit_info: UnitInfo | None, problems: dict[str, str]) -> None:
        if isinstance(self.mg_per_unit, Decimal) and "mg_per_unit" not in problems:
            if self.mg_per_unit <= 0:
                problems["mg_per_unit"] = "must be greater than 0"
            elif self.mg_per_unit > MAX_DOSE_MASS_MG:
                problems["mg_per_unit"] = f"must be at most {format_amount(MAX_DOSE_MASS_MG)} mg per unit"
            elif unit_info is not None and unit_info.kind not in ("count", "volume"):
                problems["mg_per_unit"] = "applies only to count units (capsules, tablets) and ml or drops"
        for name in ("mitragynine_pct", "seven_oh_pct"):
            pct = getattr(self, name)
            if isinstance(pct, Decimal) and name not in problems and not Decimal(0) <= pct <= Decimal(100):
                problems[name] = "must be between 0 and 100 (percent w/w)"
        mg, oh = self.mitragynine_pct, self.seven_oh_pct
        if isinstance(mg, Decimal) and isinstance(oh, Decimal) and not problems and mg + oh > 100:
            problems["seven_oh_pct"] = "mitragynine_pct + seven_oh_pct must be at most 100"
        step = self.measurable_step
        if isinstance(step, Decimal) and "measurable_step" not in problems and step <= 0:
            problems["measurable_step"] = "must be greater than 0"

    @property
    def kind_info(self) -> ProductKind:
        """Return the catalogue form (product kind) of this product."""
        return self._kind

    @property
    def substance_info(self) -> Substance:
        """Return the catalogue substance of this product."""
        return get_substance(self.substance)


@dataclass(frozen=True)
class Quantity:
    """A validated amount with its mass in mg where one can be derived.

    `amount_mg` is the mass of what `measures` names (leaf powder, labelled drug ...),
    `None` when no mass follows from the unit and product (a drink, ml of tea, a count
    with no mg per unit). `basis` says how the mass was worked out.
    """

    amount: Decimal
    unit: Unit
    amount_mg: Decimal | None
    is_approximate: bool
    basis: str
    measures: str


def normalise_amount(amount: Number, unit: str, product: Product) -> Quantity:
    """Validate an amount in `unit` of `product` and convert it to mg where derivable.

    Raise InvalidDose naming each bad field: a non-positive or non-finite amount, an
    unknown unit, a unit that does not fit the product's kind, or an amount above the
    plausibility limits (UNITS[unit].max_per_dose, MAX_DOSE_MASS_MG).
    """
    problems: dict[str, str] = {}
    value = to_decimal(amount, "amount", problems)
    if value is not None and value < 0:
        problems["amount"] = "must be greater than 0 (it is negative)"
    elif value is not None and value == 0:
        problems["amount"] = "must be greater than 0 (a dose not taken is not logged)"
    kind = product.kind_info
    info = UNITS.get(unit)
    if info is None:
        problems["unit"] = f"unknown unit {unit!r}; allowed: {', '.join(UNITS)}"
    elif not kind.allows(unit):
        problems["unit"] = f"{unit!r} does not fit {kind.name.lower()}; allowed: {', '.join(kind.units)}"
    elif value is not None and "amount" not in problems and value > info.max_per_dose:
        problems["amount"] = (
            f"{format_amount(value)} {unit} is above the plausibility limit of "
            f"{format_amount(info.max_per_dose)} {unit} per dose; check the unit"
        )
    if problems:
        raise InvalidDose(problems)
    assert value is not None and info is not None
    amount_mg, is_approximate, basis = _mass(value, info, product, kind)
    if amount_mg is not None and amount_mg > MAX_DOSE_MASS_MG:
        raise InvalidDose(
            {
                "amount": (
                    f"{format_amount(value)} {unit} works out at {format_amount(amount_mg / 1000)} g, "
                    f"above the plausibility limit of {format_amount(MAX_DOSE_MASS_MG / 1000)} g per dose; "
                    "check the unit"
                )
            }
        )
    return Quantity(
        amount=value,
        unit=info.code,
        amount_mg=amount_mg,
        is_approximate=is_approximate,
        basis=basis,
        measures=kind.measures,
    )


def _mass(
    value: Decimal, info: UnitInfo, product: Product, kind: ProductKind
) -> tuple[Decimal | None, bool, str]:
    """Return (mg, is_approximate, basis) for a validated amount."""
    shown = f"{format_amount(value)} {info.code}"
    if info.mg_per_unit is not None:
        return (
            value * info.mg_per_unit,
            False,
            f"exact: {shown} = {format_amount(value * info.mg_per_unit)} mg",
        )
    label_mg = product.mg_per_unit
    if info.kind == "spoon":
        assert kind.g_per_tsp is not None  # the catalogue requires it for spoon units
        teaspoons = value * TSP_PER_TBSP if info.code == "tbsp" else value
        mg = teaspoons * kind.g_per_tsp * 1000
        sources = ", ".join(kind.g_per_tsp_sources)
        return mg, True, f"{shown} ≈ {format_amount(mg / 1000)} g; {kind.g_per_tsp_basis} [{sources}]"
    if info.code == product.unit and label_mg is not None:
        mg = value * label_mg
        return mg, False, f"{shown} x {format_amount(label_mg)} mg per {info.name} ({product.name} label)"
    if info.code == "drops" and product.unit == "ml" and label_mg is not None:
        mg = value * DROP_ML * label_mg
        return (
            mg,
            True,
            f"{shown} ≈ {format_amount(value * DROP_ML)} ml x {format_amount(label_mg)} mg/ml; {DROP_BASIS}",
        )
    if info.kind == "drink":
        return (
            None,
            False,
            f"{shown}: standard drinks are counted, not converted (their size is set nationally)",
        )
    return None, False, f"{shown}: no mg per {info.name} is set for {product.name}, so no mass is derived"


@dataclass(frozen=True)
class AlkaloidEstimate:
    """Estimated mg of mitragynine and 7-OH in a mass of product; always an estimate.

    `None` for an alkaloid whose content was not given.
    """

    mitragynine_mg: Decimal | None
    seven_oh_mg: Decimal | None
    basis: str
    is_estimate: bool = True


@dataclass(frozen=True)
class AlkaloidRange:
    """A low-high estimate of alkaloid mg from a product kind's published content range."""

    mitragynine_mg: tuple[Decimal, Decimal] | None
    seven_oh_mg: tuple[Decimal, Decimal] | None
    basis: str
    sources: tuple[str, ...]
    is_estimate: bool = True


_HUNDREDTH = Decimal("0.01")


def _pct_of(quantity_mg: Decimal, pct: Decimal) -> Decimal:
    return (quantity_mg * pct / 100).quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN)


def estimate_alkaloids(
    quantity_mg: Number, mitragynine_pct: Number | None, seven_oh_pct: Number | None
) -> AlkaloidEstimate:
    """Estimate alkaloid mg as mass x percent w/w, to 0.01 mg.

    The result is an estimate: content varies between batches (kratom.md §1.1).
    Raise InvalidDose for a negative mass or a percent outside 0-100 (or summing above 100).
    """
    problems: dict[str, str] = {}
    mass = to_decimal(quantity_mg, "quantity_mg", problems)
    if mass is not None and mass < 0:
        problems["quantity_mg"] = "must be 0 or more"
    pcts: dict[str, Decimal | None] = {}
    for name, raw in (("mitragynine_pct", mitragynine_pct), ("seven_oh_pct", seven_oh_pct)):
        pct = None if raw is None else to_decimal(raw, name, problems)
        if pct is not None and not Decimal(0) <= pct <= Decimal(100):
            problems[name] = "must be between 0 and 100 (percent w/w)"
        pcts[name] = pct
    mg_pct, oh_pct = pcts["mitragynine_pct"], pcts["seven_oh_pct"]
    if mg_pct is not None and oh_pct is not None and not problems and mg_pct + oh_pct > 100:
        problems["seven_oh_pct"] = "mitragynine_pct + seven_oh_pct must be at most 100"
    if problems:
        raise InvalidDose(problems)
    assert mass is not None
    parts = []
    if mg_pct is not None:
        parts.append(f"mitragynine {format_amount(mg_pct)} %")
    if oh_pct is not None:
        parts.append(f"7-OH {format_amount(oh_pct)} %")
    given = " and ".join(parts) if parts else "no content given"
    return AlkaloidEstimate(
        mitragynine_mg=None if mg_pct is None else _pct_of(mass, mg_pct),
        seven_oh_mg=None if oh_pct is None else _pct_of(mass, oh_pct),
        basis=f"estimate: {format_amount(mass)} mg x {given} (w/w); actual content varies by batch",
    )


def estimate_alkaloid_range(quantity_mg: Number, kind: ProductKind) -> AlkaloidRange:
    """Estimate alkaloid mg from the kind's typical content (or measured range if no typical one).

    A bound the research does not give (e.g. the lower bound for extracts) is taken as 0.
    """
    problems: dict[str, str] = {}
    mass = to_decimal(quantity_mg, "quantity_mg", problems)
    if mass is not None and mass < 0:
        problems["quantity_mg"] = "must be 0 or more"
    if problems:
        raise InvalidDose(problems)
    assert mass is not None
    sources: list[str] = []
    notes: list[str] = []

    def bounds(name: str, content: ContentRange | None) -> tuple[Decimal, Decimal] | None:
        if content is None:
            return None
        typical = content.typical_low_pct is not None and content.typical_high_pct is not None
        low = content.typical_low_pct if typical else content.low_pct
        high = content.typical_high_pct if typical else content.high_pct
        if high is None:
            return None
        low = low if low is not None else Decimal(0)
        sources.extend(s for s in content.sources if s not in sources)
        which = "typical" if typical else "measured"
        notes.append(f"{name} {format_amount(low)}-{format_amount(high)} % ({which})")
        return _pct_of(mass, low), _pct_of(mass, high)

    mitragynine = bounds("mitragynine", kind.mitragynine)
    seven_oh = bounds("7-OH", kind.seven_oh)
    described = "; ".join(notes) if notes else "no content range published for this kind"
    label = " Log labelled mg for this kind." if kind.log_by_label else ""
    return AlkaloidRange(
        mitragynine_mg=mitragynine,
        seven_oh_mg=seven_oh,
        basis=f"estimate for {kind.name.lower()}: {format_amount(mass)} mg x {described}.{label}",
        sources=tuple(sources),
    )


def as_zone(zone: ZoneInfo | str) -> ZoneInfo:
    """Return a ZoneInfo for an IANA zone name (or pass one through); raise ValueError if unknown."""
    if isinstance(zone, ZoneInfo):
        return zone
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {zone!r}; use an IANA name such as 'Europe/London'") from exc


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (stored in UTC), got naive {moment.isoformat()}")


def local_day(taken_at_utc: datetime, zone: ZoneInfo | str) -> date:
    """Return the person's local calendar day for an instant, in their IANA zone.

    Converting the instant (not a wall-clock time) is what makes this right across DST:
    a UTC instant has exactly one local time, even in the repeated autumn hour.
    """
    _require_aware(taken_at_utc, "taken_at_utc")
    return taken_at_utc.astimezone(as_zone(zone)).date()


@dataclass(frozen=True)
class Dose:
    """A logged dose: an instant (aware, UTC) and a validated quantity of a substance."""

    substance: str
    taken_at: datetime
    quantity: Quantity


@dataclass(frozen=True)
class DailyTotal:
    """One substance on one local day.

    `amount_mg` sums the doses with a known mass (`None` if none had one); it is a lower
    bound when `unconverted_count` > 0. `by_unit` sums the amounts as logged, per unit.
    """

    on: date
    substance: str
    amount_mg: Decimal | None
    is_approximate: bool
    dose_count: int
    unconverted_count: int
    by_unit: Mapping[str, Decimal]

    def in_unit(self, unit: str) -> Decimal | None:
        """Return the day's total in `unit`, or None when it cannot be stated exactly.

        Mass units convert from `amount_mg` when every dose had a mass; other units
        return the logged sum only when every dose was logged in that unit.
        """
        info = UNITS.get(unit)
        if info is None:
            raise ValueError(f"unknown unit {unit!r}; allowed: {', '.join(UNITS)}")
        if info.mg_per_unit is not None:
            if self.amount_mg is None or self.unconverted_count:
                return None
            return self.amount_mg / info.mg_per_unit
        if set(self.by_unit) == {unit}:
            return self.by_unit[unit]
        return None


def daily_totals(doses: Iterable[Dose], zone: ZoneInfo | str) -> dict[tuple[date, str], DailyTotal]:
    """Total doses by (local day, substance code) in the person's zone.

    Each dose's instant is converted to the local day it fell on, so a dose at 00:30
    belongs to the new day and a 23- or 25-hour DST day is still one day.
    """
    tz = as_zone(zone)
    mg: dict[tuple[date, str], Decimal | None] = {}
    approx: dict[tuple[date, str], bool] = {}
    count: dict[tuple[date, str], int] = {}
    unconverted: dict[tuple[date, str], int] = {}
    by_unit: dict[tuple[date, str], dict[str, Decimal]] = {}
    for dose in doses:
        key = (local_day(dose.taken_at, tz), dose.substance)
        q = dose.quantity
        count[key] = count.get(key, 0) + 1
        units = by_unit.setdefault(key, {})
        units[q.unit] = units.get(q.unit, Decimal(0)) + q.amount
        previous = mg.get(key)
        if q.amount_mg is None:
            unconverted[key] = unconverted.get(key, 0) + 1
            mg.setdefault(key, None)
        else:
            mg[key] = q.amount_mg if previous is None else previous + q.amount_mg
            approx[key] = approx.get(key, False) or q.is_approximate
    return {
        key: DailyTotal(
            on=key[0],
            substance=key[1],
            amount_mg=mg.get(key),
            is_approximate=approx.get(key, False),
            dose_count=count[key],
            unconverted_count=unconverted.get(key, 0),
            by_unit=by_unit[key],
        )
        for key in sorted(count)
    }
