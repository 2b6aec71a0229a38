"""Local days and daily totals across midnight and both DST changes.

2026 transitions used below (local wall clock):
* America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (a 23-hour day);
  2026-11-01 02:00 EDT -> 01:00 EST (a 25-hour day, 01:00-02:00 happens twice).
* Europe/London: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from easeoff.domain.doses import Dose, Product, daily_totals, local_day, normalise_amount

NY = "America/New_York"
LONDON = "Europe/London"

LEAF = Product("Leaf", "kratom", "leaf_powder", "g", measurable_step=D("0.1"))
CAPS = Product("Caps", "kratom", "capsules", "capsules", mg_per_unit=D(500))
OXY = Product("Oxy", "oxycodone", "tablet_ir", "tablets", mg_per_unit=D(5))
BEER = Product("Beer", "alcohol", "drink", "drinks")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def dose(at: str, amount: object, unit: str, product: Product = LEAF) -> Dose:
    return Dose(product.substance, utc(at), normalise_amount(amount, unit, product))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("instant", "zone", "expected"),
    [
        # New York, spring forward.
        ("2026-03-08T06:30", NY, date(2026, 3, 8)),  # 01:30 EST, before the jump
        ("2026-03-08T07:30", NY, date(2026, 3, 8)),  # 03:30 EDT, after it
        ("2026-03-09T03:30", NY, date(2026, 3, 8)),  # 23:30 EDT
        (
            "2026-03-09T04:30",
            NY,
            date(2026, 3, 9),
        ),  # 00:30 EDT; a fixed EST offset would say 23:30 on the 8th
        # New York, fall back.
        ("2026-11-01T05:30", NY, date(2026, 11, 1)),  # 01:30 EDT, first pass
        ("2026-11-01T06:30", NY, date(2026, 11, 1)),  # 01:30 EST, the repeated hour
        (
            "2026-11-02T04:30",
            NY,
            date(2026, 11, 1),
        ),  # 23:30 EST; a fixed EDT offset would say 00:30 on the 2nd
        ("2026-11-02T05:30", NY, date(2026, 11, 2)),  # 00:30 EST
        # London.
        ("2026-03-29T00:30", LONDON, date(2026, 3, 29)),  # 00:30 GMT
        ("2026-03-29T23:30", LONDON, date(2026, 3, 30)),  # 00:30 BST: UTC date is still the 29th
        ("2026-10-24T23:30", LONDON, date(2026, 10, 25)),  # 00:30 BST
        ("2026-10-25T23:30", LONDON, date(2026, 10, 25)),  # 23:30 GMT
    ],
)
def test_local_day_across_dst(instant: str, zone: str, expected: date) -> None:
    assert local_day(utc(instant), zone) == expected


def test_local_day_accepts_any_aware_instant() -> None:
    eastern = timezone(timedelta(hours=-5))
    assert local_day(datetime(2026, 3, 8, 23, 30, tzinfo=eastern), NY) == date(2026, 3, 9)  # 00:30 EDT


def test_local_day_rejects_naive_instant() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_day(datetime(2026, 3, 8, 12, 0), NY)


def test_local_day_rejects_unknown_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        local_day(utc("2026-03-08T12:00"), "Mars/Olympus")


@pytest.mark.parametrize(
    ("zone", "doses", "expected"),
    [
        # Across midnight: 23:50 and 00:10 local are two days.
        (
            LONDON,
            [("2026-01-10T23:50", "2", "g"), ("2026-01-11T00:10", "3", "g")],
            {date(2026, 1, 10): D(2000), date(2026, 1, 11): D(3000)},
        ),
        # New York's 23-hour day: 00:30 EST and 23:30 EDT are both 2026-03-08.
        (
            NY,
            [
                ("2026-03-08T05:30", "2", "g"),
                ("2026-03-09T03:30", "1.5", "g"),
                ("2026-03-09T04:30", "1", "g"),
            ],
            {date(2026, 3, 8): D(3500), date(2026, 3, 9): D(1000)},
        ),
        # New York's 25-hour day: 00:30 EDT, both 01:30s and 23:30 EST are 2026-11-01.
        (
            NY,
            [
                ("2026-11-01T04:30", "1", "g"),
                ("2026-11-01T05:30", "1", "g"),
                ("2026-11-01T06:30", "1", "g"),
                ("2026-11-02T04:30", "1", "g"),
                ("2026-11-02T05:30", "1", "g"),
            ],
            {date(2026, 11, 1): D(4000), date(2026, 11, 2): D(1000)},
        ),
        # London spring forward: 23:30 UTC on the 29th is 00:30 BST on the 30th.
        (
            LONDON,
            [("2026-03-29T00:30", "2", "g"), ("2026-03-29T22:30", "2", "g"), ("2026-03-29T23:30", "2", "g")],
            {date(2026, 3, 29): D(4000), date(2026, 3, 30): D(2000)},
        ),
        # London fall back: 23:30 UTC on the 24th is 00:30 BST on the 25th; 23:30 UTC on the 25th is GMT.
        (
            LONDON,
            [("2026-10-24T22:30", "1", "g"), ("2026-10-24T23:30", "1", "g"), ("2026-10-25T23:30", "1", "g")],
            {date(2026, 10, 24): D(1000), date(2026, 10, 25): D(2000)},
        ),
    ],
)
def test_daily_totals_follow_the_local_day(
    zone: str, doses: list[tuple[str, str, str]], expected: dict[date, D]
) -> None:
    totals = daily_totals([dose(at, D(amount), unit) for at, amount, unit in doses], zone)
    assert {day: total.amount_mg for (day, _), total in totals.items()} == expected


def test_daily_totals_sum_decimals_exactly() -> None:
    totals = daily_totals(
        [dose("2026-05-01T10:00", D("0.1"), "g"), dose("2026-05-01T12:00", D("0.2"), "g")], LONDON
    )
    total = totals[(date(2026, 5, 1), "kratom")]
    assert total.amount_mg == D(300)
    assert total.in_unit("g") == D("0.3")
    assert total.dose_count == 2


def test_daily_totals_are_per_substance() -> None:
    totals = daily_totals(
        [
            dose("2026-05-01T10:00", 2, "g"),
            dose("2026-05-01T11:00", 2, "tablets", OXY),
            dose("2026-05-01T12:00", 4, "capsules", CAPS),
        ],
        LONDON,
    )
    assert set(totals) == {(date(2026, 5, 1), "kratom"), (date(2026, 5, 1), "oxycodone")}
    kratom = totals[(date(2026, 5, 1), "kratom")]
    assert kratom.amount_mg == D(4000)
    assert dict(kratom.by_unit) == {"g": D(2), "capsules": D(4)}
    assert kratom.in_unit("capsules") is None  # mixed units: no exact capsule count
    assert totals[(date(2026, 5, 1), "oxycodone")].in_unit("tablets") == D(2)


def test_daily_totals_flag_approximate_conversions() -> None:
    totals = daily_totals([dose("2026-05-01T10:00", 1, "g"), dose("2026-05-01T11:00", 1, "tsp")], LONDON)
    total = totals[(date(2026, 5, 1), "kratom")]
    assert total.amount_mg == D(3500)
    assert total.is_approximate is True


def test_daily_totals_keep_doses_without_a_mass() -> None:
    totals = daily_totals(
        [dose("2026-05-01T19:00", 2, "drinks", BEER), dose("2026-05-01T21:00", 1, "drinks", BEER)], LONDON
    )
    total = totals[(date(2026, 5, 1), "alcohol")]
    assert total.amount_mg is None
    assert total.unconverted_count == 2
    assert total.in_unit("drinks") == D(3)
    assert total.in_unit("g") is None


def test_daily_total_in_mass_unit_is_none_when_some_doses_lack_mass() -> None:
    unknown = Product("Caps", "kratom", "capsules", "capsules")
    totals = daily_totals(
        [dose("2026-05-01T10:00", 1, "g"), dose("2026-05-01T11:00", 2, "capsules", unknown)], LONDON
    )
    total = totals[(date(2026, 5, 1), "kratom")]
    assert total.amount_mg == D(1000)  # a lower bound
    assert total.unconverted_count == 1
    assert total.in_unit("g") is None


def test_daily_total_rejects_unknown_unit() -> None:
    total = daily_totals([dose("2026-05-01T10:00", 1, "g")], LONDON)[(date(2026, 5, 1), "kratom")]
    with pytest.raises(ValueError, match="unknown unit"):
        total.in_unit("oz")
