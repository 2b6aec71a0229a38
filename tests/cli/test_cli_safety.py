import json

import pytest

from easeoff.cli import main
from easeoff.domain.safety import RULES

STATUSES = {"legal", "regulated", "restricted", "banned", "unknown"}


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_rules_lists_every_rule_with_its_source(capsys):
    code, out, _ = run(capsys, "rules", "--json")
    assert code == 0
    data = json.loads(out)
    assert {rule["id"] for rule in data} == set(RULES)
    assert all(rule["source"].strip() for rule in data)


@pytest.mark.parametrize(
    ("place", "code"),
    [("TH", "TH"), ("th", "TH"), ("US-AL", "US-AL"), ("Alabama", "US-AL"), ("Thailand", "TH")],
)
def test_legal_json_has_exactly_the_contract_keys(capsys, place, code):
    exit_code, out, _ = run(capsys, "legal", place, "--json")
    assert exit_code == 0
    data = json.loads(out)
    assert set(data) == {"place", "status", "as_of", "source", "notes"}
    assert data["place"] == code
    assert data["status"] in STATUSES
    assert data["as_of"] and data["source"]


def test_legal_text_reminds_that_laws_change(capsys):
    code, out, _ = run(capsys, "legal", "TH")
    assert code == 0
    assert "Laws change" in out
    assert "Source:" in out


def test_legal_for_an_unknown_place_says_so_and_lists_what_it_knows(capsys):
    code, _, err = run(capsys, "legal", "Narnia")
    assert code == 1
    assert "no data for 'Narnia'" in err
    assert "known places:" in err and "US-AL" in err and "TH" in err


def test_legal_json_for_an_unknown_place_does_not_guess(capsys):
    code, out, _ = run(capsys, "legal", "Narnia", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["status"] == "unknown"
    assert data["as_of"] is None and data["source"] is None
