"""Record, edit and list doses; save products; daily totals; the withdrawal timeline.

Validation, conversion to mg and alkaloid estimates are the domain's
(easeoff.domain.doses); this module parses what the front doors were given, calls the
domain, and stores or reads rows. Errors are InvalidInput naming each field and what it
allows; nothing is stored when anything is invalid.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import QuerySet

from easeoff.domain import doses as domain
from easeoff.domain.safety.model import DoseRecord
from easeoff.domain.substances import Substance, get_substance, load_catalogue
from easeoff.domain.timeline import (
    SOURCES,
    Course,
    PhaseReport,
    course_key_for,
    day_n,
    phase,
    withdrawal_course,
)
from easeoff.services.access import require_view_person
from easeoff.services.amounts import (
    MAX_PLACES,
    find_substance,
    parse_local_instant,
    parse_number,
    parse_unit,
)
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.safety import run_safety
from easeoff.web.db.fast import aware, fetch
from easeoff.web.doses.models import Dose, DoseRevision, Product, Route
from easeoff.web.tracking.models import Assessment

# A dose may be back-dated, but not dated in the future beyond clock skew between devices.
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_NOTE = 2000
MAX_NAME = 100
ROUTES = tuple(Route.values)
_STORED = Decimal(1).scaleb(-MAX_PLACES)  # six decimal places, as the columns hold

# The withdrawal instruments drawn over the expected course.
WITHDRAWAL_INSTRUMENTS = ("sows", "cows", "oows", "sows_gossop")


def _stored(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_STORED, rounding=ROUND_HALF_EVEN)


def substance_choices() -> list[tuple[str, str, str]]:
    """Return (code, name, category) for every catalogue substance, kratom first."""
    order = {"kratom": 0, "opioid": 1, "withdrawal_medication": 2, "cns_depressant": 3}
    subs = sorted(load_catalogue().substances.values(), key=lambda s: (order.get(s.category, 9), s.name))
    return [(s.code, s.name, s.category) for s in subs]


def pick_kind(
    substance: Substance, unit: str | None, kind: str | None, problems: dict[str, str]
) -> str | None:
    """Return the form to log: `kind` if given and known, else the first form that allows `unit`."""
    if kind:
        codes = [k.code for k in substance.forms]
        if kind not in codes:
            problems["kind"] = f"{substance.code} has no form {kind!r}; allowed: {', '.join(codes)}"
            return None
        return kind
    if unit is None:
        return substance.forms[0].code
    for form in substance.forms:
        if form.allows(unit):
            return form.code
    units = sorted({u for f in substance.forms for u in f.units})
    problems["unit"] = f"{unit!r} does not fit {substance.name}; allowed: {', '.join(units)}"
    return None


# --- products -----------------------------------------------------------------------------


def domain_product(row: Product) -> domain.Product:
    """Return the domain product of a saved row."""
    return domain.Product(
        name=row.name,
        substance=row.substance,
        kind=row.kind,
        unit=row.unit,  # type: ignore[arg-type]  # validated when saved
        mg_per_unit=row.mg_per_unit,
        mitragynine_pct=row.mitragynine_pct,
        seven_oh_pct=row.seven_oh_pct,
        measurable_step=row.measurable_step,
    )


@transaction.atomic
def save_product(
    *,
    actor: Any,
    person: Any,
    name: Any,
    substance: Any,
    unit: Any,
    now: datetime,
    kind: Any = None,
    mg_per_unit: Any = None,
    mitragynine_pct: Any = None,
    seven_oh_pct: Any = None,
    measurable_step: Any = None,
) -> Product:
    """Validate and save one of the person's products; a person saves only their own.

    Numbers may be given as text ("1.5"); blank means not known. Raise InvalidInput
    naming each bad field (name, substance, kind, unit, mg_per_unit, mitragynine_pct,
    seven_oh_pct, measurable_step).
    """
    if actor.pk != person.pk:
        raise NotAllowed("a person saves their own products")
    problems: dict[str, str] = {}
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        problems["name"] = "is required, e.g. 'my capsules'"
    elif len(text) > MAX_NAME:
        problems["name"] = f"must be at most {MAX_NAME} characters"
    found = find_substance(substance, "substance", problems)
    unit_code = parse_unit(unit, "unit", problems)
    numbers = {
        key: parse_number(raw, key, problems, required=False)
        for key, raw in (
            ("mg_per_unit", mg_per_unit),
            ("mitragynine_pct", mitragynine_pct),
            ("seven_oh_pct", seven_oh_pct),
            ("measurable_step", measurable_step),
        )
    }
    kind_code = pick_kind(found, unit_code, kind or None, problems) if found is not None else None
    if text and Product.objects.filter(person=person, name=text).exists():
        problems["name"] = f"you already have a product called {text!r}; choose another name"
    if found is not None and kind_code is not None and unit_code is not None:
        numbers = {k: v for k, v in numbers.items() if k not in problems}
        try:
            domain.Product(
                name=text or "unnamed",
                substance=found.code,
                kind=kind_code,
                unit=unit_code,  # type: ignore[arg-type]  # parsed against UNITS
                **numbers,  # type: ignore[arg-type]
            )
        except domain.InvalidProduct as exc:
            problems.update({k: v for k, v in exc.problems.items() if k not in problems})
    if problems:
        raise InvalidInput(problems)
    assert found is not None and kind_code is not None and unit_code is not None
    return Product.objects.create(
        person=person,
        name=text,
        substance=found.code,
        kind=kind_code,
        unit=unit_code,
        created_at=now,
        **numbers,
    )


def list_products(*, viewer: Any, person: Any) -> QuerySet[Product]:
    """Return the person's saved products by name."""
    require_view_person(viewer, person, action="view_doses", target="products")
    return Product.objects.filter(person=person)


def find_product(person: Any, ref: Any) -> Product:
    """Return the person's product by id or by name; raise InvalidInput on `product` otherwise."""
    rows = Product.objects.filter(person=person)
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        found = rows.filter(pk=int(ref)).first()
    elif isinstance(ref, str) and ref.strip():
        found = rows.filter(name=ref.strip()).first() or rows.filter(name__iexact=ref.strip()).first()
    else:
        found = None
    if found is None:
        names = ", ".join(repr(p.name) for p in rows[:20]) or "none saved yet"
        raise InvalidInput({"product": f"no product {ref!r} among your products ({names})"})
    return found


# --- doses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoseValues:
    """A validated dose, ready to store."""

    values: dict[str, Any]
    product: Product | None


def validate_dose(
    *,
    person: Any,
    substance: Any,
    amount: Any,
    unit: Any,
    now: datetime,
    product: Any = None,
    kind: Any = None,
    route: Any = None,
    taken_at: Any = None,
    note: Any = "",
) -> DoseValues:
    """Check one dose and work out its mass and alkaloid estimates; raise InvalidInput naming fields.

    `product` is one of the person's products (a row, an id or a name); `taken_at` an
    aware datetime or ISO text (without an offset it is the person's wall-clock time).
    `substance` may be left out when a product is given.
    """
    problems: dict[str, str] = {}
    product_row: Product | None = None
    if isinstance(product, Product):
        product_row = product if product.person_id == person.pk else None
        if product_row is None:
            problems["product"] = "is not one of your products"
    elif product not in (None, ""):
        try:
            product_row = find_product(person, product)
        except InvalidInput as exc:
            problems.update(exc.problems)
    found: Substance | None = None
    if substance in (None, "") and product_row is not None:
        found = get_substance(product_row.substance)
    else:
        found = find_substance(substance, "substance", problems)
    if found is not None and product_row is not None and product_row.substance != found.code:
        problems["product"] = f"{product_row.name!r} is {product_row.substance}, not {found.code}"
    unit_code: str | None
    if unit in (None, "") and product_row is not None:
        unit_code = product_row.unit
    else:
        unit_code = parse_unit(unit, "unit", problems)
    number = parse_number(amount, "amount", problems)
    route_code = route or Route.ORAL.value
    if route_code not in ROUTES:
        problems["route"] = f"{route_code!r} is not allowed; use one of {', '.join(ROUTES)}"
    when = parse_local_instant(taken_at, person.time_zone, "taken_at", problems) or now
    if "taken_at" not in problems and when > now + FUTURE_TOLERANCE:
        problems["taken_at"] = "must not be in the future"
    text = note if isinstance(note, str) else ""
    if len(text) > MAX_NOTE:
        problems["note"] = f"must be at most {MAX_NOTE} characters"
    kind_code: str | None = None
    if found is not None:
        if product_row is not None and not kind and found.code == product_row.substance:
            kind_code = product_row.kind
        else:
            kind_code = pick_kind(found, unit_code, kind or None, problems)
    quantity: domain.Quantity | None = None
    product_domain: domain.Product | None = None
    if found is not None and kind_code is not None and unit_code is not None and number is not None:
        try:
            if product_row is not None and kind_code == product_row.kind:
                product_domain = domain_product(product_row)
            else:
                # No saved product: the catalogue form alone, measured in the unit entered.
                product_domain = domain.Product(
                    name=found.form(kind_code).name,
                    substance=found.code,
                    kind=kind_code,
                    unit=unit_code,  # type: ignore[arg-type]  # parsed against UNITS
                )
            quantity = domain.normalise_amount(number, unit_code, product_domain)
        except domain.InvalidDose as exc:
            problems.update(exc.problems)
    elif number is not None and number <= 0:
        # The domain checks the amount with the unit; without a valid unit, still say this.
        problems["amount"] = "must be greater than 0"
    if problems:
        raise InvalidInput(problems)
    assert found is not None and quantity is not None and product_domain is not None and kind_code is not None
    mitragynine, seven_oh, alkaloid_basis = _alkaloids(quantity, product_domain, kind_code)
    values = {
        "substance": found.code,
        "kind": kind_code,
        "product": product_row,
        "product_name": product_row.name if product_row is not None else "",
        "amount": number,
        "unit": quantity.unit,
        "amount_mg": _stored(quantity.amount_mg),
        "is_approximate": quantity.is_approximate,
        "basis": quantity.basis,
        "measures": quantity.measures,
        "mitragynine_mg": _stored(mitragynine),
        "seven_oh_mg": _stored(seven_oh),
        "alkaloid_basis": alkaloid_basis,
        "route": route_code,
        "taken_at": when,
        "taken_on": domain.local_day(when, person.time_zone),
        "note": text.strip(),
    }
    return DoseValues(values, product_row)


def _alkaloids(
    quantity: domain.Quantity, product: domain.Product, kind: str
) -> tuple[Decimal | None, Decimal | None, str]:
    """Return estimated (mitragynine mg, 7-OH mg, basis) where the product's content is known."""
    if quantity.amount_mg is None:
        return None, None, ""
    if kind == "concentrated_7oh" and quantity.measures == "labelled 7-OH":
        return (
            None,
            quantity.amount_mg,
            f"labelled 7-OH: {domain.format_amount(quantity.amount_mg)} mg as on the label",
        )
    if product.mitragynine_pct is None and product.seven_oh_pct is None:
        return None, None, ""
    estimate = domain.estimate_alkaloids(quantity.amount_mg, product.mitragynine_pct, product.seven_oh_pct)
    return estimate.mitragynine_mg, estimate.seven_oh_mg, estimate.basis


@transaction.atomic
def record_dose(
    *,
    actor: Any,
    person: Any,
    substance: Any,
    amount: Any,
    now: datetime,
    unit: Any = None,
    product: Any = None,
    kind: Any = None,
    route: Any = None,
    taken_at: Any = None,
    note: Any = "",
) -> Dose:
    """Validate and store one dose about `person`, logged by them or by their clinician.

    See validate_dose for the arguments. Nothing is stored if anything is invalid.
    """
    if actor.pk != person.pk:
        if not getattr(actor, "is_clinician", False):
            raise NotAllowed("only the person or their clinician logs a dose")
        require_view_person(actor, person, action="record_dose", target="dose")
    checked = validate_dose(
        person=person,
        substance=substance,
        amount=amount,
        unit=unit,
        now=now,
        product=product,
        kind=kind,
        route=route,
        taken_at=taken_at,
        note=note,
    )
    dose = Dose.objects.create(person=person, created_by=actor, created_at=now, **checked.values)
    # Rules run after every new dose (co-use, 7-OH, amounts above plan), like after an assessment.
    run_safety(person, now=max(now, dose.taken_at))
    return dose


def _snapshot(dose: Dose) -> dict[str, Any]:
    def text(value: Any) -> Any:
        if isinstance(value, Decimal):
            return domain.format_amount(value)
        if isinstance(value, datetime | date):
            return value.isoformat()
        return value

    names = [
        "substance",
        "kind",
        "product_id",
        "product_name",
        "amount",
        "unit",
        "amount_mg",
        "is_approximate",
        "basis",
        "measures",
        "mitragynine_mg",
        "seven_oh_mg",
        "alkaloid_basis",
        "route",
        "taken_at",
        "taken_on",
        "note",
    ]
    return {name: text(getattr(dose, name)) for name in names}


@transaction.atomic
def edit_dose(*, actor: Any, dose_id: int, now: datetime, **changes: Any) -> Dose:
    """Change a dose, keeping the previous version as a DoseRevision (who, when, what).

    `changes` takes the arguments of record_dose; those left out keep their value. Only
    the person or whoever logged the dose may edit it.
    """
    # Lock only the dose row: the product is a nullable (outer) join that cannot be locked.
    dose = (
        Dose.objects.select_for_update(of=("self",))
        .select_related("person", "product")
        .filter(pk=dose_id)
        .first()
    )
    if dose is None or actor.pk not in (dose.person_id, dose.created_by_id):
        raise NotAllowed("no such dose")
    allowed = {"substance", "amount", "unit", "product", "kind", "route", "taken_at", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput({name: "cannot be changed" for name in sorted(unknown)})
    current = {
        "substance": dose.substance,
        "amount": dose.amount.normalize(),
        "unit": dose.unit,
        "product": dose.product,
        "kind": dose.kind,
        "route": dose.route,
        "taken_at": dose.taken_at,
        "note": dose.note,
    }
    if "product" in changes or "substance" in changes or "unit" in changes:
        # A new product or substance may need another form: let it be worked out again.
        current["kind"] = None
    merged = {**current, **changes}
    checked = validate_dose(person=dose.person, now=now, **merged)
    DoseRevision.objects.create(
        dose=dose, revision=dose.revision, values=_snapshot(dose), changed_by=actor, changed_at=now
    )
    for name, value in checked.values.items():
        setattr(dose, name, value)
    dose.revision += 1
    dose.save()
    return dose


def delete_dose(*, actor: Any, dose_id: int) -> None:
    """Delete a dose for good; only the person it is about may (the owner's deletions are real)."""
    deleted, _ = Dose.objects.filter(pk=dose_id, person_id=actor.pk).delete()
    if not deleted:
        raise NotAllowed("no such dose")


def get_dose(*, viewer: Any, dose_id: int) -> Dose:
    """Return one dose the viewer may see; raise NotAllowed otherwise (also when absent)."""
    dose = Dose.objects.select_related("person", "product").filter(pk=dose_id).first()
    if dose is None:
        raise NotAllowed("no such dose")
    require_view_person(viewer, dose.person, action="view_doses", target=f"dose {dose.pk}")
    return dose


def list_doses(
    *,
    viewer: Any,
    person: Any,
    date_from: date | None = None,
    date_to: date | None = None,
    substance: str | None = None,
) -> QuerySet[Dose]:
    """Return a person's doses, newest first, filtered by local day range and substance."""
    require_view_person(viewer, person, action="view_doses", target="dose log")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput({"from": "must be on or before 'to'"})
    rows = Dose.objects.filter(person=person).select_related("product")
    if substance:
        problems: dict[str, str] = {}
        found = find_substance(substance, "substance", problems)
        if found is None:
            raise InvalidInput(problems)
        rows = rows.filter(substance=found.code)
    if date_from:
        rows = rows.filter(taken_on__gte=date_from)
    if date_to:
        rows = rows.filter(taken_on__lte=date_to)
    return rows


def _domain_dose(row: Dose) -> domain.Dose:
    quantity = domain.Quantity(
        amount=row.amount.normalize(),
        unit=row.unit,  # type: ignore[arg-type]  # validated when stored
        amount_mg=None if row.amount_mg is None else row.amount_mg.normalize(),
        is_approximate=row.is_approximate,
        basis=row.basis,
        measures=row.measures,
    )
    return domain.Dose(substance=row.substance, taken_at=row.taken_at, quantity=quantity)


@dataclass
class DayTotal:
    """One substance on one local day, with estimated alkaloids where a product's content is known.

    `alkaloid_doses` says how many of `total.dose_count` doses had an estimate; the
    estimate covers only those.
    """

    total: domain.DailyTotal
    name: str
    mitragynine_mg: Decimal | None = None
    seven_oh_mg: Decimal | None = None
    alkaloid_doses: int = 0
    alkaloid_basis: list[str] = field(default_factory=list)

    @property
    def amount_text(self) -> str:
        """Return the day's amount in words: '5 g (approximate)', '4 capsules', or the logged sums."""
        t = self.total
        parts = []
        if t.amount_mg is not None:
            mg = t.amount_mg
            mass = f"{domain.format_amount(mg / 1000)} g" if mg >= 1000 else f"{domain.format_amount(mg)} mg"
            mass += " (approximate)" if t.is_approximate else ""
            if t.unconverted_count:
                mass += f" + {t.unconverted_count} dose{'s' if t.unconverted_count != 1 else ''} with no mass"
            parts.append(mass)
        logged = ", ".join(f"{domain.format_amount(v)} {u}" for u, v in t.by_unit.items())
        if not parts or set(t.by_unit) - {"g", "mg", "mcg"}:
            parts.append(("logged: " if parts else "") + logged)
        return "; ".join(parts)


def daily_totals(
    *,
    viewer: Any,
    person: Any,
    date_from: date | None = None,
    date_to: date | None = None,
    substance: str | None = None,
) -> list[DayTotal]:
    """Total the person's doses by local day and substance (newest day first).

    Days are the person's local days in their IANA zone (easeoff.domain.doses.daily_totals).
    Estimated mitragynine and 7-OH are summed from the doses that had one, with their bases.
    """
    rows = list(
        list_doses(viewer=viewer, person=person, date_from=date_from, date_to=date_to, substance=substance)
    )
    zone = person.time_zone
    totals = domain.daily_totals([_domain_dose(r) for r in rows], zone)
    names = {code: name for code, name, _ in substance_choices()}
    out: dict[tuple[date, str], DayTotal] = {
        key: DayTotal(total=value, name=names.get(key[1], key[1])) for key, value in totals.items()
    }
    for row in rows:
        day = out[(domain.local_day(row.taken_at, zone), row.substance)]
        if row.mitragynine_mg is None and row.seven_oh_mg is None:
            continue
        day.alkaloid_doses += 1
        if row.mitragynine_mg is not None:
            day.mitragynine_mg = (day.mitragynine_mg or Decimal(0)) + row.mitragynine_mg.normalize()
        if row.seven_oh_mg is not None:
            day.seven_oh_mg = (day.seven_oh_mg or Decimal(0)) + row.seven_oh_mg.normalize()
        if row.alkaloid_basis and row.alkaloid_basis not in day.alkaloid_basis:
            day.alkaloid_basis.append(row.alkaloid_basis)
    return sorted(out.values(), key=lambda d: (d.total.on, d.name), reverse=True)


def daily_amounts(
    *,
    person: Any,
    substance: str,
    unit: str,
    date_from: date,
    date_to: date,
    mg_per_unit: Decimal | None = None,
) -> tuple[dict[date, Decimal], list[str]]:
    """Return the person's daily amounts of one substance in `unit`, for plan-versus-actual.

    A day whose doses cannot be stated in `unit` (e.g. ml of tea against a plan in grams)
    is left out and named in the notes. `mg_per_unit` converts masses to a count unit
    (mg of leaf per capsule). Callers check access.
    """
    rows = Dose.objects.filter(
        person=person,
        substance=substance,
        taken_on__gte=date_from - timedelta(days=1),
        taken_on__lte=date_to + timedelta(days=1),
    )
    totals = domain.daily_totals([_domain_dose(r) for r in rows], person.time_zone)
    amounts: dict[date, Decimal] = {}
    notes: list[str] = []
    for (day, _), total in totals.items():
        if not date_from <= day <= date_to:
            continue
        value = total.in_unit(unit)
        if value is None and mg_per_unit and total.amount_mg is not None and not total.unconverted_count:
            value = total.amount_mg / mg_per_unit
        if value is None:
            notes.append(f"{day.isoformat()}: doses logged in units that cannot be stated in {unit}")
            continue
        amounts[day] = value.normalize()
    return amounts, notes


@functools.cache
def _substance_categories() -> dict[str, str]:
    return {code: category for code, _, category in substance_choices()}


def dose_records_for_safety(person: Any, *, since: datetime, now: datetime) -> tuple[DoseRecord, ...]:
    """Return the person's doses as the safety rules read them (for SafetyContext.doses).

    One raw query: this runs after every assessment, dose and journal entry (see
    `easeoff.services.safety.build_context`).
    """
    categories = _substance_categories()
    adapt = connection.ops.adapt_datetimefield_value
    rows = fetch(
        "SELECT substance, kind, taken_at, amount_mg, taken_on FROM doses_dose"
        " WHERE person_id = %s AND taken_at >= %s AND taken_at <= %s ORDER BY taken_at, id",
        [person.pk, adapt(since), adapt(now)],
    )
    return tuple(
        DoseRecord(
            substance=substance,
            category=categories.get(substance, ""),
            taken_at=aware(taken_at),
            amount_mg=None if amount_mg is None else float(amount_mg),
            is_7oh_product=kind == "concentrated_7oh",
            taken_on=taken_on if isinstance(taken_on, date) else date.fromisoformat(str(taken_on)),
        )
        for substance, kind, taken_at, amount_mg, taken_on in rows
    )


# --- withdrawal timeline ------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneView:
    name: str
    text: str
    status: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    """Where a person is on the expected withdrawal course, with their own scores.

    `day` counts local midnights in the person's zone since the last use (day 0 is the
    day of last use); `phase` places the elapsed hours on the course. `basis` says where
    the last use came from (a logged dose, or as given).
    """

    course: Course
    last_use_at: datetime
    basis: str
    day: int
    phase: PhaseReport
    milestones: tuple[MilestoneView, ...]
    notes: tuple[str, ...]
    scores: tuple[Assessment, ...]
    now: datetime


def last_opioid_dose(person: Any, *, now: datetime) -> Dose | None:
    """Return the person's most recent dose of an opioid taken by `now`, or None."""
    opioids = [code for code, _, category in substance_choices() if category == "opioid"]
    return (
        Dose.objects.filter(person=person, substance__in=opioids, taken_at__lte=now)
        .order_by("-taken_at")
        .first()
    )


def withdrawal_timeline(
    *,
    viewer: Any,
    person: Any,
    now: datetime,
    last_use_at: datetime | None = None,
    opioid_class: str | None = None,
    substance: str | None = None,
) -> Timeline | None:
    """Return the person's place on the expected withdrawal course, or None with nothing to go on.

    `last_use_at` (aware) and `opioid_class` (a course key: short_acting, long_acting,
    buprenorphine, fentanyl, kratom) or `substance` (a catalogue code) may be given, e.g.
    from the person's profile; whatever is missing comes from their most recent opioid dose.
    """
    require_view_person(viewer, person, action="view_timeline", target="withdrawal timeline")
    problems: dict[str, str] = {}
    course_key = opioid_class or None
    if course_key is not None:
        try:
            withdrawal_course(course_key)
        except ValueError as exc:
            problems["opioid_class"] = str(exc)
    named: Substance | None = None
    if substance:
        named = find_substance(substance, "substance", problems)
        if named is not None and course_key is None:
            course_key = course_key_for(named)
            if course_key is None:
                problems["substance"] = (
                    f"{named.name} is not an opioid or kratom: it has no withdrawal course"
                )
    if last_use_at is not None and (last_use_at.tzinfo is None or last_use_at > now):
        problems["last_use_at"] = "must be a time with its offset, not in the future"
    if problems:
        raise InvalidInput(problems)
    basis = "as given"
    if last_use_at is None or course_key is None:
        dose = last_opioid_dose(person, now=now)
        if dose is None:
            if last_use_at is None or course_key is None:
                return None
        else:
            logged = get_substance(dose.substance)
            if last_use_at is None:
                last_use_at = dose.taken_at
                basis = f"your most recent logged dose of {logged.name.lower()}"
            if course_key is None:
                course_key = course_key_for(logged, dose.kind)
    assert last_use_at is not None and course_key is not None
    course = withdrawal_course(course_key)
    milestones = tuple(
        MilestoneView(
            name=name,
            text=m.text,
            status=str(m.status),
            sources=tuple(SOURCES.get(key, key) for key in m.sources),
        )
        for name, m in (
            ("Onset", course.onset),
            ("Peak", course.peak),
            ("End of acute withdrawal", course.acute_end),
        )
    )
    scores = tuple(
        Assessment.objects.filter(
            person=person,
            instrument_code__in=WITHDRAWAL_INSTRUMENTS,
            taken_at__gte=last_use_at - timedelta(days=1),
            taken_at__lte=now,
        ).order_by("taken_at")
    )
    zone = ZoneInfo(person.time_zone)
    return Timeline(
        course=course,
        last_use_at=last_use_at,
        basis=basis,
        day=day_n(last_use_at, zone, now),
        phase=phase(course, last_use_at, zone, now),
        milestones=milestones,
        notes=course.notes,
        scores=scores,
        now=now,
    )


# --- JSON shapes shared by the API and `easeoff dose list --json` ---------------------------


def json_number(value: Decimal | None) -> int | float | None:
    """Return a Decimal as a JSON number (exact for the amounts easeoff stores); None stays None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(domain.format_amount(value))


def dose_public(row: Dose) -> dict[str, Any]:
    """Return a dose as JSON-ready data (times ISO 8601, taken_at in UTC)."""
    return {
        "id": row.pk,
        "substance": row.substance,
        "kind": row.kind,
        "product": row.product_id,
        "product_name": row.product_name,
        "amount": json_number(row.amount),
        "unit": row.unit,
        "amount_mg": json_number(row.amount_mg),
        "is_approximate": row.is_approximate,
        "basis": row.basis,
        "measures": row.measures,
        "mitragynine_mg": json_number(row.mitragynine_mg),
        "seven_oh_mg": json_number(row.seven_oh_mg),
        "alkaloid_basis": row.alkaloid_basis,
        "route": row.route,
        "taken_at": row.taken_at.isoformat(),
        "taken_on": row.taken_on.isoformat(),
        "note": row.note,
        "revision": row.revision,
    }


def total_public(day: DayTotal) -> dict[str, Any]:
    """Return one day's total of one substance as JSON-ready data; alkaloids are estimates."""
    t = day.total
    return {
        "on": t.on.isoformat(),
        "substance": t.substance,
        "name": day.name,
        "dose_count": t.dose_count,
        "amount_mg": json_number(t.amount_mg),
        "is_approximate": t.is_approximate,
        "unconverted_count": t.unconverted_count,
        "by_unit": {unit: json_number(value) for unit, value in t.by_unit.items()},
        "text": day.amount_text,
        "mitragynine_mg": json_number(day.mitragynine_mg),
        "seven_oh_mg": json_number(day.seven_oh_mg),
        "alkaloid_doses": day.alkaloid_doses,
        "alkaloid_basis": day.alkaloid_basis,
    }
