"""Scoring rules: rejection of invalid answers, item flags, unscored items, variants, conventions."""

import dataclasses
import pickle

import pytest

from easeoff.domain.instruments import PUBLISHED, Instrument, get_instrument
from easeoff.domain.scoring import InvalidAnswers, Score, label_by_convention, score


def zeros(instrument: Instrument) -> dict[str, object]:
    return {item.id: 0 for item in instrument.items if item.required}


def problems_for(code: str, changes: dict[str, object], remove: tuple[str, ...] = ()) -> dict[str, str]:
    instrument = get_instrument(code)
    answers = zeros(instrument) | changes
    for item_id in remove:
        del answers[item_id]
    with pytest.raises(InvalidAnswers) as raised:
        score(instrument, answers)  # type: ignore[arg-type]
    return raised.value.problems


def test_score_rejects_missing_item() -> None:
    assert problems_for("cows", {}, remove=("cows_4",)) == {"cows_4": "missing; allowed values: 0, 1, 2, 5"}


def test_score_rejects_empty_answers_naming_every_item() -> None:
    with pytest.raises(InvalidAnswers) as raised:
        score(get_instrument("gad7"), {})
    assert list(raised.value.problems) == [f"gad7_{n}" for n in range(1, 8)]
    assert all(message.startswith("missing;") for message in raised.value.problems.values())


UNKNOWN = [
    ("cows", "cows_12", "unknown item; this instrument has items cows_1..cows_11"),
    ("cows", "pulse", "unknown item; this instrument has items cows_1..cows_11"),
    ("phq9", "phq9_10", "unknown item; this instrument has items phq9_1..phq9_9 (optional: phq9_difficulty)"),
    ("craving", "craving_2", "unknown item; this instrument has only item craving_1"),
    ("kud", "gad7_1", "unknown item; this instrument has items kud_1..kud_11"),
]


@pytest.mark.parametrize(("code", "key", "message"), UNKNOWN)
def test_score_rejects_extra_item(code: str, key: str, message: str) -> None:
    assert problems_for(code, {key: 0}) == {key: message}


@pytest.mark.parametrize(("key", "name"), [(1, "1"), (None, "None"), (("oows", 1), "('oows', 1)")])
def test_score_rejects_non_string_key_under_its_repr(key: object, name: str) -> None:
    assert problems_for("oows", {key: 0}) == {name: "unknown item; this instrument has items oows_1..oows_13"}  # type: ignore[dict-item]


OUT_OF_RANGE = [
    ("cows", "cows_1", 3, "3 is not allowed; allowed values: 0, 1, 2, 4"),
    ("cows", "cows_1", 5, "5 is not allowed; allowed values: 0, 1, 2, 4"),
    ("cows", "cows_3", 2, "2 is not allowed; allowed values: 0, 1, 3, 5"),
    ("cows", "cows_3", 4, "4 is not allowed; allowed values: 0, 1, 3, 5"),
    ("cows", "cows_4", 3, "3 is not allowed; allowed values: 0, 1, 2, 5"),
    ("cows", "cows_4", 4, "4 is not allowed; allowed values: 0, 1, 2, 5"),
    ("cows", "cows_7", 4, "4 is not allowed; allowed values: 0, 1, 2, 3, 5"),
    ("cows", "cows_11", 1, "1 is not allowed; allowed values: 0, 3, 5"),
    ("cows", "cows_11", 2, "2 is not allowed; allowed values: 0, 3, 5"),
    ("cows", "cows_11", 4, "4 is not allowed; allowed values: 0, 3, 5"),
    ("cows", "cows_2", -1, "-1 is not allowed; allowed values: 0, 1, 2, 3, 4"),
    ("sows", "sows_16", 5, "5 is not allowed; allowed values: 0, 1, 2, 3, 4"),
    ("oows", "oows_1", 2, "2 is not allowed; allowed values: 0, 1"),
    ("sows_gossop", "sows_gossop_10", 4, "4 is not allowed; allowed values: 0, 1, 2, 3"),
    ("phq9", "phq9_9", 4, "4 is not allowed; allowed values: 0, 1, 2, 3"),
    ("phq9", "phq9_difficulty", 4, "4 is not allowed; allowed values: 0, 1, 2, 3"),
    ("gad7", "gad7_7", -1, "-1 is not allowed; allowed values: 0, 1, 2, 3"),
    ("craving", "craving_1", 11, "11 is not allowed; allowed values: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"),
    ("kud", "kud_11", 2, "2 is not allowed; allowed values: 0, 1"),
]


@pytest.mark.parametrize(("code", "item_id", "value", "message"), OUT_OF_RANGE)
def test_score_rejects_out_of_range_value(code: str, item_id: str, value: int, message: str) -> None:
    assert problems_for(code, {item_id: value}) == {item_id: message}


# Every value 0-5 the COWS form does not print for an item (3 on items 1, 5, 6, 8, 9, 10; ...).
COWS_DISALLOWED = [
    (item_id, value)
    for item_id, allowed in [
        ("cows_1", (0, 1, 2, 4)),
        ("cows_2", (0, 1, 2, 3, 4)),
        ("cows_3", (0, 1, 3, 5)),
        ("cows_4", (0, 1, 2, 5)),
        ("cows_5", (0, 1, 2, 4)),
        ("cows_6", (0, 1, 2, 4)),
        ("cows_7", (0, 1, 2, 3, 5)),
        ("cows_8", (0, 1, 2, 4)),
        ("cows_9", (0, 1, 2, 4)),
        ("cows_10", (0, 1, 2, 4)),
        ("cows_11", (0, 3, 5)),
    ]
    for value in range(6)
    if value not in allowed
]


@pytest.mark.parametrize(("item_id", "value"), COWS_DISALLOWED)
def test_score_rejects_cows_value_not_printed_on_the_form(item_id: str, value: int) -> None:
    assert problems_for("cows", {item_id: value})[item_id].startswith(f"{value} is not allowed")


WRONG_TYPE = [
    (True, "True is not a whole-number score; allowed values: 0, 1"),
    (False, "False is not a whole-number score; allowed values: 0, 1"),
    ("1", "'1' is not a whole-number score; allowed values: 0, 1"),
    (1.0, "1.0 is not a whole-number score; allowed values: 0, 1"),
    (None, "None is not a whole-number score; allowed values: 0, 1"),
]


@pytest.mark.parametrize(("value", "message"), WRONG_TYPE, ids=repr)
def test_score_rejects_value_of_wrong_type(value: object, message: str) -> None:
    assert problems_for("kud", {"kud_1": value}) == {"kud_1": message}


def test_score_rejects_bool_even_where_its_int_value_is_allowed() -> None:
    assert "cows_1" in problems_for("cows", {"cows_1": True})


def test_score_names_every_offending_item_in_one_error() -> None:
    problems = problems_for(
        "cows", {"cows_1": 3, "cows_2": "2", "cows_11": True, "extra": 0}, remove=("cows_5", "cows_6")
    )
    assert set(problems) == {"cows_1", "cows_2", "cows_5", "cows_6", "cows_11", "extra"}


def test_invalid_answers_is_a_value_error_with_a_readable_message() -> None:
    oows = get_instrument("oows")
    answers = {item_id: value for item_id, value in zeros(oows).items() if item_id != "oows_1"}
    with pytest.raises(ValueError, match=r"2 invalid answers for oows: oows_1: missing; .*oows_2: 2 is not"):
        score(oows, answers | {"oows_2": 2})  # type: ignore[arg-type]


def test_invalid_answers_survives_pickling() -> None:
    error = InvalidAnswers("cows", {"cows_1": "missing; allowed values: 0, 1, 2, 4"})
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (copy.instrument_code, copy.problems, str(copy)) == ("cows", error.problems, str(error))


ITEM9_FLAGS = [
    (0, ()),
    (1, ("phq9_item9_positive",)),
    (2, ("phq9_item9_positive",)),
    (3, ("phq9_item9_positive",)),
]


@pytest.mark.parametrize(("value", "flags"), ITEM9_FLAGS)
def test_score_flags_phq9_item9_above_zero_whatever_the_total(value: int, flags: tuple[str, ...]) -> None:
    phq9 = get_instrument("phq9")
    result = score(phq9, zeros(phq9) | {"phq9_9": value})  # type: ignore[arg-type]
    assert result.flags == flags
    assert result.total == value
    assert result.band is not None and result.band.label == "none to minimal"


@pytest.mark.parametrize("code", ["cows", "sows", "oows", "sows_gossop", "gad7", "craving", "kud"])
def test_score_raises_no_flags_for_instruments_without_flag_rules(code: str) -> None:
    instrument = get_instrument(code)
    assert score(instrument, {item.id: item.allowed_values[-1] for item in instrument.items}).flags == ()


@pytest.mark.parametrize("difficulty", [None, 0, 1, 2, 3])
def test_score_never_counts_the_phq9_difficulty_question(difficulty: int | None) -> None:
    phq9 = get_instrument("phq9")
    answers = {f"phq9_{n}": 1 for n in range(1, 10)}
    if difficulty is not None:
        answers["phq9_difficulty"] = difficulty
    result = score(phq9, answers)
    assert result.total == 9
    assert result.answers.get("phq9_difficulty") == difficulty


def test_score_records_the_variant_used() -> None:
    sows = get_instrument("sows")
    assert score(sows, zeros(sows)).variant == PUBLISHED  # type: ignore[arg-type]
    assert score(sows, zeros(sows), variant="using").variant == "using"  # type: ignore[arg-type]


def test_score_rejects_unknown_variant() -> None:
    with pytest.raises(KeyError, match="sows has no variant 'injecting'"):
        score(get_instrument("sows"), zeros(get_instrument("sows")), variant="injecting")  # type: ignore[arg-type]


def test_score_keeps_a_copy_of_the_answers_in_item_order() -> None:
    gad7 = get_instrument("gad7")
    answers = {f"gad7_{n}": 1 for n in range(7, 0, -1)}
    result = score(gad7, answers)
    answers["gad7_1"] = 3
    assert result.answers["gad7_1"] == 1
    assert list(result.answers) == [f"gad7_{n}" for n in range(1, 8)]


def test_score_is_frozen_and_hashable() -> None:
    result = score(get_instrument("craving"), {"craving_1": 4})
    assert isinstance(result, Score)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 5  # type: ignore[misc]
    assert hash(result) == hash(score(get_instrument("craving"), {"craving_1": 4}))


CTN_0094 = [
    (0, "none"),
    (1, "mild"),
    (10, "mild"),
    (11, "moderate"),
    (20, "moderate"),
    (21, "severe"),
    (64, "severe"),
]


@pytest.mark.parametrize(("total", "label"), CTN_0094)
def test_label_by_convention_gives_ctn0094_research_label_for_sows(total: int, label: str) -> None:
    band = label_by_convention(get_instrument("sows"), total, "ctn0094")
    assert band is not None and band.label == label


def test_label_by_convention_rejects_unknown_convention() -> None:
    with pytest.raises(KeyError, match="cows has no research convention 'ctn0094'"):
        label_by_convention(get_instrument("cows"), 10, "ctn0094")
