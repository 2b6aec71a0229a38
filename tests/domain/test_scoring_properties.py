"""Property tests: any valid answer set scores in range and in at most one band; any invalid set is named."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from easeoff.domain.instruments import INSTRUMENTS, Instrument, Item
from easeoff.domain.scoring import InvalidAnswers, score

# No example database: the tests must not write files into the working tree.
PROPERTY = settings(database=None, max_examples=300, deadline=None)


def valid_answers(instrument: Instrument) -> st.SearchStrategy[dict[str, int]]:
    required = {item.id: st.sampled_from(item.allowed_values) for item in instrument.items if item.required}
    optional = {
        item.id: st.sampled_from(item.allowed_values) for item in instrument.items if not item.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def invalid_value(item: Item) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers().filter(lambda value: value not in item.allowed_values),
        st.booleans(),
        st.text(max_size=3),
        st.floats(allow_nan=False),
        st.none(),
    )


@st.composite
def invalid_answers(draw: st.DrawFn, instrument: Instrument) -> tuple[dict[str, Any], str]:
    """Draw a valid set with one thing broken; return it with the item id that must be named."""
    answers: dict[str, Any] = dict(draw(valid_answers(instrument)))
    kind = draw(st.sampled_from(["value", "missing", "unknown"]))
    if kind == "unknown":
        key = draw(st.text(min_size=1, max_size=12).filter(lambda k: k not in instrument.item_ids))
        answers[key] = draw(st.integers(0, 5))
        return answers, key
    if kind == "missing":
        item = draw(st.sampled_from([item for item in instrument.items if item.required]))
        del answers[item.id]
        return answers, item.id
    item = draw(st.sampled_from(instrument.items))
    answers[item.id] = draw(invalid_value(item))
    return answers, item.id


INSTRUMENT_LIST = list(INSTRUMENTS.values())


@pytest.mark.parametrize("instrument", INSTRUMENT_LIST, ids=[i.code for i in INSTRUMENT_LIST])
def test_score_of_any_valid_answers_lies_in_range_and_at_most_one_band(instrument: Instrument) -> None:
    @PROPERTY
    @given(valid_answers(instrument))
    def check(answers: dict[str, int]) -> None:
        result = score(instrument, answers)
        assert instrument.min_total <= result.total <= instrument.max_total
        assert result.total == sum(answers[item.id] for item in instrument.scored_items)
        holding = [band for band in instrument.bands if band.contains(result.total)]
        if instrument.bands:
            # Banded instruments cover their whole range, so exactly one band holds any total.
            assert holding == [result.band]
        else:
            assert result.band is None
        assert dict(result.answers) == answers

    check()


@pytest.mark.parametrize("instrument", INSTRUMENT_LIST, ids=[i.code for i in INSTRUMENT_LIST])
def test_score_of_any_invalid_answers_raises_naming_the_item(instrument: Instrument) -> None:
    @PROPERTY
    @given(invalid_answers(instrument))
    def check(case: tuple[dict[str, Any], str]) -> None:
        answers, offending = case
        with pytest.raises(InvalidAnswers) as raised:
            score(instrument, answers)
        assert list(raised.value.problems) == [offending]
        assert (
            "allowed values" in raised.value.problems[offending]
            or "unknown item" in raised.value.problems[offending]
        )

    check()
