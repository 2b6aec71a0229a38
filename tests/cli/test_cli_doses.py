"""`easeoff dose add` and `easeoff dose list`: the same service as the pages and the API."""

import json

import pytest
from django.utils import timezone

from easeoff.cli import main
from easeoff.services.doses import save_product
from easeoff.web.doses.models import Dose

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def capsules(ana):
    return save_product(
        actor=ana,
        person=ana,
        name="my capsules",
        substance="kratom",
        unit="capsules",
        mg_per_unit="500",
        mitragynine_pct="1.5",
        now=timezone.now(),
    )


def test_it_adds_a_dose_with_its_unit_in_the_amount(capsys, ana):
    code, out, err = run(capsys, "dose", "add", "kratom", "2.5g", "--at", "2026-03-10T08:00", "--user", "ana")
    assert code == 0, err
    assert out.startswith("saved dose ") and "2.5 g kratom at 2026-03-10 08:00 UTC" in out
    assert "mass: exact: 2.5 g = 2500 mg" in out
    assert Dose.objects.get().amount_mg == 2500


def test_it_adds_a_dose_of_a_product_and_lists_it_as_json_with_totals(capsys, ana, capsules):
    assert run(capsys, "dose", "add", "kratom", "4", "--product", "my capsules", "--user", "ana")[0] == 0
    assert run(capsys, "dose", "add", "kratom", "1", "--unit", "tsp", "--user", "ana")[0] == 0
    code, out, err = run(capsys, "dose", "list", "--json", "--user", "ana")
    assert code == 0, err
    data = json.loads(out)
    assert [(d["amount"], d["unit"], d["amount_mg"]) for d in data["doses"]] == [
        (1, "tsp", 2500),
        (4, "capsules", 2000),
    ]
    (total,) = data["daily_totals"]
    assert (
        total["amount_mg"],
        total["is_approximate"],
        total["mitragynine_mg"],
        total["alkaloid_doses"],
    ) == (
        4500,
        True,
        30,
        1,
    )


def test_the_list_groups_doses_by_day_with_totals(capsys, ana, capsules):
    run(capsys, "dose", "add", "kratom", "4", "--product", "my capsules", "--user", "ana")
    code, out, _ = run(capsys, "dose", "list", "--user", "ana")
    assert code == 0
    assert "total Kratom (Mitragyna speciosa): 2 g" in out
    assert "mitragynine ≈ 30 mg (from 1 of 1 doses)" in out
    assert "4 capsules kratom (my capsules), oral: 2000 mg" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["kratom", "--unit", "g", "--", "-2"], "AMOUNT: must be greater than 0 (it is negative)"),
        (["kratom", "2", "--unit", "bags"], "--unit: unknown unit 'bags'; allowed: g, mg"),
        (["kratom", "2"], "--unit: is required"),
        (["kratom", "many", "--unit", "g"], "AMOUNT: 'many' is not an amount"),
        (["kratom", "2g", "--unit", "mg"], "AMOUNT '2g' is in g but --unit is mg"),
        (["kratum", "2g"], "SUBSTANCE: unknown substance 'kratum'; known: alcohol"),
        (["kratom", "2g", "--at", "tomorrow"], "--at: 'tomorrow' is not a time"),
        (["kratom", "2g", "--product", "nope"], "--product: no product 'nope'"),
        (["kratom", "2g", "--route", "ear"], "--route: 'ear' is not allowed; use one of oral"),
    ],
)
def test_bad_input_is_one_line_naming_the_flag_exit_2_and_stores_nothing(capsys, ana, args, fragment):
    code, _, err = run(capsys, "dose", "add", "--user", "ana", *args)
    assert code == 2
    assert err.count("\n") == 1 and fragment in err, err
    assert not Dose.objects.exists()


def test_an_unknown_user_is_named(capsys, ana):
    code, _, err = run(capsys, "dose", "list", "--user", "nobody")
    assert code == 1 and "--user 'nobody'" in err
