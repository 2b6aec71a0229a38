"""easeoff's local FHIR CodeSystem: codes for instruments, items, totals and answers that LOINC lacks.

No LOINC code was found for COWS, SOWS, OOWS, SOWS-Gossop, the craving rating or the
KUD checklist (instruments research note, section 7), so easeoff codes them itself.
LOINC is used wherever it has a code (PHQ-9 panel 44249-1, GAD-7 panel 69737-5, their
items, totals and LA answers); a local code is never sent in place of a LOINC one.
Never code COWS as 72514-3: that is a 0-10 pain rating.

Canonical URLs
--------------
All easeoff FHIR canonicals live under `FHIR_BASE` (https://easeoff.example/fhir). The
`.example` top-level domain is reserved by RFC 2606 and never resolves: these are
identifiers, not addresses to fetch. Change `FHIR_BASE` (and only it) once easeoff has a
domain of its own, and give every resource a new version when you do.

- Questionnaire: `{FHIR_BASE}/Questionnaire/<instrument code>`, e.g. `.../Questionnaire/cows`;
  `Questionnaire.version` is the instrument's version (COWS "2003").
- This CodeSystem: `LOCAL_SYSTEM` = `{FHIR_BASE}/CodeSystem/easeoff-instruments`.

Codes in `LOCAL_SYSTEM` (all derived from the instrument data, so they never drift)
-----------------------------------------------------------------------------------
| what | code | example | display |
|---|---|---|---|
| instrument (panel) | `<instrument code>` | `cows` | the instrument's name |
| item | the item id (= the linkId and the key `score` takes) | `cows_1` | the item text |
| total score | `<instrument code>_total` | `cows_total` | "<short name> total score" |
| answer | `<item id>-<value>` | `cows_1-4` | the option's anchor text |

Each answer concept carries the `itemWeight` property
(`http://hl7.org/fhir/concept-properties#itemWeight`) equal to the option's score, as in
HL7 SDC's PHQ-9 CodeSystem. Anchors easeoff wrote where the source prints none (SOWS 1-3,
craving 1-9) say "local rendering" in their definition. Local codes are minted only for
instruments without a LOINC panel; `build_codesystem()` returns the whole system as a
FHIR R4 CodeSystem resource.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from fhir.resources.R4B.codesystem import CodeSystem, CodeSystemConcept

from easeoff import __version__
from easeoff.domain.instruments import INSTRUMENTS, Instrument, Item, Option

# Reserved, never-resolving domain (RFC 2606): see the module docstring before changing it.
FHIR_BASE = "https://easeoff.example/fhir"
LOCAL_SYSTEM = f"{FHIR_BASE}/CodeSystem/easeoff-instruments"
LOINC_SYSTEM = "http://loinc.org"
ITEM_WEIGHT_PROPERTY = "http://hl7.org/fhir/concept-properties#itemWeight"


def panel_code(instrument: Instrument) -> str:
    """Return the local code for an instrument as a whole (its panel)."""
    return instrument.code


def item_code(item: Item) -> str:
    """Return the local code for an item: its id, which is also its linkId."""
    return item.id


def total_code(instrument: Instrument) -> str:
    """Return the local code for an instrument's total score."""
    return f"{instrument.code}_total"


def answer_code(item: Item, option: Option) -> str:
    """Return the local code for one answer to one item, e.g. `cows_1-4`."""
    return f"{item.id}-{option.value}"


def has_loinc(instrument: Instrument) -> bool:
    """Return True if LOINC codes the instrument, so no local codes are minted for it."""
    return instrument.loinc_panel is not None


def build_codesystem(instruments: Iterable[Instrument] | None = None) -> CodeSystem:
    """Return easeoff's local CodeSystem for every registered instrument without a LOINC panel.

    Concepts nest as panel > items and total > answers; answers carry `itemWeight`.
    """
    chosen = INSTRUMENTS.values() if instruments is None else instruments
    concepts = [_panel_concept(instrument) for instrument in chosen if not has_loinc(instrument)]
    return CodeSystem.model_validate(
        {
            "resourceType": "CodeSystem",
            "id": "easeoff-instruments",
            "url": LOCAL_SYSTEM,
            "version": __version__,
            "name": "EaseoffInstruments",
            "title": "easeoff instrument, item, total and answer codes",
            "status": "active",
            "experimental": False,
            "publisher": "easeoff",
            "description": (
                "Local codes for withdrawal and craving instruments that have no LOINC code "
                "(COWS, SOWS, OOWS, SOWS-Gossop, craving, KUD checklist). Answer concepts carry "
                "their score as the itemWeight property."
            ),
            "caseSensitive": True,
            "hierarchyMeaning": "grouped-by",
            "content": "complete",
            "property": [
                {
                    "code": "itemWeight",
                    "uri": ITEM_WEIGHT_PROPERTY,
                    "description": "The score this answer adds to the instrument's total.",
                    "type": "decimal",
                }
            ],
            "concept": concepts,
        }
    )


def _panel_concept(instrument: Instrument) -> CodeSystemConcept:
    children = [_item_concept(item) for item in instrument.items]
    children.append(
        CodeSystemConcept(
            code=total_code(instrument),
            display=f"{instrument.short_name} total score",
            definition=f"Sum of the scored items. {instrument.score_meaning}".strip(),
        )
    )
    return CodeSystemConcept(
        code=panel_code(instrument),
        display=instrument.name,
        definition=f"{instrument.name} ({instrument.short_name}). Source: {instrument.source}.",
        concept=children,
    )


def _item_concept(item: Item) -> CodeSystemConcept:
    answers = [
        CodeSystemConcept.model_validate(
            {
                "code": answer_code(item, option),
                "display": option.text,
                "definition": _answer_definition(item, option),
                "property": [{"code": "itemWeight", "valueDecimal": Decimal(option.value)}],
            }
        )
        for option in item.options
    ]
    return CodeSystemConcept(
        code=item_code(item), display=item.text, definition=f"Item {item.number}.", concept=answers
    )


def _answer_definition(item: Item, option: Option) -> str:
    text = f"Answer to {item.id} scoring {option.value}."
    if not option.published:
        text += " Anchor text is a local rendering, not printed in the source."
    return text
