"""Taper schedules: percent and fixed steps, rounding to what the product measures, JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal as D
from itertools import pairwise
from typing import Any

import pytest

from easeoff.domain.doses import Product
from easeoff.domain.taper import (
    MAX_STEPS,
    FixedReduction,
    InvalidTaper,
    PercentReduction,
    Reduction,
    TaperRule,
    plan_taper,
)

START = date(2026, 3, 1)


def rule(
    start: str,
    reduction: Reduction,
    floor: str,
    step: str,
    *,
    unit: Any = "g",
    interval: int = 7,
    **extra: Any,
) -> TaperRule:
    return TaperRule(
        substance="kratom",
        unit=unit,
        start_per_day=D(start),
        reduction=reduction,
        interval_days=interval,
        floor=D(floor),
        rounding_step=D(step),
        **extra,
    )


def amounts(taper_rule: TaperRule) -> list[str]:
    return [str(s.amount_per_day) for s in plan_taper(taper_rule, START).steps]


@pytest.mark.parametrize(
    ("taper_rule", "expected"),
    [
        # 10 % of the current amount, 0.1 g scale: 7.29 -> 7.3, 6.57 -> 6.6 ... and at 0.5 g the
        # 10 % step (0.45 g) would round back to 0.5 g, so it is forced one step lower each time.
        (
            rule("10", PercentReduction(D(10)), "0", "0.1"),
            "10 9 8.1 7.3 6.6 5.9 5.3 4.8 4.3 3.9 3.5 3.2 2.9 2.6 2.3 2.1 1.9 1.7 1.5 1.4 1.3 1.2 1.1 1 0.9 "
            "0.8 0.7 0.6 0.5 0.4 0.3 0.2 0.1 0",
        ),
        (rule("5", FixedReduction(D(1)), "2", "0.5"), "5 4 3 2"),
        # 0.75 g steps on a 0.5 g scale: 4.25 -> 4.5 (half up), so the schedule moves in 0.5 g.
        (rule("5", FixedReduction(D("0.75")), "1", "0.5"), "5 4.5 4 3.5 3 2.5 2 1.5 1"),
        # Whole capsules: 25 % of 8 is 6; 4.5 -> 5; 3.75 -> 4; 2.25 -> 2 = floor.
        (rule("8", PercentReduction(D(25)), "2", "1", unit="capsules"), "8 6 5 4 3 2"),
        # 10 % of 4 capsules rounds back to 4 every time: forced down one capsule per step.
        (rule("4", PercentReduction(D(10)), "0", "1", unit="capsules"), "4 3 2 1 0"),
        (rule("6", PercentReduction(D(100)), "1.5", "0.5"), "6 1.5"),
        (rule("3", FixedReduction(D(2)), "2", "0.1"), "3 2"),
        (rule("2", FixedReduction(D(1)), "2", "0.1"), "2"),
    ],
)
def test_taper_schedule(taper_rule: TaperRule, expected: str) -> None:
    assert amounts(taper_rule) == expected.split()


def test_taper_never_rises_and_last_step_is_exactly_the_floor() -> None:
    plan = plan_taper(rule("12", PercentReduction(D(15)), "2", "0.1"), START)
    values = [s.amount_per_day for s in plan.steps]
    assert all(b < a for a, b in pairwise(values))
    assert min(values) == values[-1] == D(2)
    assert plan.steps[-1].is_floor and not any(s.is_floor for s in plan.steps[:-1])


def test_taper_steps_record_unrounded_value_and_rounding() -> None:
    steps = plan_taper(rule("10", PercentReduction(D(10)), "0", "0.1"), START).steps
    assert steps[0].rounding == "starting amount"
    assert (steps[1].unrounded, steps[1].rounding) == (D(9), "10 % less than 10 g is 9 g; no rounding needed")
    assert steps[3].unrounded == D("7.29")
    assert steps[3].rounding == "10 % less than 8.1 g is 7.29 g; rounded to 7.3 g (nearest 0.1 g)"
    stalled = steps[29]
    assert (stalled.unrounded, stalled.amount_per_day) == (D("0.45"), D("0.4"))
    assert "gives 0.5 g, no reduction, so one measurable step lower: 0.4 g" in stalled.rounding
    assert steps[-1].rounding.endswith("0 g (the floor)")


def test_taper_floor_step_explains_reaching_the_floor() -> None:
    steps = plan_taper(rule("3", FixedReduction(D(2)), "2", "0.1"), START).steps
    assert steps[-1].unrounded == D(1)
    assert steps[-1].rounding == "3 g less 2 g is 1 g: at or below the floor, so the floor (2 g)"


def test_taper_dates_follow_the_interval_and_floor_days() -> None:
    plan = plan_taper(rule("5", FixedReduction(D(1)), "2", "0.5", interval=10, floor_days=14), START)
    assert [s.on for s in plan.steps] == [START + timedelta(days=10 * i) for i in range(4)]
    assert [s.days for s in plan.steps] == [10, 10, 10, 14]
    assert plan.starts_on == START
    assert plan.floor_on == date(2026, 3, 31)
    assert plan.ends_on == date(2026, 4, 13)


@pytest.mark.parametrize(
    ("after_floor", "day", "expected"),
    [
        ("hold", date(2026, 2, 28), None),
        ("hold", date(2026, 3, 1), D(5)),
        ("hold", date(2026, 3, 7), D(5)),
        ("hold", date(2026, 3, 8), D(4)),
        ("hold", date(2026, 3, 22), D(2)),
        ("hold", date(2026, 3, 28), D(2)),
        ("hold", date(2026, 12, 25), D(2)),  # the floor holds until the clinician changes the plan
        ("stop_with_clinician", date(2026, 3, 28), D(2)),
        ("stop_with_clinician", date(2026, 3, 29), None),  # the schedule has ended
    ],
)
def test_amount_on(after_floor: str, day: date, expected: D | None) -> None:
    plan = plan_taper(rule("5", FixedReduction(D(1)), "2", "0.5", after_floor=after_floor), START)
    assert plan.amount_on(day) == expected


def test_for_product_takes_unit_and_rounding_from_the_product() -> None:
    caps = Product("Caps", "kratom", "capsules", "capsules", mg_per_unit=D(500), measurable_step=D(1))
    taper_rule = TaperRule.for_product(
        caps, start_per_day=D(8), reduction=PercentReduction(D(25)), interval_days=7, floor=D(2)
    )
    assert (taper_rule.unit, taper_rule.rounding_step, taper_rule.substance) == ("capsules", D(1), "kratom")
    assert amounts(taper_rule) == ["8", "6", "5", "4", "3", "2"]


def test_for_product_requires_a_measurable_step() -> None:
    leaf = Product("Leaf", "kratom", "leaf_powder", "g")
    with pytest.raises(InvalidTaper) as excinfo:
        TaperRule.for_product(
            leaf, start_per_day=D(5), reduction=FixedReduction(D(1)), interval_days=7, floor=D(0)
        )
    assert "measurable_step" in excinfo.value.problems["rounding_step"]


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"start_per_day": D(0)}, "start_per_day", "greater than 0"),
        ({"floor": D(-1)}, "floor", "0 or more"),
        ({"floor": D(11)}, "floor", "not be above the starting amount (10 g)"),
        ({"rounding_step": D(0)}, "rounding_step", "greater than 0"),
        ({"start_per_day": D("10.05")}, "start_per_day", "whole number of rounding steps (0.1 g)"),
        ({"floor": D("0.25")}, "floor", "whole number of rounding steps"),
        ({"interval_days": 0}, "interval_days", "from 1 to 365"),
        ({"floor_days": 0}, "floor_days", "from 1 to 365"),
        ({"reduction": PercentReduction(D(0))}, "reduction", "greater than 0 and at most 100"),
        ({"reduction": PercentReduction(D(150))}, "reduction", "greater than 0 and at most 100"),
        ({"reduction": FixedReduction(D(0))}, "reduction", "fixed amount must be greater than 0"),
        ({"substance": "krattom"}, "substance", "unknown substance"),
        ({"unit": "oz"}, "unit", "unknown unit"),
        ({"after_floor": "stop"}, "after_floor", "'hold' or 'stop_with_clinician'"),
    ],
)
def test_plan_taper_rejects_invalid_rules(changes: dict[str, Any], field: str, fragment: str) -> None:
    fields: dict[str, Any] = {
        "substance": "kratom",
        "unit": "g",
        "start_per_day": D(10),
        "reduction": PercentReduction(D(10)),
        "interval_days": 7,
        "floor": D(0),
        "rounding_step": D("0.1"),
    }
    fields.update(changes)
    with pytest.raises(InvalidTaper) as excinfo:
        plan_taper(TaperRule(**fields), START)
    assert fragment in excinfo.value.problems[field]


def test_plan_taper_refuses_a_schedule_longer_than_max_steps() -> None:
    with pytest.raises(InvalidTaper, match=f"more than {MAX_STEPS} steps"):
        plan_taper(rule("100", FixedReduction(D("0.01")), "0", "0.01"), START)


def test_to_json_has_the_documented_shape() -> None:
    plan = plan_taper(rule("10", PercentReduction(D(10)), "7", "0.1"), START)
    data = json.loads(plan.to_json())
    assert data == {
        "substance": "kratom",
        "unit": "g",
        "steps": [
            {"on": "2026-03-01", "amount_per_day": 10},
            {"on": "2026-03-08", "amount_per_day": 9},
            {"on": "2026-03-15", "amount_per_day": 8.1},
            {"on": "2026-03-22", "amount_per_day": 7.3},
            {"on": "2026-03-29", "amount_per_day": 7},
        ],
    }
    assert '"amount_per_day": 8.1' in plan.to_json()
