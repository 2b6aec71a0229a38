"""Safety engine: rules with sources that turn a person's recent records into flag drafts.

Use::

    from easeoff.domain.safety import SafetyContext, evaluate
    drafts = evaluate(SafetyContext(now=now, profile=..., assessments=..., doses=..., findings=...))

Pure standard library; no clock (pass `now`), no database. The storage layer raises a draft
only if no open flag has the same `condition_key`.
"""

from easeoff.domain.safety import rules as _rules  # noqa: F401  (registers the rules)
from easeoff.domain.safety.docs import render_rules_markdown, rules_as_data, rules_as_json
from easeoff.domain.safety.model import (
    ACTION_MEANINGS,
    ACTIONS,
    SEVERITIES,
    Action,
    AssessmentRecord,
    DoseRecord,
    FlagDraft,
    Hit,
    InvalidSafetyContext,
    JournalFinding,
    Profile,
    SafetyConfig,
    SafetyContext,
    Severity,
)
from easeoff.domain.safety.registry import RULES, Rule, RuleDefinitionError, evaluate, rule

__all__ = [
    "ACTIONS",
    "ACTION_MEANINGS",
    "RULES",
    "SEVERITIES",
    "Action",
    "AssessmentRecord",
    "DoseRecord",
    "FlagDraft",
    "Hit",
    "InvalidSafetyContext",
    "JournalFinding",
    "Profile",
    "Rule",
    "RuleDefinitionError",
    "SafetyConfig",
    "SafetyContext",
    "Severity",
    "evaluate",
    "render_rules_markdown",
    "rule",
    "rules_as_data",
    "rules_as_json",
]
