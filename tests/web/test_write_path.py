"""The assessment write path: one-statement INSERT, rules evaluated before the write, raw reads.

These are the shortcuts bench/api_throughput.py measures; each must give exactly what the
ORM would, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import signals

from easeoff.domain.safety import AssessmentRecord
from easeoff.services import assessments, doses, journal, safety
from easeoff.services.profile import update_profile
from easeoff.web.care.models import Flag
from easeoff.web.db.fast import insert
from easeoff.web.doses.models import Dose
from easeoff.web.tracking.models import Assessment

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
PHQ9_ITEM9 = {f"phq9_{n}": 0 for n in range(1, 9)} | {"phq9_9": 2}


def test_insert_stores_what_the_orm_would(ana):
    fields = dict(
        person=ana,
        administered_by=ana,
        instrument_code="sows",
        instrument_version="1983",
        variant="published",
        answers={"sows_1": 3, "sows_2": None},
        total=3,
        band="",
        flags=["x"],
        taken_at=NOW,
        taken_on=NOW.date(),
    )
    fast = insert(Assessment(**fields))
    slow = Assessment.objects.create(**fields)
    assert fast.pk is not None and fast.pk != slow.pk
    assert not fast._state.adding
    skip = {"id", "created_at", "updated_at"}

    def stored(pk):
        return {k: v for k, v in Assessment.objects.filter(pk=pk).values().get().items() if k not in skip}

    assert stored(fast.pk) == stored(slow.pk)
    row = Assessment.objects.get(pk=fast.pk)
    assert row.created_at is not None and row.updated_at is not None  # auto_now(_add) applied
    assert row.answers == {"sows_1": 3, "sows_2": None}


def test_no_model_signals_are_registered_for_assessments():
    # `insert` sends no pre_save/post_save; that is safe only while nothing listens.
    for signal in (signals.pre_save, signals.post_save):
        assert not signal.has_listeners(Assessment)


def test_rules_see_the_assessment_being_written(ana):
    recorded = assessments.record_assessment(
        actor=ana, person=ana, instrument_code="phq9", answers=PHQ9_ITEM9, now=NOW
    )
    assert [flag.rule_id for flag in recorded.flags] == ["phq9_self_harm_thoughts"]
    assert Flag.objects.filter(person=ana, rule_id="phq9_self_harm_thoughts").count() == 1
    assert Assessment.objects.filter(person=ana).count() == 1


def test_evaluate_pending_merges_and_caps_by_time(ana):
    for hours in range(3):
        assessments.record_assessment(
            actor=ana,
            person=ana,
            instrument_code="gad7",
            answers={f"gad7_{n}": 0 for n in range(1, 8)},
            now=NOW - timedelta(hours=hours),
        )
    pending = AssessmentRecord(
        instrument="phq9", total=2, taken_at=NOW - timedelta(minutes=90), answers=PHQ9_ITEM9
    )
    ctx = safety.build_context(ana, now=NOW, pending=(pending,))
    assert [a.instrument for a in ctx.assessments] == ["gad7", "phq9", "gad7", "gad7"]
    assert [a.taken_at for a in ctx.assessments] == sorted(a.taken_at for a in ctx.assessments)
    assert ctx.assessments[1].answers["phq9_9"] == 2
    assert all(a.taken_at.tzinfo is not None for a in ctx.assessments)
    # Stored answers are read lazily but compare and iterate like the dict that was stored.
    assert dict(ctx.assessments[0].answers) == {f"gad7_{n}": 0 for n in range(1, 8)}
    # A pending record outside the window is not evaluated.
    old = AssessmentRecord(instrument="phq9", total=2, taken_at=NOW - timedelta(days=60), answers=PHQ9_ITEM9)
    assert len(safety.build_context(ana, now=NOW, pending=(old,)).assessments) == 3


def test_raw_reads_match_the_orm(ana):
    update_profile(
        user=ana, changes={"country": "TH", "pregnant": True, "withdrawing_from": ["fentanyl"]}, now=NOW
    )
    doses.record_dose(
        actor=ana,
        person=ana,
        now=NOW,
        substance="kratom",
        amount="2",
        unit="g",
        taken_at=NOW - timedelta(hours=1),
    )
    journal.write_entry(actor=ana, person=ana, text="Couldn't sleep at all, sweating buckets.", now=NOW)
    ctx = safety.build_context(ana, now=NOW)
    assert ctx.profile == safety.person_profile(type(ana).objects.get(pk=ana.pk))
    assert (ctx.profile.country, ctx.profile.pregnant) == ("TH", True)
    assert ctx.profile.withdrawing_from == frozenset({"fentanyl"})
    (dose,) = ctx.doses
    row = Dose.objects.get(person=ana)
    assert dose.substance == "kratom" and dose.taken_at == row.taken_at and dose.taken_on == row.taken_on
    assert Decimal(str(dose.amount_mg)) == row.amount_mg
    assert {(f.name, f.status) for f in ctx.findings} >= {("insomnia", "present"), ("sweating", "present")}
    assert all(f.noted_at.tzinfo is not None for f in ctx.findings)
