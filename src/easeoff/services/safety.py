"""Run the safety rules for a person and store the flags they raise; acknowledge flags."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from easeoff.domain.safety import (
    AssessmentRecord,
    DoseRecord,
    FlagDraft,
    JournalFinding,
    Profile,
    SafetyConfig,
    SafetyContext,
    evaluate,
)
from easeoff.knowledge.crisis import CrisisResources, crisis_resources
from easeoff.services.access import require_view_person
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.care.models import Flag
from easeoff.web.tracking.models import Assessment, JournalEntry

SEVERITY_RANK = {"urgent": 0, "warning": 1, "info": 2}

# The rules look back two weeks; a person checks in a few times a day, so the newest 50
# assessments cover the window. The cap keeps one evaluation cheap whatever is stored.
MAX_ASSESSMENTS = 50
MAX_JOURNAL_ENTRIES = 50
# The return-to-use rule needs to see a break of several days: give it a month of doses.
DOSE_LOOKBACK = timedelta(days=30)
# Taper plans in mass units can be compared with logged doses in mg; others (capsules) cannot.
MG_PER_UNIT = {"mg": 1.0, "g": 1000.0}


def person_profile(person: Any) -> Profile:
    """Return the safety engine's view of what a person told us about themself."""
    profile = getattr(person, "profile", None)
    if profile is None:
        return Profile()
    return Profile(
        country=getattr(profile, "country", None) or None,
        region=getattr(profile, "region", None) or None,
        pregnant=getattr(profile, "pregnant", None),
        withdrawing_from=frozenset(getattr(profile, "withdrawing_from", None) or ()),
    )


def crisis_for(person: Any) -> CrisisResources:
    """Return the crisis lines for the person's country (a generic fallback when unknown)."""
    return crisis_resources(person_profile(person).country)


def build_context(person: Any, *, now: datetime, config: SafetyConfig | None = None) -> SafetyContext:
    """Gather the recent records the rules read (one query per kind of record)."""
    config = config or SafetyConfig()
    since = now - config.lookback
    assessments = tuple(
        AssessmentRecord(
            instrument=row["instrument_code"],
            total=row["total"],
            taken_at=row["taken_at"],
            band=row["band"] or None,
            answers=row["answers"],
        )
        for row in reversed(
            Assessment.objects.filter(person=person, taken_at__gte=since, taken_at__lte=now)
            .order_by("-taken_at")
            .values("instrument_code", "total", "taken_at", "band", "answers")[:MAX_ASSESSMENTS]
        )
    )
    findings: list[JournalFinding] = []
    for written_at, extraction, cues in (
        JournalEntry.objects.filter(person=person, written_at__gte=since, written_at__lte=now)
        .order_by("-written_at")
        .values_list("written_at", "extraction", "cues")[:MAX_JOURNAL_ENTRIES]
    ):
        findings.extend(
            JournalFinding(name=s["name"], noted_at=written_at, status=s["status"])
            for s in extraction.get("symptoms", [])
        )
        findings.extend(JournalFinding(name=cue, noted_at=written_at) for cue in cues)
    return SafetyContext(
        now=now,
        profile=person_profile(person),
        assessments=assessments,
        doses=dose_context(person, since=now - DOSE_LOOKBACK, now=now),
        findings=tuple(sorted(findings, key=lambda f: f.noted_at)),
        config=config,
    )


def dose_context(person: Any, *, since: datetime, now: datetime) -> tuple[DoseRecord, ...]:
    """Return the person's doses for the rules, each with its active taper plan's amount that day (mg)."""
    from easeoff.services.doses import dose_records_for_safety
    from easeoff.services.taper import plan_from_row
    from easeoff.web.doses.models import TaperPlan

    records = dose_records_for_safety(person, since=since, now=now)
    plans = {
        row.substance: (plan_from_row(row), MG_PER_UNIT.get(row.unit))
        for row in TaperPlan.objects.filter(person=person, status="active")
    }
    if not plans:
        return records
    with_plan = []
    for record in records:
        plan, factor = plans.get(record.substance, (None, None))
        planned = plan.amount_on(record.day) if plan is not None and factor is not None else None
        with_plan.append(
            replace(record, taper_planned_mg=None if planned is None else float(planned) * factor)
        )
    return tuple(with_plan)


def store_flags(person: Any, drafts: list[FlagDraft]) -> list[Flag]:
    """Store the drafts whose condition has no open flag yet; return the new flags."""
    if not drafts:
        return []
    open_keys = set(
        Flag.objects.filter(person=person, acknowledged_at__isnull=True).values_list(
            "condition_key", flat=True
        )
    )
    created: list[Flag] = []
    for draft in drafts:
        if draft.condition_key in open_keys:
            continue
        flag = Flag(
            person=person,
            rule_id=draft.rule_id,
            severity=draft.severity,
            condition_key=draft.condition_key,
            priority=draft.priority,
            actions=list(draft.actions),
            person_message=draft.person_message,
            clinician_message=draft.clinician_message,
            source=draft.source,
            rationale=draft.rationale,
            details=dict(draft.details),
            raised_at=draft.raised_at,
        )
        try:
            # A concurrent request may have raised the same condition a moment ago: the
            # partial unique constraint makes that a no-op instead of a duplicate.
            with transaction.atomic():
                flag.save()
        except IntegrityError:
            continue
        open_keys.add(draft.condition_key)
        created.append(flag)
    return created


def run_safety(person: Any, *, now: datetime) -> list[Flag]:
    """Evaluate every rule for `person` at `now` and store the new flags (most urgent first)."""
    return store_flags(person, evaluate(build_context(person, now=now)))


def open_flags(*, viewer: Any, person: Any) -> list[Flag]:
    """Return a person's open flags, most urgent first."""
    require_view_person(viewer, person, action="view_flags")
    flags = list(Flag.objects.filter(person=person, acknowledged_at__isnull=True))
    return sorted(flags, key=lambda f: (SEVERITY_RANK[f.severity], f.priority, -f.raised_at.timestamp()))


@transaction.atomic
def acknowledge_flag(*, actor: Any, flag_id: int, comment: str, now: datetime) -> Flag:
    """Acknowledge an open flag with a comment; only a clinician who may see the person may."""
    flag = Flag.objects.select_for_update().select_related("person").filter(pk=flag_id).first()
    if flag is None:
        raise NotAllowed("no such flag")
    require_view_person(actor, flag.person, action="acknowledge_flag", target=f"flag {flag.pk}")
    if not getattr(actor, "is_clinician", False):
        raise NotAllowed("only a clinician acknowledges flags")
    comment = comment.strip()
    if not comment:
        raise InvalidInput({"comment": "say what was done, e.g. 'called, safety plan reviewed'"})
    if flag.acknowledged_at is not None:
        raise InvalidInput({"flag": "already acknowledged"})
    flag.acknowledged_by = actor
    flag.acknowledged_at = now
    flag.acknowledgement = comment[:2000]
    flag.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement"])
    return flag


def sweep_all(*, now: datetime) -> tuple[int, int]:
    """Run the rules for everyone with an assessment in the lookback window; return (people, new flags)."""
    since = now - SafetyConfig().lookback
    person_ids = set(
        Assessment.objects.filter(taken_at__gte=since).values_list("person_id", flat=True).distinct()
    )
    raised = 0
    for person in get_user_model().objects.filter(pk__in=person_ids):
        raised += len(run_safety(person, now=now))
    return len(person_ids), raised
