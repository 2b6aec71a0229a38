"""Run the safety rules for a person and store the flags they raise; acknowledge flags."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction

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
from easeoff.web.db.fast import aware, decode_json, fetch
from easeoff.web.tracking.models import Assessment

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


class LazyAnswers(Mapping[str, Any]):
    """An assessment's answers, decoded from JSON the first time a rule reads them.

    Most rules read totals only; the few that read items (PHQ-9 item 9, the COWS GI item)
    decode just the assessments they look at.
    """

    __slots__ = ("_decoded", "_raw")

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._decoded: Mapping[str, Any] | None = None

    def _answers(self) -> Mapping[str, Any]:
        if self._decoded is None:
            self._decoded = decode_json(self._raw) or {}
        return self._decoded

    def __getitem__(self, key: str) -> Any:
        return self._answers()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._answers())

    def __len__(self) -> int:
        return len(self._answers())


def build_context(
    person: Any,
    *,
    now: datetime,
    config: SafetyConfig | None = None,
    pending: tuple[AssessmentRecord, ...] = (),
) -> SafetyContext:
    """Gather the recent records the rules read: one small query per kind of record.

    `pending` holds assessments about to be stored in the same request, so the rules can run
    before the write and the write transaction stays short (the rules never see a half-made
    state). The reads are raw SQL on purpose: this runs on every write (see
    docs/benchmarks.md, API throughput) and the ORM's query building cost more than the
    queries themselves.
    """
    config = config or SafetyConfig()
    since = now - config.lookback
    adapt = connection.ops.adapt_datetimefield_value
    window = [person.pk, adapt(since), adapt(now)]
    stored = [
        AssessmentRecord(
            instrument=code,
            total=total,
            taken_at=aware(taken_at),
            band=band or None,
            answers=LazyAnswers(answers),
        )
        for code, total, taken_at, band, answers in fetch(
            "SELECT instrument_code, total, taken_at, band, answers FROM tracking_assessment"
            " WHERE person_id = %s AND taken_at >= %s AND taken_at <= %s"
            " ORDER BY taken_at DESC LIMIT %s",
            [*window, MAX_ASSESSMENTS],
        )
    ]
    recent = sorted(
        [*stored, *(record for record in pending if since <= record.taken_at <= now)],
        key=lambda record: record.taken_at,
    )[-MAX_ASSESSMENTS:]
    findings: list[JournalFinding] = []
    for written_at, extraction, cues in fetch(
        "SELECT written_at, extraction, cues FROM tracking_journalentry"
        " WHERE person_id = %s AND written_at >= %s AND written_at <= %s"
        " ORDER BY written_at DESC LIMIT %s",
        [*window, MAX_JOURNAL_ENTRIES],
    ):
        noted_at = aware(written_at)
        findings.extend(
            JournalFinding(name=s["name"], noted_at=noted_at, status=s["status"])
            for s in decode_json(extraction).get("symptoms", [])
        )
        findings.extend(JournalFinding(name=cue, noted_at=noted_at) for cue in decode_json(cues))
    return SafetyContext(
        now=now,
        profile=stored_profile(person),
        assessments=tuple(recent),
        doses=dose_context(person, since=now - DOSE_LOOKBACK, now=now),
        findings=tuple(sorted(findings, key=lambda f: f.noted_at)),
        config=config,
    )


def stored_profile(person: Any) -> Profile:
    """Return `person_profile` as stored, read with one raw query (for the write path)."""
    rows = fetch(
        "SELECT country, region, pregnant, withdrawing_from FROM accounts_profile WHERE user_id = %s",
        [person.pk],
    )
    if not rows:
        return Profile()
    country, region, pregnant, withdrawing_from = rows[0]
    return Profile(
        country=country or None,
        region=region or None,
        pregnant=None if pregnant is None else bool(pregnant),
        withdrawing_from=frozenset(decode_json(withdrawing_from) or ()),
    )


def dose_context(person: Any, *, since: datetime, now: datetime) -> tuple[DoseRecord, ...]:
    """Return the person's doses for the rules, each with its active taper plan's amount that day (mg)."""
    from easeoff.services.doses import dose_records_for_safety
    from easeoff.services.taper import plan_from_row
    from easeoff.web.doses.models import TaperPlan

    records = dose_records_for_safety(person, since=since, now=now)
    if not records:
        return records
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
    open_keys = {
        key
        for (key,) in fetch(
            "SELECT condition_key FROM care_flag WHERE person_id = %s AND acknowledged_at IS NULL",
            [person.pk],
        )
    }
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


def evaluate_pending(person: Any, record: AssessmentRecord, *, now: datetime) -> list[FlagDraft]:
    """Evaluate every rule as if `record` were already stored; return the flag drafts.

    A write that is concurrent for the same person may be missed by this evaluation; the
    next write, or `easeoff sweep`, sees it. The record itself is always seen, so a rule on
    the new answers (PHQ-9 item 9) cannot miss it.
    """
    return evaluate(build_context(person, now=now, pending=(record,)))


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
