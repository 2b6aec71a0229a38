"""Import an easeoff export (schema "easeoff.export", version 1) into a person's account.

The person imports their own records (profile, products, assessments with their earlier
versions, journal entries, doses with their earlier versions, taper plans), for example
from a personal install into a clinic's. Records made by or about other accounts
(clinician notes, reports, grants, invitations, audit events, API tokens) and flags (the
safety rules raise them again here) are skipped, and the result says how many.

Matching is on natural keys: a product by name, an assessment by instrument + taken_at, a
journal entry by written_at + text, a dose by substance + taken_at, a taper plan by
substance + created_at. A record already stored with the same content is "already
present" (importing a file twice stores nothing new). The same key with different content
is a conflict: reported with the fields that differ, and never overwritten.

Conflict policy: by default a file with any conflict stores nothing (the result lists the
conflicts); with keep_existing=True the other records are imported and the stored ones
win. A file that fails validation (not JSON, wrong schema or version, a bad record) raises
InvalidInput naming the problem, and nothing of it is stored. See docs/export.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.export import SCHEMA, VERSION

# Sections that hold records made by or about other accounts, or derived here again.
SKIPPED_SECTIONS = {
    "flags": "raised again by this easeoff's safety rules",
    "clinician_notes": "written by clinicians",
    "reports": "made by clinicians",
    "grants": "sharing is set up again in this easeoff",
    "invitations": "sharing is set up again in this easeoff",
    "audit_events": "kept by the easeoff where they happened",
    "api_tokens": "secrets are never exported",
}
IMPORTED_OTHER = {"doses.Product", "doses.Dose", "doses.DoseRevision", "doses.TaperPlan"}


@dataclass
class Conflict:
    kind: str
    key: str
    fields: list[str]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: differs in {', '.join(self.fields)}"


@dataclass
class ImportResult:
    imported: dict[str, int] = field(default_factory=dict)
    already_present: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    stored: bool = True

    @property
    def imported_total(self) -> int:
        return sum(self.imported.values())

    @property
    def present_total(self) -> int:
        return sum(self.already_present.values())

    def summary(self) -> str:
        return (
            f"imported {self.imported_total}, already present {self.present_total}, "
            f"conflicts {len(self.conflicts)}"
        )


# --- reading values ---------------------------------------------------------------------------


class _Reader:
    """Reads fields of one record, collecting problems as "where.field: message"."""

    def __init__(self, row: Any, where: str, problems: dict[str, str]) -> None:
        if not isinstance(row, dict):
            problems[where] = "must be an object"
            row = {}
        self.row, self.where, self.problems = row, where, problems

    def fail(self, name: str, message: str) -> None:
        self.problems.setdefault(f"{self.where}.{name}", message)

    def get(self, name: str, kind: str, *, null: bool = False, default: Any = ...) -> Any:
        if name not in self.row:
            if default is not ...:
                return default
            self.fail(name, "missing")
            return None
        value = self.row[name]
        if value is None:
            if not null:
                self.fail(name, "must not be null")
            return None
        try:
            return _convert(value, kind)
        except (ValueError, TypeError, InvalidOperation):
            self.fail(name, f"expected {kind}, got {value!r}")
            return None


def _convert(value: Any, kind: str) -> Any:
    if kind == "str":
        if not isinstance(value, str):
            raise TypeError
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError
        return value
    if kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise TypeError
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValueError
        return number
    if kind == "instant":
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        if moment.tzinfo is None:
            raise ValueError
        return moment
    if kind == "day":
        return date.fromisoformat(str(value))
    if kind == "list":
        if not isinstance(value, list):
            raise TypeError
        return value
    if kind == "object":
        if not isinstance(value, dict):
            raise TypeError
        return value
    if kind == "json":
        return value
    raise AssertionError(kind)


def parse_export(text: str) -> dict[str, Any]:
    """Parse an export and check its schema and version; raise InvalidInput naming the problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput({"file": f"not valid JSON ({exc.msg} at line {exc.lineno})"}) from None
    if not isinstance(data, dict):
        raise InvalidInput({"file": "expected a JSON object (an easeoff export)"})
    if data.get("schema") != SCHEMA:
        raise InvalidInput({"schema": f"expected {SCHEMA!r}, got {data.get('schema')!r}"})
    version = data.get("version")
    if version != VERSION:
        raise InvalidInput({"version": f"{version} is not supported; this easeoff reads version {VERSION}"})
    return data


# --- comparing ---------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return a is not None and b is not None and Decimal(str(a)) == Decimal(str(b))
        except InvalidOperation:
            return False
    return bool(a == b)


def _differences(stored: Any, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if not _same(getattr(stored, name), value)]


# --- the import --------------------------------------------------------------------------------


def import_export(
    *, actor: Any, person: Any, text: str, now: datetime, keep_existing: bool = False
) -> ImportResult:
    """Import an export into `person`'s records (the person themself imports); see the module doc."""
    if actor is None or person is None or actor.pk != person.pk:
        raise NotAllowed("only the person imports their own records")
    data = parse_export(text)
    result = ImportResult()
    for name, reason in SKIPPED_SECTIONS.items():
        rows = data.get(name)
        if isinstance(rows, list) and rows:
            result.skipped[name] = f"{len(rows)} not imported ({reason})"
    other = data.get("other_records") or {}
    if not isinstance(other, dict):
        raise InvalidInput({"other_records": "must be an object"})
    for label, rows in other.items():
        if label not in IMPORTED_OTHER and isinstance(rows, list) and rows:
            result.skipped[label] = f"{len(rows)} not imported (not a kind of record easeoff imports yet)"
    with transaction.atomic():
        _Import(data, other, person, now, result).run()
        if result.conflicts and not keep_existing:
            transaction.set_rollback(True)
            result.stored = False
            result.imported = {}
        elif result.imported_total:
            from easeoff.services.safety import run_safety

            run_safety(person, now=now)  # flags are raised here again, from the imported records
    return result


class _Import:
    def __init__(
        self, data: dict[str, Any], other: dict[str, Any], person: Any, now: datetime, result: ImportResult
    ):
        self.data, self.other, self.person, self.now, self.result = data, other, person, now, result
        self.source_user = (
            (data.get("account") or {}).get("username") if isinstance(data.get("account"), dict) else None
        )
        self.products: dict[Any, Any] = {}  # id in the file -> Product here
        self.doses: dict[Any, Any] = {}
        self.plans: dict[Any, Any] = {}

    def rows(self, name: str, *, other_label: str | None = None) -> list[Any]:
        rows = self.other.get(other_label, []) if other_label else self.data.get(name, [])
        if rows is None:
            return []
        if not isinstance(rows, list):
            raise InvalidInput({other_label or name: "must be a list"})
        return rows

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    def outcome(self, kind: str, key: str, stored: Any, values: dict[str, Any]) -> bool:
        """Count a matched record; return True if it is new (the caller creates it)."""
        if stored is None:
            self.count(self.result.imported, kind)
            return True
        differing = _differences(stored, values)
        if differing:
            self.result.conflicts.append(Conflict(kind, key, differing))
        else:
            self.count(self.result.already_present, kind)
        return False

    def user_ref(self, username: Any) -> Any:
        """Who made a record: the person if it was the person in the file, else nobody here."""
        return self.person if username is not None and username == self.source_user else None

    def run(self) -> None:
        self.profile()
        self.import_products()
        self.import_assessments()
        self.import_journal()
        self.import_doses()
        self.import_plans()

    # profile: fills what is not set here; a set value that differs is a conflict
    def profile(self) -> None:
        from easeoff.services.profile import FIELDS, profile_public, update_profile

        raw = self.data.get("profile")
        if raw is None:
            return
        if not isinstance(raw, dict):
            raise InvalidInput({"profile": "must be an object"})
        current = profile_public(self.person)
        changes: dict[str, Any] = {}
        differing: list[str] = []
        for name, value in raw.items():
            if name == "last_used_at" and value is not None:
                try:
                    value = _convert(value, "instant")
                except (ValueError, TypeError):
                    raise InvalidInput({"profile.last_used_at": f"expected instant, got {value!r}"}) from None
            if name not in FIELDS or name == "research_consent_at" or _same(current.get(name), value):
                continue
            if name == "research_consent":
                # Consent to research is given in this easeoff, never carried over.
                continue
            if current.get(name) in (None, "", [], "UTC"):
                changes[name] = value
            else:
                differing.append(name)
        if changes:
            try:
                update_profile(user=self.person, changes=changes, now=self.now)
            except InvalidInput as exc:
                raise InvalidInput({f"profile.{k}": v for k, v in exc.problems.items()}) from None
        if differing:
            self.result.conflicts.append(Conflict("profile", self.person.username, differing))
        elif changes:
            self.count(self.result.imported, "profile")
        else:
            self.count(self.result.already_present, "profile")

    def import_products(self) -> None:
        from easeoff.web.doses.models import Product

        problems: dict[str, str] = {}
        for index, row in enumerate(self.rows("products", other_label="doses.Product")):
            where = f"doses.Product[{index}]"
            r = _Reader(row, where, problems)
            values = {
                "substance": r.get("substance", "str"),
                "kind": r.get("kind", "str"),
                "unit": r.get("unit", "str"),
                "mg_per_unit": r.get("mg_per_unit", "decimal", null=True),
                "mitragynine_pct": r.get("mitragynine_pct", "decimal", null=True),
                "seven_oh_pct": r.get("seven_oh_pct", "decimal", null=True),
                "measurable_step": r.get("measurable_step", "decimal", null=True),
            }
            name = r.get("name", "str")
            created_at = r.get("created_at", "instant")
            if problems:
                continue
            if not name.strip() or len(name) > 100:
                r.fail("name", "must be 1 to 100 characters")
                continue
            stored = Product.objects.filter(person=self.person, name=name).first()
            if self.outcome("products", repr(name), stored, values):
                stored = Product.objects.create(
                    person=self.person, name=name, created_at=created_at, **values
                )
            self.products[row.get("id")] = stored
        if problems:
            raise InvalidInput(problems)

    def import_assessments(self) -> None:
        from easeoff.services.scoring import score_answers
        from easeoff.web.tracking.models import Assessment, AssessmentRevision

        problems: dict[str, str] = {}
        for index, row in enumerate(self.rows("assessments")):
            where = f"assessments[{index}]"
            r = _Reader(row, where, problems)
            code = r.get("instrument", "str")
            taken_at = r.get("taken_at", "instant")
            values = {
                "instrument_version": r.get("instrument_version", "str"),
                "variant": r.get("variant", "str"),
                "answers": r.get("answers", "object"),
                "total": r.get("total", "int"),
                "band": r.get("band", "str", null=True) or "",
                "flags": r.get("flags", "list"),
                "taken_on": r.get("taken_on", "day"),
                "revision": r.get("revision", "int", default=1),
            }
            history = r.get("previous_versions", "list", default=[])
            if any(key.startswith(where) for key in problems):
                continue
            try:
                scored = score_answers(code, values["answers"], variant=values["variant"])
            except InvalidInput as exc:
                for item, message in exc.problems.items():
                    problems[f"{where}.answers.{item}"] = message
                continue
            if taken_at > self.now:
                r.fail("taken_at", "is in the future")
            if scored.total != values["total"]:
                r.fail("total", f"is {values['total']} but the answers score {scored.total}")
            band = scored.band.label if scored.band else ""
            if band != values["band"]:
                r.fail("band", f"is {values['band']!r} but the answers give {band!r}")
            if any(key.startswith(where) for key in problems):
                continue
            stored = Assessment.objects.filter(
                person=self.person, instrument_code=code, taken_at=taken_at
            ).first()
            key = f"{code} taken at {taken_at.isoformat()}"
            if not self.outcome("assessments", key, stored, values):
                continue
            made = Assessment.objects.create(
                person=self.person,
                administered_by=self.person if row.get("administered_by") is None else None,
                instrument_code=code,
                taken_at=taken_at,
                **values,
            )
            for number, old in enumerate(history):
                o = _Reader(old, f"{where}.previous_versions[{number}]", problems)
                fields = {
                    "revision": o.get("revision", "int"),
                    "answers": o.get("answers", "object"),
                    "total": o.get("total", "int"),
                    "band": o.get("band", "str", null=True) or "",
                    "flags": o.get("flags", "list"),
                    "taken_at": o.get("taken_at", "instant"),
                    "changed_at": o.get("changed_at", "instant"),
                }
                if not any(k.startswith(o.where) for k in problems):
                    AssessmentRevision.objects.create(assessment=made, **fields)
        if problems:
            raise InvalidInput(problems)

    def import_journal(self) -> None:
        from easeoff.nlp import extract
        from easeoff.web.tracking.models import JournalEntry

        problems: dict[str, str] = {}
        for index, row in enumerate(self.rows("journal_entries")):
            r = _Reader(row, f"journal_entries[{index}]", problems)
            text = r.get("text", "str")
            written_at = r.get("written_at", "instant")
            values = {
                "written_on": r.get("written_on", "day"),
                "extraction": r.get("extraction", "object", default={}),
                "cues": r.get("cues", "list", default=[]),
            }
            if problems:
                continue
            if not text.strip():
                r.fail("text", "must not be empty")
                continue
            stored = JournalEntry.objects.filter(person=self.person, written_at=written_at, text=text).first()
            if self.outcome("journal_entries", f"written at {written_at.isoformat()}", stored, values):
                highlights = [list(h) for h in extract(text).highlights()]
                JournalEntry.objects.create(
                    person=self.person, text=text, written_at=written_at, highlights=highlights, **values
                )
        if problems:
            raise InvalidInput(problems)

    def import_doses(self) -> None:
        from easeoff.web.doses.models import Dose, DoseRevision, Route

        problems: dict[str, str] = {}
        for index, row in enumerate(self.rows("doses", other_label="doses.Dose")):
            where = f"doses.Dose[{index}]"
            r = _Reader(row, where, problems)
            substance = r.get("substance", "str")
            taken_at = r.get("taken_at", "instant")
            values = {
                "kind": r.get("kind", "str"),
                "product_name": r.get("product_name", "str", default=""),
                "amount": r.get("amount", "decimal"),
                "unit": r.get("unit", "str"),
                "amount_mg": r.get("amount_mg", "decimal", null=True),
                "is_approximate": r.get("is_approximate", "bool", default=False),
                "basis": r.get("basis", "str", default=""),
                "measures": r.get("measures", "str", default=""),
                "mitragynine_mg": r.get("mitragynine_mg", "decimal", null=True),
                "seven_oh_mg": r.get("seven_oh_mg", "decimal", null=True),
                "alkaloid_basis": r.get("alkaloid_basis", "str", default=""),
                "route": r.get("route", "str", default=Route.ORAL),
                "taken_on": r.get("taken_on", "day"),
                "note": r.get("note", "str", default=""),
                "revision": r.get("revision", "int", default=1),
            }
            created_at = r.get("created_at", "instant")
            if any(k.startswith(where) for k in problems):
                continue
            if values["amount"] <= 0:
                r.fail("amount", "must be more than 0")
            if values["route"] not in Route.values:
                r.fail("route", f"{values['route']!r} is not one of {', '.join(Route.values)}")
            if taken_at > self.now:
                r.fail("taken_at", "is in the future")
            if any(k.startswith(where) for k in problems):
                continue
            stored = Dose.objects.filter(person=self.person, substance=substance, taken_at=taken_at).first()
            if self.outcome("doses", f"{substance} taken at {taken_at.isoformat()}", stored, values):
                stored = Dose.objects.create(
                    person=self.person,
                    substance=substance,
                    taken_at=taken_at,
                    product=self.products.get(row.get("product_id")),
                    created_by=self.user_ref(row.get("created_by")),
                    created_at=created_at,
                    **values,
                )
                self.doses[row.get("id")] = stored
        for index, row in enumerate(self.rows("dose_revisions", other_label="doses.DoseRevision")):
            r = _Reader(row, f"doses.DoseRevision[{index}]", problems)
            dose = self.doses.get(row.get("dose_id"))
            revision, changed_at = r.get("revision", "int"), r.get("changed_at", "instant")
            old = r.get("values", "object")
            if dose is None or problems:
                continue  # its dose was already present here (its history with it)
            DoseRevision.objects.create(
                dose=dose,
                revision=revision,
                values=old,
                changed_at=changed_at,
                changed_by=self.user_ref(row.get("changed_by")),
            )
        if problems:
            raise InvalidInput(problems)

    def import_plans(self) -> None:
        from easeoff.web.doses.models import TaperPlan, TaperStatus

        problems: dict[str, str] = {}
        superseded: list[tuple[Any, Any]] = []
        for index, row in enumerate(self.rows("taper_plans", other_label="doses.TaperPlan")):
            where = f"doses.TaperPlan[{index}]"
            r = _Reader(row, where, problems)
            substance = r.get("substance", "str")
            created_at = r.get("created_at", "instant")
            values = {
                "unit": r.get("unit", "str"),
                "product_name": r.get("product_name", "str", default=""),
                "start_per_day": r.get("start_per_day", "decimal"),
                "reduction_kind": r.get("reduction_kind", "str"),
                "reduction_value": r.get("reduction_value", "decimal"),
                "interval_days": r.get("interval_days", "int"),
                "floor": r.get("floor", "decimal"),
                "rounding_step": r.get("rounding_step", "decimal"),
                "after_floor": r.get("after_floor", "str"),
                "floor_days": r.get("floor_days", "int", null=True),
                "hold_instrument": r.get("hold_instrument", "str", default=""),
                "hold_threshold": r.get("hold_threshold", "int", null=True, default=None),
                "hold_consecutive": r.get("hold_consecutive", "int", null=True, default=None),
                "hold_window_days": r.get("hold_window_days", "int", null=True, default=None),
                "hold_threshold_basis": r.get("hold_threshold_basis", "str", default=""),
                "hold_threshold_is_convention": r.get("hold_threshold_is_convention", "bool", default=True),
                "start_on": r.get("start_on", "day"),
                "steps": r.get("steps", "list"),
                "status": r.get("status", "str"),
                "approved_at": r.get("approved_at", "instant", null=True, default=None),
                "superseded_at": r.get("superseded_at", "instant", null=True, default=None),
            }
            if any(k.startswith(where) for k in problems):
                continue
            if values["reduction_kind"] not in ("percent", "fixed"):
                r.fail("reduction_kind", "must be 'percent' or 'fixed'")
            if values["status"] not in TaperStatus.values:
                r.fail("status", f"must be one of {', '.join(TaperStatus.values)}")
            if any(k.startswith(where) for k in problems):
                continue
            stored = TaperPlan.objects.filter(
                person=self.person, substance=substance, created_at=created_at
            ).first()
            if self.outcome("taper_plans", f"{substance} made at {created_at.isoformat()}", stored, values):
                stored = TaperPlan.objects.create(
                    person=self.person,
                    substance=substance,
                    created_at=created_at,
                    product=self.products.get(row.get("product_id")),
                    created_by=self.user_ref(row.get("created_by")),
                    approved_by=self.user_ref(row.get("approved_by")),
                    **values,
                )
                if row.get("superseded_by_id") is not None:
                    superseded.append((stored, row.get("superseded_by_id")))
            self.plans[row.get("id")] = stored
        if problems:
            raise InvalidInput(problems)
        for plan, newer in superseded:
            plan.superseded_by = self.plans.get(newer)
            plan.save(update_fields=["superseded_by"])
