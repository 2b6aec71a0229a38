"""The scorer, the labelled sets' schema, and a floor on devset quality."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from easeoff.nlp import CORE_SUBSTANCES, EFFECTS, STATUSES, SYMPTOM_NAMES, UNITS, extract
from easeoff.nlp.evaluate import evaluate, format_report, main, normalise_value

HERE = Path(__file__).parent
SETS = {
    name: [json.loads(line) for line in (HERE / name).read_text().splitlines() if line]
    for name in ("devset.jsonl", "heldout.jsonl", "heldout2.jsonl")
}


def predictions(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [extract(g["text"]).to_json(g["id"]) for g in gold]


@pytest.mark.parametrize("name", SETS)
def test_labelled_set_follows_the_schema(name: str) -> None:
    records = SETS[name]
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert list(r) == ["id", "text", "symptoms", "substances", "doses", "kratom_effect"]
        names = [s["name"] for s in r["symptoms"]]
        assert len(names) == len(set(names)), r["id"]
        assert all(s["name"] in SYMPTOM_NAMES and s["status"] in STATUSES for s in r["symptoms"])
        assert len(r["substances"]) == len(set(r["substances"]))
        assert all(d["unit"] in UNITS for d in r["doses"]), r["id"]
        assert all(isinstance(d["value"], int | float | str) for d in r["doses"])
        assert r["kratom_effect"] in EFFECTS
        if "kratom" not in r["substances"]:
            assert r["kratom_effect"] == "none", r["id"]


def test_set_sizes() -> None:
    assert len(SETS["devset.jsonl"]) >= 150
    assert len(SETS["heldout.jsonl"]) == 40
    assert len(SETS["heldout2.jsonl"]) == 60


# Floors set a little below what the extractor scored when these were written
# (see the report in the issue); a drop below them is a regression.
DEVSET_FLOORS = {"symptoms": 0.95, "substances": 0.97, "doses": 0.95, "kratom_effect": 0.93}


@pytest.mark.parametrize(("field", "floor"), DEVSET_FLOORS.items())
def test_devset_f1_stays_above_its_floor(field: str, floor: float) -> None:
    report = evaluate(SETS["devset.jsonl"], predictions(SETS["devset.jsonl"]))
    assert getattr(report, field).f1 >= floor, format_report(report)


def test_devset_effect_accuracy_stays_above_its_floor() -> None:
    report = evaluate(SETS["devset.jsonl"], predictions(SETS["devset.jsonl"]))
    assert report.effect_accuracy >= 0.95
    assert report.effect_macro_f1 >= 0.9


VALUES = [
    (4, "4"),
    (4.0, "4"),
    ("4", "4"),
    (0.5, "0.5"),
    ("4.0-6", "4-6"),
    ("1/4-1/2", "1/4-1/2"),
    ("10+", "10+"),
    ("10.0+", "10+"),
    (2.50, "2.5"),
]


@pytest.mark.parametrize(("value", "expected"), VALUES)
def test_dose_values_are_normalised(value: object, expected: str) -> None:
    assert normalise_value(value) == expected


def test_evaluate_counts_pairs_triples_and_effect() -> None:
    gold = [
        {
            "id": "a",
            "symptoms": [{"name": "sweating", "status": "present"}],
            "substances": ["kratom"],
            "doses": [{"value": 4, "unit": "g", "substance": "kratom"}],
            "kratom_effect": "helped",
        },
        {"id": "b", "symptoms": [], "substances": [], "doses": [], "kratom_effect": "none"},
    ]
    pred = [
        {
            "id": "a",
            "symptoms": [{"name": "sweating", "status": "relieved"}],
            "substances": ["kratom", "heroin"],
            "doses": [{"value": 4.0, "unit": "g", "substance": "kratom"}],
            "kratom_effect": "helped",
        },
        {"id": "b", "symptoms": [], "substances": [], "doses": [], "kratom_effect": "worse"},
    ]
    report = evaluate(gold, pred)
    assert (report.symptoms.tp, report.symptoms.fp, report.symptoms.fn) == (0, 1, 1)
    assert (report.substances.tp, report.substances.fp, report.substances.fn) == (1, 1, 0)
    assert (report.doses.tp, report.doses.fp, report.doses.fn) == (1, 0, 0)
    assert (report.kratom_effect.tp, report.kratom_effect.fp, report.kratom_effect.fn) == (1, 1, 0)
    assert report.effect_accuracy == 0.5
    core = evaluate(gold, pred, core_only=True)
    assert "heroin" in CORE_SUBSTANCES
    assert core.substances.fp == 1


def test_missing_prediction_counts_as_empty() -> None:
    gold = [
        {
            "id": "a",
            "symptoms": [{"name": "fatigue", "status": "present"}],
            "substances": [],
            "doses": [],
            "kratom_effect": "none",
        }
    ]
    report = evaluate(gold, [])
    assert report.symptoms.fn == 1
    assert report.effect_accuracy == 1.0


def test_module_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(HERE / "devset.jsonl")]) == 0
    out = capsys.readouterr().out
    for field in ("symptoms", "substances", "doses", "kratom_effect", "accuracy", "macro-F1"):
        assert field in out


def test_module_scores_a_predictions_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = SETS["devset.jsonl"][:5]
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in gold))
    assert main([str(HERE / "devset.jsonl"), str(path), "--core"]) == 0
    out = capsys.readouterr().out
    assert f"passages: {len(SETS['devset.jsonl'])}" in out
