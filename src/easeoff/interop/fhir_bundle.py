"""A person's record as a FHIR R4 Bundle, and import of QuestionnaireResponses from one.

Export: Patient, the Questionnaires used, one QuestionnaireResponse and one total Observation
per assessment (LOINC where it exists, else easeoff's documented local code system), one
MedicationStatement per dose (kratom with its FDA UNII code), and the safety Flags. Every
resource is built with fhir.resources' R4B models (which match R4 4.0.1 for these resources)
and validated by them.

Import: QuestionnaireResponses for the supported instruments, scored again by the domain; the
other resource types easeoff exports are recognised and skipped; any other type, a response to
an unknown questionnaire or an answer out of range rejects the whole file, naming the problem,
and nothing is stored.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.flag import Flag as FhirFlag
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from easeoff.domain.instruments import INSTRUMENTS, Instrument
from easeoff.interop.codesystem import FHIR_BASE
from easeoff.interop.fhir_questionnaire import (
    answer_coding,
    build_questionnaire,
    questionnaire_url,
    total_coding,
    total_link_id,
)
from easeoff.services.access import require_view_person
from easeoff.services.assessments import assessment_row
from easeoff.services.errors import InvalidInput
from easeoff.services.scoring import score_answers
from easeoff.web.care.models import Flag
from easeoff.web.doses.models import Dose
from easeoff.web.tracking.models import Assessment

NAMESPACE = uuid.UUID("6b1f3e1c-4f5e-4c59-9a55-2f0c5b0e4a11")  # easeoff's own, for stable resource ids
EXPORTED_TYPES = frozenset(
    {"Patient", "Questionnaire", "QuestionnaireResponse", "Observation", "Flag", "MedicationStatement"}
)
OBSERVATION_CATEGORY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}


def stable_id(kind: str, key: object) -> str:
    """Return a UUID that stays the same for the same record across exports."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


def _entry(resource: Any) -> dict[str, Any]:
    data = json.loads(resource.model_dump_json(exclude_none=True))
    return {"fullUrl": f"urn:uuid:{data['id']}", "resource": data}


def _patient(person: Any) -> Patient:
    name = person.get_full_name() or person.username
    return Patient.model_validate(
        {
            "resourceType": "Patient",
            "id": stable_id("patient", person.pk),
            "identifier": [{"system": f"{FHIR_BASE}/person", "value": person.username}],
            "name": [{"text": name}],
        }
    )


def _response(assessment: Assessment, instrument: Instrument, patient_ref: str) -> QuestionnaireResponse:
    items: list[dict[str, Any]] = []
    for item in instrument.items:
        if item.id not in assessment.answers:
            continue
        option = item.option(int(assessment.answers[item.id]))
        items.append(
            {
                "linkId": item.id,
                "text": item.text,
                "answer": [{"valueCoding": answer_coding(instrument, item, option)}],
            }
        )
    items.append({"linkId": total_link_id(instrument), "answer": [{"valueInteger": assessment.total}]})
    return QuestionnaireResponse.model_validate(
        {
            "resourceType": "QuestionnaireResponse",
            "id": stable_id("assessment", assessment.pk),
            "questionnaire": f"{questionnaire_url(instrument.code)}|{instrument.version}",
            "status": "completed",
            "subject": {"reference": patient_ref},
            "authored": assessment.taken_at.isoformat(),
            "item": items,
        }
    )


def _observation(
    assessment: Assessment, instrument: Instrument, patient_ref: str, response_ref: str
) -> Observation:
    data: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("total", assessment.pk),
        "status": "final",
        "category": [OBSERVATION_CATEGORY],
        "code": {"coding": [total_coding(instrument)], "text": f"{instrument.short_name} total score"},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": assessment.taken_at.isoformat(),
        "valueInteger": assessment.total,
        "derivedFrom": [{"reference": response_ref}],
    }
    if assessment.band:
        data["interpretation"] = [{"text": assessment.band}]
    return Observation.model_validate(data)


def _flag(flag: Flag, patient_ref: str) -> FhirFlag:
    period: dict[str, str] = {"start": flag.raised_at.isoformat()}
    if flag.acknowledged_at is not None:
        period["end"] = flag.acknowledged_at.isoformat()
    return FhirFlag.model_validate(
        {
            "resourceType": "Flag",
            "id": stable_id("flag", flag.pk),
            "status": "inactive" if flag.acknowledged_at else "active",
            "category": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/flag-category",
                            "code": "clinical",
                            "display": "Clinical",
                        }
                    ]
                }
            ],
            "code": {
                "coding": [{"system": f"{FHIR_BASE}/CodeSystem/easeoff-safety-rules", "code": flag.rule_id}],
                "text": flag.clinician_message,
            },
            "subject": {"reference": patient_ref},
            "period": period,
        }
    )


# Kratom's plant-material code: FDA UNII 754HG7WK00 (openFDA substance record; instruments
# research note §7, "Substance identifiers", PARTIAL: the preferred name was not visible).
# No SNOMED CT or RxNorm code for kratom was found, so other substances carry text only.
UNII_SYSTEM = "http://fdasis.nlm.nih.gov"
SUBSTANCE_CODES = {"kratom": (UNII_SYSTEM, "754HG7WK00", "Mitragyna speciosa (kratom)")}
UCUM_UNITS = {"mg": "mg", "g": "g", "ml": "mL", "mcg": "ug"}


def _medication_statement(dose: Any, patient_ref: str) -> MedicationStatement:
    concept: dict[str, Any] = {"text": dose.product_name or dose.substance}
    if dose.substance in SUBSTANCE_CODES:
        system, code, display = SUBSTANCE_CODES[dose.substance]
        concept["coding"] = [{"system": system, "code": code, "display": display}]
    quantity: dict[str, Any] = {"value": dose.amount, "unit": dose.unit}
    if dose.unit in UCUM_UNITS:
        quantity |= {"system": "http://unitsofmeasure.org", "code": UCUM_UNITS[dose.unit]}
    return MedicationStatement.model_validate(
        {
            "resourceType": "MedicationStatement",
            "id": stable_id("dose", dose.pk),
            "status": "completed",
            "medicationCodeableConcept": concept,
            "subject": {"reference": patient_ref},
            "effectiveDateTime": dose.taken_at.isoformat(),
            "dosage": [
                {
                    "text": f"{dose.amount} {dose.unit} {dose.route}".strip(),
                    "route": {"text": dose.route},
                    "doseAndRate": [{"doseQuantity": quantity}],
                }
            ],
        }
    )


def export_bundle(*, viewer: Any, person: Any, now: datetime) -> dict[str, Any]:
    """Return the person's record as a FHIR R4 Bundle (type collection), as JSON-ready data."""
    require_view_person(viewer, person)
    patient = _patient(person)
    patient_ref = f"urn:uuid:{patient.id}"
    entries = [_entry(patient)]
    rows = list(Assessment.objects.filter(person=person).order_by("taken_at"))
    used = [code for code in INSTRUMENTS if any(r.instrument_code == code for r in rows)]
    entries += [_entry(build_questionnaire(INSTRUMENTS[code])) for code in used]
    for row in rows:
        instrument = INSTRUMENTS[row.instrument_code]
        response = _response(row, instrument, patient_ref)
        entries.append(_entry(response))
        entries.append(_entry(_observation(row, instrument, patient_ref, f"urn:uuid:{response.id}")))
    doses = Dose.objects.filter(person=person).order_by("taken_at")
    entries += [_entry(_medication_statement(dose, patient_ref)) for dose in doses]
    entries += [
        _entry(_flag(f, patient_ref)) for f in Flag.objects.filter(person=person).order_by("raised_at")
    ]
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": stable_id("bundle", f"{person.pk}/{now.isoformat()}"),
            "type": "collection",
            "timestamp": now.isoformat(),
            "entry": entries,
        }
    )
    return json.loads(bundle.model_dump_json(exclude_none=True))  # type: ignore[no-any-return]


@dataclass
class ImportResult:
    imported: int = 0
    already_present: int = 0
    skipped_types: dict[str, int] = field(default_factory=dict)


def _instrument_for(canonical: str, where: str) -> Instrument:
    url, _, version = canonical.partition("|")
    for code, instrument in INSTRUMENTS.items():
        if url == questionnaire_url(code):
            if version and version != instrument.version:
                supported = f"easeoff has {instrument.version}"
                raise InvalidInput(
                    {where: f"questionnaire version {version!r} is not supported ({supported})"}
                )
            return instrument
    raise InvalidInput({where: f"questionnaire {canonical!r} is not one easeoff supports"})


def _answers_from(response: dict[str, Any], instrument: Instrument, where: str) -> dict[str, int]:
    by_code: dict[str, dict[tuple[str, str], int]] = {}
    for item in instrument.items:
        by_code[item.id] = {}
        for option in item.options:
            coding = answer_coding(instrument, item, option)
            by_code[item.id][(coding["system"], coding["code"])] = option.value
    answers: dict[str, int] = {}
    problems: dict[str, str] = {}
    total_id = total_link_id(instrument)

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            link_id = str(item.get("linkId", ""))
            if item.get("item"):
                walk(item["item"])
            if link_id == total_id or not item.get("answer"):
                continue
            if link_id not in by_code:
                problems[f"{where}.{link_id}"] = f"{instrument.code} has no item {link_id!r}"
                continue
            answer = item["answer"][0]
            if "valueCoding" in answer:
                key = (answer["valueCoding"].get("system", ""), answer["valueCoding"].get("code", ""))
                if key not in by_code[link_id]:
                    problems[f"{where}.{link_id}"] = (
                        f"answer code {key[1]!r} is not one of this item's answers"
                    )
                    continue
                answers[link_id] = by_code[link_id][key]
            elif "valueInteger" in answer:
                answers[link_id] = answer["valueInteger"]
            else:
                problems[f"{where}.{link_id}"] = "answer must be a valueCoding or valueInteger"

    walk(response.get("item", []))
    if problems:
        raise InvalidInput(problems)
    return answers


def parse_bundle(text: str) -> dict[str, Any]:
    """Parse and validate a Bundle's JSON; raise InvalidInput naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput({"file": f"not valid JSON ({exc.msg} at line {exc.lineno})"}) from None
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise InvalidInput({"file": "expected a FHIR Bundle (resourceType 'Bundle')"})
    for index, entry in enumerate(data.get("entry") or []):
        kind = (entry.get("resource") or {}).get("resourceType") if isinstance(entry, dict) else None
        if kind not in EXPORTED_TYPES:
            supported = ", ".join(sorted(EXPORTED_TYPES))
            raise InvalidInput(
                {f"entry[{index}]": f"resource type {kind!r} is not supported; supported: {supported}"}
            )
    try:
        Bundle.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InvalidInput({"file": f"not a valid FHIR R4 Bundle: {where}: {first.get('msg')}"}) from None
    return data


@transaction.atomic
def import_bundle(*, actor: Any, person: Any, text: str, now: datetime) -> ImportResult:
    """Import the QuestionnaireResponses of a Bundle as assessments; all or nothing, idempotent."""
    require_view_person(actor, person)
    data = parse_bundle(text)
    result = ImportResult()
    pending: list[Assessment] = []
    for index, entry in enumerate(data.get("entry") or []):
        resource = entry["resource"]
        kind = resource["resourceType"]
        if kind != "QuestionnaireResponse":
            result.skipped_types[kind] = result.skipped_types.get(kind, 0) + 1
            continue
        where = f"entry[{index}]"
        if resource.get("status") != "completed":
            raise InvalidInput({f"{where}.status": "only completed responses are imported"})
        instrument = _instrument_for(str(resource.get("questionnaire", "")), f"{where}.questionnaire")
        answers = _answers_from(resource, instrument, where)
        try:
            scored = score_answers(instrument.code, answers)
        except InvalidInput as exc:
            raise InvalidInput(
                {f"{where}.{item}": message for item, message in exc.problems.items()}
            ) from None
        authored = resource.get("authored")
        if not authored:
            raise InvalidInput({f"{where}.authored": "needed: when the response was given"})
        taken_at = datetime.fromisoformat(str(authored).replace("Z", "+00:00"))
        if taken_at.tzinfo is None:
            raise InvalidInput({f"{where}.authored": "needs a time zone offset"})
        if taken_at > now:
            raise InvalidInput({f"{where}.authored": "is in the future"})
        if _already_stored(person, instrument.code, taken_at, dict(scored.answers)):
            result.already_present += 1
            continue
        pending.append(
            assessment_row(
                person=person, actor=actor, instrument=instrument, result=scored, taken_at=taken_at
            )
        )
    Assessment.objects.bulk_create(pending)
    result.imported = len(pending)
    return result


def _already_stored(person: Any, code: str, taken_at: datetime, answers: dict[str, int]) -> bool:
    """Return True if the same assessment (instrument, instant, answers) is stored already."""
    return any(
        row == answers
        for row in Assessment.objects.filter(
            person=person, instrument_code=code, taken_at=taken_at
        ).values_list("answers", flat=True)
    )
