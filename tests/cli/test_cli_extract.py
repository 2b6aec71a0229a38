import json
from pathlib import Path

from easeoff.cli import main

DEVSET = Path(__file__).resolve().parent.parent / "nlp" / "devset.jsonl"
KEYS = {"id", "symptoms", "substances", "doses", "kratom_effect"}


def test_extract_text_prints_one_record_in_the_schema(capsys):
    assert (
        main(["extract", "--text", "Day 2: sweating, no nausea, took 4g kratom and the RLS went away"]) == 0
    )
    record = json.loads(capsys.readouterr().out)
    assert set(record) == KEYS
    assert {"name": "sweating", "status": "present"} in record["symptoms"]
    assert {"name": "nausea_vomiting", "status": "negated"} in record["symptoms"]
    assert {"value": 4, "unit": "g", "substance": "kratom"} in record["doses"]


def test_extract_file_writes_one_record_per_good_line_and_reports_bad_ones(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "cant sleep"}\n{oops\n{"id": "b"}\n\n{"id": "c", "text": "no cravings today"}\n'
    )
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--out", str(out), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert "line 2: invalid JSON" in err and "line 3: missing 'text'" in err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a", "c"]
    assert all(set(r) == KEYS for r in records)
    assert records[1]["symptoms"] == [{"name": "cravings", "status": "negated"}]


def test_extract_a_missing_file_is_exit_2(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_mine_report_summarises_and_draws_a_chart(tmp_path, capsys):
    mined = tmp_path / "mined.jsonl"
    assert main(["extract", str(DEVSET), "--out", str(mined)]) == 0
    capsys.readouterr()
    for suffix in (".svg", ".png"):
        chart = tmp_path / f"chart{suffix}"
        assert main(["mine-report", str(mined), "--chart", str(chart), "--json"]) == 0
        summary = json.loads(capsys.readouterr().out)
        assert chart.stat().st_size > 500
    assert summary["passages"] == len(DEVSET.read_text().splitlines())
    assert set(summary["kratom_effect"]) == {"helped", "not_helped", "worse", "none"}
    assert sum(summary["kratom_effect"].values()) == summary["passages"]
    assert summary["symptoms"]["sweating"]["present"] >= 1
    assert "kratom" in summary["by_substance"]
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_evaluate_extractor_prints_p_r_f1_per_field(capsys):
    assert main(["evaluate-extractor", str(DEVSET)]) == 0
    out = capsys.readouterr().out
    for field in ("symptoms", "substances", "doses", "kratom_effect"):
        assert field in out
    assert "F1" in out
