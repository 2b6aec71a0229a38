"""Every finding keeps the span of its evidence, so a page can highlight it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from easeoff.nlp import extract

DEVSET = [
    json.loads(line) for line in (Path(__file__).parent / "devset.jsonl").read_text().splitlines() if line
]

SPAN_CASES = [
    ("I can't sleep and the RLS is bad.", "symptom", "insomnia:present", "can't sleep"),
    ("I can\u2019t sleep at all.", "symptom", "insomnia:present", "can\u2019t sleep"),
    ("No more sweats.", "symptom", "sweating:relieved", "sweats"),
    ("Took 4 caps of red bali.", "substance", "kratom", "red bali"),
    ("Took 4 caps of red bali.", "dose", "4 capsules kratom", "4 caps"),
    ("Was on Suboxone 8mg.", "substance", "buprenorphine", "Suboxone"),
    ("Was on Suboxone 8mg a day.", "dose", "8 mg/day buprenorphine", "8mg a day"),
    ("Kratom did nothing for my withdrawal.", "kratom_effect", "not_helped", "did nothing"),
]


@pytest.mark.parametrize(("text", "kind", "label", "evidence"), SPAN_CASES)
def test_highlight_span_is_the_evidence(text: str, kind: str, label: str, evidence: str) -> None:
    found = [text[s:e] for s, e, k, lab in extract(text).highlights() if k == kind and lab == label]
    assert evidence in found


@pytest.mark.parametrize("item", DEVSET, ids=[d["id"] for d in DEVSET])
def test_every_span_lies_inside_the_text_and_names_its_finding(item: dict[str, object]) -> None:
    text = str(item["text"])
    extraction = extract(text)
    for start, end, kind, label in extraction.highlights():
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        assert kind in {"symptom", "substance", "dose", "kratom_effect"}
        assert label
    for symptom in extraction.symptoms:
        assert symptom.spans
    for substance in extraction.substances:
        assert substance.spans
        assert all(text[s:e] for s, e in substance.spans)


def test_highlights_are_in_text_order() -> None:
    text = "Day 2 off kratom: sweats, RLS, and I took 300mg gabapentin."
    starts = [s for s, _, _, _ in extract(text).highlights()]
    assert starts == sorted(starts)


def test_record_leaves_spans_out() -> None:
    rec = extract("RLS all night, took 5g kratom and it helped.").to_json("r-1")
    assert list(rec) == ["id", "symptoms", "substances", "doses", "kratom_effect"]
    assert json.loads(json.dumps(rec)) == rec
