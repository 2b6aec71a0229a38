"""Adaptive holds on SOWS/COWS, postponing steps, and plan-versus-actual adherence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D
from typing import Any

import pytest

from easeoff.domain.taper import (
    COWS_HOLD,
    SOWS_HOLD,
    FixedReduction,
    HoldRule,
    InvalidTaper,
    TaperPlan,
    TaperRule,
    adherence,
    evaluate_hold,
    plan_taper,
    postpone,
)

NY = "America/New_York"
START = date(2026, 3, 1)  # steps 10, 9, 8, 7 g on 03-01, 03-08, 03-15, 03-22
STEP_DAY = date(2026, 3, 8)  # the first reduction; New York springs forward this day


def make_plan(hold: HoldRule | None = SOWS_HOLD, after_floor: Any = "hold") -> TaperPlan:
    rule = TaperRule(
        substance="kratom",
        unit="g",
        start_per_day=D(10),
        reduction=FixedReduction(D(1)),
        interval_days=7,
        floor=D(7),
        rounding_step=D("0.1"),
        hold=hold,
        after_floor=after_floor,
    )
    return plan_taper(rule, START)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("scores", "today", "action", "fragments"),
    [
        ([], STEP_DAY, "proceed", ["needs 2 SOWS totals in the last 3 days and there are 0"]),
        ([("2026-03-07T14:00", "sows", 20)], STEP_DAY, "proceed", ["there is 1"]),
        (
            [("2026-03-06T14:00", "sows", 12), ("2026-03-07T14:00", "sows", 15)],
            STEP_DAY,
            "hold",
            [
                "Hold the step due today (10 to 9 g per day)",
                "the last 2 totals of SOWS (15 on 2026-03-07, 12 on 2026-03-06) were all at or above 11",
                "CTN-0094",
                "not a validated threshold",
            ],
        ),
        (
            [("2026-03-06T14:00", "sows", 11), ("2026-03-07T14:00", "sows", 11)],
            STEP_DAY,
            "hold",
            ["at or above 11"],
        ),
        (
            [("2026-03-06T14:00", "sows", 15), ("2026-03-07T14:00", "sows", 10)],
            STEP_DAY,
            "proceed",
            ["SOWS 10 on 2026-03-07 is below the hold threshold of 11"],
        ),
        # An old low score does not matter once the two latest are high.
        (
            [
                ("2026-03-06T02:00", "sows", 3),
                ("2026-03-06T14:00", "sows", 14),
                ("2026-03-07T14:00", "sows", 13),
            ],
            STEP_DAY,
            "hold",
            ["13 on 2026-03-07, 14 on 2026-03-06"],
        ),
        # A high score from before the 3-day window (03-06..03-08) does not count.
        (
            [("2026-03-05T14:00", "sows", 30), ("2026-03-07T14:00", "sows", 30)],
            STEP_DAY,
            "proceed",
            ["there is 1"],
        ),
        # 2026-03-06T04:30Z is 23:30 EST on 03-05 in New York: outside the window, though its UTC date is in.
        (
            [("2026-03-06T04:30", "sows", 30), ("2026-03-07T14:00", "sows", 30)],
            STEP_DAY,
            "proceed",
            ["there is 1"],
        ),
        # 2026-03-09T03:30Z is 23:30 EDT on 03-08 (after the spring-forward): inside the window.
        (
            [("2026-03-07T14:00", "sows", 30), ("2026-03-09T03:30", "sows", 25)],
            STEP_DAY,
            "hold",
            ["25 on 2026-03-08, 30 on 2026-03-07"],
        ),
        # Scores on another instrument are not used by a SOWS rule.
        (
            [("2026-03-06T14:00", "cows", 30), ("2026-03-07T14:00", "COWS", 30)],
            STEP_DAY,
            "proceed",
            ["there are 0"],
        ),
        # Before the step day the decision is about the step due next.
        (
            [("2026-03-05T14:00", "sows", 20), ("2026-03-06T14:00", "SOWS", 20)],
            date(2026, 3, 6),
            "hold",
            ["Hold the step due on 2026-03-08"],
        ),
    ],
)
def test_hold_happens_exactly_when_the_rule_says(
    scores: list[tuple[str, str, int]], today: date, action: str, fragments: list[str]
) -> None:
    decision = evaluate_hold(make_plan(), [(at(t), i, s) for t, i, s in scores], today, zone=NY)
    assert decision.action == action
    for fragment in fragments:
        assert fragment in decision.reason


def test_hold_keeps_the_current_amount_and_proceed_takes_the_step() -> None:
    high = [(at("2026-03-06T14:00"), "sows", 20), (at("2026-03-07T14:00"), "sows", 20)]
    held = evaluate_hold(make_plan(), high, STEP_DAY, zone=NY)
    assert (held.current_amount_per_day, held.amount_per_day) == (D(10), D(10))
    assert held.next_step is not None and held.next_step.amount_per_day == D(9)
    assert held.is_hold and len(held.scores_considered) == 2
    low = [(at("2026-03-06T14:00"), "sows", 5), (at("2026-03-07T14:00"), "sows", 5)]
    proceeding = evaluate_hold(make_plan(), low, STEP_DAY, zone=NY)
    assert (proceeding.action, proceeding.amount_per_day) == ("proceed", D(9))


@pytest.mark.parametrize(("total", "action"), [(12, "proceed"), (13, "hold"), (36, "hold")])
def test_cows_default_holds_from_the_moderate_band(total: int, action: str) -> None:
    decision = evaluate_hold(
        make_plan(COWS_HOLD), [(at("2026-03-07T15:00"), "cows", total)], STEP_DAY, zone=NY
    )
    assert decision.action == action
    if action == "hold":
        assert "Wesson & Ling 2003" in decision.reason


def test_rule_argument_overrides_the_plans_rule() -> None:
    custom = HoldRule(
        "sows", threshold=25, consecutive=1, window_days=1, threshold_basis="Dr Ben, 2026-02-20"
    )
    decision = evaluate_hold(
        make_plan(), [(at("2026-03-08T15:00"), "sows", 25)], STEP_DAY, zone=NY, rule=custom
    )
    assert decision.action == "hold"
    assert (
        "the latest total of SOWS (25 on 2026-03-08) was at or above 25. Threshold: Dr Ben" in decision.reason
    )


def test_without_a_hold_rule_the_plan_proceeds() -> None:
    decision = evaluate_hold(make_plan(hold=None), [(at("2026-03-07T14:00"), "sows", 60)], STEP_DAY, zone=NY)
    assert decision.action == "proceed"
    assert decision.reason.startswith("No hold rule is set")


@pytest.mark.parametrize(
    ("after_floor", "today", "amount", "fragment"),
    [
        ("hold", date(2026, 3, 23), D(7), "the floor holds until the clinician changes the plan"),
        ("stop_with_clinician", date(2026, 4, 30), None, "stop only with the clinician"),
    ],
)
def test_no_reduction_left_is_complete(
    after_floor: str, today: date, amount: D | None, fragment: str
) -> None:
    decision = evaluate_hold(make_plan(after_floor=after_floor), [], today, zone=NY)
    assert decision.action == "complete"
    assert decision.amount_per_day == amount
    assert "floor of 7 g on 2026-03-22" in decision.reason and fragment in decision.reason


def test_hold_rejects_an_impossible_total() -> None:
    with pytest.raises(ValueError, match="SOWS total 65 is outside 0-64"):
        evaluate_hold(make_plan(), [(at("2026-03-07T14:00"), "sows", 65)], STEP_DAY, zone=NY)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"instrument": "phq9", "threshold": 10}, "hold.instrument"),
        ({"instrument": "sows", "threshold": 0}, "hold.threshold"),
        ({"instrument": "sows", "threshold": 65}, "hold.threshold"),
        ({"instrument": "cows", "threshold": 49}, "hold.threshold"),
        ({"instrument": "sows", "threshold": 11, "consecutive": 0}, "hold.consecutive"),
        ({"instrument": "sows", "threshold": 11, "window_days": 0}, "hold.window_days"),
    ],
)
def test_hold_rule_rejects_invalid_fields(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidTaper) as excinfo:
        HoldRule(**kwargs)
    assert field in excinfo.value.problems


def test_default_hold_rules_say_where_their_thresholds_come_from() -> None:
    assert (SOWS_HOLD.instrument, SOWS_HOLD.threshold, SOWS_HOLD.threshold_is_convention) == (
        "sows",
        11,
        True,
    )
    assert "no published cut-off" in SOWS_HOLD.threshold_basis
    assert (COWS_HOLD.instrument, COWS_HOLD.threshold, COWS_HOLD.threshold_is_convention) == (
        "cows",
        13,
        False,
    )
    assert "moderate" in COWS_HOLD.threshold_basis


def test_postpone_moves_later_steps_and_extends_the_current_one() -> None:
    moved = postpone(make_plan(), from_on=STEP_DAY, days=2)
    assert [(s.on, s.amount_per_day, s.days) for s in moved.steps] == [
        (date(2026, 3, 1), D(10), 9),
        (date(2026, 3, 10), D(9), 7),
        (date(2026, 3, 17), D(8), 7),
        (date(2026, 3, 24), D(7), 7),
    ]
    assert moved.amount_on(date(2026, 3, 9)) == D(10)


def test_postpone_rejects_non_positive_days() -> None:
    with pytest.raises(InvalidTaper):
        postpone(make_plan(), from_on=STEP_DAY, days=0)


def test_adherence_compares_plan_and_actual_day_by_day() -> None:
    actual: dict[date, D | int] = {
        date(2026, 3, 1): D(10),
        date(2026, 3, 2): D("9.5"),
        date(2026, 3, 3): D(12),
        date(2026, 3, 5): 0,
        date(2026, 3, 8): D(9),
    }
    rows = adherence(make_plan(), actual)
    assert [(r.on.day, r.planned, r.actual, r.difference, r.status) for r in rows] == [
        (1, D(10), D(10), D(0), "as_planned"),
        (2, D(10), D("9.5"), D("-0.5"), "below"),
        (3, D(10), D(12), D(2), "above"),
        (4, D(10), None, None, "not_logged"),
        (5, D(10), D(0), D(-10), "below"),
        (6, D(10), None, None, "not_logged"),
        (7, D(10), None, None, "not_logged"),
        (8, D(9), D(9), D(0), "as_planned"),
    ]


def test_adherence_runs_through_the_given_day_and_past_a_stopped_plan() -> None:
    rows = adherence(make_plan(after_floor="stop_with_clinician"), {}, through=date(2026, 3, 30))
    assert rows[0].on == START and rows[-1].on == date(2026, 3, 30)
    assert rows[-1].status == "no_plan" and rows[-1].planned is None
    assert rows[-3].status == "not_logged" and rows[-3].planned == D(7)


def test_adherence_rejects_negative_actuals() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        adherence(make_plan(), {date(2026, 3, 1): -1})
