"""The shape of an instrument: items, options, bands, variants, and the checks they must pass.

Everything here is plain data (frozen, slotted dataclasses) so an instrument can be
compared, hashed and shared between threads. `check_instrument` is run on every
registered instrument at import time: a broken definition stops start-up rather than
mis-scoring a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AdministeredBy = Literal["clinician", "self", "observer"]

# The wording printed in the instrument's source. Any other wording is a named variant.
PUBLISHED = "published"


@dataclass(frozen=True, slots=True)
class Option:
    """One allowed answer: its score and its anchor text exactly as published.

    `loinc_answer` is the LOINC answer code (LA...) where one exists. `loinc_display`
    is set only where LOINC's display differs from the published anchor (GAD-7 item 2,
    value 2): show `text` to people, send `loinc_display` with the code. `published` is
    False for an anchor easeoff wrote where the source prints none (SOWS 1-3, craving
    1-9): mark it as a local rendering wherever it is shown or exported.
    """

    value: int
    text: str
    loinc_answer: str | None = None
    loinc_display: str | None = None
    published: bool = True


@dataclass(frozen=True, slots=True)
class Item:
    """One question or observed sign, with its allowed options in value order.

    `id` is the key in an answers mapping and the FHIR linkId; it never changes once
    shipped. `source` cites the item wording, `options_source` the anchors (they can
    differ, e.g. SOWS anchors 1-3 are a local rendering). An unscored item (`scored`
    False) never enters the total; an optional one (`required` False) may be left out.
    When an answer is greater than `flag_above`, scoring raises `flag_code`.
    """

    id: str
    number: int
    text: str
    options: tuple[Option, ...]
    source: str
    options_source: str
    loinc: str | None = None
    help: str = ""
    flag_above: int | None = None
    flag_code: str | None = None
    scored: bool = True
    required: bool = True
    group: str | None = None

    @property
    def allowed_values(self) -> tuple[int, ...]:
        """Return the allowed scores in ascending order."""
        return tuple(option.value for option in self.options)

    def option(self, value: int) -> Option:
        """Return the option with this value; raise KeyError if the item does not allow it."""
        for option in self.options:
            if option.value == value:
                return option
        raise KeyError(f"{self.id} does not allow {value!r}")


@dataclass(frozen=True, slots=True)
class Band:
    """A named range of totals, both ends inclusive.

    `meaning` is one plain sentence a person can read. A band whose `source` says it
    is an easeoff label (COWS 0-4, KUD 0-1) is not part of the published banding.
    """

    low: int
    high: int
    label: str
    meaning: str
    source: str

    def contains(self, total: int) -> bool:
        """Return True if the total lies in this band."""
        return self.low <= total <= self.high


@dataclass(frozen=True, slots=True)
class Variant:
    """A named change to the published wording of some items, e.g. SOWS item 16 "using".

    Scores taken under different variants are different measurements: services store
    the variant code with every assessment and never pool variants silently.
    `texts` pairs item ids with the replacement wording.
    """

    code: str
    name: str
    texts: tuple[tuple[str, str], ...]
    source: str
    note: str

    def text_for(self, item_id: str) -> str | None:
        """Return the replacement wording for an item, or None if the variant keeps it."""
        for replaced_id, text in self.texts:
            if replaced_id == item_id:
                return text
        return None


@dataclass(frozen=True, slots=True)
class ResearchConvention:
    """A labelling of totals used in research data, kept apart from validated bands.

    Never show these labels as severity. Example: the CTN-0094 harmonisation of SOWS
    totals, which has no published derivation.
    """

    code: str
    name: str
    bands: tuple[Band, ...]
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class Instrument:
    """A validated (or explicitly local) questionnaire or rating scale, as data.

    The total is the sum of the scored items; `bands` may be empty where the source
    defines none, and `band_note` says why. `instructions` is the published stem where
    one exists; where it is a local rendering the text or `caveats` say so. `caveats`
    lists what is not verified against the primary source.
    """

    code: str
    name: str
    short_name: str
    version: str
    source: str
    administered_by: AdministeredBy
    recall_period: str
    instructions: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    band_note: str
    copyright: str
    loinc_panel: str | None = None
    loinc_total: str | None = None
    score_meaning: str = ""
    variants: tuple[Variant, ...] = ()
    research_conventions: tuple[ResearchConvention, ...] = ()
    caveats: tuple[str, ...] = ()

    @property
    def scored_items(self) -> tuple[Item, ...]:
        """Return the items that count towards the total."""
        return tuple(item for item in self.items if item.scored)

    @property
    def min_total(self) -> int:
        """Return the lowest possible total (sum of each scored item's lowest value)."""
        return sum(min(item.allowed_values) for item in self.scored_items)

    @property
    def max_total(self) -> int:
        """Return the highest possible total (sum of each scored item's highest value)."""
        return sum(max(item.allowed_values) for item in self.scored_items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Return every item id in form order, scored or not."""
        return tuple(item.id for item in self.items)

    def item(self, item_id: str) -> Item:
        """Return the item with this id; raise KeyError naming the instrument if absent."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"{self.code} has no item {item_id!r}")

    def band_for(self, total: int) -> Band | None:
        """Return the band holding this total, or None if no band covers it."""
        for band in self.bands:
            if band.contains(total):
                return band
        return None

    def variant(self, code: str) -> Variant | None:
        """Return the named variant, None for the published wording; raise KeyError if unknown."""
        if code == PUBLISHED:
            return None
        for variant in self.variants:
            if variant.code == code:
                return variant
        known = ", ".join((PUBLISHED, *(v.code for v in self.variants)))
        raise KeyError(f"{self.code} has no variant {code!r}; known variants: {known}")

    def item_text(self, item_id: str, variant: str = PUBLISHED) -> str:
        """Return the wording to show for an item under a variant (published by default)."""
        item = self.item(item_id)
        chosen = self.variant(variant)
        replacement = chosen.text_for(item_id) if chosen is not None else None
        return replacement if replacement is not None else item.text


def check_instrument(instrument: Instrument) -> None:
    """Raise ValueError listing every structural problem in an instrument definition.

    Checked: sources present, item ids unique, numbers 1..n, options strictly
    ascending, flag rules complete and reachable, bands ordered, disjoint and inside
    the total range, variants naming real items.
    """
    problems: list[str] = []
    for name in ("code", "name", "short_name", "version", "source", "instructions", "copyright"):
        if not getattr(instrument, name).strip():
            problems.append(f"{name} is empty")
    if not instrument.bands and not instrument.band_note.strip():
        problems.append("no bands and no band_note saying why")
    if not instrument.items:
        problems.append("has no items")

    seen: set[str] = set()
    for position, item in enumerate(instrument.items, start=1):
        problems.extend(_item_problems(item, position, seen))
        seen.add(item.id)

    problems.extend(_band_problems(instrument.bands, instrument.min_total, instrument.max_total, "band"))
    for convention in instrument.research_conventions:
        if not convention.source.strip():
            problems.append(f"research convention {convention.code} has no source")
        problems.extend(
            _band_problems(
                convention.bands, instrument.min_total, instrument.max_total, f"{convention.code} band"
            )
        )
    for variant in instrument.variants:
        if variant.code == PUBLISHED:
            problems.append(f"variant code {PUBLISHED!r} is reserved")
        if not variant.source.strip():
            problems.append(f"variant {variant.code} has no source")
        for item_id, text in variant.texts:
            if item_id not in seen:
                problems.append(f"variant {variant.code} rewords unknown item {item_id}")
            if not text.strip():
                problems.append(f"variant {variant.code} has empty text for {item_id}")
    if problems:
        raise ValueError(f"instrument {instrument.code or '?'} is invalid: " + "; ".join(problems))


def _item_problems(item: Item, position: int, seen: set[str]) -> list[str]:
    where = f"item {item.id or position}"
    problems: list[str] = []
    if not item.id or item.id in seen:
        problems.append(f"{where} id is empty or repeated")
    if item.number != position:
        problems.append(f"{where} is number {item.number}, expected {position}")
    if not item.text.strip():
        problems.append(f"{where} has no text")
    if not item.source.strip():
        problems.append(f"{where} has no source")
    if not item.options_source.strip():
        problems.append(f"{where} has no options_source")
    values = item.allowed_values
    if len(values) < 2 or list(values) != sorted(set(values)):
        problems.append(f"{where} options must be two or more, strictly ascending")
    if any(isinstance(v, bool) or not isinstance(v, int) for v in values):
        problems.append(f"{where} option values must be int")
    if any(not option.text.strip() for option in item.options):
        problems.append(f"{where} has an option without text")
    if (item.flag_above is None) != (item.flag_code is None):
        problems.append(f"{where} flag_above and flag_code must be set together")
    if item.flag_above is not None and values and not any(v > item.flag_above for v in values):
        problems.append(f"{where} flag can never fire")
    if item.scored and not item.required:
        # An optional scored item would make totals incomparable: never impute.
        problems.append(f"{where} is scored but optional")
    return problems


def _band_problems(bands: tuple[Band, ...], low: int, high: int, what: str) -> list[str]:
    problems: list[str] = []
    previous_high: int | None = None
    for band in bands:
        if not band.source.strip() or not band.label.strip() or not band.meaning.strip():
            problems.append(f"{what} {band.label or '?'} lacks source, label or meaning")
        if band.low > band.high or band.low < low or band.high > high:
            problems.append(f"{what} {band.label} {band.low}-{band.high} is outside {low}-{high}")
        if previous_high is not None and band.low <= previous_high:
            problems.append(f"{what} {band.label} overlaps or is out of order")
        previous_high = band.high
    return problems
