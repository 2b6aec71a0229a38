"""Record, edit, list and score assessments on validated instruments."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from easeoff.domain.doses import local_day
from easeoff.domain.instruments import PUBLISHED, Instrument
from easeoff.domain.safety import AssessmentRecord
from easeoff.domain.scoring import Score
from easeoff.services.access import require_view_person
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.safety import evaluate_pending, store_flags
from easeoff.services.scoring import find_instrument, score_answers
from easeoff.web.db.fast import insert
from easeoff.web.tracking.models import Assessment, AssessmentRevision

# The kratom use disorder checklist: "The patient may pre-fill it; a clinician confirms"
# (instruments research note §10, implementation rules).
SELF_PREFILL = frozenset({"kud"})

# A check-in may be back-dated, but not dated in the future beyond clock skew between devices.
FUTURE_TOLERANCE = timedelta(minutes=5)


def may_administer(actor: Any, person: Any, instrument: Instrument) -> bool:
    """Return True if `actor` may fill in `instrument` about `person`.

    A self-rated instrument is filled in by the person. COWS and OOWS are observer
    ratings: a self-rated COWS is not the validated instrument (Wesson & Ling 2003;
    instruments research note §1), so only a clinician may record them.
    """
    if instrument.administered_by == "self":
        return bool(actor.pk == person.pk)
    if instrument.code in SELF_PREFILL and actor.pk == person.pk:
        return True
    return bool(getattr(actor, "is_clinician", False)) and actor.pk != person.pk


def assessment_row(
    *, person: Any, actor: Any, instrument: Instrument, result: Score, taken_at: datetime
) -> Assessment:
    """Return the unsaved Assessment row for a scored result (recording and importing share it)."""
    return Assessment(
        person=person,
        administered_by=actor,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        variant=result.variant,
        answers=dict(result.answers),
        total=result.total,
        band=result.band.label if result.band else "",
        flags=list(result.flags),
        taken_at=taken_at,
        taken_on=local_day(taken_at, person.time_zone),
    )


@dataclass(frozen=True)
class Recorded:
    assessment: Assessment
    score: Score
    flags: tuple[Any, ...] = ()


def record_assessment(
    *,
    actor: Any,
    person: Any,
    instrument_code: str,
    answers: Mapping[str, Any],
    now: datetime,
    taken_at: datetime | None = None,
    variant: str = PUBLISHED,
) -> Recorded:
    """Score and store one assessment about `person`, filled in by `actor`.

    `taken_at` defaults to `now` and may be earlier, but not later than `now` plus a few
    minutes. Nothing is stored if anything is invalid.
    """
    instrument = find_instrument(instrument_code)
    if actor.pk != person.pk:
        require_view_person(actor, person, action="record_assessment", target=instrument.code)
    if not may_administer(actor, person, instrument):
        who = "a clinician" if instrument.administered_by != "self" else "the person themself"
        raise InvalidInput({"instrument": f"{instrument.short_name} is filled in by {who}"})
    result = score_answers(instrument_code, answers, variant=variant)
    when = taken_at or now
    if when.tzinfo is None:
        raise InvalidInput({"taken_at": "needs a time zone offset, e.g. 2026-11-25T09:30:00+00:00"})
    if when > now + FUTURE_TOLERANCE:
        raise InvalidInput({"taken_at": "must not be in the future"})
    # The rules run on every new assessment and their flags are shown to the person at once.
    # They are evaluated first, with this assessment included, and then the assessment and
    # its flags are written in one short transaction: both are stored or neither, and on
    # SQLite the write lock is held only for the inserts (docs/benchmarks.md).
    drafts = evaluate_pending(
        person,
        AssessmentRecord(
            instrument=instrument.code,
            total=result.total,
            taken_at=when,
            band=result.band.label if result.band else None,
            answers=dict(result.answers),
        ),
        now=max(now, when),
    )
    # One INSERT is atomic on its own; a transaction is opened only when flags go with it.
    with transaction.atomic() if drafts else contextlib.nullcontext():
        assessment = insert(
            assessment_row(person=person, actor=actor, instrument=instrument, result=result, taken_at=when)
        )
        flags = store_flags(person, drafts)
    return Recorded(assessment, result, tuple(flags))


@transaction.atomic
def edit_assessment(
    *, actor: Any, assessment: Assessment, answers: Mapping[str, Any], now: datetime
) -> Recorded:
    """Replace an assessment's answers, keeping the previous version as a revision."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    instrument = find_instrument(locked.instrument_code)
    if not (actor.pk == locked.administered_by_id or actor.pk == locked.person_id):
        raise NotAllowed("only the person or whoever filled it in may edit an assessment")
    if actor.pk != locked.person_id:
        # A clinician corrects what they administered only while the person still shares with them.
        require_view_person(actor, locked.person, action="edit_assessment", target=f"assessment {locked.pk}")
    if instrument.version != locked.instrument_version:
        raise InvalidInput(
            {"instrument": "this assessment was taken on an older version and cannot be edited"}
        )
    result = score_answers(locked.instrument_code, answers, variant=locked.variant)
    AssessmentRevision.objects.create(
        assessment=locked,
        revision=locked.revision,
        answers=locked.answers,
        total=locked.total,
        band=locked.band,
        flags=locked.flags,
        taken_at=locked.taken_at,
        changed_by=actor,
        changed_at=now,
    )
    locked.answers = dict(result.answers)
    locked.total = result.total
    locked.band = result.band.label if result.band else ""
    locked.flags = list(result.flags)
    locked.revision += 1
    locked.save()
    return Recorded(locked, result)


def list_assessments(
    *,
    viewer: Any,
    person: Any,
    instrument_code: str | None = None,
    taken_from: date | None = None,
    taken_to: date | None = None,
) -> QuerySet[Assessment]:
    """Return a person's assessments, newest first, filtered by instrument and local day range."""
    require_view_person(viewer, person, action="view_history")
    if instrument_code is not None:
        find_instrument(instrument_code)
    if taken_from and taken_to and taken_from > taken_to:
        raise InvalidInput({"from": "must be on or before 'to'"})
    rows = Assessment.objects.filter(person=person)
    if instrument_code:
        rows = rows.filter(instrument_code=instrument_code)
    if taken_from:
        rows = rows.filter(taken_on__gte=taken_from)
    if taken_to:
        rows = rows.filter(taken_on__lte=taken_to)
    return rows


def get_assessment(*, viewer: Any, assessment_id: int) -> Assessment:
    """Return one assessment the viewer may see; raise NotAllowed otherwise (also when absent)."""
    assessment = Assessment.objects.select_related("person").filter(pk=assessment_id).first()
    if assessment is None:
        raise NotAllowed("no such assessment")
    target = f"assessment {assessment.pk}"
    require_view_person(viewer, assessment.person, action="view_assessment", target=target)
    return assessment
