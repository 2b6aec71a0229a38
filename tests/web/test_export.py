"""The JSON export: everything a person has, in the documented, versioned schema."""

import json
import re
from pathlib import Path

import pytest
from django.utils import timezone

from easeoff.services.errors import NotAllowed
from easeoff.services.export import CURATED, SCHEMA, SECTIONS, VERSION, export_person, owned_records
from tests.web.test_accounts import fill_records

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "export.md"


def documented_keys() -> dict[str, set[str]]:
    """Return, per heading of docs/export.md, the keys its table lists."""
    keys: dict[str, set[str]] = {}
    heading = ""
    for line in DOC.read_text().splitlines():
        if line.startswith("## "):
            heading = line[3:].strip().strip("`")
            keys[heading] = set()
        elif heading and (found := re.match(r"\| `([a-z_]+)` \|", line)):
            keys[heading].add(found.group(1))
    return keys


def test_the_export_names_its_schema_and_version_and_holds_every_record(ana, ben):
    fill_records(ana, ben)
    document = export_person(viewer=ana, person=ana, now=timezone.now())
    assert (document["schema"], document["version"]) == (SCHEMA, VERSION) == ("easeoff.export", 1)
    assert document["account"]["username"] == "ana"
    assert document["profile"]["country"] == "GB"
    assert document["profile"]["research_consent"] is False
    assert [a["instrument"] for a in document["assessments"]] == ["phq9", "cows"]
    assert document["assessments"][1]["administered_by"]["username"] == "ben"
    assert document["assessments"][0]["administered_by"] is None
    assert len(document["journal_entries"]) == 1
    assert document["clinician_notes"][0]["text"] == "Seen in clinic."
    assert document["grants"][0]["clinician"]["username"] == "ben"
    assert len(document["invitations"]) == 2
    assert {e["action"] for e in document["audit_events"]} >= {"accept_invitation", "record_assessment"}
    assert document["api_tokens"][0]["name"] == "laptop"
    # It is plain JSON: instants as ISO 8601 text.
    assert json.loads(json.dumps(document)) == document
    assert document["assessments"][0]["taken_at"].endswith("+00:00")


def test_no_secret_is_exported(ana, ben):
    fill_records(ana, ben)
    text = json.dumps(export_person(viewer=ana, person=ana, now=timezone.now()))
    assert "code_hash" not in text and "key_hash" not in text and "password" not in text


def test_only_the_person_exports_their_records(ana, ben):
    fill_records(ana, ben)
    with pytest.raises(NotAllowed):
        export_person(viewer=ben, person=ana, now=timezone.now())


def test_every_key_of_the_export_is_documented(ana, ben):
    fill_records(ana, ben)
    document = export_person(viewer=ana, person=ana, now=timezone.now())
    documented = documented_keys()
    assert set(document) == documented["Top level"]
    for name in SECTIONS:
        value = document[name]
        rows = value if isinstance(value, list) else [value]
        assert rows, f"fill_records makes no {name}: extend it so the section is checked"
        for row in rows:
            assert set(row) == documented[name], name


def test_the_export_holds_everything_that_deleting_the_account_removes(ana, ben):
    fill_records(ana, ben)
    document = export_person(viewer=ana, person=ana, now=timezone.now())
    owned = owned_records(ana)
    assert set(owned) >= {"accounts.User", "tracking.Assessment", "care.ClinicianNote", "accounts.Grant"}
    for label, rows in owned.items():
        if label in CURATED:
            assert document[CURATED[label]], f"{label} rows are missing from section {CURATED[label]}"
        else:
            assert len(document["other_records"][label]) == len(rows), label
    assert set(CURATED.values()) <= set(SECTIONS)


def test_a_kind_of_record_without_a_section_is_exported_field_by_field(ana, monkeypatch):
    import easeoff.services.export as export
    from easeoff.web.accounts.models import ApiToken
    from easeoff.web.accounts.services import create_api_token

    create_api_token(ana, "phone")
    monkeypatch.delitem(export.CURATED, "accounts.ApiToken")
    token = ApiToken.objects.get()
    assert export.other_records(ana)["accounts.ApiToken"] == [
        {
            "id": token.pk,
            "user": "ana",
            "name": "phone",
            "prefix": token.prefix,
            "key_hash": token.key_hash,
            "created_at": token.created_at,
        }
    ]


def test_the_web_download_is_a_json_file(client, ana):
    client.force_login(ana)
    response = client.get("/accounts/export/")
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert re.match(r'attachment; filename="easeoff-ana-\d{4}-\d{2}-\d{2}\.json"', disposition)
    assert json.loads(response.content)["schema"] == "easeoff.export"


def test_the_api_returns_the_same_document(client, ana):
    client.force_login(ana)
    body = client.get("/api/export").json()
    assert body["schema"] == "easeoff.export" and body["account"]["username"] == "ana"
