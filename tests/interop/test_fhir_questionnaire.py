"""The FHIR R4 Questionnaire export: structure, codes and scoring, checked against the domain.

Codes are asserted against the instruments research note, section 7 (LOINC) and section 0
(codes seen in public code that are wrong and must never appear).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire

from easeoff.domain.instruments import INSTRUMENTS, UnknownInstrument, get_instrument
from easeoff.interop.codesystem import LOCAL_SYSTEM, LOINC_SYSTEM, build_codesystem
from easeoff.interop.fhir_questionnaire import (
    CALCULATED_EXPRESSION,
    ITEM_WEIGHT,
    ORDINAL_VALUE,
    QUESTIONNAIRE_UNIT,
    RENDERING_XHTML,
    build_questionnaire,
    questionnaire_json,
    total_link_id,
)
from tests.interop.conftest import find_items

CODES = tuple(INSTRUMENTS)
LOINC_INSTRUMENTS = ("phq9", "gad7")
LOCAL_INSTRUMENTS = tuple(code for code in CODES if code not in LOINC_INSTRUMENTS)

PHQ9_ITEMS = (
    "44250-9",
    "44255-8",
    "44259-0",
    "44254-1",
    "44251-7",
    "44258-2",
    "44252-5",
    "44253-3",
    "44260-8",
)
GAD7_ITEMS = ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")
FREQUENCY_ANSWERS = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")
DIFFICULTY_ANSWERS = ("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3")
# Section 0: wrong GAD-7 item and total codes seen in public code, and the pain score used for COWS.
WRONG_GAD7_CODES = ("69726-8", "69727-6", "69731-8", "70273-5", "75626-2")
PAIN_SCORE = "72514-3"


def as_json(code: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(questionnaire_json(code))
    return document


def questions(code: str) -> list[dict[str, Any]]:
    return find_items(as_json(code)["item"], "choice")


def total_item(code: str) -> dict[str, Any]:
    link_id = total_link_id(get_instrument(code))
    (item,) = [item for item in find_items(as_json(code)["item"]) if item["linkId"] == link_id]
    return item


def extension(element: dict[str, Any], url: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [ext for ext in element.get("extension", []) if ext["url"] == url]
    assert len(found) == 1, f"expected one {url} extension, found {len(found)}"
    return found[0]


def strings(value: Any) -> list[str]:
    """Return every key and string value anywhere in a JSON document."""
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


def expression_link_ids(expression: str) -> list[list[str]]:
    return [re.findall(r"'([^']+)'", group) for group in re.findall(r"linkId in \(([^)]*)\)", expression)]


@pytest.mark.parametrize("code", CODES)
def test_it_round_trips_through_fhir_resources_r4b_models(code: str) -> None:
    text = questionnaire_json(code)
    parsed = Questionnaire.model_validate_json(text)
    again = Questionnaire.model_validate(json.loads(parsed.model_dump_json()))
    assert json.loads(again.model_dump_json()) == json.loads(text)
    assert parsed.get_resource_type() == "Questionnaire"


@pytest.mark.parametrize("code", CODES)
def test_it_carries_canonical_metadata_and_citation(code: str) -> None:
    instrument = get_instrument(code)
    q = as_json(code)
    assert q["url"] == f"https://easeoff.example/fhir/Questionnaire/{code}"
    assert q["version"] == instrument.version
    assert re.fullmatch(r"[A-Z][A-Za-z0-9_]{0,254}", q["name"])
    assert q["title"] == instrument.name
    assert q["status"] == "active"
    assert instrument.source in q["description"]
    assert q["copyright"] == instrument.copyright


@pytest.mark.parametrize("code", CODES)
def test_link_ids_are_the_domain_item_ids(code: str) -> None:
    assert [item["linkId"] for item in questions(code)] == list(get_instrument(code).item_ids)


@pytest.mark.parametrize("code", CODES)
def test_link_ids_are_unique(code: str) -> None:
    link_ids = [item["linkId"] for item in find_items(as_json(code)["item"])]
    assert len(link_ids) == len(set(link_ids))


@pytest.mark.parametrize("code", CODES)
def test_every_scored_answer_carries_its_value_as_item_weight_and_ordinal_value(code: str) -> None:
    instrument = get_instrument(code)
    for question in questions(code):
        item = instrument.item(question["linkId"])
        assert len(question["answerOption"]) == len(item.options)
        for answer, option in zip(question["answerOption"], item.options, strict=True):
            if not item.scored:
                assert "extension" not in answer, f"{item.id} is unscored but weighted"
                continue
            weights = {ext["url"]: ext for ext in answer["extension"]}
            assert set(weights) == {ITEM_WEIGHT, ORDINAL_VALUE}
            for ext in weights.values():
                # valueDecimal, never valueInteger: LHC-Forms ignores an integer itemWeight.
                assert set(ext) == {"url", "valueDecimal"}
                assert ext["valueDecimal"] == option.value
            assert answer["valueCoding"]["display"] in (option.text, option.loinc_display)


@pytest.mark.parametrize("code", CODES)
def test_total_expression_lists_exactly_the_scored_items(code: str) -> None:
    instrument = get_instrument(code)
    total = total_item(code)
    expression = extension(total, CALCULATED_EXPRESSION)["valueExpression"]
    assert expression["language"] == "text/fhirpath"
    scored = [item.id for item in instrument.scored_items]
    # Once to check every scored item is answered, once to sum the weights.
    assert expression_link_ids(expression["expression"]) == [scored, scored]
    assert f".answer.count() = {len(scored)}" in expression["expression"]
    assert "%resource.repeat(item).where(linkId in (" in expression["expression"]
    assert ".answer.value.weight().sum()" in expression["expression"]


@pytest.mark.parametrize("code", CODES)
def test_total_item_is_a_read_only_integer_in_score_units(code: str) -> None:
    total = total_item(code)
    assert total["type"] == "integer"
    assert total["readOnly"] is True
    assert extension(total, QUESTIONNAIRE_UNIT)["valueCoding"] == {
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
        "display": "score",
    }
    assert as_json(code)["item"][-1]["linkId"] == total["linkId"], "the total is the last item"


def test_phq9_difficulty_item_is_unweighted_optional_and_left_out_of_the_total() -> None:
    difficulty = next(item for item in questions("phq9") if item["linkId"] == "phq9_difficulty")
    assert difficulty["required"] is False
    assert difficulty["code"] == [{"system": LOINC_SYSTEM, "code": "69722-7"}]
    assert [a["valueCoding"]["code"] for a in difficulty["answerOption"]] == list(DIFFICULTY_ANSWERS)
    assert all("extension" not in answer for answer in difficulty["answerOption"])
    expression = extension(total_item("phq9"), CALCULATED_EXPRESSION)["valueExpression"]["expression"]
    assert "phq9_difficulty" not in expression


def test_phq9_uses_its_loinc_panel_items_answers_and_total() -> None:
    q = as_json("phq9")
    assert q["code"][0]["system"] == LOINC_SYSTEM
    assert q["code"][0]["code"] == "44249-1"
    scored = [item for item in questions("phq9") if item["linkId"] != "phq9_difficulty"]
    assert [item["code"] for item in scored] == [[{"system": LOINC_SYSTEM, "code": c}] for c in PHQ9_ITEMS]
    for item in scored:
        assert [a["valueCoding"]["code"] for a in item["answerOption"]] == list(FREQUENCY_ANSWERS)
        assert {a["valueCoding"]["system"] for a in item["answerOption"]} == {LOINC_SYSTEM}
    assert total_item("phq9")["code"][0]["code"] == "44261-6"
    assert total_item("phq9")["code"][0]["system"] == LOINC_SYSTEM


def test_gad7_uses_its_loinc_panel_items_and_total() -> None:
    q = as_json("gad7")
    assert [(c["system"], c["code"]) for c in q["code"]] == [(LOINC_SYSTEM, "69737-5")]
    assert [item["code"] for item in questions("gad7")] == [
        [{"system": LOINC_SYSTEM, "code": c}] for c in GAD7_ITEMS
    ]
    assert [(c["system"], c["code"]) for c in total_item("gad7")["code"]] == [(LOINC_SYSTEM, "70274-6")]


def test_gad7_item_2_codes_more_than_half_the_days_as_la18938_3() -> None:
    for question in questions("gad7"):
        codes = [answer["valueCoding"]["code"] for answer in question["answerOption"]]
        if question["linkId"] == "gad7_2":
            assert codes == ["LA6568-5", "LA6569-3", "LA18938-3", "LA6571-9"]
        else:
            assert codes == list(FREQUENCY_ANSWERS)
    (item2,) = [q for q in questions("gad7") if q["code"][0]["code"] == "68509-9"]
    coding = item2["answerOption"][2]["valueCoding"]
    # LOINC's display travels with the LOINC code; the form shows the official anchor.
    assert coding["display"] == "More days than not"
    rendering = extension(coding["_display"], RENDERING_XHTML)
    assert rendering["valueString"] == "More than half the days"


def test_gad7_lowest_answer_is_not_at_all() -> None:
    for question in questions("gad7"):
        assert question["answerOption"][0]["valueCoding"]["display"] == "Not at all"


@pytest.mark.parametrize("code", CODES)
def test_wrong_gad7_codes_never_appear(code: str) -> None:
    text = questionnaire_json(code)
    for wrong in WRONG_GAD7_CODES:
        assert wrong not in text


@pytest.mark.parametrize("code", CODES)
def test_pain_score_72514_3_never_appears(code: str) -> None:
    assert PAIN_SCORE not in questionnaire_json(code)


def test_cows_is_coded_in_the_local_system_only() -> None:
    q = as_json("cows")
    assert q["code"] == [
        {"system": LOCAL_SYSTEM, "code": "cows", "display": "Clinical Opiate Withdrawal Scale"}
    ]
    assert total_item("cows")["code"][0] == {
        "system": LOCAL_SYSTEM,
        "code": "cows_total",
        "display": "COWS total score",
    }
    assert LOINC_SYSTEM not in strings(q)


@pytest.mark.parametrize("code", LOCAL_INSTRUMENTS)
def test_instruments_without_loinc_send_no_loinc_codes(code: str) -> None:
    q = as_json(code)
    systems = {s for s in strings(q) if s.startswith("http://loinc.org")}
    assert systems == set()
    for question in questions(code):
        assert question["code"] == [
            {"system": LOCAL_SYSTEM, "code": question["linkId"], "display": question["text"]}
        ]
        for answer in question["answerOption"]:
            assert answer["valueCoding"]["system"] == LOCAL_SYSTEM


@pytest.mark.parametrize("code", LOINC_INSTRUMENTS)
def test_loinc_instruments_send_no_local_codes(code: str) -> None:
    assert LOCAL_SYSTEM not in strings(as_json(code))


def test_local_codes_in_questionnaires_are_defined_in_the_codesystem() -> None:
    codesystem = build_codesystem()
    concepts: dict[str, Any] = {}

    def collect(items: list[Any] | None) -> None:
        for concept in items or []:
            concepts[concept.code] = concept
            collect(concept.concept)

    collect(codesystem.concept)
    for code in LOCAL_INSTRUMENTS:
        q = as_json(code)
        codings = [q["code"][0], total_item(code)["code"][0]]
        for question in questions(code):
            codings.append(question["code"][0])
            for answer in question["answerOption"]:
                coding = answer["valueCoding"]
                codings.append(coding)
                weight = {p.code: p.valueDecimal for p in concepts[coding["code"]].property}
                assert weight == {"itemWeight": Decimal(extension(answer, ITEM_WEIGHT)["valueDecimal"])}
        for coding in codings:
            assert coding["system"] == LOCAL_SYSTEM
            assert concepts[coding["code"]].display == coding["display"]
    assert not any(code in concepts for code in LOINC_INSTRUMENTS)


def test_codesystem_round_trips_through_fhir_resources() -> None:
    text = build_codesystem().model_dump_json()
    parsed = CodeSystem.model_validate_json(text)
    assert parsed.url == LOCAL_SYSTEM
    assert json.loads(parsed.model_dump_json()) == json.loads(text)


def test_questionnaire_json_rejects_an_unknown_instrument() -> None:
    with pytest.raises(UnknownInstrument, match="known instruments"):
        questionnaire_json("kds")


def test_build_questionnaire_returns_an_r4b_model() -> None:
    q = build_questionnaire(get_instrument("cows"))
    assert isinstance(q, Questionnaire)
    assert q.item is not None
