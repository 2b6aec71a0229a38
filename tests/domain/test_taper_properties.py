"""Taper invariants for any valid rule (hypothesis)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal as D
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from easeoff.domain.taper import (
    SOWS_HOLD,
    FixedReduction,
    PercentReduction,
    TaperPlan,
    TaperRule,
    evaluate_hold,
    plan_taper,
    postpone,
)

STEPS = [D("0.05"), D("0.1"), D("0.25"), D("0.5"), D(1), D(5)]


@st.composite
def plans(draw: st.DrawFn) -> tuple[TaperPlan, int, int]:
    """A valid plan, with its start and floor counted in rounding steps."""
    step = draw(st.sampled_from(STEPS))
    start_n = draw(st.integers(min_value=1, max_value=400))
    floor_n = draw(st.integers(min_value=0, max_value=start_n))
    reduction = draw(
        st.one_of(
            st.decimals(min_value=D("0.1"), max_value=D(100), places=1).map(PercentReduction),
            st.decimals(min_value=D("0.01"), max_value=D(50), places=2).map(FixedReduction),
        )
    )
    rule = TaperRule(
        substance="kratom",
        unit="g",
        start_per_day=step * start_n,
        reduction=reduction,
        interval_days=draw(st.integers(min_value=1, max_value=28)),
        floor=step * floor_n,
        rounding_step=step,
        after_floor=draw(st.sampled_from(["hold", "stop_with_clinician"])),
        floor_days=draw(st.none() | st.integers(min_value=1, max_value=60)),
        hold=SOWS_HOLD,
    )
    start_on = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
    return plan_taper(rule, start_on), start_n, floor_n


@given(plans())
def test_taper_never_rises(case: tuple[TaperPlan, int, int]) -> None:
    plan, _, _ = case
    values = [s.amount_per_day for s in plan.steps]
    assert all(later < earlier for earlier, later in pairwise(values))


@given(plans())
def test_taper_never_goes_below_the_floor_and_ends_exactly_on_it(case: tuple[TaperPlan, int, int]) -> None:
    plan, _, _ = case
    assert all(s.amount_per_day >= plan.rule.floor for s in plan.steps)
    assert plan.steps[-1].amount_per_day == plan.rule.floor
    assert plan.steps[-1].is_floor


@given(plans())
def test_taper_amounts_are_measurable_with_the_product(case: tuple[TaperPlan, int, int]) -> None:
    plan, _, _ = case
    assert all(s.amount_per_day % plan.rule.rounding_step == 0 for s in plan.steps)


@given(plans())
def test_taper_starts_at_the_start_and_progresses_every_step(case: tuple[TaperPlan, int, int]) -> None:
    plan, start_n, floor_n = case
    assert plan.steps[0].amount_per_day == plan.rule.start_per_day
    # Every step falls by at least one rounding step, so the plan cannot stall.
    assert len(plan.steps) <= start_n - floor_n + 1


@given(plans())
def test_taper_rounding_is_to_the_nearest_step_unless_forced_or_floored(
    case: tuple[TaperPlan, int, int],
) -> None:
    plan, _, _ = case
    half = plan.rule.rounding_step / 2
    for earlier, step in pairwise(plan.steps):
        if step.is_floor or "no reduction" in step.rounding:
            assert step.amount_per_day <= max(step.unrounded, plan.rule.floor) + half
            continue
        assert abs(step.amount_per_day - step.unrounded) <= half
        assert step.amount_per_day < earlier.amount_per_day


@given(plans())
def test_taper_steps_are_contiguous(case: tuple[TaperPlan, int, int]) -> None:
    plan, _, _ = case
    for earlier, later in pairwise(plan.steps):
        assert later.on == earlier.on + timedelta(days=plan.rule.interval_days)
        assert earlier.last_on + timedelta(days=1) == later.on


@settings(max_examples=60)
@given(
    plans(),
    st.integers(min_value=-5, max_value=400),
    st.lists(
        st.tuples(st.integers(min_value=-10, max_value=400), st.integers(min_value=0, max_value=64)),
        max_size=6,
    ),
)
def test_hold_never_increases_a_dose(
    case: tuple[TaperPlan, int, int], today_offset: int, raw_scores: list[tuple[int, int]]
) -> None:
    plan, _, _ = case
    today = plan.starts_on + timedelta(days=today_offset)
    scores = [
        (datetime.combine(plan.starts_on + timedelta(days=d), time(12), tzinfo=UTC), "sows", total)
        for d, total in raw_scores
    ]
    decision = evaluate_hold(plan, scores, today, zone="Europe/London")
    yesterday = plan.amount_on(today - timedelta(days=1))
    if decision.amount_per_day is not None:
        assert decision.amount_per_day <= plan.rule.start_per_day
        if yesterday is not None:
            assert decision.amount_per_day <= yesterday
    if decision.is_hold:
        assert decision.amount_per_day == decision.current_amount_per_day
        assert decision.next_step is not None
        assert decision.amount_per_day is not None
        assert decision.next_step.amount_per_day < decision.amount_per_day


@settings(max_examples=60)
@given(plans(), st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=30))
def test_postpone_keeps_amounts_and_never_raises(
    case: tuple[TaperPlan, int, int], offset: int, days: int
) -> None:
    plan, _, _ = case
    moved = postpone(plan, from_on=plan.starts_on + timedelta(days=offset), days=days)
    assert [s.amount_per_day for s in moved.steps] == [s.amount_per_day for s in plan.steps]
    day, previous = moved.starts_on, moved.rule.start_per_day
    while day <= moved.ends_on:
        amount = moved.amount_on(day)
        assert amount is not None and amount <= previous
        # Postponing only delays reductions: never less than the original plan on any day.
        original = plan.amount_on(day)
        assert original is None or amount >= original
        previous = amount
        day += timedelta(days=1)
