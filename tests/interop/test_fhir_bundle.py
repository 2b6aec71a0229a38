"""A person's FHIR R4 Bundle: valid for fhir.resources and an independent validator; round trip."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from easeoff.interop.fhir_bundle import export_bundle, import_bundle
from easeoff.services.demo import generate_demo
from easeoff.services.doses import record_dose
from easeoff.services.errors import InvalidInput
from easeoff.web.accounts.models import User
from easeoff.web.tracking.models import Assessment
from tests.interop.conftest import run_node

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def exported(make_user):
    generate_demo(people=0, days=14, seed=11, now=NOW)
    ana = User.objects.get(username="ana")
    record_dose(actor=ana, person=ana, substance="kratom", amount="4", unit="g", now=NOW)
    record_dose(actor=ana, person=ana, substance="clonidine", amount="0.1", unit="mg", now=NOW)
    bundle = export_bundle(viewer=ana, person=ana, now=NOW)
    return ana, bundle


def rows(person):
    return sorted(
        Assessment.objects.filter(person=person).values_list("instrument_code", "taken_at", "total", "band"),
        key=lambda r: (r[1], r[0]),
    )


def test_the_bundle_holds_patient_questionnaires_responses_totals(exported):
    ana, bundle = exported
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    count = Assessment.objects.filter(person=ana).count()
    assert kinds.count("Patient") == 1
    statements = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationStatement"
    ]
    assert len(statements) == 2
    kratom = next(m for m in statements if m["medicationCodeableConcept"].get("coding"))
    assert kratom["medicationCodeableConcept"]["coding"][0]["code"] == "754HG7WK00"
    assert kinds.count("QuestionnaireResponse") == kinds.count("Observation") == count
    assert kinds.count("Questionnaire") == len({r[0] for r in rows(ana)})
    phq9_totals = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == "44261-6"
    ]
    assert phq9_totals and all(o["code"]["coding"][0]["system"] == "http://loinc.org" for o in phq9_totals)


def test_every_resource_type_passes_the_independent_r4_validator(exported):
    _, bundle = exported
    status, result = run_node("validate.js", json.dumps(bundle))
    errors = [m for m in result["messages"] if m["severity"] in ("fatal", "error")]
    assert errors == [] and status == 0
    seen = set()
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        if kind in seen:
            continue
        seen.add(kind)
        status, result = run_node("validate.js", json.dumps(entry["resource"]))
        assert [m for m in result["messages"] if m["severity"] in ("fatal", "error")] == [], kind
        assert status == 0


def test_export_then_import_gives_the_same_assessments_and_is_idempotent(exported, make_user):
    ana, bundle = exported
    twin = make_user("twin")
    text = json.dumps(bundle)
    first = import_bundle(actor=twin, person=twin, text=text, now=NOW)
    assert first.imported == Assessment.objects.filter(person=ana).count()
    assert rows(twin) == rows(ana)
    assert answers_of(twin) == answers_of(ana)
    again = import_bundle(actor=twin, person=twin, text=text, now=NOW)
    assert (again.imported, again.already_present) == (0, first.imported)


def answers_of(person):
    return sorted(Assessment.objects.filter(person=person).values_list("taken_at", "answers"), key=str)


def bad(bundle, change):
    copied = copy.deepcopy(bundle)
    change(copied)
    return json.dumps(copied)


def first_response(bundle):
    return next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"
    )


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda b: json.dumps(b)[:200], "not valid JSON"),
        (lambda b: json.dumps({"resourceType": "Patient"}), "expected a FHIR Bundle"),
        (
            lambda b: bad(
                b,
                lambda c: c["entry"].append(
                    {"resource": {"resourceType": "Encounter", "status": "finished"}}
                ),
            ),
            "resource type 'Encounter' is not supported",
        ),
        (
            lambda b: bad(
                b, lambda c: first_response(c).update(questionnaire="http://example.org/Questionnaire/x")
            ),
            "is not one easeoff supports",
        ),
        (
            lambda b: bad(
                b,
                lambda c: first_response(c)["item"][0]["answer"][0].update(
                    valueCoding={"system": "x", "code": "9"}
                ),
            ),
            "is not one of this item's answers",
        ),
        (
            lambda b: bad(b, lambda c: first_response(c)["item"][0].update(answer=[{"valueInteger": 99}])),
            "99 is not allowed",
        ),
        (
            lambda b: bad(b, lambda c: first_response(c).update(status="in-progress")),
            "only completed responses",
        ),
    ],
)
def test_bad_files_are_rejected_naming_the_problem_and_store_nothing(exported, make_user, make, fragment):
    _, bundle = exported
    twin = make_user("twin")
    with pytest.raises(InvalidInput) as problem:
        import_bundle(actor=twin, person=twin, text=make(bundle), now=NOW)
    assert fragment in str(problem.value)
    assert not Assessment.objects.filter(person=twin).exists()


def test_the_api_exports_and_imports_a_bundle(client, exported, make_user):
    ana, _ = exported
    client.force_login(ana)
    bundle = client.get("/api/fhir/bundle").json()
    assert bundle["resourceType"] == "Bundle"
    twin = make_user("twin")
    client.force_login(twin)
    response = client.post("/api/fhir/import", json.dumps(bundle), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["imported"] == Assessment.objects.filter(person=ana).count()
    encounter = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": {"resourceType": "Encounter"}}],
    }
    bad = client.post("/api/fhir/import", json.dumps(encounter), content_type="application/json")
    assert bad.status_code == 422
    assert "Encounter" in bad.json()["detail"][0]["msg"]
