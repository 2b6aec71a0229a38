"""The rule registry: `@rule(...)` registers a small named function with its metadata.

A rule function takes a `SafetyContext` and returns a `Hit`, a sequence of hits, or None.
The decorator keeps everything a reader, a clinician or a test needs next to the code:
severity, actions, the two message templates, the rationale and the citation. `evaluate`
runs every registered rule and turns hits into `FlagDraft`s, most urgent first.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from easeoff.domain.safety.model import (
    ACTIONS,
    SEVERITIES,
    Action,
    FlagDraft,
    Hit,
    SafetyContext,
    Severity,
)

RuleResult = Hit | Sequence[Hit] | None
RuleFunction = Callable[[SafetyContext], RuleResult]


class RuleDefinitionError(ValueError):
    """A rule is registered without what every rule must have; the message says what."""


def template_fields(template: str) -> frozenset[str]:
    """Return the `{placeholder}` names used in a message template."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@dataclass(frozen=True, slots=True)
class Rule:
    """One safety rule: its metadata and the function that checks it."""

    id: str
    title: str
    severity: Severity
    actions: tuple[Action, ...]
    person_message: str
    clinician_message: str
    rationale: str
    source: str
    condition_key_doc: str
    function: RuleFunction

    @property
    def description(self) -> str:
        """Return the rule function's docstring, or an empty string."""
        return (self.function.__doc__ or "").strip()

    def check(self, ctx: SafetyContext) -> list[FlagDraft]:
        """Run the rule on the context and return its flag drafts (empty if it does not apply)."""
        result = self.function(ctx)
        if result is None:
            return []
        hits = [result] if isinstance(result, Hit) else list(result)
        return [self._draft(hit, ctx) for hit in hits]

    def _draft(self, hit: Hit, ctx: SafetyContext) -> FlagDraft:
        details = dict(hit.details)
        return FlagDraft(
            rule_id=self.id,
            severity=self.severity,
            condition_key=f"{self.id}:{hit.key}" if hit.key else self.id,
            actions=self.actions,
            person_message=self.person_message.format_map(details),
            clinician_message=self.clinician_message.format_map(details),
            source=self.source,
            rationale=self.rationale,
            priority=hit.priority,
            raised_at=ctx.now,
            details=tuple(sorted(details.items())),
        )


RULES: dict[str, Rule] = {}


def rule(
    *,
    id: str,
    title: str,
    severity: Severity,
    actions: tuple[Action, ...],
    person_message: str,
    clinician_message: str,
    rationale: str,
    source: str,
    condition_key_doc: str = "the rule id alone: one open flag at a time",
) -> Callable[[RuleFunction], Rule]:
    """Register the decorated function as a safety rule and return the `Rule`.

    Raise RuleDefinitionError if the id is taken or malformed, the severity or an action is
    unknown, or the source, rationale or a message is empty.
    """

    def register(function: RuleFunction) -> Rule:
        problems: list[str] = []
        if not id or not id.replace("_", "").isalnum() or id != id.lower():
            problems.append("id must be lower_snake_case")
        if id in RULES:
            problems.append("id is already registered")
        if severity not in SEVERITIES:
            problems.append(f"unknown severity {severity!r}")
        if not actions:
            problems.append("at least one action is required")
        problems.extend(f"unknown action {action!r}" for action in actions if action not in ACTIONS)
        for name, text in (
            ("title", title),
            ("source", source),
            ("rationale", rationale),
            ("person_message", person_message),
            ("clinician_message", clinician_message),
        ):
            if not text.strip():
                problems.append(f"{name} must not be empty")
        if not (function.__doc__ or "").strip():
            problems.append("the rule function needs a docstring")
        if problems:
            raise RuleDefinitionError(f"rule {id!r}: " + "; ".join(problems))
        registered = Rule(
            id=id,
            title=title,
            severity=severity,
            actions=actions,
            person_message=person_message,
            clinician_message=clinician_message,
            rationale=rationale,
            source=source,
            condition_key_doc=condition_key_doc,
            function=function,
        )
        RULES[id] = registered
        return registered

    return register


SEVERITY_ORDER: dict[Severity, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def evaluate(ctx: SafetyContext) -> list[FlagDraft]:
    """Run every registered rule and return the flag drafts, most urgent first.

    Order: severity (urgent, warning, info), then priority (lower first), then rule id and
    condition key, so the result is deterministic.
    """
    drafts = [draft for registered in RULES.values() for draft in registered.check(ctx)]
    return sorted(
        drafts,
        key=lambda draft: (
            SEVERITY_ORDER[draft.severity],
            draft.priority,
            draft.rule_id,
            draft.condition_key,
        ),
    )
