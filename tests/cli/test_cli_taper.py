"""`easeoff taper plan` (the documented contract, with and without a database) and `easeoff taper show`."""

import json
from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from easeoff.cli import main
from easeoff.services.assessments import record_assessment
from easeoff.web.doses.models import TaperPlan

PLAN = ["taper", "plan", "--substance", "kratom", "--start", "24g", "--reduce", "10%", "--every", "7"]
PLAN += ["--floor", "0g", "--from", "2026-03-01"]


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_plan_json_has_exactly_the_documented_shape(capsys):
    code, out, err = run(capsys, *PLAN, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["substance", "unit", "steps"]
    assert (data["substance"], data["unit"]) == ("kratom", "g")
    assert all(list(step) == ["on", "amount_per_day"] for step in data["steps"])
    assert data["steps"][:4] == [
        {"on": "2026-03-01", "amount_per_day": 24},
        {"on": "2026-03-08", "amount_per_day": 21.6},
        {"on": "2026-03-15", "amount_per_day": 19.4},
        {"on": "2026-03-22", "amount_per_day": 17.5},
    ]
    amounts = [s["amount_per_day"] for s in data["steps"]]
    assert all(b < a for a, b in pairwise(amounts)) and amounts[-1] == 0


@pytest.mark.parametrize(
    ("start", "reduce", "floor", "expected"),
    [
        ("300mg", "50mg", "100mg", ("mg", [300, 250, 200, 150, 100])),
        ("10g", "500mg", "8g", ("g", [10, 9.5, 9, 8.5, 8])),
        ("8capsules", "25%", "2capsules", ("capsules", [8, 6, 5, 4, 3, 2])),
        ("5g/day", "1g", "2", ("g", [5, 4, 3, 2])),
    ],
)
def test_plan_reads_amounts_with_their_units(capsys, start, reduce, floor, expected):
    args = ["taper", "plan", "--substance", "Kratom", "--start", start, "--reduce", reduce, "--every", "7"]
    code, out, err = run(capsys, *args, "--floor", floor, "--from", "2026-03-01", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["unit"], [s["amount_per_day"] for s in data["steps"]]) == expected


def test_plan_text_shows_the_schedule_rounding_and_what_comes_after(capsys):
    code, out, _ = run(capsys, *PLAN)
    assert code == 0
    assert "Taper of Kratom (Mitragyna speciosa): 24 g per day from 2026-03-01" in out
    assert "nearest 0.1 g" in out
    assert "After the floor: Hold at the floor" in out
    assert "Not saved: add --save to store it." in out


@pytest.mark.parametrize(
    ("flag", "value", "fragment"),
    [
        ("--start", "24", "--start: '24' has no unit; write it like 24g or 300mg"),
        ("--start", "24kg", "--start: unknown unit 'kg'"),
        ("--start", "0g", "--start: must be greater than 0"),
        (
            "--start",
            "3drinks",
            "--start: Kratom (Mitragyna speciosa) is not measured in drinks; allowed: capsules",
        ),
        ("--reduce", "10", "--reduce: '10' is ambiguous: write 10% for a percentage or 2g for an amount"),
        ("--reduce", "120%", "--reduce: percent must be greater than 0 and at most 100"),
        ("--reduce", "2ml", "--reduce: '2ml' is in ml but the plan is in g"),
        ("--every", "weekly", "--every: must be a whole number from 1 to 365"),
        ("--every", "0", "--every: must be a whole number from 1 to 365"),
        ("--floor", "30g", "--floor: must not be above the starting amount (24 g)"),
        ("--floor", "2ml", "--floor: is in ml but start is in g"),
        ("--from", "2026-02-30", "--from: '2026-02-30' is not a day; use YYYY-MM-DD"),
        ("--substance", "kratum", "--substance: unknown substance 'kratum'; known: alcohol"),
    ],
)
def test_bad_input_is_one_line_naming_the_flag_and_exit_2(capsys, flag, value, fragment):
    args = list(PLAN)
    args[args.index(flag) + 1] = value
    code, out, err = run(capsys, *args, "--json")
    assert code == 2
    assert out == "" and err.count("\n") == 1 and fragment in err, err


def test_a_missing_flag_is_a_usage_error(capsys):
    code, _, err = run(capsys, "taper", "plan", "--substance", "kratom", "--start", "24g")
    assert code == 2 and "Missing option" in err


def test_plan_without_save_needs_no_database(run_cli):
    unreachable = {"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    result = run_cli(*PLAN, "--json", extra_env=unreachable)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["steps"][1] == {"on": "2026-03-08", "amount_per_day": 21.6}
    saving = run_cli(*PLAN, "--save", extra_env=unreachable)
    assert saving.returncode == 1 and "cannot reach the database" in saving.stderr


def test_plan_without_save_does_not_even_import_django(run_cli):
    script = (
        "import sys; from easeoff.cli import main; code = main(sys.argv[1:]); "
        "assert not [m for m in sys.modules if m.split('.')[:2] == ['django', 'db']], 'django.db imported'; "
        "sys.exit(code)"
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", script, *PLAN, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_save_stores_the_plan_for_the_person_and_show_reports_it(capsys, ana):
    today = timezone.now().date()
    args = list(PLAN)
    args[args.index("--from") + 1] = (today - timedelta(days=7)).isoformat()
    code, out, err = run(capsys, *args, "--save", "--json", "--user", "ana")
    assert code == 0, err
    row = TaperPlan.objects.get()
    assert f"saved taper plan {row.pk} for ana" in err
    assert json.loads(out)["steps"][0]["amount_per_day"] == 24

    now = timezone.now()
    for when in (now - timedelta(days=1), now - timedelta(minutes=1)):
        answers = {f"sows_{n}": 1 for n in range(1, 17)}
        record_assessment(
            actor=ana, person=ana, instrument_code="sows", answers=answers, now=when, taken_at=when
        )
    code, out, err = run(capsys, "taper", "show", "--user", "ana")
    assert code == 0, err
    assert f"Taper plan {row.pk} of kratom (not yet approved by a clinician)" in out
    assert "Today" in out and ": 24 g per day." in out
    assert "HELD: Hold the step due today (24 to 21.6 g per day)" in out
    code, out, _ = run(capsys, "taper", "show", "--json", "--user", "ana")
    data = json.loads(out)
    assert (data["decision"]["action"], data["decision"]["held_today"], data["amount_today"]) == (
        "hold",
        True,
        24,
    )


@pytest.mark.django_db
def test_show_without_a_plan_says_how_to_make_one(capsys, ana):
    code, out, _ = run(capsys, "taper", "show", "--user", "ana")
    assert code == 0 and "no taper plan yet" in out
    code, out, _ = run(capsys, "taper", "show", "--json", "--user", "ana")
    assert json.loads(out) == {"plan": None}
