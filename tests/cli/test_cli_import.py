"""`easeoff export --format csv` and `easeoff import`: the same services as the web pages."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.utils import timezone

from easeoff.cli import main
from easeoff.services import doses
from easeoff.services.export import export_person
from easeoff.services.export_csv import FILES
from easeoff.web.doses.models import Dose

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ana_file(ana, tmp_path):
    doses.record_dose(actor=ana, person=ana, substance="kratom", amount="3", unit="g", now=timezone.now())
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(export_person(viewer=ana, person=ana, now=timezone.now())), encoding="utf-8")
    return path


def test_import_prints_counts_and_is_idempotent(capsys, ana_file, make_user):
    make_user("zoe", "patient")
    code, out, err = run(capsys, "import", str(ana_file), "--user", "zoe")
    assert code == 0, err
    assert out.startswith("imported 1, already present 1, conflicts 0")
    code, out, err = run(capsys, "import", str(ana_file), "--user", "zoe")
    assert code == 0, err
    assert out.startswith("imported 0, already present 2, conflicts 0")
    assert Dose.objects.filter(person__username="zoe").count() == 1


def test_conflicts_are_listed_and_nothing_is_stored_without_keep_existing(capsys, ana_file, make_user):
    make_user("zoe", "patient")
    assert run(capsys, "import", str(ana_file), "--user", "zoe")[0] == 0
    document = json.loads(ana_file.read_text())
    document["other_records"]["doses.Dose"][0]["note"] = "changed"
    document["journal_entries"] = [
        {"text": "new", "written_at": "2026-01-01T00:00:00+00:00", "written_on": "2026-01-01"}
    ]
    ana_file.write_text(json.dumps(document))
    code, out, err = run(capsys, "import", str(ana_file), "--user", "zoe")
    assert code == 1
    assert "conflicts 1" in out and "conflict: doses kratom taken at" in out and "differs in note" in out
    assert "easeoff: error: nothing imported: the file has conflicts" in err
    code, out, err = run(capsys, "import", str(ana_file), "--user", "zoe", "--keep-existing")
    assert code == 0 and out.startswith("imported 1, already present 1, conflicts 1"), (out, err)
    assert not Dose.objects.filter(note="changed").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema": "easeoff.export", "vers', "file: not valid JSON (Unterminated string"),
        ('{"schema": "easeoff.export", "version": 2}', "version: 2 is not supported"),
        ('{"schema": "fhir", "version": 1}', "schema: expected 'easeoff.export', got 'fhir'"),
    ],
)
def test_a_bad_file_is_one_clear_line(capsys, ana, tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    code, _out, err = run(capsys, "import", str(path), "--user", "ana")
    assert code == 1
    assert err.strip().startswith(f"easeoff: error: nothing imported: {message}"), err
    assert len(err.strip().splitlines()) == 1


def test_export_as_csv_writes_a_zip(capsys, ana_file, tmp_path):
    target = tmp_path / "ana.zip"
    code, _out, err = run(capsys, "export", "--format", "csv", "--out", str(target), "--user", "ana")
    assert code == 0, err
    assert sorted(zipfile.ZipFile(target).namelist()) == sorted(FILES)
    code, _out, err = run(capsys, "export", "--format", "csv", "--user", "ana")
    assert code == 2 and "--out" in err
