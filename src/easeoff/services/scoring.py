"""Score answers and describe instruments: no database, so the CLI can use it without Django."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from easeoff.domain.instruments import PUBLISHED, Instrument, UnknownInstrument, get_instrument
from easeoff.domain.scoring import InvalidAnswers, Score, score
from easeoff.services.errors import InvalidInput


def find_instrument(code: str) -> Instrument:
    """Return the instrument, or raise InvalidInput naming the field and the known codes."""
    try:
        return get_instrument(code)
    except UnknownInstrument as exc:
        raise InvalidInput({"instrument": str(exc)}) from None


def score_answers(code: str, answers: Mapping[str, Any], *, variant: str = PUBLISHED) -> Score:
    """Score answers without storing them; raise InvalidInput naming every offending item."""
    instrument = find_instrument(code)
    if not isinstance(answers, Mapping):
        raise InvalidInput({"answers": "must be an object mapping item ids to values"})
    try:
        return score(instrument, answers, variant=variant)
    except InvalidAnswers as exc:
        count = len(exc.problems)
        summary = f"{count} invalid answer{'s' if count != 1 else ''} for {instrument.code}"
        raise InvalidInput(exc.problems, summary) from None
    except KeyError as exc:
        raise InvalidInput({"variant": str(exc.args[0])}) from None


def instrument_public(instrument: Instrument) -> dict[str, Any]:
    return {
        "code": instrument.code,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "version": instrument.version,
        "source": instrument.source,
        "administered_by": instrument.administered_by,
        "recall_period": instrument.recall_period,
        "instructions": instrument.instructions,
        "min_total": instrument.min_total,
        "max_total": instrument.max_total,
        "band_note": instrument.band_note,
        "bands": [
            {"low": b.low, "high": b.high, "label": b.label, "meaning": b.meaning, "source": b.source}
            for b in instrument.bands
        ],
        "items": [
            {
                "id": item.id,
                "number": item.number,
                "text": item.text,
                "help": item.help,
                "scored": item.scored,
                "required": item.required,
                "source": item.source,
                "loinc": item.loinc,
                "options": [
                    {"value": o.value, "text": o.text, "published": o.published} for o in item.options
                ],
            }
            for item in instrument.items
        ],
    }
