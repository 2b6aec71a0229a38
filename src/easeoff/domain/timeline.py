"""The expected withdrawal course, "day N" and the phase a person is in.

Courses are ranges with a source and a status, never points (instruments.md §8).
Where sources disagree the wider range is shown. Status follows the research note:
VERIFIED (read in an authoritative source), PARTIAL (secondary or partly seen) and
UNVERIFIED (not shown as fact: the milestone has no range, only the reason).

Day N is a count of local calendar days in the person's IANA zone:

* day 0 is the local calendar day of the last use;
* day 1 is the next local calendar day, and so on.

So "day N" is the number of local midnights passed since the last use. This matches
how withdrawal is described, in days *following* last use (the lofexidine label: "the
first 5 to 7 days following last use"), and it keeps a daily check-in on one number for
the whole local day. A 23- or 25-hour DST day is still one day. Phases, by contrast,
use the real elapsed time (UTC arithmetic), because the course is given in hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from easeoff.domain.doses import as_zone, format_amount, local_day
from easeoff.domain.substances import Substance

__all__ = [
    "COURSES",
    "SOURCES",
    "Course",
    "Milestone",
    "PhaseName",
    "PhaseReport",
    "Span",
    "Status",
    "course_key_for",
    "day_n",
    "hours_since",
    "phase",
    "withdrawal_course",
]

CourseKey = Literal["short_acting", "long_acting", "buprenorphine", "fentanyl", "kratom"]
PhaseName = Literal["before_onset", "onset", "peak", "easing", "after_acute", "unknown"]


class Status(StrEnum):
    """How well a course fact is sourced (instruments.md tags)."""

    VERIFIED = "VERIFIED"
    PARTIAL = "PARTIAL"
    UNVERIFIED = "UNVERIFIED"


_STATUS_ORDER = {Status.VERIFIED: 0, Status.PARTIAL: 1, Status.UNVERIFIED: 2}

SOURCES: dict[str, str] = {
    "WHO2009": (
        "WHO. Clinical Guidelines for Withdrawal Management and Treatment of Drug Dependence in Closed "
        "Settings, 2009 (NBK310652), as reproduced by several secondary sources; primary table not seen "
        "(instruments.md §8, PARTIAL)"
    ),
    "SAHEALTH": "SA Health, 'Opioid withdrawal management' (instruments.md §8, VERIFIED)",
    "ELSEVIER": (
        "Elsevier clinical overview 'Opioid withdrawal', https://docslib.org/doc/8060500/opioid-withdrawal "
        "(instruments.md §8, PARTIAL)"
    ),
    "NADCP": (
        "All Rise (NADCP) MOUD team member guide, https://nadcp-moud-team-member-guide.onrender.com/12.html "
        "(instruments.md §8, PARTIAL)"
    ),
    "CABRIDGE": "CA Bridge ED guidance, https://cabridge.org/tools/on-shift/ (instruments.md §8, VERIFIED)",
    "LUCEMYRA": "LUCEMYRA (lofexidine) prescribing information, dosage section (instruments.md §8, VERIFIED)",
    "K81": (
        "Vicknasingam B, et al. Kratom and pain tolerance: a randomized, placebo-controlled, double-blind "
        "study. Yale J Biol Med 2020;93(2):229-238 (kratom.md §2.7, HIGH)"
    ),
    "K24": "Huestis MA, et al. Molecules 2024;29(5):984 (kratom.md §1.4, HIGH)",
    "K25": "Tanna RS, et al. Pharmaceutics 2022;14(3):620 (kratom.md §1.4, HIGH)",
    "INSTRUMENTS-8": "easeoff research note instruments.md §8, which records that no source was found",
    "KRATOM-2.7": "easeoff research note kratom.md §2.7, which records that no source was found",
}


@dataclass(frozen=True)
class Span:
    """A time range after last use, in `unit` ("h" hours or "d" days).

    `open_high` means the upper bound is not a maximum ("20 days or more").
    """

    low: Decimal
    high: Decimal
    unit: Literal["h", "d"]
    open_high: bool = False

    @property
    def low_hours(self) -> Decimal:
        """Return the lower bound in hours."""
        return self.low * 24 if self.unit == "d" else self.low

    @property
    def high_hours(self) -> Decimal:
        """Return the upper bound in hours."""
        return self.high * 24 if self.unit == "d" else self.high

    @property
    def text(self) -> str:
        """Return the range for display, e.g. '6-24 h' or '10-20 days or more'."""
        unit = "h" if self.unit == "h" else "days"
        more = " or more" if self.open_high else ""
        return f"{format_amount(self.low)}-{format_amount(self.high)} {unit}{more}"


@dataclass(frozen=True)
class Milestone:
    """Onset, peak or end of the acute phase: a span (or None when unsourced), status, sources."""

    span: Span | None
    status: Status
    sources: tuple[str, ...]
    note: str

    @property
    def text(self) -> str:
        """Return the span for display, or the reason there is none."""
        return self.span.text if self.span is not None else self.note


@dataclass(frozen=True)
class Course:
    """The expected withdrawal course after last use of one opioid class (or kratom)."""

    key: CourseKey
    name: str
    onset: Milestone
    peak: Milestone
    acute_end: Milestone
    notes: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        """Return the weakest status of the three milestones."""
        return max(
            (self.onset.status, self.peak.status, self.acute_end.status), key=_STATUS_ORDER.__getitem__
        )


def _h(low: int, high: int, *, open_high: bool = False) -> Span:
    return Span(Decimal(low), Decimal(high), "h", open_high)


def _d(low: int, high: int, *, open_high: bool = False) -> Span:
    return Span(Decimal(low), Decimal(high), "d", open_high)


_NO_COURSE = "No sourced time course"

COURSES: dict[str, Course] = {
    "short_acting": Course(
        key="short_acting",
        name="Short-acting opioids (heroin, immediate-release morphine or oxycodone)",
        # 6-12 h (SA Health for heroin, VERIFIED; Elsevier, PARTIAL) vs 8-24 h (WHO 2009,
        # PARTIAL): the wider range is shown until a guideline table is read.
        onset=Milestone(
            _h(6, 24),
            Status.PARTIAL,
            ("SAHEALTH", "ELSEVIER", "WHO2009"),
            "6-12 h (SA Health, heroin; Elsevier) and 8-24 h (WHO 2009): wider range shown",
        ),
        # Only the Elsevier overview gives a peak for short-acting opioids.
        peak=Milestone(_h(24, 48), Status.PARTIAL, ("ELSEVIER",), "peak 24-48 h (Elsevier)"),
        # WHO 4-10 days; SA Health about 5 days (heroin); Elsevier diminishing over 3-5 days;
        # NADCP up to 10 days, most often 3-5: the widest is 3-10 days.
        acute_end=Milestone(
            _d(3, 10),
            Status.PARTIAL,
            ("WHO2009", "SAHEALTH", "ELSEVIER", "NADCP"),
            "4-10 days (WHO 2009); about 5 days (SA Health, heroin); 3-5 days (Elsevier); up to 10, most "
            "often 3-5 (NADCP): wider range shown",
        ),
        notes=(
            "The lofexidine label puts peak withdrawal symptoms generally in the first 5 to 7 days following "
            "last use (LUCEMYRA, VERIFIED).",
        ),
    ),
    "long_acting": Course(
        key="long_acting",
        name="Long-acting opioids (methadone, extended-release preparations)",
        # WHO 12-48 h and Elsevier 30-72 h give 12-72 h; CA Bridge: after methadone onset
        # is "variable ... (may be >72 hours)" (VERIFIED), so the upper bound is open.
        onset=Milestone(
            _h(12, 72, open_high=True),
            Status.PARTIAL,
            ("WHO2009", "ELSEVIER", "CABRIDGE"),
            "12-48 h (WHO 2009); 30-72 h (Elsevier); after methadone may be more than 72 h (CA Bridge)",
        ),
        peak=Milestone(_d(3, 8), Status.PARTIAL, ("NADCP",), "methadone: day 3-8 (NADCP)"),
        # WHO 10-20 days; Elsevier about 10 days; NADCP: methadone may persist several weeks.
        acute_end=Milestone(
            _d(10, 20, open_high=True),
            Status.PARTIAL,
            ("WHO2009", "ELSEVIER", "NADCP"),
            "10-20 days (WHO 2009); about 10 days (Elsevier); methadone may persist several weeks (NADCP)",
        ),
    ),
    "buprenorphine": Course(
        key="buprenorphine",
        name="Buprenorphine",
        # Figures quoted for stopping buprenorphine come only from blogs and commercial
        # sites (instruments.md §8, UNVERIFIED): they are not shown.
        onset=Milestone(
            None, Status.UNVERIFIED, ("INSTRUMENTS-8",), f"{_NO_COURSE}: no guideline source was found"
        ),
        peak=Milestone(
            None, Status.UNVERIFIED, ("INSTRUMENTS-8",), f"{_NO_COURSE}: no guideline source was found"
        ),
        acute_end=Milestone(
            None, Status.UNVERIFIED, ("INSTRUMENTS-8",), f"{_NO_COURSE}: no guideline source was found"
        ),
    ),
    "fentanyl": Course(
        key="fentanyl",
        name="Fentanyl",
        onset=Milestone(
            None,
            Status.VERIFIED,
            ("CABRIDGE",),
            "variable; may be more than 72 h after last use (CA Bridge)",
        ),
        peak=Milestone(
            None, Status.UNVERIFIED, ("INSTRUMENTS-8",), f"{_NO_COURSE}: no authoritative course for fentanyl"
        ),
        acute_end=Milestone(
            None, Status.UNVERIFIED, ("INSTRUMENTS-8",), f"{_NO_COURSE}: no authoritative course for fentanyl"
        ),
    ),
    "kratom": Course(
        key="kratom",
        name="Kratom",
        onset=Milestone(
            None,
            Status.UNVERIFIED,
            ("KRATOM-2.7",),
            f"{_NO_COURSE}: no peer-reviewed kratom course was found",
        ),
        peak=Milestone(
            None,
            Status.UNVERIFIED,
            ("KRATOM-2.7",),
            f"{_NO_COURSE}: no peer-reviewed kratom course was found",
        ),
        acute_end=Milestone(
            None,
            Status.UNVERIFIED,
            ("KRATOM-2.7",),
            f"{_NO_COURSE}: no peer-reviewed kratom course was found",
        ),
        notes=(
            "Daily kratom users showed no withdrawal signs during 10-20 h of abstinence in a laboratory "
            "study [K81].",
            "Mitragynine's terminal half-life is long (about 1-3 days) [K24][K25], so the course should not "
            "be assumed to match short-acting opioids; it has not been measured.",
        ),
    ),
}


def withdrawal_course(opioid_class: str) -> Course:
    """Return the expected course for an opioid class, or for "kratom".

    Raise ValueError naming the known keys for anything else.
    """
    try:
        return COURSES[opioid_class]
    except KeyError:
        raise ValueError(f"no course for {opioid_class!r}; known: {', '.join(COURSES)}") from None


def course_key_for(substance: Substance, form: str | None = None) -> str | None:
    """Return the course key for a substance (and form), or None for non-opioids."""
    if substance.category == "kratom":
        return "kratom"
    return substance.opioid_class_for(form)


def _require_order(last_use_at_utc: datetime, now: datetime) -> None:
    for name, moment in (("last_use_at_utc", last_use_at_utc), ("now", now)):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware (stored in UTC)")
    if now < last_use_at_utc:
        raise ValueError("now is before the last use")


def day_n(last_use_at_utc: datetime, zone: ZoneInfo | str, now: datetime) -> int:
    """Return the withdrawal day: 0 on the local day of last use, 1 on the next local day.

    Counted in the person's IANA zone (see the module docstring); raise ValueError when
    `now` is before the last use or either instant is naive.
    """
    _require_order(last_use_at_utc, now)
    tz = as_zone(zone)
    return (local_day(now, tz) - local_day(last_use_at_utc, tz)).days


def hours_since(last_use_at_utc: datetime, now: datetime) -> Decimal:
    """Return the real elapsed hours since last use (UTC arithmetic, unaffected by DST)."""
    _require_order(last_use_at_utc, now)
    elapsed = now - last_use_at_utc
    # Integer parts of the timedelta, so that no float rounding enters the hours.
    seconds = Decimal(elapsed.days * 86_400 + elapsed.seconds) + Decimal(elapsed.microseconds) / 1_000_000
    return seconds / 3600


@dataclass(frozen=True)
class PhaseReport:
    """Where a person is on the expected course: phase, elapsed hours, day N and a sentence."""

    name: PhaseName
    hours: Decimal
    day: int
    text: str
    status: Status


def phase(course: Course, last_use_at_utc: datetime, zone: ZoneInfo | str, now: datetime) -> PhaseReport:
    """Place `now` on the course by elapsed hours since last use.

    before_onset < onset.low <= onset < peak.low <= peak <= peak.high < easing
    <= acute_end.high < after_acute. Where the course has no sourced spans the phase is
    "unknown" and the text says why. "after_acute" past an open-ended bound means past
    the longest sourced duration, not that withdrawal is over.
    """
    hours = hours_since(last_use_at_utc, now)
    day = day_n(last_use_at_utc, zone, now)
    onset, peak, end = course.onset.span, course.peak.span, course.acute_end.span
    if onset is None or peak is None or end is None:
        reason = next(m.note for m in (course.onset, course.peak, course.acute_end) if m.span is None)
        return PhaseReport("unknown", hours, day, f"{course.name}: {reason}.", Status.UNVERIFIED)
    status = course.status
    if hours < onset.low_hours:
        return PhaseReport(
            "before_onset", hours, day, f"Withdrawal usually starts {onset.text} after last use.", status
        )
    if hours < peak.low_hours:
        return PhaseReport("onset", hours, day, f"Within the usual onset window ({onset.text}).", status)
    if hours <= peak.high_hours:
        return PhaseReport("peak", hours, day, f"Within the usual peak window ({peak.text}).", status)
    if hours <= end.high_hours:
        return PhaseReport(
            "easing",
            hours,
            day,
            f"Past the usual peak; the acute phase usually ends {end.text} after last use.",
            status,
        )
    # Protracted symptoms are UNVERIFIED in the research (instruments.md §8), so nothing
    # is said about them here; an open bound already says "or more".
    if end.open_high:
        text = f"Past the longest sourced acute phase ({end.text})."
    else:
        text = f"Past the usual acute phase ({end.text})."
    return PhaseReport("after_acute", hours, day, text, status)
