"""Importing an export: round trip field by field, idempotent, conflicts reported, bad files refused."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from easeoff.services import doses, journal, taper
from easeoff.services.assessments import edit_assessment
from easeoff.services.demo import generate_demo
from easeoff.services.errors import InvalidInput
from easeoff.services.export import export_person
from easeoff.services.export_csv import FILES, export_csv_zip
from easeoff.services.importer import import_export
from easeoff.web.accounts.models import User
from easeoff.web.accounts.services import create_user
from easeoff.web.care.models import Flag
from easeoff.web.doses.models import Dose, DoseRevision, Product, TaperPlan
from easeoff.web.tracking.models import Assessment, AssessmentRevision, JournalEntry

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
# ids, the owner and the import's own timestamps (created_at is copied, except an assessment's,
# which says when this easeoff stored it).
IGNORED = {"id", "person", "person_id", "updated_at", "administered_by", "administered_by_id"}


def source_person() -> Any:
    generate_demo(people=0, days=10, seed=3, now=NOW)
    ana = User.objects.get(username="ana")
    # The demo also logs doses and journal entries; these tests count their own.
    Dose.objects.filter(person=ana).delete()
    JournalEntry.objects.filter(person=ana).delete()
    product = doses.save_product(
        actor=ana, person=ana, name="my capsules", substance="kratom", unit="capsules",
        mg_per_unit="500", mitragynine_pct="1.5", measurable_step="1", now=NOW,
    )  # fmt: skip
    for hours in (30, 20, 6):
        doses.record_dose(
            actor=ana, person=ana, substance="kratom", amount="4", product=product.pk,
            taken_at=NOW - timedelta(hours=hours), now=NOW,
        )  # fmt: skip
    doses.record_dose(
        actor=ana,
        person=ana,
        substance="kratom",
        amount="2.5",
        unit="g",
        taken_at=NOW - timedelta(hours=2),
        now=NOW,
    )
    journal.write_entry(
        actor=ana, person=ana, text="Bad night, sweating and yawning, took 4 capsules.", now=NOW
    )
    request = taper.TaperRequest(
        substance="kratom", start="10g", reduce="1g", every_days="7", floor="7g", start_on="2026-03-21"
    )
    taper.save_taper(actor=ana, person=ana, request=request, now=NOW)
    taper.save_taper(
        actor=ana,
        person=ana,
        request=taper.TaperRequest(**{**request.__dict__, "start": "9g"}),
        now=NOW + timedelta(seconds=1),
    )
    return ana


def fresh_person(name: str = "zoe") -> Any:
    return create_user(
        username=name, role="patient", email=f"{name}@example.org", password="x-Long-password-1"
    )


def rows(model: Any, person: Any, order: tuple[str, ...]) -> list[dict[str, Any]]:
    result = []
    for obj in model.objects.filter(person=person).order_by(*order):
        row = {}
        for f in obj._meta.concrete_fields:
            if f.name in IGNORED or (model is Assessment and f.name == "created_at"):
                continue
            value = f.value_from_object(obj)
            if f.is_relation:
                related = getattr(obj, f.name)
                value = (
                    None
                    if related is None
                    else getattr(related, "name", None) or str(getattr(related, "created_at", ""))
                )
            row[f.name] = value
        result.append(row)
    return result


def snapshot(person: Any) -> dict[str, Any]:
    from easeoff.services.profile import profile_public

    return {
        "profile": {
            k: v
            for k, v in profile_public(person).items()
            if k not in ("research_consent", "research_consent_at")
        },
        "products": rows(Product, person, ("name",)),
        "assessments": rows(Assessment, person, ("instrument_code", "taken_at")),
        "revisions": sorted(
            (r.assessment.instrument_code, r.assessment.taken_at, r.revision, r.total, json.dumps(r.answers))
            for r in AssessmentRevision.objects.filter(assessment__person=person)
        ),
        "journal": rows(JournalEntry, person, ("written_at",)),
        "doses": [
            {k: v for k, v in r.items() if k != "created_by"}
            for r in rows(Dose, person, ("taken_at", "substance"))
        ],
        "dose_revisions": sorted(
            (r.dose.taken_at, r.revision, json.dumps(r.values, sort_keys=True))
            for r in DoseRevision.objects.filter(dose__person=person)
        ),
        "plans": [
            {k: v for k, v in r.items() if k not in ("created_by", "approved_by")}
            for r in rows(TaperPlan, person, ("created_at",))
        ],
    }


def exported(person: Any) -> str:
    return json.dumps(export_person(viewer=person, person=person, now=NOW))


def test_export_then_import_into_a_fresh_person_gives_the_same_records_field_by_field():
    ana = source_person()
    doses.edit_dose(actor=ana, dose_id=Dose.objects.filter(person=ana).first().pk, now=NOW, note="edited")
    first = Assessment.objects.filter(person=ana).order_by("taken_at").first()
    edit_assessment(actor=ana, assessment=first, answers={**first.answers}, now=NOW)
    assert AssessmentRevision.objects.filter(assessment__person=ana).exists()
    assert DoseRevision.objects.filter(dose__person=ana).exists()
    text = exported(ana)
    zoe = fresh_person()
    result = import_export(actor=zoe, person=zoe, text=text, now=NOW)
    assert result.stored and not result.conflicts, result.conflicts
    assert result.imported["assessments"] == Assessment.objects.filter(person=ana).count() > 10
    assert result.imported["doses"] == 4 and result.imported["taper_plans"] == 2
    assert "grants" in result.skipped and "flags" in result.skipped
    assert Flag.objects.filter(person=zoe).exists() == Flag.objects.filter(person=ana).exists()
    before, after = snapshot(ana), snapshot(zoe)
    for kind in before:
        assert after[kind] == before[kind], kind
    zoe_plans = TaperPlan.objects.filter(person=zoe).order_by("created_at")
    assert zoe_plans[0].superseded_by == zoe_plans[1]
    assert Dose.objects.filter(person=zoe, product__name="my capsules").count() == 3


def test_importing_again_stores_nothing_new():
    ana = source_person()
    text = exported(ana)
    zoe = fresh_person()
    first = import_export(actor=zoe, person=zoe, text=text, now=NOW)
    counts = (
        Assessment.objects.count(),
        Dose.objects.count(),
        JournalEntry.objects.count(),
        TaperPlan.objects.count(),
    )
    again = import_export(actor=zoe, person=zoe, text=text, now=NOW)
    assert again.imported_total == 0 and not again.conflicts
    assert again.present_total == first.imported_total
    assert counts == (
        Assessment.objects.count(),
        Dose.objects.count(),
        JournalEntry.objects.count(),
        TaperPlan.objects.count(),
    )
    assert again.summary().startswith("imported 0, already present ")


def test_a_changed_record_is_a_conflict_and_the_stored_one_is_kept():
    ana = source_person()
    zoe = fresh_person()
    import_export(actor=zoe, person=zoe, text=exported(ana), now=NOW)
    document = export_person(viewer=ana, person=ana, now=NOW)
    document["other_records"]["doses.Dose"][0]["note"] = "changed elsewhere"
    document["journal_entries"].append(
        {"text": "A new entry", "written_at": "2026-03-19T10:00:00+00:00", "written_on": "2026-03-19"}
    )
    result = import_export(actor=zoe, person=zoe, text=json.dumps(document), now=NOW)
    assert [(c.kind, c.fields) for c in result.conflicts] == [("doses", ["note"])]
    assert not result.stored and result.imported_total == 0
    assert not Dose.objects.filter(person=zoe, note="changed elsewhere").exists()
    assert not JournalEntry.objects.filter(person=zoe, text="A new entry").exists()
    kept = import_export(actor=zoe, person=zoe, text=json.dumps(document), now=NOW, keep_existing=True)
    assert kept.stored and kept.imported == {"journal_entries": 1} and len(kept.conflicts) == 1
    assert not Dose.objects.filter(person=zoe, note="changed elsewhere").exists()


def out_of_range(document: dict[str, Any]) -> None:
    answers = document["assessments"][0]["answers"]
    answers[next(iter(answers))] = 99


def wrong_total(document: dict[str, Any]) -> None:
    document["assessments"][0]["total"] += 1


@pytest.mark.parametrize(
    ("spoil", "field", "words"),
    [
        (lambda text: text[: len(text) // 2], "file", "not valid JSON"),
        (
            lambda text: text.replace('"easeoff.export"', '"other.thing"', 1),
            "schema",
            "expected 'easeoff.export', got 'other.thing'",
        ),
        (
            lambda text: text.replace('"version": 1', '"version": 2', 1),
            "version",
            "2 is not supported; this easeoff reads version 1",
        ),
        ("out_of_range", "assessments[0].answers.", ""),
        ("wrong_total", "assessments[0].total", "but the answers score"),
    ],
)
def test_a_bad_file_is_refused_naming_the_problem_and_nothing_is_stored(spoil, field, words):
    ana = source_person()
    document = export_person(viewer=ana, person=ana, now=NOW)
    if spoil == "out_of_range":
        out_of_range(document)
        text = json.dumps(document)
    elif spoil == "wrong_total":
        wrong_total(document)
        text = json.dumps(document)
    else:
        text = spoil(json.dumps(document))
    zoe = fresh_person()
    with pytest.raises(InvalidInput) as raised:
        import_export(actor=zoe, person=zoe, text=text, now=NOW)
    assert any(
        key.startswith(field) and words in message for key, message in raised.value.problems.items()
    ), raised.value.problems
    assert snapshot(zoe)["assessments"] == [] and not Dose.objects.filter(person=zoe).exists()
    assert (
        not Product.objects.filter(person=zoe).exists()
        and not JournalEntry.objects.filter(person=zoe).exists()
    )


def test_the_csv_zip_has_one_csv_per_kind_with_headers():
    ana = source_person()
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(ana, ana)))
    assert sorted(archive.namelist()) == sorted(FILES)
    lines = archive.read("assessments.csv").decode("utf-8").splitlines()
    assert lines[0].startswith("id,instrument,instrument_version,variant,answers,total")
    assert len(lines) - 1 == Assessment.objects.filter(person=ana).count()
    assert len(archive.read("doses.csv").decode("utf-8").splitlines()) == 5


def test_the_web_import_page_imports_and_reports_conflicts(client):
    ana = source_person()
    text = exported(ana)
    zoe = fresh_person()
    client.force_login(zoe)
    page = client.get(reverse("import"))
    assert page.status_code == 200 and reverse("export_csv").encode() in page.content
    upload = io.BytesIO(text.encode())
    upload.name = "export.json"
    response = client.post(reverse("import"), {"file": upload})
    assert response.status_code == 200
    assert b"imported " in response.content and Dose.objects.filter(person=zoe).count() == 4
    bad = io.BytesIO(b'{"schema": "easeoff.export", "version": 2}')
    bad.name = "bad.json"
    response = client.post(reverse("import"), {"file": bad})
    assert response.status_code == 422 and b"version 2 is not supported" in response.content.replace(
        b":", b""
    )
    csv_zip = client.get(reverse("export_csv"))
    assert csv_zip.status_code == 200 and csv_zip["Content-Type"] == "application/zip"
