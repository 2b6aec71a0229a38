"""The rule registry: every rule is documented and sourced; drafts are ordered and keyed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from easeoff.domain.safety import (
    ACTIONS,
    RULES,
    SEVERITIES,
    AssessmentRecord,
    DoseRecord,
    Hit,
    InvalidSafetyContext,
    JournalFinding,
    Profile,
    RuleDefinitionError,
    SafetyConfig,
    SafetyContext,
    evaluate,
    render_rules_markdown,
    rule,
    rules_as_data,
    rules_as_json,
)
from easeoff.domain.safety.registry import template_fields

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ALL_RULES = sorted(RULES)


def ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


@pytest.mark.parametrize("rule_id", ALL_RULES)
def test_every_rule_has_a_source_rationale_and_messages(rule_id: str) -> None:
    registered = RULES[rule_id]
    assert registered.source.strip(), f"{rule_id} has no source"
    assert registered.rationale.strip()
    assert registered.person_message.strip() and registered.clinician_message.strip()
    assert registered.description, f"{rule_id} has no docstring"
    assert registered.severity in SEVERITIES
    assert registered.actions and set(registered.actions) <= set(ACTIONS)


@pytest.mark.parametrize("rule_id", ALL_RULES)
def test_every_source_names_a_citable_reference(rule_id: str) -> None:
    source = RULES[rule_id].source
    # A citation has a year or a URL, not just a name.
    assert any(str(year) in source for year in range(1987, 2027)) or "http" in source


def test_there_are_at_least_the_rules_the_issue_asks_for() -> None:
    required = {
        "phq9_self_harm_thoughts",
        "cows_severe",
        "cows_moderately_severe",
        "sows_high",
        "dehydration_risk_gi_losses",
        "kratom_with_cns_depressant",
        "kratom_cyp3a_substrate",
        "kratom_cyp2d6_substrate",
        "concentrated_7oh_product",
        "kratom_dose_frequency",
        "kratom_rising_trend",
        "liver_injury_signs",
        "taper_dose_above_plan",
        "no_checkin_after_severe_score",
        "pregnancy",
        "concurrent_alcohol_or_benzodiazepine_withdrawal",
        "precipitated_withdrawal_signs",
    }
    assert required <= set(RULES)


def test_sows_rule_labels_its_threshold_as_a_convention() -> None:
    registered = RULES["sows_high"]
    assert "CTN-0094" in registered.source
    assert "convention" in registered.clinician_message


def test_phq9_item9_is_urgent_with_crisis_resources_first() -> None:
    registered = RULES["phq9_self_harm_thoughts"]
    assert registered.severity == "urgent"
    assert registered.actions[0] == "show_crisis_resources"
    assert "contact_clinician" in registered.actions
    assert "Simon" in registered.source


@pytest.mark.parametrize(("value", "key", "priority"), [(1, "present", 5), (2, "high", 0), (3, "high", 0)])
def test_phq9_answers_two_and_three_have_the_highest_priority(value: int, key: str, priority: int) -> None:
    ctx = SafetyContext(NOW, assessments=(AssessmentRecord("phq9", 9, ago(1), answers={"phq9_9": value}),))
    [draft] = evaluate(ctx)
    assert draft.condition_key == f"phq9_self_harm_thoughts:{key}"
    assert draft.priority == priority


def test_drafts_are_ordered_urgent_first() -> None:
    ctx = SafetyContext(
        NOW,
        profile=Profile(pregnant=True),
        assessments=(AssessmentRecord("phq9", 12, ago(1), answers={"phq9_9": 3}),),
        doses=(DoseRecord("kratom_powder", "kratom", ago(3), 6000),),
    )
    severities = [draft.severity for draft in evaluate(ctx)]
    assert severities == sorted(severities, key=SEVERITIES.index)
    assert severities[0] == "urgent" and severities[-1] == "info"


def test_co_use_condition_key_names_the_substance_pair() -> None:
    ctx = SafetyContext(
        NOW,
        doses=(
            DoseRecord("kratom_powder", "kratom", ago(5)),
            DoseRecord("Alcohol", "cns_depressant", ago(2)),
            DoseRecord("gabapentin", "cns_depressant", ago(1)),
        ),
    )
    keys = {draft.condition_key for draft in evaluate(ctx)}
    assert keys == {
        "kratom_with_cns_depressant:kratom_powder+alcohol",
        "kratom_with_cns_depressant:kratom_powder+gabapentin",
    }


def test_the_same_pair_logged_twice_gives_one_draft() -> None:
    ctx = SafetyContext(
        NOW,
        doses=(
            DoseRecord("kratom_powder", "kratom", ago(9)),
            DoseRecord("alcohol", "cns_depressant", ago(8)),
            DoseRecord("kratom_powder", "kratom", ago(3)),
            DoseRecord("alcohol", "cns_depressant", ago(2)),
        ),
    )
    assert [d.condition_key for d in evaluate(ctx)] == ["kratom_with_cns_depressant:kratom_powder+alcohol"]


def test_taper_condition_key_is_per_substance_and_local_day() -> None:
    local_day = datetime(2026, 11, 24).date()
    ctx = SafetyContext(
        NOW,
        doses=(
            DoseRecord("kratom_powder", "kratom", ago(14), 3000, taper_planned_mg=4000, taken_on=local_day),
            DoseRecord("kratom_powder", "kratom", ago(13), 2000, taper_planned_mg=4000, taken_on=local_day),
        ),
    )
    [draft] = evaluate(ctx)
    assert draft.condition_key == "taper_dose_above_plan:kratom_powder:2026-11-24"
    assert "5000 mg" in draft.person_message and "4000 mg" in draft.person_message


def test_no_checkin_key_names_the_severe_assessment() -> None:
    taken_at = ago(30)
    ctx = SafetyContext(NOW, assessments=(AssessmentRecord("cows", 40, taken_at),))
    keys = {draft.condition_key for draft in evaluate(ctx)}
    assert f"no_checkin_after_severe_score:{taken_at.isoformat()}" in keys


def test_no_checkin_window_is_configurable() -> None:
    ctx = SafetyContext(
        NOW,
        assessments=(AssessmentRecord("cows", 40, ago(7)),),
        config=SafetyConfig(no_checkin_window=timedelta(hours=6)),
    )
    assert "no_checkin_after_severe_score" in {draft.rule_id for draft in evaluate(ctx)}


def test_draft_carries_rule_metadata_and_now() -> None:
    ctx = SafetyContext(NOW, findings=(JournalFinding("dark urine", ago(1)),))
    [draft] = evaluate(ctx)
    registered = RULES["liver_injury_signs"]
    assert draft.severity == registered.severity == "urgent"
    assert draft.actions == registered.actions
    assert draft.source == registered.source
    assert draft.raised_at == NOW
    assert "dark urine" in draft.person_message


def test_evaluate_is_deterministic() -> None:
    ctx = SafetyContext(
        NOW,
        doses=(DoseRecord("kratom_powder", "kratom", ago(4)), DoseRecord("oxycodone", "opioid", ago(3))),
        findings=(JournalFinding("seizure", ago(1)),),
    )
    assert evaluate(ctx) == evaluate(ctx)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"now": datetime(2026, 11, 25, 12)}, "now must be timezone-aware"),
        (
            {"now": NOW, "doses": (DoseRecord("kratom", "kratom", datetime(2026, 11, 25)),)},
            "doses[0].taken_at must be timezone-aware",
        ),
        (
            {"now": NOW, "assessments": (AssessmentRecord("cows", 3, datetime(2026, 11, 25)),)},
            "assessments[0].taken_at must be timezone-aware",
        ),
        (
            {"now": NOW, "findings": (JournalFinding("seizure", datetime(2026, 11, 25)),)},
            "findings[0].noted_at must be timezone-aware",
        ),
        (
            {"now": NOW, "doses": (DoseRecord("kratom", "kratom", NOW, -1),)},
            "doses[0].amount_mg must not be negative",
        ),
        ({"now": NOW, "config": SafetyConfig(co_use_window=timedelta(0))}, "config.co_use_window"),
        ({"now": NOW, "config": SafetyConfig(sows_threshold=0)}, "config.sows_threshold"),
        ({"now": NOW, "config": SafetyConfig(trend_ratio=1.0)}, "config.trend_ratio must be above 1"),
    ],
)
def test_context_rejects_what_it_cannot_evaluate(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidSafetyContext, match=message.replace("[", r"\[").replace("]", r"\]")):
        SafetyContext(**kwargs)  # type: ignore[arg-type]


def _good_function(ctx: SafetyContext) -> Hit | None:
    """A docstring."""
    return None


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"source": " "}, "source must not be empty"),
        ({"rationale": ""}, "rationale must not be empty"),
        ({"severity": "critical"}, "unknown severity"),
        ({"actions": ("call_mum",)}, "unknown action"),
        ({"actions": ()}, "at least one action"),
        ({"id": "Bad-Id"}, "lower_snake_case"),
        ({"id": "cows_severe"}, "already registered"),
    ],
)
def test_rule_registration_rejects_incomplete_rules(overrides: dict[str, object], problem: str) -> None:
    metadata: dict[str, object] = {
        "id": "test_only_rule",
        "title": "Test",
        "severity": "info",
        "actions": ("contact_clinician",),
        "person_message": "Hello.",
        "clinician_message": "Hello.",
        "rationale": "Because.",
        "source": "Someone 2020",
    } | overrides
    before = dict(RULES)
    with pytest.raises(RuleDefinitionError, match=problem):
        rule(**metadata)(_good_function)  # type: ignore[arg-type]
    assert before == RULES


def test_rule_registration_requires_a_docstring() -> None:
    def undocumented(ctx: SafetyContext) -> None:
        return None

    with pytest.raises(RuleDefinitionError, match="docstring"):
        rule(
            id="test_only_undocumented",
            title="T",
            severity="info",
            actions=("contact_clinician",),
            person_message="P",
            clinician_message="C",
            rationale="R",
            source="S 2020",
        )(undocumented)
    assert "test_only_undocumented" not in RULES


def test_markdown_lists_every_rule_with_its_source() -> None:
    text = render_rules_markdown()
    assert text.startswith("# Safety rules\n")
    for registered in RULES.values():
        assert f"### {registered.id}" in text
        assert registered.source in text
    assert "CTN-0094" in text and "## Interaction tables" in text


def test_markdown_is_stable() -> None:
    assert render_rules_markdown() == render_rules_markdown()


def test_json_export_has_one_entry_per_rule_with_its_source() -> None:
    exported = json.loads(rules_as_json())
    assert exported == rules_as_data()
    assert {entry["id"] for entry in exported} == set(RULES)
    assert all(entry["source"] for entry in exported)


@pytest.mark.parametrize("rule_id", ALL_RULES)
def test_message_templates_only_use_known_placeholders(rule_id: str) -> None:
    registered = RULES[rule_id]
    fields = template_fields(registered.person_message) | template_fields(registered.clinician_message)
    assert all(name.isidentifier() for name in fields)


def test_item_ids_match_the_cows_instrument() -> None:
    from easeoff.domain.instruments.cows import COWS

    assert "GI" in COWS.item("cows_7").text


def test_item_ids_match_the_phq9_instrument() -> None:
    phq9 = pytest.importorskip("easeoff.domain.instruments.phq9")
    instrument = next(value for value in vars(phq9).values() if getattr(value, "code", None) == "phq9")
    assert instrument.item("phq9_9").number == 9
