import json
import sqlite3

import pytest

from easeoff.cli import main
from easeoff.domain.instruments import INSTRUMENTS


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_instruments_lists_every_code(capsys):
    code, out, _ = run(capsys, "instruments")
    assert code == 0
    for instrument_code in INSTRUMENTS:
        assert instrument_code in out


def test_instruments_json_has_items_anchors_bands_and_sources(capsys):
    code, out, _ = run(capsys, "instruments", "--json")
    assert code == 0
    data = json.loads(out)
    assert [i["code"] for i in data] == list(INSTRUMENTS)
    cows = data[0]
    assert [o["value"] for o in cows["items"][2]["options"]] == [0, 1, 3, 5]
    assert cows["bands"][1] == {
        "low": 5,
        "high": 12,
        "label": "mild",
        "meaning": cows["bands"][1]["meaning"],
        "source": cows["bands"][1]["source"],
    }


def test_score_prints_json_with_instrument_total_band_flags(capsys):
    answers = {f"phq9_{n}": 2 for n in range(1, 10)}
    code, out, _ = run(capsys, "score", "phq9", "--answers", json.dumps(answers), "--json")
    assert code == 0
    assert json.loads(out) == {
        "instrument": "phq9",
        "total": 18,
        "band": "moderately severe",
        "flags": ["phq9_item9_positive"],
    }


def test_score_prints_plain_text_without_json(capsys):
    code, out, _ = run(capsys, "score", "craving", "--answers", '{"craving_1": 6}')
    assert code == 0
    assert out.strip() == "craving: total 6"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (
            ["score", "cows", "--answers", '{"cows_1": 3}'],
            ["cows_1: 3 is not allowed; allowed values: 0, 1, 2, 4", "cows_11: missing"],
        ),
        (
            ["score", "gad7", "--answers", '{"gad7_1": 1, "gad7_x": 1}'],
            ["gad7_x: unknown item", "gad7_7: missing"],
        ),
        (["score", "nope", "--answers", "{}"], ["unknown instrument 'nope'; known instruments: cows"]),
        (["score", "sows", "--answers", "{not json"], ["--answers is not valid JSON"]),
        (["score", "sows", "--answers", "[1, 2]"], ["--answers must be a JSON object"]),
    ],
)
def test_score_exits_2_naming_the_offending_items(capsys, args, fragments):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    for fragment in fragments:
        assert fragment in err


def test_score_json_error_lists_problems_on_stdout(capsys):
    code, out, _ = run(capsys, "score", "craving", "--answers", '{"craving_1": 11}', "--json")
    assert code == 2
    assert json.loads(out) == {
        "instrument": "craving",
        "problems": {"craving_1": json.loads(out)["problems"]["craving_1"]},
    }
    assert "allowed values: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10" in json.loads(out)["problems"]["craving_1"]


def test_checkin_asks_each_item_and_saves_for_the_local_user(run_cli):
    assert run_cli("migrate").returncode == 0
    assert run_cli("createuser", "ana", extra_env={"EASEOFF_PASSWORD": "long-enough-pass-9"}).returncode == 0
    # Typed answers, one per line; "9" is refused and asked again.
    typed = "9\n" + "\n".join(["2"] * 10) + "\n"
    result = run_cli("checkin", "sows_gossop", input=typed)
    assert result.returncode == 0, result.stderr
    assert "Feeling sick" in result.stdout or "feeling sick" in result.stdout.lower()
    assert "Saved SOWS-Gossop for ana: total 20." in result.stdout
    with sqlite3.connect(run_cli.data_dir / "easeoff.db") as conn:
        row = conn.execute(
            "SELECT instrument_code, total, administered_by_id = person_id FROM tracking_assessment"
        ).fetchone()
    assert row == ("sows_gossop", 20, 1)


def test_checkin_refuses_a_clinician_administered_instrument(run_cli):
    assert run_cli("migrate").returncode == 0
    assert run_cli("createuser", "ana", extra_env={"EASEOFF_PASSWORD": "long-enough-pass-9"}).returncode == 0
    result = run_cli("checkin", "cows", input="")
    assert result.returncode == 1
    assert "COWS is filled in by a clinician" in result.stderr


def test_checkin_without_any_account_says_how_to_make_one(run_cli):
    assert run_cli("migrate").returncode == 0
    result = run_cli("checkin", "sows", input="")
    assert result.returncode == 1
    assert "easeoff createuser" in result.stderr


def test_report_writes_a_pdf_and_refuses_bad_days(run_cli, tmp_path):
    assert run_cli("migrate").returncode == 0
    assert run_cli("createuser", "ana", extra_env={"EASEOFF_PASSWORD": "long-enough-pass-9"}).returncode == 0
    out = tmp_path / "visit.pdf"
    result = run_cli("report", "--from", "2026-11-01", "--to", "2026-11-25", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = run_cli("report", "--from", "1 Nov", "--out", str(out))
    assert bad.returncode == 2
    assert "--from '1 Nov' is not a day; use YYYY-MM-DD" in bad.stderr
    backwards = run_cli("report", "--from", "2026-11-25", "--to", "2026-11-01", "--out", str(out))
    assert backwards.returncode == 2
    assert "--from: must be on or before 'to'" in backwards.stderr


@pytest.mark.parametrize("code", list(INSTRUMENTS))
def test_instruments_fhir_prints_a_questionnaire_whose_link_ids_are_the_item_ids(capsys, code):
    exit_code, out, _ = run(capsys, "instruments", "--fhir", code)
    assert exit_code == 0
    questionnaire = json.loads(out)
    assert questionnaire["resourceType"] == "Questionnaire"

    def link_ids(items):
        for item in items:
            yield item["linkId"]
            yield from link_ids(item.get("item", []))

    assert set(INSTRUMENTS[code].item_ids) <= set(link_ids(questionnaire["item"]))


def test_instruments_fhir_for_an_unknown_code_is_exit_2(capsys):
    exit_code, _, err = run(capsys, "instruments", "--fhir", "nope")
    assert exit_code == 2
    assert "unknown instrument 'nope'" in err
