"""What the safety engine reads and what it returns: plain frozen records, no clock, no database.

A service builds one `SafetyContext` from stored rows (profile, recent assessments, doses and
journal findings) and passes it to `evaluate`. Every instant is a timezone-aware UTC datetime
(`*_at`); `now` is a field, so the same context always gives the same flags.

These types are deliberately minimal and independent of the substance catalogue: a dose
carries the catalogue's `category` ("kratom" | "opioid" | "withdrawal_medication" |
"cns_depressant") and its substance code, and the interaction tables in
`easeoff.domain.safety.interactions` say which codes belong to which class.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

Severity = Literal["info", "warning", "urgent"]
Action = Literal[
    "show_crisis_resources",
    "contact_clinician",
    "seek_urgent_care",
    "review_interaction",
    "show_treatment_options",
]
FindingStatus = Literal["present", "negated", "relieved"]

SEVERITIES: tuple[Severity, ...] = ("urgent", "warning", "info")
ACTIONS: tuple[Action, ...] = (
    "show_crisis_resources",
    "contact_clinician",
    "seek_urgent_care",
    "review_interaction",
    "show_treatment_options",
)
ACTION_MEANINGS: Mapping[Action, str] = {
    "show_crisis_resources": "Show the crisis lines for the person's country at once (crisis.toml).",
    "contact_clinician": "Offer to message the person's clinician; the flag is also on the caseload.",
    "seek_urgent_care": "Tell the person to seek urgent care now (emergency number, emergency department).",
    "review_interaction": "Show the interaction, its evidence and source; suggest asking a pharmacist or "
    "doctor.",
    "show_treatment_options": "Show the page on evidence-based treatment and how to find it.",
}

# Item ids follow easeoff.domain.instruments: f"{instrument code}_{item number}".
PHQ9_ITEM9 = "phq9_9"
COWS_GI_UPSET = "cows_7"


def normalise(name: str) -> str:
    """Return a lower-case snake_case key: "Yellow eyes/skin" -> "yellow_eyes_skin"."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@dataclass(frozen=True, slots=True)
class Profile:
    """What the person told us about themselves.

    `country` is ISO 3166-1 alpha-2 ("TH"), `region` ISO 3166-2 ("US-TX"); None means not
    given. `pregnant` None means not asked or not answered. `conditions` are free-text
    condition names as reported; they are compared after `normalise`, and the engine
    recognises the keys listed in `easeoff.domain.safety.interactions` (e.g. "jaundice",
    "alcohol_withdrawal"). `withdrawing_from` holds substance codes (opioids, and alcohol or a
    benzodiazepine if the person is also stopping those).
    """

    country: str | None = None
    region: str | None = None
    pregnant: bool | None = None
    conditions: frozenset[str] = frozenset()
    withdrawing_from: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """One scored assessment.

    `instrument` is the instrument code ("cows", "sows", "phq9", ...), `total` the scored
    total, `band` the band label if the instrument has bands. `answers` maps item ids to
    values; a value of None means the person chose "prefer not to answer".
    """

    instrument: str
    total: int
    taken_at: datetime
    band: str | None = None
    answers: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DoseRecord:
    """One logged dose.

    `substance` is the catalogue code ("kratom_powder", "oxycodone", "alcohol", ...) and
    `category` its catalogue category. `amount_mg` is None when the amount is unknown; for a
    7-OH product it is the labelled mg of 7-OH, for leaf it is grams x 1000. `taper_planned_mg`
    is the taper plan's total for that substance on that day, if a plan is active, and
    `taken_on` the person's local calendar day for the dose (falls back to the UTC date).
    """

    substance: str
    category: str
    taken_at: datetime
    amount_mg: float | None = None
    is_7oh_product: bool = False
    taper_planned_mg: float | None = None
    taken_on: date | None = None

    @property
    def day(self) -> date:
        """Return the local day the dose counts towards (UTC date if `taken_on` is unknown)."""
        return self.taken_on if self.taken_on is not None else self.taken_at.date()


@dataclass(frozen=True, slots=True)
class JournalFinding:
    """A symptom or cue found in the journal by the extractor, with its status.

    Extractor names are the canonical symptom names ("diarrhoea", "nausea_vomiting", ...);
    free-text cues ("jaundice", "dark urine", "seizure", ...) use the same record. Names are
    compared after `normalise`.
    """

    name: str
    noted_at: datetime
    status: FindingStatus = "present"


@dataclass(frozen=True, slots=True)
class SafetyConfig:
    """Windows and thresholds that are conventions, not published cut-offs.

    Each default is documented in docs/safety-rules.md with its basis; a clinic may change
    them. All durations are timedeltas; counts are per window.
    """

    lookback: timedelta = timedelta(days=14)
    no_checkin_window: timedelta = timedelta(hours=24)
    co_use_window: timedelta = timedelta(hours=24)
    recent_findings_window: timedelta = timedelta(hours=72)
    gi_loss_window: timedelta = timedelta(hours=72)
    gi_loss_min_days: int = 2
    sows_threshold: int = 21
    kratom_doses_per_day: int = 3
    kratom_doses_per_week: int = 22
    kratom_large_dose_mg: float = 5000.0
    trend_ratio: float = 1.25
    trend_min_days_used: int = 5
    precipitated_window: timedelta = timedelta(hours=6)
    precipitated_baseline_window: timedelta = timedelta(hours=24)
    precipitated_rise_cows: int = 5
    precipitated_rise_sows: int = 10
    return_to_use_gap: timedelta = timedelta(days=5)

    def problems(self) -> list[str]:
        """Return a sentence for every setting that cannot work (zero or negative)."""
        found: list[str] = []
        for name in self.__slots__:
            value = getattr(self, name)
            if isinstance(value, timedelta) and value <= timedelta(0):
                found.append(f"config.{name} must be a positive duration, got {value}")
            elif isinstance(value, int | float) and value <= 0:
                found.append(f"config.{name} must be positive, got {value}")
        if self.trend_ratio <= 1:
            found.append(f"config.trend_ratio must be above 1, got {self.trend_ratio}")
        return found


class InvalidSafetyContext(ValueError):
    """The context cannot be evaluated; the message names every problem."""


def _is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


@dataclass(frozen=True, slots=True)
class SafetyContext:
    """Everything one evaluation needs. `now` is the evaluation instant (aware, UTC).

    Pass at least `config.lookback` of assessments and findings, and 30 days of doses so the
    return-to-use rule can see a break. Records after `now` are ignored.
    """

    now: datetime
    profile: Profile = field(default_factory=Profile)
    assessments: tuple[AssessmentRecord, ...] = ()
    doses: tuple[DoseRecord, ...] = ()
    findings: tuple[JournalFinding, ...] = ()
    config: SafetyConfig = field(default_factory=SafetyConfig)

    def __post_init__(self) -> None:
        problems: list[str] = []
        if not _is_aware(self.now):
            problems.append("now must be timezone-aware")
        for index, assessment in enumerate(self.assessments):
            if not _is_aware(assessment.taken_at):
                problems.append(f"assessments[{index}].taken_at must be timezone-aware")
        for index, dose in enumerate(self.doses):
            if not _is_aware(dose.taken_at):
                problems.append(f"doses[{index}].taken_at must be timezone-aware")
            if dose.amount_mg is not None and dose.amount_mg < 0:
                problems.append(f"doses[{index}].amount_mg must not be negative")
        for index, finding in enumerate(self.findings):
            if not _is_aware(finding.noted_at):
                problems.append(f"findings[{index}].noted_at must be timezone-aware")
        problems.extend(self.config.problems())
        if problems:
            raise InvalidSafetyContext("; ".join(problems))


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function returns when its condition holds.

    `key` is appended to the rule id to form the flag's condition key (empty for a rule that
    can only be open once). `details` fill the rule's message templates. `priority` orders
    flags of the same severity, lower first (0 = highest).
    """

    key: str = ""
    details: Mapping[str, str] = field(default_factory=dict)
    priority: int = 50


@dataclass(frozen=True, slots=True)
class FlagDraft:
    """A flag the engine proposes; the storage layer decides whether to raise it.

    `condition_key` is "<rule id>" or "<rule id>:<rule-specific key>" (see each rule's
    `condition_key_doc`). Storage raises a flag only if no open flag has the same condition
    key, so the same pair of substances or the same severe score is not flagged twice while
    the first flag is open. `actions` are in order of importance.
    """

    rule_id: str
    severity: Severity
    condition_key: str
    actions: tuple[Action, ...]
    person_message: str
    clinician_message: str
    source: str
    rationale: str
    priority: int
    raised_at: datetime
    details: tuple[tuple[str, str], ...] = ()
