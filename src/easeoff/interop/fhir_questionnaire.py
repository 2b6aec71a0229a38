"""Export each instrument as a FHIR R4 Questionnaire that a forms client can render and score.

Conventions (instruments research note, section 7, tested with LHC-Forms 40.1.3):

- linkId of every question is the domain item id, the key `easeoff.domain.scoring.score`
  takes, so a QuestionnaireResponse maps back to a `score` call without a table.
- Every answerOption of a scored item carries its score twice, as `itemWeight` (current
  extensions pack) and `ordinalValue` (R4 core), both as valueDecimal: LHC-Forms ignores
  an `itemWeight` written as valueInteger.
- The read-only total item computes `weight().sum()` over the scored items only, found
  with `%resource.repeat(item)` so nesting in groups does not hide them. An unscored item
  with an answer (PHQ-9 difficulty) would make `weight()` ask a terminology server and
  blank the whole total, so it is never listed. The total stays empty until every scored
  item is answered: easeoff never imputes, and neither does the form.
- LOINC codes (PHQ-9, GAD-7) wherever they exist, including the GAD-7 quirk (item
  68509-9, value 2 is LA18938-3 "More days than not"); local codes otherwise (see
  `easeoff.interop.codesystem`). COWS is never coded 72514-3.

Uses fhir.resources' R4B models, which match R4 4.0.1 for Questionnaire.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire

from easeoff.domain.instruments import Instrument, Item, Option, get_instrument
from easeoff.interop.codesystem import (
    FHIR_BASE,
    LOCAL_SYSTEM,
    LOINC_SYSTEM,
    answer_code,
    item_code,
    panel_code,
    total_code,
)

ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
CALCULATED_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
)
QUESTIONNAIRE_UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
RENDERING_XHTML = "http://hl7.org/fhir/StructureDefinition/rendering-xhtml"
UCUM_SYSTEM = "http://unitsofmeasure.org"

# LOINC displays verified in the research note (section 7); other LOINC codings omit display
# rather than guess it: the item text carries the wording.
_LOINC_DISPLAYS = {
    "44249-1": "PHQ-9 quick depression assessment panel [Reported.PHQ]",
    "44261-6": "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
    "69737-5": "Generalized anxiety disorder 7 item (GAD-7)",
}


def questionnaire_url(code: str) -> str:
    """Return the canonical URL of an instrument's Questionnaire (an identifier, never fetched)."""
    return f"{FHIR_BASE}/Questionnaire/{code}"


def total_link_id(instrument: Instrument) -> str:
    """Return the linkId of the read-only total item (`build_questionnaire` checks it is free)."""
    return f"{instrument.code}_total"


def total_expression(instrument: Instrument) -> str:
    """Return the FHIRPath that totals the scored items, empty until every one is answered."""
    ids = " | ".join(f"'{item.id}'" for item in instrument.scored_items)
    scored = f"%resource.repeat(item).where(linkId in ({ids}))"
    count = len(instrument.scored_items)
    return f"iif({scored}.answer.count() = {count}, {scored}.answer.value.weight().sum(), {{}})"


def build_questionnaire(instrument: Instrument) -> Questionnaire:
    """Return the instrument as a validated FHIR R4 (R4B model) Questionnaire.

    The published wording is exported; named variants (e.g. SOWS item 16 "using") are not.
    Raise ValueError if the instrument cannot be exported faithfully (an item id that
    clashes with the total's linkId, an item of a LOINC panel without a LOINC code).
    """
    if total_link_id(instrument) in instrument.item_ids:
        raise ValueError(f"{instrument.code} has an item with the total's linkId {total_link_id(instrument)}")
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": instrument.code.replace("_", "-"),
        "url": questionnaire_url(instrument.code),
        "version": instrument.version,
        "name": _computable_name(instrument.short_name),
        "title": instrument.name,
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "easeoff",
        "description": _description(instrument),
        "copyright": instrument.copyright,
        "code": [_panel_coding(instrument)],
        "item": [_instructions_item(instrument), *_question_items(instrument), _total_item(instrument)],
    }
    return Questionnaire.model_validate(resource)


def questionnaire_json(code: str) -> str:
    """Return the Questionnaire for the instrument with this code as FHIR JSON.

    Raise `easeoff.domain.instruments.UnknownInstrument` for an unknown code.
    """
    return build_questionnaire(get_instrument(code)).model_dump_json()


def _computable_name(short_name: str) -> str:
    # Questionnaire.name must match [A-Z]([A-Za-z0-9_]){0,254} (constraint que-0).
    name = re.sub(r"[^A-Za-z0-9_]", "", short_name)
    return name[:1].upper() + name[1:]


def _description(instrument: Instrument) -> str:
    parts = [
        f"{instrument.name} ({instrument.short_name}), exported by easeoff.",
        f"Source: {instrument.source}.",
        f"Administered by: {instrument.administered_by}. Recall period: {instrument.recall_period}.",
    ]
    if instrument.score_meaning:
        parts.append(instrument.score_meaning)
    parts.append(instrument.band_note)
    parts.extend(f"Caveat: {caveat}" for caveat in instrument.caveats)
    return "\n\n".join(parts)


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def _panel_coding(instrument: Instrument) -> dict[str, str]:
    if instrument.loinc_panel is not None:
        return _coding(LOINC_SYSTEM, instrument.loinc_panel, _LOINC_DISPLAYS.get(instrument.loinc_panel))
    return _coding(LOCAL_SYSTEM, panel_code(instrument), instrument.name)


def item_coding(instrument: Instrument, item: Item) -> dict[str, str]:
    if item.loinc is not None:
        return _coding(LOINC_SYSTEM, item.loinc, _LOINC_DISPLAYS.get(item.loinc))
    if instrument.loinc_panel is not None:
        # A LOINC panel item without its own LOINC code would need a local code under a
        # LOINC panel; no registered instrument has one, so refuse rather than guess.
        raise ValueError(f"{item.id} has no LOINC code but {instrument.code} is a LOINC panel")
    return _coding(LOCAL_SYSTEM, item_code(item), item.text)


def total_coding(instrument: Instrument) -> dict[str, str]:
    if instrument.loinc_total is not None:
        return _coding(LOINC_SYSTEM, instrument.loinc_total, _LOINC_DISPLAYS.get(instrument.loinc_total))
    return _coding(LOCAL_SYSTEM, total_code(instrument), f"{instrument.short_name} total score")


def answer_coding(instrument: Instrument, item: Item, option: Option) -> dict[str, Any]:
    if option.loinc_answer is not None:
        # LOINC's own display goes with a LOINC code (GAD-7 68509-9 value 2: "More days than not");
        # where the published anchor differs, rendering-xhtml carries it so a form shows the
        # wording of the official form (LHC-Forms reads it from valueCoding._display).
        coding: dict[str, Any] = _coding(
            LOINC_SYSTEM, option.loinc_answer, option.loinc_display or option.text
        )
        if option.loinc_display is not None and option.loinc_display != option.text:
            coding["_display"] = {
                "extension": [{"url": RENDERING_XHTML, "valueString": html.escape(option.text, quote=False)}]
            }
        return coding
    if instrument.loinc_panel is not None:
        raise ValueError(f"{item.id} value {option.value} has no LOINC answer code in a LOINC panel")
    return _coding(LOCAL_SYSTEM, answer_code(item, option), option.text)


def _answer_option(instrument: Instrument, item: Item, option: Option) -> dict[str, Any]:
    answer: dict[str, Any] = {"valueCoding": answer_coding(instrument, item, option)}
    if item.scored:
        weight = Decimal(option.value)
        answer["extension"] = [
            {"url": ITEM_WEIGHT, "valueDecimal": weight},
            {"url": ORDINAL_VALUE, "valueDecimal": weight},
        ]
    return answer


def _item_control(code: str, display: str) -> dict[str, Any]:
    return {
        "url": ITEM_CONTROL,
        "valueCodeableConcept": {"coding": [_coding(ITEM_CONTROL_SYSTEM, code, display)]},
    }


def _instructions_item(instrument: Instrument) -> dict[str, Any]:
    return {"linkId": f"{instrument.code}-instructions", "type": "display", "text": instrument.instructions}


def _question(instrument: Instrument, item: Item) -> dict[str, Any]:
    question: dict[str, Any] = {
        "linkId": item.id,
        "code": [item_coding(instrument, item)],
        "prefix": f"{item.number}.",
        "text": item.text,
        "type": "choice",
        "required": item.required,
        "repeats": False,
        "answerOption": [_answer_option(instrument, item, option) for option in item.options],
        # Scales are read as a row of anchors, not a drop-down (SDC itemControl).
        "extension": [_item_control("radio-button", "Radio Button")],
    }
    if item.help:
        question["item"] = [
            {
                "linkId": f"{item.id}-help",
                "type": "display",
                "text": item.help,
                "extension": [_item_control("help", "Help-Button")],
            }
        ]
    return question


def _question_items(instrument: Instrument) -> list[dict[str, Any]]:
    """Return the questions in form order, consecutive items of one named group wrapped in a group item."""
    items: list[dict[str, Any]] = []
    current_group: str | None = None
    seen_groups: set[str] = set()
    for item in instrument.items:
        question = _question(instrument, item)
        if item.group is None:
            current_group = None
            items.append(question)
            continue
        if item.group != current_group:
            if item.group in seen_groups:
                raise ValueError(
                    f"{instrument.code} group {item.group!r} is split; its items must be consecutive"
                )
            current_group = item.group
            seen_groups.add(item.group)
            slug = re.sub(r"[^a-z0-9]+", "-", item.group.lower()).strip("-")
            items.append(
                {
                    "linkId": f"{instrument.code}-group-{slug}",
                    "type": "group",
                    "text": item.group[:1].upper() + item.group[1:],
                    "item": [],
                }
            )
        items[-1]["item"].append(question)
    return items


def _total_item(instrument: Instrument) -> dict[str, Any]:
    return {
        "linkId": total_link_id(instrument),
        "code": [total_coding(instrument)],
        "text": f"{instrument.short_name} total score",
        "type": "integer",
        "readOnly": True,
        "extension": [
            {
                "url": CALCULATED_EXPRESSION,
                "valueExpression": {
                    "description": "Sum of the scored items' weights; empty until all are answered",
                    "language": "text/fhirpath",
                    "expression": total_expression(instrument),
                },
            },
            {"url": QUESTIONNAIRE_UNIT, "valueCoding": _coding(UCUM_SYSTEM, "{score}", "score")},
        ],
    }
