"""Independent checks of the export in Node, sharing no code with fhir.resources.

- tests/interop/js/validate.js: FHIR.js (npm `fhir`) validates structure against R4, and
  fhirpath.js (npm `fhirpath`, HL7) evaluates the R4 Questionnaire invariants que-0..13.
- tests/interop/js/total.js: fhirpath.js evaluates each Questionnaire's own total
  expression on QuestionnaireResponses; the result must equal `easeoff score`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest

from easeoff.domain.instruments import INSTRUMENTS, get_instrument
from easeoff.domain.scoring import score
from easeoff.interop.codesystem import build_codesystem
from easeoff.interop.fhir_questionnaire import questionnaire_json, total_link_id
from tests.interop.conftest import find_items, response_for, run_node

CODES = tuple(INSTRUMENTS)


def problems(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in result["messages"] if m["severity"] in ("fatal", "error", "warning")]


@pytest.mark.parametrize("code", CODES)
def test_questionnaire_is_valid_r4_for_an_independent_validator(code: str) -> None:
    status, result = run_node("validate.js", questionnaire_json(code))
    assert problems(result) == []
    assert result["valid"] is True
    assert status == 0


def test_local_codesystem_is_valid_r4_for_an_independent_validator() -> None:
    status, result = run_node("validate.js", build_codesystem().model_dump_json())
    assert problems(result) == []
    assert (status, result["valid"]) == (0, True)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(q: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = q
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value

    return change


def _duplicate_link_id(q: dict[str, Any]) -> None:
    q["item"][2]["linkId"] = q["item"][1]["linkId"]


def _drop_link_id(q: dict[str, Any]) -> None:
    del q["item"][1]["linkId"]


# Each breaks one rule; the validator must catch every one, or its "valid" means nothing.
BROKEN = {
    "unknown status code": _set("status", "published"),
    "property R4 lacks": _set("item.1.answerOption.0.valueDecimal", 1),
    "decimal sent as a string": _set("item.1.answerOption.0.extension.0.valueDecimal", "1"),
    "missing linkId": _drop_link_id,
    "que-2 repeated linkId": _duplicate_link_id,
    "que-6 required display item": _set("item.0.required", True),
    "que-5 answers on a group": _set("item.1.type", "group"),
    "ext-1 extension with value and extensions": _set(
        "item.1.answerOption.0.extension.0.extension", [{"url": "x", "valueString": "y"}]
    ),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_validator_rejects_a_broken_questionnaire(change: Callable[[dict[str, Any]], None]) -> None:
    q = json.loads(questionnaire_json("cows"))
    change(q)
    status, result = run_node("validate.js", json.dumps(q))
    assert result["valid"] is False
    assert status == 1


def _answer_sets(code: str, count: int) -> list[dict[str, int]]:
    """Return the lowest and highest answers and `count` seeded random sets (unscored items sometimes)."""
    instrument = get_instrument(code)
    rng = random.Random(f"easeoff-{code}")
    sets = [
        {item.id: min(item.allowed_values) for item in instrument.scored_items},
        {item.id: max(item.allowed_values) for item in instrument.items},
    ]
    for _ in range(count):
        sets.append(
            {
                item.id: rng.choice(item.allowed_values)
                for item in instrument.items
                if item.required or rng.random() < 0.5
            }
        )
    return sets


@pytest.mark.parametrize("code", CODES)
def test_questionnaire_total_expression_equals_domain_score(code: str) -> None:
    instrument = get_instrument(code)
    q = json.loads(questionnaire_json(code))
    answer_sets = _answer_sets(code, 40)
    payload = {
        "questionnaire": q,
        "totalLinkId": total_link_id(instrument),
        "responses": [response_for(instrument, q, answers) for answers in answer_sets],
    }
    _, totals = run_node("total.js", json.dumps(payload))
    assert totals == [[score(instrument, answers).total] for answers in answer_sets]


@pytest.mark.parametrize("code", CODES)
def test_questionnaire_total_stays_empty_until_every_scored_item_is_answered(code: str) -> None:
    instrument = get_instrument(code)
    q = json.loads(questionnaire_json(code))
    full = {item.id: max(item.allowed_values) for item in instrument.items}
    partial = [{k: v for k, v in full.items() if k != item.id} for item in instrument.scored_items]
    payload = {
        "questionnaire": q,
        "totalLinkId": total_link_id(instrument),
        "responses": [response_for(instrument, q, answers) for answers in [{}, *partial]],
    }
    _, totals = run_node("total.js", json.dumps(payload))
    assert totals == [[] for _ in range(len(partial) + 1)]


def test_total_answer_codings_are_the_offered_ones() -> None:
    # response_for must send Codings the Questionnaire offers, or the tests above prove nothing.
    instrument = get_instrument("gad7")
    q = json.loads(questionnaire_json("gad7"))
    response = response_for(instrument, q, {"gad7_2": 2})
    offered = find_items(q["item"], "choice")[1]["answerOption"][2]["valueCoding"]
    assert response["item"] == [{"linkId": "gad7_2", "answer": [{"valueCoding": offered}]}]
    assert offered["code"] == "LA18938-3"
