"""Expected withdrawal courses, day N in the person's zone, and phases."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest

from easeoff.domain.substances import get_substance
from easeoff.domain.timeline import (
    COURSES,
    SOURCES,
    Status,
    course_key_for,
    day_n,
    hours_since,
    phase,
    withdrawal_course,
)

NY = "America/New_York"
LONDON = "Europe/London"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("key", "onset", "peak", "acute_end", "status"),
    [
        # Wider of 6-12 h (SA Health; Elsevier) and 8-24 h (WHO 2009); instruments.md §8.
        ("short_acting", "6-24 h", "24-48 h", "3-10 days", Status.PARTIAL),
        # WHO 12-48 h, Elsevier 30-72 h, CA Bridge "may be >72 hours" for methadone.
        ("long_acting", "12-72 h or more", "3-8 days", "10-20 days or more", Status.PARTIAL),
    ],
)
def test_sourced_courses_are_ranges(key: str, onset: str, peak: str, acute_end: str, status: Status) -> None:
    course = withdrawal_course(key)
    assert (course.onset.text, course.peak.text, course.acute_end.text) == (onset, peak, acute_end)
    assert course.status == status


@pytest.mark.parametrize("key", ["buprenorphine", "kratom"])
def test_unsourced_courses_show_no_numbers(key: str) -> None:
    course = withdrawal_course(key)
    assert course.status == Status.UNVERIFIED
    for milestone in (course.onset, course.peak, course.acute_end):
        assert milestone.span is None
        assert milestone.text.startswith("No sourced time course")


def test_fentanyl_onset_is_variable_and_may_exceed_72_hours() -> None:
    course = withdrawal_course("fentanyl")
    assert course.onset.span is None
    assert course.onset.status == Status.VERIFIED
    assert "variable; may be more than 72 h" in course.onset.text
    assert course.onset.sources == ("CABRIDGE",)
    assert course.status == Status.UNVERIFIED  # peak and end are not sourced


def test_kratom_course_notes_cite_what_is_known() -> None:
    notes = " ".join(withdrawal_course("kratom").notes)
    assert "10-20 h" in notes and "[K81]" in notes


def test_every_milestone_cites_a_known_source() -> None:
    for course in COURSES.values():
        for milestone in (course.onset, course.peak, course.acute_end):
            assert milestone.sources
            assert set(milestone.sources) <= set(SOURCES)
            assert milestone.note


def test_withdrawal_course_rejects_unknown_class() -> None:
    with pytest.raises(ValueError, match="known: short_acting"):
        withdrawal_course("medium_acting")


@pytest.mark.parametrize(
    ("code", "form", "key"),
    [
        ("heroin", None, "short_acting"),
        ("oxycodone", "tablet_er", "long_acting"),
        ("methadone", None, "long_acting"),
        ("fentanyl", None, "fentanyl"),
        ("kratom", "capsules", "kratom"),
        ("clonidine", None, None),
    ],
)
def test_course_key_for_substance(code: str, form: str | None, key: str | None) -> None:
    assert course_key_for(get_substance(code), form) == key


@pytest.mark.parametrize(
    ("last_use", "now", "zone", "expected"),
    [
        ("2026-05-01T10:00", "2026-05-01T22:00", LONDON, 0),  # same local day
        ("2026-05-01T22:00", "2026-05-01T23:30", LONDON, 1),  # 23:00 BST -> 00:30 BST next day
        ("2026-03-05T17:00", "2026-03-12T13:00", NY, 7),
        # Spring forward in New York: 23.5 h elapsed, but a new local day.
        ("2026-03-08T04:00", "2026-03-09T03:30", NY, 1),  # Mar 7 23:00 EST -> Mar 8 23:30 EDT
        ("2026-03-08T05:30", "2026-03-09T04:30", NY, 1),  # 00:30 EST -> 00:30 EDT: 23 h
        # Fall back in New York: 24 h elapsed within one local day.
        ("2026-11-01T04:30", "2026-11-02T04:30", NY, 0),  # Nov 1 00:30 EDT -> Nov 1 23:30 EST
        ("2026-11-01T04:30", "2026-11-02T05:30", NY, 1),  # -> Nov 2 00:30 EST
        # London.
        ("2026-03-28T22:00", "2026-03-29T22:30", LONDON, 1),  # 22:00 GMT -> 23:30 BST
        ("2026-03-29T22:30", "2026-03-29T23:30", LONDON, 1),  # 23:30 BST -> 00:30 BST: 1 h, new day
        ("2026-10-24T22:30", "2026-10-25T23:30", LONDON, 1),  # 23:30 BST -> 23:30 GMT: 25 h
    ],
)
def test_day_n_counts_local_midnights_across_dst(last_use: str, now: str, zone: str, expected: int) -> None:
    assert day_n(utc(last_use), zone, utc(now)) == expected


def test_day_n_rejects_now_before_last_use() -> None:
    with pytest.raises(ValueError, match="before the last use"):
        day_n(utc("2026-05-02T00:00"), LONDON, utc("2026-05-01T00:00"))


def test_day_n_rejects_naive_instants() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        day_n(datetime(2026, 5, 1), LONDON, utc("2026-05-02T00:00"))


@pytest.mark.parametrize(
    ("last_use", "now", "hours"),
    [
        ("2026-03-08T05:00", "2026-03-09T04:00", D(23)),  # NY local midnight to midnight on the 23-hour day
        ("2026-11-01T04:00", "2026-11-02T05:00", D(25)),  # and on the 25-hour day
        ("2026-05-01T00:00", "2026-05-01T00:30", D("0.5")),
        ("2026-05-01T00:00", "2026-05-01T00:00:00.036", D("0.00001")),
    ],
)
def test_hours_since_is_real_elapsed_time(last_use: str, now: str, hours: D) -> None:
    assert hours_since(utc(last_use), utc(now)) == hours


@pytest.mark.parametrize(
    ("key", "hours", "expected"),
    [
        ("short_acting", 2, "before_onset"),
        ("short_acting", 6, "onset"),
        ("short_acting", 23, "onset"),
        ("short_acting", 24, "peak"),
        ("short_acting", 48, "peak"),
        ("short_acting", 49, "easing"),
        ("short_acting", 240, "easing"),
        ("short_acting", 241, "after_acute"),
        ("long_acting", 11, "before_onset"),
        ("long_acting", 12, "onset"),
        ("long_acting", 72, "peak"),
        ("long_acting", 200, "easing"),
        ("long_acting", 481, "after_acute"),
        ("fentanyl", 100, "unknown"),
        ("buprenorphine", 100, "unknown"),
        ("kratom", 100, "unknown"),
    ],
)
def test_phase_by_elapsed_hours(key: str, hours: int, expected: str) -> None:
    last_use = utc("2026-06-01T00:00")
    now = datetime.fromtimestamp(last_use.timestamp() + hours * 3600, tz=UTC)
    report = phase(withdrawal_course(key), last_use, LONDON, now)
    assert report.name == expected
    assert report.hours == D(hours)
    assert report.day == day_n(last_use, LONDON, now)
    assert report.text


def test_phase_text_states_the_range_and_unknown_reason() -> None:
    last_use = utc("2026-06-01T00:00")
    before = phase(withdrawal_course("short_acting"), last_use, LONDON, utc("2026-06-01T02:00"))
    assert before.text == "Withdrawal usually starts 6-24 h after last use."
    after = phase(withdrawal_course("long_acting"), last_use, LONDON, utc("2026-07-01T00:00"))
    assert "10-20 days or more" in after.text
    unknown = phase(withdrawal_course("fentanyl"), last_use, LONDON, utc("2026-06-02T00:00"))
    assert "may be more than 72 h" in unknown.text
    assert unknown.status == Status.UNVERIFIED
