"""Read amounts as people type them ("24g", "2.5", "300 mg/day", "10%") into Decimals and units.

Shared by the web forms, the JSON API and the CLI so that all three accept the same
input and name the same field when it is wrong. No Django here: `easeoff taper plan`
parses its flags and plans without a database.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from easeoff.domain.doses import UNITS
from easeoff.domain.substances import Substance, load_catalogue
from easeoff.domain.taper import FixedReduction, PercentReduction, Reduction

# Stored amounts have six decimal places (easeoff.web.doses.models.AMOUNT); more would be
# silently rounded by the database, so they are refused instead.
MAX_PLACES = 6
# Far above any plausibility limit (250 000 000 mcg): a bound on what is parsed at all.
MAX_MAGNITUDE = Decimal(10) ** 10

UNIT_ALIASES: dict[str, str] = {
    **{code: code for code in UNITS},
    "gram": "g",
    "grams": "g",
    "gr": "g",
    "milligram": "mg",
    "milligrams": "mg",
    "ug": "mcg",
    "µg": "mcg",
    "microgram": "mcg",
    "micrograms": "mcg",
    "capsule": "capsules",
    "caps": "capsules",
    "cap": "capsules",
    "tablet": "tablets",
    "tabs": "tablets",
    "tab": "tablets",
    "pills": "tablets",
    "pill": "tablets",
    "millilitre": "ml",
    "millilitres": "ml",
    "milliliter": "ml",
    "milliliters": "ml",
    "drop": "drops",
    "teaspoon": "tsp",
    "teaspoons": "tsp",
    "tablespoon": "tbsp",
    "tablespoons": "tbsp",
    "drink": "drinks",
}

_AMOUNT = re.compile(
    r"""^\s*(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*
        (?P<unit>[a-zµ]+)?\s*
        (?:(?:/|per)\s*(?:day|d))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def allowed_units() -> str:
    """Return the unit codes for an error message."""
    return ", ".join(UNITS)


def parse_unit(raw: object, field: str, problems: dict[str, str]) -> str | None:
    """Return the unit code for a unit or one of its spellings ("grams", "caps"), or record a problem."""
    if not isinstance(raw, str) or not raw.strip():
        problems[field] = f"is required; allowed units: {allowed_units()}"
        return None
    unit = UNIT_ALIASES.get(raw.strip().lower())
    if unit is None:
        problems[field] = f"unknown unit {raw.strip()!r}; allowed: {allowed_units()}"
    return unit


def parse_number(
    raw: object, field: str, problems: dict[str, str], *, required: bool = True
) -> Decimal | None:
    """Return a finite Decimal from a number or its text; None when blank and not required.

    Record a problem naming `field` for text that is not a plain decimal number (no
    exponent, at most six decimal places).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            problems[field] = "is required"
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        problems[field] = "must be a number, e.g. 2.5"
        return None
    text = raw.strip() if isinstance(raw, str) else str(raw)
    if isinstance(raw, str) and not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", text):
        problems[field] = f"{text[:40]!r} is not a number; write it like 2.5"
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        problems[field] = "must be a number, e.g. 2.5"
        return None
    if not number.is_finite() or abs(number) >= MAX_MAGNITUDE:
        problems[field] = "must be a finite number below 10 000 000 000"
        return None
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        problems[field] = f"use at most {MAX_PLACES} decimal places"
        return None
    return number


def parse_amount(
    raw: object, field: str, problems: dict[str, str], *, default_unit: str | None = None
) -> tuple[Decimal | None, str | None]:
    """Parse "24g", "24 g", "300mg/day" or "2 capsules per day" into (amount, unit code).

    A bare number takes `default_unit`; without one the unit is required. Problems name
    `field`.
    """
    text = str(raw) if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool) else raw
    if not isinstance(text, str) or not text.strip():
        problems[field] = "is required: a number with its unit, e.g. 24g or 300mg"
        return None, None
    match = _AMOUNT.match(text)
    if match is None:
        problems[field] = f"{text.strip()[:40]!r} is not an amount; write a number with its unit, e.g. 24g"
        return None, None
    number = parse_number(match["number"], field, problems)
    unit_text = match["unit"]
    if unit_text is None:
        if default_unit is None:
            problems[field] = f"{text.strip()!r} has no unit; write it like 24g or 300mg"
            return number, None
        return number, default_unit
    unit = UNIT_ALIASES.get(unit_text.lower())
    if unit is None:
        problems[field] = f"unknown unit {unit_text!r} in {text.strip()!r}; allowed: {allowed_units()}"
        return number, None
    return number, unit


def convert(amount: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """Convert between mass units exactly (g, mg, mcg); None for anything else that differs."""
    if unit == to_unit:
        return amount
    source, target = UNITS[unit].mg_per_unit, UNITS[to_unit].mg_per_unit
    if source is None or target is None:
        return None
    return (amount * source / target).normalize()


def parse_reduction(
    raw: object, field: str, problems: dict[str, str], *, unit: str | None
) -> Reduction | None:
    """Parse "10%" (percent of the current amount) or "2g" (a fixed amount in the plan's unit).

    A fixed amount in another mass unit is converted exactly (500mg in a g plan is 0.5 g).
    A bare number is refused: 10 could mean 10 % or 10 g.
    """
    if not isinstance(raw, str) or not raw.strip():
        problems[field] = "is required: a percentage like 10% or an amount like 2g"
        return None
    text = raw.strip()
    if text.endswith("%"):
        pct = parse_number(text[:-1], field, problems)
        if pct is None:
            problems[field] = f"{text!r} is not a percentage; write it like 10%"
            return None
        return PercentReduction(pct)
    amount, reduce_unit = parse_amount(text, field, problems)
    if field in problems:
        if "has no unit" in problems[field]:
            problems[field] = f"{text!r} is ambiguous: write 10% for a percentage or 2g for an amount"
        return None
    assert amount is not None and reduce_unit is not None
    if unit is not None:
        converted = convert(amount, reduce_unit, unit)
        if converted is None:
            problems[field] = f"{text!r} is in {reduce_unit} but the plan is in {unit}; use {unit} or a %"
            return None
        amount = converted
    return FixedReduction(amount)


def find_substance(raw: object, field: str, problems: dict[str, str]) -> Substance | None:
    """Return the catalogue substance for a code ("kratom") or a name ("Kratom"), or record a problem."""
    catalogue = load_catalogue()
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        problems[field] = f"is required; known: {', '.join(sorted(catalogue.substances))}"
        return None
    wanted = text.lower()
    for substance in catalogue.substances.values():
        if (
            wanted in (substance.code, substance.name.lower())
            or wanted == substance.name.split(" (")[0].lower()
        ):
            return substance
    problems[field] = f"unknown substance {text[:40]!r}; known: {', '.join(sorted(catalogue.substances))}"
    return None


def parse_local_instant(raw: object, zone: str, field: str, problems: dict[str, str]) -> datetime | None:
    """Parse an ISO 8601 time; one without an offset is a wall-clock time in the person's `zone`.

    Return an aware datetime in UTC, None when blank. In the hour repeated when clocks go
    back, a wall-clock time means its first occurrence (fold=0).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        moment = raw
    elif isinstance(raw, str):
        try:
            moment = datetime.fromisoformat(raw.strip())
        except ValueError:
            problems[field] = f"{raw.strip()[:40]!r} is not a time; use ISO 8601, e.g. 2026-03-01T08:30"
            return None
    else:
        problems[field] = "must be a time in ISO 8601, e.g. 2026-03-01T08:30"
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def parse_day(raw: object, field: str, problems: dict[str, str]) -> date | None:
    """Parse a YYYY-MM-DD day (or pass a date through); record a problem naming `field`."""
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    shown = raw.strip()[:40] if isinstance(raw, str) else raw
    problems[field] = f"{shown!r} is not a day; use YYYY-MM-DD" if shown else "is required (YYYY-MM-DD)"
    return None
