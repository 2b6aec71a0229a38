"""The safety scenario table, stored as real rows and run through the services (SQLite and PostgreSQL).

Each case of tests/domain/test_safety_scenarios.py becomes a person with a profile,
assessments, doses and journal entries in the database; `run_safety` must raise exactly the
flags the table expects. Cases the storage cannot express (a custom rule configuration, a
taper plan, free-text profile conditions) stay in the domain table only.
"""

from __future__ import annotations

from datetime import UTC

import pytest

from easeoff.domain.safety import SafetyConfig
from easeoff.nlp import SYMPTOM_NAMES
from easeoff.services.doses import substance_choices
from easeoff.services.safety import run_safety
from easeoff.web.accounts.models import Profile
from easeoff.web.care.models import Flag
from easeoff.web.doses.models import Dose
from easeoff.web.tracking.models import Assessment, JournalEntry
from tests.domain.test_safety_scenarios import NOW, SCENARIOS, Case

CATALOGUE = {code for code, _, _ in substance_choices()}


def storable(case: Case) -> bool:
    return (
        case.config == SafetyConfig()
        and not case.profile.conditions
        and all(d.taper_planned_mg is None for d in case.doses)
        # Kratom products are stored as the substance kratom with a product kind; other named
        # products (e.g. MGM-15) have no catalogue entry yet.
        and all(d.substance.startswith("kratom") or d.substance in CATALOGUE for d in case.doses)
    )


CASES = [(name, case, expected) for name, case, expected in SCENARIOS if storable(case)]


def test_the_service_table_has_at_least_forty_cases():
    assert len(CASES) >= 40


def store(person, case: Case) -> None:
    profile = case.profile
    Profile.objects.update_or_create(
        user=person,
        defaults={
            "country": profile.country or "",
            "region": profile.region or "",
            "pregnant": profile.pregnant,
            "withdrawing_from": sorted(profile.withdrawing_from),
        },
    )
    for record in case.assessments:
        Assessment.objects.create(
            person=person,
            administered_by=person,
            instrument_code=record.instrument,
            instrument_version="table",
            answers=dict(record.answers),
            total=record.total,
            band=record.band or "",
            taken_at=record.taken_at,
            taken_on=record.taken_at.astimezone(UTC).date(),
        )
    for record in case.doses:
        kratom = record.category == "kratom"
        Dose.objects.create(
            person=person,
            substance="kratom" if kratom else record.substance,
            kind="concentrated_7oh" if record.is_7oh_product else ("leaf_powder" if kratom else ""),
            amount=record.amount_mg or 1,
            unit="mg",
            amount_mg=record.amount_mg,
            taken_at=record.taken_at,
            taken_on=record.day,
            created_by=person,
            created_at=record.taken_at,
        )
    for finding in case.findings:
        symptom = finding.name in SYMPTOM_NAMES
        if not symptom and finding.status != "present":
            continue  # the journal stores only cues found present (services.journal.find_cues)
        JournalEntry.objects.create(
            person=person,
            text=finding.name,
            written_at=finding.noted_at,
            written_on=finding.noted_at.date(),
            extraction={"symptoms": [{"name": finding.name, "status": finding.status}]} if symptom else {},
            cues=[] if symptom else [finding.name],
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case", "expected"), CASES, ids=[c[0] for c in CASES])
def test_services_raise_exactly_the_expected_flags(make_user, name, case, expected):
    person = make_user("scenario")
    store(person, case)
    run_safety(person, now=NOW)
    assert set(Flag.objects.filter(person=person).values_list("rule_id", flat=True)) == expected
    # Running again raises nothing new while the flags are open.
    assert run_safety(person, now=NOW) == []
