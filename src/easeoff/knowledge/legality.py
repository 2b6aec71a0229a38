"""Kratom legal status by place, loaded from legality.toml and validated at load.

`lookup("TH")`, `lookup("us-al")`, `lookup("Alabama")`, `lookup("US-Alabama")`,
`lookup("San Diego, CA")` return a `LegalStatus`; an unknown or ambiguous place returns None
(the caller says it has no data and lists `known_places()`; it never guesses). Every entry
carries its status word, an as-of date and its sources; show all three.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

Status = Literal["legal", "regulated", "restricted", "banned", "unknown"]
Kind = Literal["country", "us_state", "us_district", "local"]
STATUSES: tuple[Status, ...] = ("legal", "regulated", "restricted", "banned", "unknown")
KINDS: tuple[Kind, ...] = ("country", "us_state", "us_district", "local")
CERTAINTIES = ("HIGH", "MEDIUM-HIGH", "MEDIUM", "MEDIUM-LOW", "LOW-MEDIUM", "LOW", "UNVERIFIED")
STATUS_MEANINGS: dict[Status, str] = {
    "banned": "scheduled as a controlled substance or otherwise prohibited for sale and possession",
    "regulated": "legal for adults under a law setting product standards (age limit, labels, caps, licences)",
    "restricted": "legal with a narrower limit (age limit only, some products barred, or sale unlawful)",
    "legal": "no law found at this level (in the US, federal status applies to a state)",
    "unknown": "sources conflict or nothing usable was found",
}

# Names that would point at the wrong place if guessed: the country Georgia has no entry, and
# "Washington" may mean the state or DC. Users must write "US-GA", "Georgia, US", "US-WA"...
AMBIGUOUS_NAMES: dict[str, tuple[str, ...]] = {
    "georgia": ("US-GA",),
    "washington": ("US-WA", "US-DC"),
}

_CODE_PATTERNS: dict[Kind, re.Pattern[str]] = {
    "country": re.compile(r"[A-Z]{2}"),
    "us_state": re.compile(r"US-[A-Z]{2}"),
    "us_district": re.compile(r"US-[A-Z]{2}"),
    "local": re.compile(r"US-[A-Z]{2}:[a-z0-9]+(-[a-z0-9]+)*"),
}
_AS_OF = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_PLACE_KEYS = {
    "code",
    "name",
    "kind",
    "status",
    "seven_oh_status",
    "as_of",
    "sources",
    "certainty",
    "notes",
    "aliases",
}


class LegalityDataError(ValueError):
    """legality.toml is malformed; the message lists every problem with the place it concerns."""


@dataclass(frozen=True, slots=True)
class LegalStatus:
    """The legal status of kratom in one place.

    `status` is for kratom leaf; `seven_oh_status` for concentrated or synthetic 7-OH products
    where this level has a separate rule (None otherwise). `as_of` is an ISO 8601 date, possibly
    reduced precision ("2026-07"), of the newest supporting source. `parent` is "US" for a state,
    the state code for a local entry, None for a country.
    """

    code: str
    name: str
    kind: Kind
    parent: str | None
    status: Status
    seven_oh_status: Status | None
    as_of: str
    sources: tuple[str, ...]
    source: str
    certainty: str
    notes: str
    aliases: tuple[str, ...] = ()
    parent_name: str | None = None

    @property
    def display_name(self) -> str:
        """Return the name with its state or country, e.g. "San Diego, California"."""
        return f"{self.name}, {self.parent_name}" if self.parent_name else self.name

    def to_json(self) -> dict[str, str | None]:
        """Return the CLI/API shape: place, status, as_of, source, notes (plus code, 7-OH, certainty)."""
        return {
            "place": self.display_name,
            "code": self.code,
            "status": self.status,
            "seven_oh_status": self.seven_oh_status,
            "as_of": self.as_of,
            "source": self.source,
            "notes": self.notes,
            "certainty": self.certainty,
        }


@dataclass(frozen=True, slots=True)
class LegalityData:
    """All places, indexed by upper-case code and by normalised name or alias."""

    places: tuple[LegalStatus, ...]
    by_code: dict[str, LegalStatus]
    by_name: dict[str, LegalStatus]
    compiled: str


def normalise_name(text: str) -> str:
    """Return a comparison key: accents removed, lower case, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", plain.casefold()).strip()


def _valid_as_of(value: str, compiled: str) -> bool:
    if not _AS_OF.fullmatch(value):
        return False
    padded = value + "-01" * ((10 - len(value)) // 3)
    try:
        day = date.fromisoformat(padded)
    except ValueError:
        return False
    return not compiled or day <= date.fromisoformat(compiled)


def _names_for(place: LegalStatus, state_names: dict[str, str]) -> list[str]:
    """Return every name (normalised) this place answers to, besides its code."""
    names = [place.name, *place.aliases]
    if place.kind in ("us_state", "us_district"):
        abbreviation = place.code[3:]
        names += [f"US {place.name}", f"{place.name} US", f"{place.name} USA", f"{place.name} United States"]
        names += [f"US {abbreviation}"]
    if place.kind == "local" and place.parent is not None:
        state = state_names.get(place.parent, "")
        abbreviation = place.parent[3:]
        # Locals answer only with their state: "Columbus" alone must not find Columbus, MS.
        names = [f"{place.name} {state}", f"{place.name} {abbreviation}", f"{place.name} {abbreviation} US"]
    return [normalise_name(name) for name in names]


def parse_legality_data(text: str) -> LegalityData:
    """Parse and validate legality.toml content; raise LegalityDataError listing every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LegalityDataError(f"legality.toml is not valid TOML: {error}") from error
    problems: list[str] = []
    compiled = str(raw.get("compiled", ""))
    if compiled and not _valid_as_of(compiled, ""):
        problems.append(f"compiled {compiled!r} is not an ISO date")
        compiled = ""
    sources = raw.get("sources", {})
    if not isinstance(sources, dict):
        problems.append("[sources] must be a table")
        sources = {}
    places: list[LegalStatus] = []
    for index, entry in enumerate(raw.get("place", [])):
        place = _parse_place(entry, index, sources, compiled, problems)
        if place is not None:
            places.append(place)
    by_code: dict[str, LegalStatus] = {}
    for place in places:
        if place.code.upper() in by_code:
            problems.append(f"{place.code}: code listed twice")
        by_code[place.code.upper()] = place
    for index, place in enumerate(places):
        if place.parent is None:
            continue
        parent = by_code.get(place.parent.upper())
        if parent is None:
            problems.append(f"{place.code}: parent {place.parent} has no entry")
        else:
            places[index] = replace(place, parent_name=parent.name)
    by_code = {place.code.upper(): place for place in places}
    state_names = {place.code: place.name for place in places if place.kind in ("us_state", "us_district")}
    by_name: dict[str, LegalStatus] = {}
    for place in places:
        for name in _names_for(place, state_names):
            other = by_name.get(name)
            if other is not None and other is not place:
                problems.append(f"{place.code}: name {name!r} is also used by {other.code}")
            if name in AMBIGUOUS_NAMES:
                continue
            by_name[name] = place
    if problems:
        raise LegalityDataError("legality.toml: " + "; ".join(problems))
    return LegalityData(tuple(places), by_code, by_name, compiled)


def _parse_place(
    entry: dict[str, Any], index: int, sources: dict[str, Any], compiled: str, problems: list[str]
) -> LegalStatus | None:
    code = entry.get("code")
    where = code if isinstance(code, str) and code else f"place[{index}]"
    found: list[str] = []
    unknown = set(entry) - _PLACE_KEYS
    if unknown:
        found.append(f"unknown keys {sorted(unknown)}")
    kind = entry.get("kind")
    if kind not in KINDS:
        found.append(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    elif not isinstance(code, str) or not _CODE_PATTERNS[kind].fullmatch(code):
        found.append(f"code {code!r} does not fit kind {kind}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        found.append("name must be a non-empty string")
    status = entry.get("status")
    if status not in STATUSES:
        found.append(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    seven_oh = entry.get("seven_oh_status")
    if seven_oh is not None and seven_oh not in STATUSES:
        found.append(f"seven_oh_status must be one of {', '.join(STATUSES)}, got {seven_oh!r}")
    as_of = entry.get("as_of")
    if not isinstance(as_of, str) or not _valid_as_of(as_of, compiled):
        found.append(
            f"as_of must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) not after {compiled}, got {as_of!r}"
        )
    keys = entry.get("sources")
    if not isinstance(keys, list) or not keys or not all(isinstance(key, str) for key in keys):
        found.append("sources must be a non-empty list of source keys")
        keys = []
    missing = [key for key in keys if key not in sources]
    if missing:
        found.append(f"unknown source keys {missing}")
    certainty = entry.get("certainty")
    if certainty not in CERTAINTIES:
        found.append(f"certainty must be one of {', '.join(CERTAINTIES)}, got {certainty!r}")
    notes = entry.get("notes", "")
    if not isinstance(notes, str):
        found.append("notes must be a string")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
        found.append("aliases must be a list of strings")
        aliases = []
    if found:
        problems.extend(f"{where}: {problem}" for problem in found)
        return None
    assert isinstance(code, str) and isinstance(name, str) and isinstance(as_of, str)
    parent = None if kind == "country" else ("US" if kind != "local" else code.split(":", 1)[0])
    return LegalStatus(
        code=code,
        name=name,
        kind=cast(Kind, kind),
        parent=parent,
        status=cast(Status, status),
        seven_oh_status=cast(Status | None, seven_oh),
        as_of=as_of,
        sources=tuple(keys),
        source="; ".join(str(sources[key]) for key in keys),
        certainty=str(certainty),
        notes=str(notes),
        aliases=tuple(aliases),
    )


@cache
def _data() -> LegalityData:
    text = resources.files("easeoff.knowledge").joinpath("legality.toml").read_text(encoding="utf-8")
    return parse_legality_data(text)


def legality_data() -> LegalityData:
    """Return the packaged legality data, parsed and validated once per process."""
    return _data()


def lookup(place: str) -> LegalStatus | None:
    """Return the status for an ISO 3166 code or a place name (any case), or None if unknown.

    Accepted: "TH", "US-AL", "US-CA:san-diego"; "Thailand", "alabama", "US-Alabama",
    "Alabama, USA", "San Diego, CA". Ambiguous names ("Georgia", "Washington") return None;
    use `candidates` to offer choices.
    """
    data = _data()
    text = place.strip()
    if not text:
        return None
    found = data.by_code.get(text.upper())
    if found is not None:
        return found
    key = normalise_name(text)
    if key in AMBIGUOUS_NAMES:
        return None
    return data.by_name.get(key)


def candidates(place: str) -> tuple[LegalStatus, ...]:
    """Return the entries an ambiguous name might mean (empty if the name is not ambiguous)."""
    data = _data()
    codes = AMBIGUOUS_NAMES.get(normalise_name(place), ())
    return tuple(data.by_code[code] for code in codes if code in data.by_code)


def known_places() -> tuple[LegalStatus, ...]:
    """Return every place with data: countries, then US states and DC, then local rules, by name."""
    order = {kind: rank for rank, kind in enumerate(KINDS)}
    order["us_district"] = order["us_state"]
    return tuple(sorted(_data().places, key=lambda p: (order[p.kind], p.display_name)))
