"""Score answers to an instrument: check every item, total the scored ones, place the total in a band.

Pure and standard-library only. Scoring never imputes: one missing, unknown or
disallowed answer rejects the whole set, and the error names every offending item.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from easeoff.domain.instruments.model import PUBLISHED, Band, Instrument, Item


@dataclass(frozen=True, slots=True)
class Score:
    """The result of scoring one completed instrument.

    `band` is None where the instrument defines no bands (SOWS, OOWS, SOWS-Gossop,
    craving). `flags` are item-level flag codes (e.g. "phq9_item9_positive") in item
    order, independent of the band. `answers` is a copy of the validated answers in
    item order; treat it as read-only. `variant` is the wording used ("published"
    unless a named variant was given); store it and never pool variants silently.
    """

    instrument_code: str
    version: str
    total: int
    band: Band | None
    flags: tuple[str, ...]
    answers: Mapping[str, int] = field(hash=False)
    variant: str = PUBLISHED


class InvalidAnswers(ValueError):
    """Raised when any answer is missing, unknown or not allowed.

    `problems` maps every offending item id (or the repr of a non-string key) to a
    message that says what the item allows.
    """

    def __init__(self, instrument_code: str, problems: Mapping[str, str]) -> None:
        super().__init__(instrument_code, dict(problems))
        self.instrument_code = instrument_code
        self.problems: dict[str, str] = dict(problems)

    def __str__(self) -> str:
        details = "; ".join(f"{item_id}: {message}" for item_id, message in self.problems.items())
        count = len(self.problems)
        return f"{count} invalid answer{'s' if count != 1 else ''} for {self.instrument_code}: {details}"


def score(instrument: Instrument, answers: Mapping[str, int], *, variant: str = PUBLISHED) -> Score:
    """Total the answers and place the total in the instrument's bands.

    Every required item must be answered with one of its allowed values (a plain int;
    bool, float and str are rejected). Optional unscored items (the PHQ-9 difficulty
    question) may be left out and never count. Raise InvalidAnswers naming every
    offending item: never impute. Raise KeyError for a variant the instrument lacks.
    """
    instrument.variant(variant)
    problems = _problems(instrument, answers)
    if problems:
        raise InvalidAnswers(instrument.code, problems)

    checked = {item.id: int(answers[item.id]) for item in instrument.items if item.id in answers}
    total = sum(checked[item.id] for item in instrument.scored_items)
    flags = tuple(
        item.flag_code
        for item in instrument.items
        if item.flag_code is not None
        and item.flag_above is not None
        and item.id in checked
        and checked[item.id] > item.flag_above
    )
    return Score(
        instrument_code=instrument.code,
        version=instrument.version,
        total=total,
        band=instrument.band_for(total),
        flags=flags,
        answers=checked,
        variant=variant,
    )


def label_by_convention(instrument: Instrument, total: int, convention_code: str) -> Band | None:
    """Return the research-convention label for a total, or None if the convention has no band for it.

    For research exports only (e.g. SOWS "ctn0094"): these labels are not validated
    severity bands and must never be shown as such. Raise KeyError for an unknown
    convention.
    """
    for convention in instrument.research_conventions:
        if convention.code == convention_code:
            return next((band for band in convention.bands if band.contains(total)), None)
    raise KeyError(f"{instrument.code} has no research convention {convention_code!r}")


def _problems(instrument: Instrument, answers: Mapping[str, int]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for item in instrument.items:
        if item.id not in answers:
            if item.required:
                problems[item.id] = f"missing; allowed values: {_allowed(item)}"
            continue
        problem = _value_problem(item, answers[item.id])
        if problem is not None:
            problems[item.id] = problem
    known = set(instrument.item_ids)
    for key in answers:
        if key not in known:
            name = key if isinstance(key, str) else repr(key)
            problems[name] = f"unknown item; this instrument has {_describe_items(instrument)}"
    return problems


def _value_problem(item: Item, value: object) -> str | None:
    # bool is a subclass of int in Python: True would silently score as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{value!r} is not a whole-number score; allowed values: {_allowed(item)}"
    if value not in item.allowed_values:
        return f"{value} is not allowed; allowed values: {_allowed(item)}"
    return None


def _allowed(item: Item) -> str:
    return ", ".join(str(value) for value in item.allowed_values)


def _describe_items(instrument: Instrument) -> str:
    required = [item.id for item in instrument.items if item.required]
    optional = [item.id for item in instrument.items if not item.required]
    text = f"only item {required[0]}" if len(required) == 1 else f"items {required[0]}..{required[-1]}"
    if optional:
        text += f" (optional: {', '.join(optional)})"
    return text
