"""Spec tables per instrument: all-minimum, all-maximum, every band boundary, worked examples.

None of the sources gives an item-level worked example, so the worked examples below are
hand-computed from the published item values.
"""

import pytest

from easeoff.domain.instruments import get_instrument
from easeoff.domain.scoring import score
from tests.spec_tables import BAND_TABLE, WORKED, answers_with_total


@pytest.mark.parametrize("code", ["cows", "sows", "oows", "sows_gossop", "phq9", "gad7", "craving", "kud"])
def test_score_of_all_minimum_answers_is_min_total(code: str) -> None:
    instrument = get_instrument(code)
    answers = {item.id: item.allowed_values[0] for item in instrument.items if item.required}
    assert score(instrument, answers).total == instrument.min_total == 0


@pytest.mark.parametrize(
    ("code", "maximum"),
    [
        ("cows", 48),
        ("sows", 64),
        ("oows", 13),
        ("sows_gossop", 30),
        ("phq9", 27),
        ("gad7", 21),
        ("craving", 10),
        ("kud", 11),
    ],
)
def test_score_of_all_maximum_answers_is_max_total(code: str, maximum: int) -> None:
    instrument = get_instrument(code)
    answers = {item.id: item.allowed_values[-1] for item in instrument.items}
    assert score(instrument, answers).total == instrument.max_total == maximum


@pytest.mark.parametrize(("code", "total", "label"), BAND_TABLE)
def test_score_places_total_in_published_band(code: str, total: int, label: str | None) -> None:
    instrument = get_instrument(code)
    result = score(instrument, answers_with_total(instrument, total))
    assert result.total == total
    assert (result.band.label if result.band else None) == label


@pytest.mark.parametrize("total", range(49))
def test_every_cows_total_from_0_to_48_is_reachable_with_allowed_values(total: int) -> None:
    assert score(get_instrument("cows"), answers_with_total(get_instrument("cows"), total)).total == total


@pytest.mark.parametrize(("code", "values", "total", "label"), WORKED)
def test_score_matches_hand_computed_example(
    code: str, values: list[int], total: int, label: str | None
) -> None:
    instrument = get_instrument(code)
    answers = {item.id: value for item, value in zip(instrument.scored_items, values, strict=True)}
    result = score(instrument, answers)
    assert (result.total, result.band.label if result.band else None) == (total, label)
    assert result.instrument_code == code
    assert result.version == instrument.version
