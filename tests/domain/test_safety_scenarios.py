"""Scenario table for the safety engine: a context in, the exact set of rule ids out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from easeoff.domain.safety import (
    AssessmentRecord,
    DoseRecord,
    JournalFinding,
    Profile,
    SafetyConfig,
    SafetyContext,
    evaluate,
)
from easeoff.domain.safety.model import FindingStatus

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


def cows(total: int, hours: float = 1, gi: int | None = None) -> AssessmentRecord:
    answers: dict[str, int | None] = {} if gi is None else {"cows_7": gi}
    return AssessmentRecord("cows", total, ago(hours), answers=answers)


def sows(total: int, hours: float = 1) -> AssessmentRecord:
    return AssessmentRecord("sows", total, ago(hours))


def phq9(item9: int | None, hours: float = 1, total: int = 8) -> AssessmentRecord:
    return AssessmentRecord("phq9", total, ago(hours), answers={"phq9_1": 1, "phq9_9": item9})


def dose(
    substance: str,
    category: str,
    hours: float = 1,
    mg: float | None = None,
    seven_oh: bool = False,
    planned: float | None = None,
    on: date | None = None,
) -> DoseRecord:
    return DoseRecord(substance, category, ago(hours), mg, seven_oh, planned, on)


def kratom(hours: float = 1, mg: float | None = None, planned: float | None = None) -> DoseRecord:
    return dose("kratom_powder", "kratom", hours, mg, planned=planned)


def note(name: str, hours: float = 1, status: FindingStatus = "present") -> JournalFinding:
    return JournalFinding(name, ago(hours), status)


@dataclass(frozen=True)
class Case:
    assessments: tuple[AssessmentRecord, ...] = ()
    doses: tuple[DoseRecord, ...] = ()
    findings: tuple[JournalFinding, ...] = ()
    profile: Profile = field(default_factory=Profile)
    config: SafetyConfig = field(default_factory=SafetyConfig)

    def context(self) -> SafetyContext:
        return SafetyContext(NOW, self.profile, self.assessments, self.doses, self.findings, self.config)


def daily_kratom(per_period: dict[int, int], mg: float | None = None) -> tuple[DoseRecord, ...]:
    """Kratom doses placed in 24-hour periods counted back from NOW (0 = the last 24 hours)."""
    return tuple(
        kratom(hours=period * 24 + 2 + index * 4, mg=mg)
        for period, count in per_period.items()
        for index in range(count)
    )


SCENARIOS: list[tuple[str, Case, set[str]]] = [
    ("nothing recorded", Case(), set()),
    ("phq9 item 9 zero", Case(assessments=(phq9(0),)), set()),
    ("phq9 item 9 several days", Case(assessments=(phq9(1),)), {"phq9_self_harm_thoughts"}),
    ("phq9 item 9 nearly every day", Case(assessments=(phq9(3),)), {"phq9_self_harm_thoughts"}),
    (
        "phq9 item 9 positive and silent for 30 h",
        Case(assessments=(phq9(2, hours=30),)),
        {"phq9_self_harm_thoughts", "no_checkin_after_severe_score"},
    ),
    ("phq9 item 9 declined", Case(assessments=(phq9(None),)), {"phq9_item9_declined"}),
    (
        "earlier positive phq9, latest negative",
        Case(assessments=(phq9(2, hours=48), phq9(0, hours=2))),
        set(),
    ),
    ("cows severe", Case(assessments=(cows(40),)), {"cows_severe"}),
    ("cows 36 is moderately severe", Case(assessments=(cows(36),)), {"cows_moderately_severe"}),
    ("cows 25 is moderately severe", Case(assessments=(cows(25),)), {"cows_moderately_severe"}),
    ("cows 24 is moderate", Case(assessments=(cows(24),)), set()),
    ("severe cows outside the lookback", Case(assessments=(cows(40, hours=20 * 24),)), set()),
    ("cows severe earlier, moderate now", Case(assessments=(cows(40, hours=6), cows(14, hours=1))), set()),
    ("sows at the convention threshold", Case(assessments=(sows(21),)), {"sows_high"}),
    ("sows below the threshold", Case(assessments=(sows(20),)), set()),
    (
        "sows threshold configured lower",
        Case(assessments=(sows(15),), config=SafetyConfig(sows_threshold=15)),
        {"sows_high"},
    ),
    (
        "diarrhoea today and yesterday",
        Case(findings=(note("diarrhoea", 2), note("diarrhoea", 30))),
        {"dehydration_risk_gi_losses"},
    ),
    ("diarrhoea twice on one day", Case(findings=(note("diarrhoea", 2), note("diarrhoea", 5))), set()),
    (
        "cows GI item 5 today and vomiting in the journal yesterday",
        Case(assessments=(cows(10, hours=3, gi=5),), findings=(note("nausea_vomiting", 40),)),
        {"dehydration_risk_gi_losses"},
    ),
    (
        "negated diarrhoea yesterday does not count",
        Case(findings=(note("diarrhoea", 2), note("diarrhoea", 30, status="negated"))),
        set(),
    ),
    ("cannot keep fluids down", Case(findings=(note("Unable to keep fluids down"),)), {"dehydration_signs"}),
    (
        "kratom and alcohol",
        Case(doses=(kratom(5), dose("alcohol", "cns_depressant", 2))),
        {"kratom_with_cns_depressant"},
    ),
    (
        "kratom and gabapentin",
        Case(doses=(kratom(5), dose("gabapentin", "cns_depressant", 2))),
        {"kratom_with_cns_depressant"},
    ),
    (
        "kratom and oxycodone",
        Case(doses=(kratom(5), dose("oxycodone", "opioid", 2))),
        {"kratom_with_cns_depressant", "kratom_cyp3a_substrate"},
    ),
    (
        "kratom and methadone (a withdrawal medication)",
        Case(doses=(kratom(5), dose("methadone", "withdrawal_medication", 2))),
        {"kratom_with_cns_depressant", "kratom_cyp3a_substrate"},
    ),
    (
        "kratom and lorazepam (not a CYP3A substrate in the table)",
        Case(doses=(kratom(5), dose("lorazepam", "cns_depressant", 2))),
        {"kratom_with_cns_depressant"},
    ),
    (
        "kratom and a benzodiazepine",
        Case(doses=(kratom(5), dose("benzodiazepine", "cns_depressant", 2))),
        {"kratom_with_cns_depressant", "kratom_cyp3a_substrate"},
    ),
    (
        "kratom and midazolam",
        Case(doses=(kratom(5), dose("midazolam", "cns_depressant", 2))),
        {"kratom_with_cns_depressant", "kratom_cyp3a_substrate"},
    ),
    ("kratom and alcohol 30 h apart", Case(doses=(kratom(32), dose("alcohol", "cns_depressant", 2))), set()),
    (
        "old co-use is not flagged again",
        Case(doses=(kratom(72), dose("alcohol", "cns_depressant", 70))),
        set(),
    ),
    (
        "7-OH product and alcohol",
        Case(
            doses=(dose("7oh_tablet", "kratom", 4, 15, seven_oh=True), dose("alcohol", "cns_depressant", 2))
        ),
        {"concentrated_7oh_with_cns_depressant", "concentrated_7oh_product"},
    ),
    (
        "7-OH product alone",
        Case(doses=(dose("7oh_tablet", "kratom", 4, 15, seven_oh=True),)),
        {"concentrated_7oh_product"},
    ),
    ("MGM-15 logged", Case(doses=(dose("MGM-15", "kratom", 4),)), {"concentrated_7oh_product"}),
    (
        "kratom and dextromethorphan",
        Case(doses=(kratom(5), dose("dextromethorphan", "other", 2))),
        {"kratom_cyp2d6_substrate"},
    ),
    ("kratom three times in 24 h", Case(doses=(kratom(2), kratom(8), kratom(20))), {"kratom_dose_frequency"}),
    ("kratom twice in 24 h", Case(doses=(kratom(2), kratom(20))), set()),
    (
        "kratom 22 times in 7 days, twice today",
        Case(doses=daily_kratom({0: 2, 1: 4, 2: 4, 3: 3, 4: 3, 5: 3, 6: 3})),
        {"kratom_dose_frequency"},
    ),
    ("one 6 g kratom dose", Case(doses=(kratom(3, mg=6000),)), {"kratom_large_single_dose"}),
    ("one 4.9 g kratom dose", Case(doses=(kratom(3, mg=4900),)), set()),
    (
        "kratom doubling over the week",
        Case(doses=daily_kratom({0: 2, 1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1}, mg=2000)),
        {"kratom_rising_trend"},
    ),
    (
        "rising leaf amount with the same number of doses",
        Case(doses=(*daily_kratom({0: 2, 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2}, mg=1000), kratom(3, mg=4000))),
        {"kratom_rising_trend", "kratom_dose_frequency"},
    ),
    (
        "rising but used on only 4 days",
        Case(doses=daily_kratom({0: 2, 1: 2, 2: 2, 6: 1}, mg=2000)),
        set(),
    ),
    ("dark urine in the journal", Case(findings=(note("dark urine"),)), {"liver_injury_signs"}),
    (
        "jaundice in the profile",
        Case(profile=Profile(conditions=frozenset({"Jaundice"}))),
        {"liver_injury_signs"},
    ),
    ("yellow eyes negated", Case(findings=(note("yellow eyes/skin", status="negated"),)), set()),
    (
        "kratom taper dose above plan",
        Case(doses=(kratom(6, mg=3000, planned=4000), kratom(2, mg=2000, planned=4000))),
        {"taper_dose_above_plan"},
    ),
    (
        "kratom taper dose at plan",
        Case(doses=(kratom(6, mg=2000, planned=4000), kratom(2, mg=2000, planned=4000))),
        set(),
    ),
    (
        "severe cows and no check-in for 30 h",
        Case(assessments=(cows(40, hours=30),)),
        {"cows_severe", "no_checkin_after_severe_score"},
    ),
    (
        "severe cows then a check-in",
        Case(assessments=(cows(40, hours=30), sows(10, hours=2))),
        {"cows_severe"},
    ),
    ("pregnant", Case(profile=Profile(pregnant=True)), {"pregnancy"}),
    ("pregnancy not answered", Case(profile=Profile(pregnant=None)), set()),
    (
        "also stopping alcohol",
        Case(profile=Profile(withdrawing_from=frozenset({"oxycodone", "alcohol"}))),
        {"concurrent_alcohol_or_benzodiazepine_withdrawal"},
    ),
    (
        "benzodiazepine withdrawal reported as a condition",
        Case(profile=Profile(conditions=frozenset({"Benzodiazepine withdrawal"}))),
        {"concurrent_alcohol_or_benzodiazepine_withdrawal"},
    ),
    (
        "cows rises after buprenorphine",
        Case(
            assessments=(cows(10, hours=3), cows(18, hours=1)),
            doses=(dose("buprenorphine", "withdrawal_medication", 2),),
        ),
        {"precipitated_withdrawal_signs"},
    ),
    (
        "cows falls after buprenorphine",
        Case(
            assessments=(cows(14, hours=3), cows(8, hours=1)),
            doses=(dose("buprenorphine", "withdrawal_medication", 2),),
        ),
        set(),
    ),
    (
        "sows rises after naltrexone",
        Case(
            assessments=(sows(12, hours=3), sows(22, hours=1)),
            doses=(dose("naltrexone", "withdrawal_medication", 2),),
        ),
        {"precipitated_withdrawal_signs", "sows_high"},
    ),
    (
        "dizzy on lofexidine",
        Case(doses=(dose("lofexidine", "withdrawal_medication", 5),), findings=(note("dizziness"),)),
        {"alpha2_agonist_low_blood_pressure_signs"},
    ),
    (
        "dizzy on standing with clonidine",
        Case(
            doses=(dose("clonidine", "withdrawal_medication", 5),), findings=(note("dizziness on standing"),)
        ),
        {"alpha2_agonist_low_blood_pressure_signs", "dehydration_signs"},
    ),
    (
        "heroin after 8 days without opioids",
        Case(doses=(dose("heroin", "opioid", 8 * 24), dose("heroin", "opioid", 2))),
        {"return_to_opioid_use_after_break"},
    ),
    ("heroin 2 days apart", Case(doses=(dose("heroin", "opioid", 48), dose("heroin", "opioid", 2))), set()),
    (
        "methadone treatment after a break is not a return to use",
        Case(doses=(dose("heroin", "opioid", 8 * 24), dose("methadone", "withdrawal_medication", 2))),
        set(),
    ),
    ("unresponsive in the journal", Case(findings=(note("unresponsive"),)), {"overdose_signs"}),
    ("seizure in the journal", Case(findings=(note("Seizure"),)), {"seizure_reported"}),
    (
        "suicidal thoughts in the journal",
        Case(findings=(note("suicidal thoughts"),)),
        {"journal_self_harm_mention"},
    ),
    ("records after now are ignored", Case(assessments=(cows(40, hours=-2),)), set()),
    (
        "a hard day: severe cows, kratom with alcohol, diarrhoea two days, pregnant",
        Case(
            assessments=(cows(38, hours=2, gi=3),),
            doses=(kratom(4), dose("alcohol", "cns_depressant", 3)),
            findings=(note("diarrhoea", 30),),
            profile=Profile(pregnant=True),
        ),
        {"cows_severe", "kratom_with_cns_depressant", "dehydration_risk_gi_losses", "pregnancy"},
    ),
]


@pytest.mark.parametrize(("name", "case", "expected"), SCENARIOS, ids=[name for name, _, _ in SCENARIOS])
def test_evaluate_raises_exactly_the_expected_rules(name: str, case: Case, expected: set[str]) -> None:
    drafts = evaluate(case.context())
    assert {draft.rule_id for draft in drafts} == expected


def test_scenario_table_covers_every_rule() -> None:
    from easeoff.domain.safety import RULES

    covered = set().union(*(expected for _, _, expected in SCENARIOS))
    assert covered == set(RULES)


def test_scenario_table_has_at_least_forty_cases() -> None:
    assert len(SCENARIOS) >= 40


@pytest.mark.parametrize(("name", "case", "expected"), SCENARIOS, ids=[name for name, _, _ in SCENARIOS])
def test_messages_are_filled_and_never_suggest_taking_kratom(
    name: str, case: Case, expected: set[str]
) -> None:
    for draft in evaluate(case.context()):
        for message in (draft.person_message, draft.clinician_message):
            assert "{" not in message and "}" not in message
            lowered = message.lower()
            for phrase in ("take kratom", "try kratom", "use kratom to", "start kratom", "dose of kratom to"):
                assert phrase not in lowered
