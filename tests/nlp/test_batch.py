"""The batch API: order kept, malformed lines reported with their line number and skipped."""

from __future__ import annotations

import json

import pytest

from easeoff.nlp import extract, iter_records

GOOD = [
    json.dumps({"id": f"p{i}", "text": f"Day {i}: no cravings, took {i + 1}g of kratom."}) for i in range(600)
]


def test_iter_records_keeps_input_order_with_two_jobs() -> None:
    serial = list(iter_records(GOOD, jobs=1))
    parallel = list(iter_records(GOOD, jobs=2))
    assert parallel == serial
    assert [n for n, _, _ in parallel] == list(range(1, 601))
    assert [r["id"] for _, r, _ in parallel if r] == [f"p{i}" for i in range(600)]


def test_iter_records_returns_the_guidelines_record() -> None:
    [(line_number, rec, error)] = list(iter_records([json.dumps({"id": "a", "text": "No RLS, 4g kratom."})]))
    assert (line_number, error) == (1, None)
    assert rec == extract("No RLS, 4g kratom.").to_json("a")
    assert set(rec or {}) == {"id", "symptoms", "substances", "doses", "kratom_effect"}


MALFORMED = [
    ("{not json", "invalid JSON"),
    ("[1, 2]", "expected a JSON object"),
    (json.dumps({"text": "no id"}), "missing 'id'"),
    (json.dumps({"id": "x"}), "missing 'text'"),
    (json.dumps({"id": "x", "text": 42}), "'text' must be a string"),
    (json.dumps({"id": "x", "text": None}), "'text' must be a string"),
    (json.dumps({"id": ["x"], "text": "hi"}), "'id' must be a string"),
]


@pytest.mark.parametrize(("line", "message"), MALFORMED)
def test_malformed_line_is_reported_with_its_number_and_skipped(line: str, message: str) -> None:
    lines = [GOOD[0], line, GOOD[1]]
    results = list(iter_records(lines))
    assert [n for n, _, _ in results] == [1, 2, 3]
    _, rec, error = results[1]
    assert rec is None
    assert error is not None
    assert message in error
    assert error.startswith("line 2:")
    assert results[0][1] is not None
    assert results[2][1] is not None


def test_malformed_lines_are_reported_in_order_with_two_jobs() -> None:
    lines = [*GOOD[:300], "{oops", *GOOD[300:]]
    results = list(iter_records(lines, jobs=2))
    assert [n for n, _, _ in results] == list(range(1, 602))
    errors = [(n, e) for n, _, e in results if e]
    assert len(errors) == 1
    assert errors[0][0] == 301


def test_blank_lines_are_skipped_but_counted() -> None:
    results = list(iter_records(["", GOOD[0], "   "]))
    assert [n for n, _, _ in results] == [2]


def test_the_id_goes_out_exactly_as_it_came_in() -> None:
    [(_, number, _), (_, text, _)] = list(
        iter_records([json.dumps({"id": 7, "text": "tired"}), json.dumps({"id": "r-7", "text": "tired"})])
    )
    assert number is not None and text is not None
    assert (number["id"], text["id"]) == (7, "r-7")


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ValueError, match="jobs"):
        list(iter_records(GOOD, jobs=0))
