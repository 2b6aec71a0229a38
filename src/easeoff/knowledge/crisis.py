"""Crisis resources by country, loaded from crisis.toml and validated at load.

Use `crisis_resources("GB")`; an unknown or missing country gets the generic fallback
("call your local emergency number"), never a guessed number.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

LineKind = Literal["poison", "crisis", "substance_use", "health_advice"]
LINE_KINDS: tuple[LineKind, ...] = ("poison", "crisis", "substance_use", "health_advice")
VERIFICATIONS = ("verified", "partial")
_NUMBER = re.compile(r"^\+?[0-9][0-9 \-]*[0-9]$")
_COUNTRY_KEYS = {"code", "name", "emergency", "emergency_source", "as_of", "notes", "line"}
_LINE_KEYS = {"kind", "name", "number", "text", "url", "hours", "source", "notes", "verification"}


class CrisisDataError(ValueError):
    """crisis.toml is malformed; the message lists every problem with its location."""


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """One phone line. `number` is as dialled locally; `text` is an SMS number if any."""

    kind: LineKind
    name: str
    number: str
    hours: str
    source: str
    text: str | None = None
    url: str | None = None
    notes: str = ""
    verification: str = "verified"


@dataclass(frozen=True, slots=True)
class CrisisResources:
    """What to show a person in crisis in one country.

    `emergency_number` is None only for the fallback. `crisis_line` is the national crisis or
    suicide-prevention line where one exists; `poison_control` the public poisons line where
    one exists; `other_lines` any substance-use or health-advice lines. `is_fallback` is True
    when the country was unknown and only the generic message applies.
    """

    country_code: str | None
    country_name: str | None
    emergency_number: str | None
    emergency_source: str
    crisis_line: CrisisLine | None
    poison_control: CrisisLine | None
    other_lines: tuple[CrisisLine, ...]
    as_of: str
    notes: str
    is_fallback: bool
    fallback_message: str

    @property
    def lines(self) -> tuple[CrisisLine, ...]:
        """Return every line, crisis first, then poison control, then the others."""
        first = tuple(line for line in (self.crisis_line, self.poison_control) if line is not None)
        return first + self.other_lines


@dataclass(frozen=True, slots=True)
class CrisisData:
    """Everything in crisis.toml, keyed by upper-case ISO 3166-1 alpha-2 code."""

    countries: dict[str, CrisisResources]
    fallback: CrisisResources


def _iso_date(value: object) -> bool:
    if isinstance(value, date):
        return True
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _text(entry: dict[str, Any], key: str, where: str, problems: list[str], required: bool = True) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            problems.append(f"{where}: missing {key}")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}: {key} must be a non-empty string")
        return ""
    return value


def _line(raw: dict[str, Any], where: str, problems: list[str]) -> CrisisLine | None:
    unknown = set(raw) - _LINE_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    kind = raw.get("kind")
    if kind not in LINE_KINDS:
        problems.append(f"{where}: kind must be one of {', '.join(LINE_KINDS)}, got {kind!r}")
    number = _text(raw, "number", where, problems)
    if number and not _NUMBER.match(number):
        problems.append(f"{where}: number {number!r} must be digits, spaces and hyphens")
    source = _text(raw, "source", where, problems)
    if source and "http" not in source:
        problems.append(f"{where}: source must contain a URL")
    verification = raw.get("verification", "verified")
    if verification not in VERIFICATIONS:
        problems.append(f"{where}: verification must be one of {', '.join(VERIFICATIONS)}")
    name = _text(raw, "name", where, problems)
    hours = _text(raw, "hours", where, problems)
    text = _text(raw, "text", where, problems, required=False) or None
    url = _text(raw, "url", where, problems, required=False) or None
    notes = _text(raw, "notes", where, problems, required=False)
    if kind not in LINE_KINDS:
        return None
    return CrisisLine(kind, name, number, hours, source, text, url, notes, str(verification))


def parse_crisis_data(text: str) -> CrisisData:
    """Parse and validate crisis.toml content; raise CrisisDataError listing every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CrisisDataError(f"crisis.toml is not valid TOML: {error}") from error
    problems: list[str] = []
    fallback_raw = raw.get("fallback")
    if not isinstance(fallback_raw, dict):
        problems.append("missing [fallback] table")
        fallback_raw = {}
    message = _text(fallback_raw, "message", "[fallback]", problems)
    fallback_source = _text(fallback_raw, "source", "[fallback]", problems)
    if fallback_source and "http" not in fallback_source:
        problems.append("[fallback]: source must contain a URL")
    fallback_as_of = fallback_raw.get("as_of", "")
    if not _iso_date(fallback_as_of):
        problems.append("[fallback]: as_of must be an ISO date")
    fallback = CrisisResources(
        None, None, None, fallback_source, None, None, (), str(fallback_as_of), "", True, message
    )
    countries: dict[str, CrisisResources] = {}
    for index, entry in enumerate(raw.get("country", [])):
        where = f"country[{index}]"
        code = entry.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}", code):
            problems.append(f"{where}: code must be an ISO 3166-1 alpha-2 code in capitals, got {code!r}")
            continue
        where = f"country {code}"
        if code in countries:
            problems.append(f"{where}: listed twice")
        unknown = set(entry) - _COUNTRY_KEYS
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        emergency = _text(entry, "emergency", where, problems)
        if emergency and not _NUMBER.match(emergency):
            problems.append(f"{where}: emergency {emergency!r} must be digits")
        emergency_source = _text(entry, "emergency_source", where, problems)
        if emergency_source and "http" not in emergency_source:
            problems.append(f"{where}: emergency_source must contain a URL")
        as_of = entry.get("as_of")
        if not _iso_date(as_of):
            problems.append(f"{where}: as_of must be an ISO date (YYYY-MM-DD), got {as_of!r}")
        lines = [
            line
            for number, raw_line in enumerate(entry.get("line", []))
            if (line := _line(raw_line, f"{where} line[{number}]", problems)) is not None
        ]
        crisis = next((line for line in lines if line.kind == "crisis"), None)
        poison = next((line for line in lines if line.kind == "poison"), None)
        others = tuple(line for line in lines if line is not crisis and line is not poison)
        countries[code] = CrisisResources(
            country_code=code,
            country_name=_text(entry, "name", where, problems),
            emergency_number=emergency,
            emergency_source=emergency_source,
            crisis_line=crisis,
            poison_control=poison,
            other_lines=others,
            as_of=str(as_of),
            notes=_text(entry, "notes", where, problems, required=False),
            is_fallback=False,
            fallback_message=message,
        )
    if problems:
        raise CrisisDataError("crisis.toml: " + "; ".join(problems))
    return CrisisData(countries, fallback)


@cache
def crisis_data() -> CrisisData:
    """Return the packaged crisis data, parsed and validated once per process."""
    text = resources.files("easeoff.knowledge").joinpath("crisis.toml").read_text(encoding="utf-8")
    return parse_crisis_data(text)


def crisis_resources(country_code: str | None) -> CrisisResources:
    """Return the resources for an ISO 3166-1 alpha-2 code (any case), or the generic fallback.

    A subdivision code ("US-TX") uses its country. Unknown, empty or None gives the fallback,
    whose `is_fallback` is True and whose `emergency_number` is None.
    """
    data = crisis_data()
    if not country_code:
        return data.fallback
    code = country_code.strip().upper().split("-", 1)[0]
    return data.countries.get(code, data.fallback)


def known_countries() -> tuple[str, ...]:
    """Return the ISO codes that have country-specific resources, sorted."""
    return tuple(sorted(crisis_data().countries))
