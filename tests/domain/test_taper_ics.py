"""iCalendar export of a taper plan (RFC 5545): CRLF, 75-octet folding, all-day VEVENTs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from easeoff.domain.taper import (
    FixedReduction,
    PercentReduction,
    TaperPlan,
    TaperRule,
    _fold,
    plan_taper,
    to_ics,
)

DTSTAMP = datetime(2026, 2, 27, 9, 30, tzinfo=UTC)


def make_plan(start: str = "10", floor: str = "0", after_floor: str = "hold") -> TaperPlan:
    rule = TaperRule(
        substance="kratom",
        unit="g",
        start_per_day=D(start),
        reduction=PercentReduction(D(10)),
        interval_days=7,
        floor=D(floor),
        rounding_step=D("0.1"),
        after_floor=after_floor,  # type: ignore[arg-type]
    )
    return plan_taper(rule, date(2026, 3, 1))


def parse_ics(text: str) -> list[dict[str, str]]:
    """A strict little reader: checks line endings and octet lengths, unfolds, returns components."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical), "bare CR or LF"
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    components: list[dict[str, str]] = []
    stack: list[str] = []
    current: dict[str, str] = {}
    for line in logical:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            current = {"BEGIN": value}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                components.append(current)
        else:
            assert name and value, line
            current[name] = value
    assert not stack
    return components


def unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def test_ics_parses_with_one_all_day_event_per_step() -> None:
    plan = make_plan()
    events = parse_ics(to_ics(plan, dtstamp=DTSTAMP))
    assert len(events) == len(plan.steps)
    for event, step in zip(events, plan.steps, strict=True):
        assert event["DTSTAMP"] == "20260227T093000Z"
        assert event["DTSTART;VALUE=DATE"] == step.on.strftime("%Y%m%d")
        assert event["DTEND;VALUE=DATE"] == (step.last_on + timedelta(days=1)).strftime("%Y%m%d")
        assert f"{step.amount_per_day} g per day" in unescape(event["SUMMARY"])
        assert event["UID"].endswith(f"-step-{step.index}@easeoff")
    assert len({e["UID"] for e in events}) == len(events)


def test_ics_has_the_calendar_header() -> None:
    head = to_ics(make_plan(), dtstamp=DTSTAMP).split("\r\n")[:5]
    assert head == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//easeoff//taper plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]


def test_ics_description_shows_the_rounding_escaped() -> None:
    events = parse_ics(to_ics(make_plan(), dtstamp=DTSTAMP))
    description = unescape(events[3]["DESCRIPTION"])
    assert "10 % less than 8.1 g is 7.29 g; rounded to 7.3 g (nearest 0.1 g)" in description
    assert "\\;" in events[3]["DESCRIPTION"]  # the semicolon is escaped in the file


@pytest.mark.parametrize(
    ("after_floor", "fragment"),
    [
        ("hold", "hold at this amount until you and your clinician change the plan"),
        ("stop_with_clinician", "stop only together with your clinician"),
    ],
)
def test_ics_floor_event_says_what_happens_after(after_floor: str, fragment: str) -> None:
    events = parse_ics(to_ics(make_plan(floor="7", after_floor=after_floor), dtstamp=DTSTAMP))
    assert "(floor)" in unescape(events[-1]["SUMMARY"])
    assert fragment in unescape(events[-1]["DESCRIPTION"])


def test_ics_uids_are_stable_per_plan_and_overridable() -> None:
    first = parse_ics(to_ics(make_plan(), dtstamp=DTSTAMP))
    again = parse_ics(to_ics(make_plan(), dtstamp=DTSTAMP + timedelta(days=3)))
    other = parse_ics(to_ics(make_plan(start="9"), dtstamp=DTSTAMP))
    assert [e["UID"] for e in first] == [e["UID"] for e in again]
    assert first[0]["UID"] != other[0]["UID"]
    named = parse_ics(to_ics(make_plan(), dtstamp=DTSTAMP, uid_prefix="plan-42"))
    assert named[0]["UID"] == "plan-42-step-0@easeoff"


def test_ics_converts_dtstamp_to_utc_and_rejects_naive() -> None:
    plus_two = datetime(2026, 2, 27, 11, 30, tzinfo=timezone(timedelta(hours=2)))
    assert parse_ics(to_ics(make_plan(), dtstamp=plus_two))[0]["DTSTAMP"] == "20260227T093000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        to_ics(make_plan(), dtstamp=datetime(2026, 2, 27, 9, 30))


@pytest.mark.parametrize(
    "text", ["DESCRIPTION:" + "a" * 200, "SUMMARY:" + "é" * 100, "X:" + "€→" * 60, "SHORT:ok"]
)
def test_fold_keeps_lines_within_75_octets_without_splitting_characters(text: str) -> None:
    pieces = _fold(text)
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == text


def test_ics_with_fixed_reduction_and_capsules() -> None:
    rule = TaperRule(
        substance="kratom",
        unit="capsules",
        start_per_day=D(6),
        reduction=FixedReduction(D(1)),
        interval_days=14,
        floor=D(4),
        rounding_step=D(1),
    )
    events = parse_ics(to_ics(plan_taper(rule, date(2026, 10, 20)), dtstamp=DTSTAMP))
    assert [unescape(e["SUMMARY"]) for e in events] == [
        "Kratom (Mitragyna speciosa): 6 capsules per day (starting amount)",
        "Kratom (Mitragyna speciosa): 5 capsules per day",
        "Kratom (Mitragyna speciosa): 4 capsules per day (floor)",
    ]
    # An all-day step that spans the DST change keeps whole dates: 2026-10-20 + 14 days.
    assert events[0]["DTEND;VALUE=DATE"] == "20261103"
