"""Substances and their forms: the catalogue a dose can be logged against.

The catalogue is data, `easeoff/knowledge/substances.toml`, read with tomllib and
validated here when first loaded. Every substance, form, content range and CYP note
names its sources; a key that is not defined in the file's `[sources]` table, a
missing field, an unknown unit or category fails the load with every problem listed.

Safety rules read `Substance.category`, the `is_*` flags and `Substance.cyp`.
The timeline reads `Substance.opioid_class` (or a form's override, e.g. extended-release
oxycodone is long-acting).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Literal, cast, get_args

Category = Literal["kratom", "opioid", "withdrawal_medication", "cns_depressant"]
OpioidClass = Literal["short_acting", "long_acting", "buprenorphine", "fentanyl"]
Enzyme = Literal["CYP3A4", "CYP2D6"]
CypRole = Literal["substrate", "inhibitor"]
Evidence = Literal["clinical", "in_vitro", "animal", "inference"]

# The units a dose can be logged in. Their conversions live in easeoff.domain.doses.
Unit = Literal["g", "mg", "mcg", "capsules", "tablets", "ml", "drops", "tsp", "tbsp", "drinks"]

CATEGORIES: tuple[str, ...] = get_args(Category)
OPIOID_CLASSES: tuple[str, ...] = get_args(OpioidClass)
ENZYMES: tuple[str, ...] = get_args(Enzyme)
CYP_ROLES: tuple[str, ...] = get_args(CypRole)
EVIDENCE_LEVELS: tuple[str, ...] = get_args(Evidence)
UNIT_CODES: tuple[str, ...] = get_args(Unit)

# The kratom product kinds the dose log distinguishes (the issue names these six).
KRATOM_PRODUCT_KINDS = ("leaf_powder", "capsules", "extract", "liquid_shot", "tea", "concentrated_7oh")


class CatalogueError(ValueError):
    """The substance catalogue failed validation; `problems` lists every fault."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid substance catalogue:\n  " + "\n  ".join(problems))


class UnknownSubstance(LookupError):
    """No substance has this code."""


@dataclass(frozen=True)
class Source:
    """A cited source: `research` says where the research notes recorded it."""

    key: str
    citation: str
    url: str | None
    certainty: str
    research: str


@dataclass(frozen=True)
class ContentRange:
    """An alkaloid's content as percent w/w of the product material.

    `low_pct`/`high_pct` bound what was measured; `typical_*` is the central range
    where the research gives one. A `None` bound is unknown (e.g. extracts: only a
    maximum was seen).
    """

    low_pct: Decimal | None
    high_pct: Decimal | None
    typical_low_pct: Decimal | None
    typical_high_pct: Decimal | None
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class ProductKind:
    """A form a substance is taken in, with the units a dose of it may be logged in.

    For kratom these are the product kinds (leaf powder, capsules, extract, ...) with
    their typical alkaloid content. `measures` says what a logged mass is a mass of.
    `log_by_label` means content varies too much for a typical value: use the label.
    `g_per_tsp` is an approximate spoon conversion, with its basis, where one is used.
    `opioid_class`, when set, overrides the substance's class (extended-release forms).
    """

    code: str
    name: str
    units: tuple[Unit, ...]
    measures: str
    sources: tuple[str, ...]
    note: str = ""
    mitragynine: ContentRange | None = None
    seven_oh: ContentRange | None = None
    log_by_label: bool = False
    g_per_tsp: Decimal | None = None
    g_per_tsp_basis: str | None = None
    g_per_tsp_sources: tuple[str, ...] = ()
    opioid_class: OpioidClass | None = None

    def allows(self, unit: str) -> bool:
        """Say whether a dose of this form may be logged in `unit`."""
        return unit in self.units


@dataclass(frozen=True)
class CypNote:
    """One CYP interaction fact: the substance is a `role` of `enzyme`, on `evidence`."""

    enzyme: Enzyme
    role: CypRole
    evidence: Evidence
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Substance:
    """A substance a dose can be logged of, with its forms, flags and CYP notes."""

    code: str
    name: str
    category: Category
    sources: tuple[str, ...]
    forms: tuple[ProductKind, ...]
    note: str = ""
    opioid_class: OpioidClass | None = None
    opioid_class_basis: str | None = None
    is_gabapentinoid: bool = False
    is_alpha2_agonist: bool = False
    is_opioid_antagonist: bool = False
    is_respiratory_depressant: bool = False
    cyp: tuple[CypNote, ...] = ()

    @property
    def product_kinds(self) -> tuple[ProductKind, ...]:
        """Return the forms; for kratom these are its product kinds."""
        return self.forms

    def form(self, code: str) -> ProductKind:
        """Return the form with this code, or raise KeyError naming the allowed codes."""
        for kind in self.forms:
            if kind.code == code:
                return kind
        allowed = ", ".join(k.code for k in self.forms)
        raise KeyError(f"{self.code} has no form {code!r}; allowed: {allowed}")

    def opioid_class_for(self, form: str | None = None) -> OpioidClass | None:
        """Return the opioid class, taking a form's override (e.g. extended-release) into account."""
        if form is not None:
            override = self.form(form).opioid_class
            if override is not None:
                return override
        return self.opioid_class

    def cyp_notes(self, enzyme: Enzyme, role: CypRole | None = None) -> tuple[CypNote, ...]:
        """Return the CYP notes for `enzyme`, optionally only those with `role`."""
        return tuple(n for n in self.cyp if n.enzyme == enzyme and (role is None or n.role == role))

    @property
    def is_cyp3a4_substrate(self) -> bool:
        """True when any note (including a labelled inference) says CYP3A4 metabolises it."""
        return bool(self.cyp_notes("CYP3A4", "substrate"))

    @property
    def is_cyp3a4_inhibitor(self) -> bool:
        """True when any note says it inhibits CYP3A4."""
        return bool(self.cyp_notes("CYP3A4", "inhibitor"))


@dataclass(frozen=True)
class Catalogue:
    """All substances by code, and the sources they cite by key."""

    substances: Mapping[str, Substance]
    sources: Mapping[str, Source]

    def get(self, code: str) -> Substance:
        """Return the substance with `code`, or raise UnknownSubstance listing the codes."""
        try:
            return self.substances[code]
        except KeyError:
            known = ", ".join(sorted(self.substances))
            raise UnknownSubstance(f"unknown substance {code!r}; known: {known}") from None


@cache
def load_catalogue() -> Catalogue:
    """Load and validate the packaged catalogue once; later calls return the same object."""
    text = resources.files("easeoff.knowledge").joinpath("substances.toml").read_text(encoding="utf-8")
    return parse_catalogue(text)


def get_substance(code: str) -> Substance:
    """Return the packaged substance with `code`, or raise UnknownSubstance."""
    return load_catalogue().get(code)


def parse_catalogue(text: str) -> Catalogue:
    """Parse and validate catalogue TOML; raise CatalogueError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError([f"not valid TOML: {exc}"]) from exc
    reader = _Reader()
    sources = reader.sources(data.get("sources"))
    substances: dict[str, Substance] = {}
    raw_substances = data.get("substances")
    if not isinstance(raw_substances, list) or not raw_substances:
        reader.problem("substances: at least one [[substances]] entry is required")
        raw_substances = []
    for i, raw in enumerate(raw_substances):
        substance = reader.substance(raw, f"substances[{i}]")
        if substance is None:
            continue
        if substance.code in substances:
            reader.problem(f"substances[{i}]: duplicate code {substance.code!r}")
        substances[substance.code] = substance
    for where, key in reader.cited:
        if key not in sources:
            reader.problem(f"{where}: source {key!r} is not defined in [sources]")
    if reader.problems:
        raise CatalogueError(reader.problems)
    return Catalogue(substances=substances, sources=sources)


class _Reader:
    """Typed reads from parsed TOML that collect problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.cited: list[tuple[str, str]] = []

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def text(self, raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(f"{where}.{key}: required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}.{key}: must be a non-empty string")
            return None
        return value

    def choice(self, raw: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(raw, key, where)
        if value is not None and value not in allowed:
            self.problem(f"{where}.{key}: {value!r} is not one of {', '.join(allowed)}")
            return None
        return value

    def flag(self, raw: Mapping[str, Any], key: str, where: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{where}.{key}: must be true or false")
            return False
        return value

    def number(self, raw: Mapping[str, Any], key: str, where: str) -> Decimal | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{where}.{key}: must be a number")
            return None
        return Decimal(str(value))

    def source_keys(self, raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = raw.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}.{key}: at least one source key is required")
            return ()
        keys = tuple(cast(list[str], value))
        self.cited.extend((f"{where}.{key}", k) for k in keys)
        return keys

    def sources(self, raw: Any) -> dict[str, Source]:
        if not isinstance(raw, dict) or not raw:
            self.problem("sources: a [sources] table with at least one source is required")
            return {}
        out: dict[str, Source] = {}
        for key, entry in raw.items():
            where = f"sources.{key}"
            if not isinstance(entry, dict):
                self.problem(f"{where}: must be a table")
                continue
            citation = self.text(entry, "citation", where)
            certainty = self.text(entry, "certainty", where)
            research = self.text(entry, "research", where)
            url = self.text(entry, "url", where, required=False)
            if citation and certainty and research:
                out[key] = Source(key=key, citation=citation, url=url, certainty=certainty, research=research)
        return out

    def content(self, raw: Any, where: str) -> ContentRange | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problem(f"{where}: must be a table")
            return None
        values = {
            k: self.number(raw, k, where)
            for k in ("low_pct", "high_pct", "typical_low_pct", "typical_high_pct")
        }
        for k, v in values.items():
            if v is not None and not Decimal(0) <= v <= Decimal(100):
                self.problem(f"{where}.{k}: must be between 0 and 100 (percent w/w)")
        if values["low_pct"] is None and values["high_pct"] is None:
            self.problem(f"{where}: needs low_pct, high_pct or both")
        for lo, hi in (("low_pct", "high_pct"), ("typical_low_pct", "typical_high_pct")):
            low, high = values[lo], values[hi]
            if low is not None and high is not None and low > high:
                self.problem(f"{where}: {lo} is above {hi}")
        return ContentRange(
            low_pct=values["low_pct"],
            high_pct=values["high_pct"],
            typical_low_pct=values["typical_low_pct"],
            typical_high_pct=values["typical_high_pct"],
            sources=self.source_keys(raw, "sources", where),
            note=self.text(raw, "note", where) or "",
        )

    def form(self, raw: Any, where: str) -> ProductKind | None:
        if not isinstance(raw, dict):
            self.problem(f"{where}: must be a table")
            return None
        code = self.text(raw, "code", where)
        name = self.text(raw, "name", where)
        measures = self.text(raw, "measures", where)
        units_raw = raw.get("units")
        units: list[Unit] = []
        if not isinstance(units_raw, list) or not units_raw:
            self.problem(f"{where}.units: at least one unit is required")
        else:
            for u in units_raw:
                if u in UNIT_CODES:
                    units.append(cast(Unit, u))
                else:
                    self.problem(f"{where}.units: {u!r} is not a known unit ({', '.join(UNIT_CODES)})")
        sources = self.source_keys(raw, "sources", where)
        g_per_tsp = self.number(raw, "g_per_tsp", where)
        g_per_tsp_basis = self.text(raw, "g_per_tsp_basis", where, required=g_per_tsp is not None)
        g_per_tsp_sources: tuple[str, ...] = ()
        if g_per_tsp is not None:
            g_per_tsp_sources = self.source_keys(raw, "g_per_tsp_sources", where)
            if g_per_tsp <= 0:
                self.problem(f"{where}.g_per_tsp: must be greater than 0")
        elif any(u in ("tsp", "tbsp") for u in units):
            self.problem(f"{where}: spoon units need g_per_tsp with its basis and sources")
        override = raw.get("opioid_class")
        if override is not None and override not in OPIOID_CLASSES:
            self.problem(f"{where}.opioid_class: {override!r} is not one of {', '.join(OPIOID_CLASSES)}")
            override = None
        if code is None or name is None or measures is None:
            return None
        return ProductKind(
            code=code,
            name=name,
            units=tuple(units),
            measures=measures,
            sources=sources,
            note=self.text(raw, "note", where, required=False) or "",
            mitragynine=self.content(raw.get("mitragynine"), f"{where}.mitragynine"),
            seven_oh=self.content(raw.get("seven_oh"), f"{where}.seven_oh"),
            log_by_label=self.flag(raw, "log_by_label", where),
            g_per_tsp=g_per_tsp,
            g_per_tsp_basis=g_per_tsp_basis,
            g_per_tsp_sources=g_per_tsp_sources,
            opioid_class=cast(OpioidClass | None, override),
        )

    def cyp_note(self, raw: Any, where: str) -> CypNote | None:
        if not isinstance(raw, dict):
            self.problem(f"{where}: must be a table")
            return None
        enzyme = self.choice(raw, "enzyme", where, ENZYMES)
        role = self.choice(raw, "role", where, CYP_ROLES)
        evidence = self.choice(raw, "evidence", where, EVIDENCE_LEVELS)
        note = self.text(raw, "note", where)
        sources = self.source_keys(raw, "sources", where)
        if enzyme is None or role is None or evidence is None or note is None:
            return None
        return CypNote(
            enzyme=cast(Enzyme, enzyme),
            role=cast(CypRole, role),
            evidence=cast(Evidence, evidence),
            note=note,
            sources=sources,
        )

    def substance(self, raw: Any, where: str) -> Substance | None:
        if not isinstance(raw, dict):
            self.problem(f"{where}: must be a table")
            return None
        code = self.text(raw, "code", where)
        if code is not None:
            where = f"substance {code!r}"
            if code != code.lower().strip():
                self.problem(f"{where}.code: must be a lowercase generic name")
        name = self.text(raw, "name", where)
        category = self.choice(raw, "category", where, CATEGORIES)
        sources = self.source_keys(raw, "sources", where)
        opioid_class = raw.get("opioid_class")
        basis = self.text(raw, "opioid_class_basis", where, required=category == "opioid")
        if category == "opioid":
            if opioid_class not in OPIOID_CLASSES:
                self.problem(f"{where}.opioid_class: an opioid needs one of {', '.join(OPIOID_CLASSES)}")
                opioid_class = None
        elif opioid_class is not None:
            self.problem(f"{where}.opioid_class: only opioids have an opioid class")
            opioid_class = None
        forms_raw = raw.get("forms")
        forms: list[ProductKind] = []
        if not isinstance(forms_raw, list) or not forms_raw:
            self.problem(f"{where}.forms: at least one form is required")
        else:
            for j, f in enumerate(forms_raw):
                kind = self.form(f, f"{where}.forms[{j}]")
                if kind is not None:
                    forms.append(kind)
        codes = [k.code for k in forms]
        if len(set(codes)) != len(codes):
            self.problem(f"{where}.forms: form codes must be unique")
        if code == "kratom":
            missing = [k for k in KRATOM_PRODUCT_KINDS if k not in codes]
            if missing:
                self.problem(f"{where}.forms: missing kratom product kinds {', '.join(missing)}")
        cyp_raw = raw.get("cyp", [])
        cyp: list[CypNote] = []
        if not isinstance(cyp_raw, list):
            self.problem(f"{where}.cyp: must be an array of tables")
        else:
            for j, c in enumerate(cyp_raw):
                note = self.cyp_note(c, f"{where}.cyp[{j}]")
                if note is not None:
                    cyp.append(note)
        if code is None or name is None or category is None:
            return None
        return Substance(
            code=code,
            name=name,
            category=cast(Category, category),
            sources=sources,
            forms=tuple(forms),
            note=self.text(raw, "note", where, required=False) or "",
            opioid_class=cast(OpioidClass | None, opioid_class),
            opioid_class_basis=basis,
            is_gabapentinoid=self.flag(raw, "is_gabapentinoid", where),
            is_alpha2_agonist=self.flag(raw, "is_alpha2_agonist", where),
            is_opioid_antagonist=self.flag(raw, "is_opioid_antagonist", where),
            is_respiratory_depressant=self.flag(raw, "is_respiratory_depressant", where),
            cyp=tuple(cyp),
        )
