from datetime import UTC, datetime

import pytest

from easeoff.cli import main
from easeoff.domain.instruments import get_instrument
from easeoff.domain.scoring import score
from easeoff.services.demo import DemoRefused, generate_demo, intensity
from easeoff.web.accounts.models import User
from easeoff.web.tracking.models import Assessment

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_demo_creates_the_personas_and_a_caseload():
    summary = generate_demo(people=5, days=10, seed=3, now=NOW)
    assert summary.people == 6  # ana and five demo people
    roles = dict(
        User.objects.filter(username__in=["ana", "ben", "cho", "dee"]).values_list("username", "role")
    )
    assert roles == {"ana": "patient", "ben": "clinician", "cho": "clinician", "dee": "admin"}
    assert User.objects.filter(username__startswith="demo-").count() == 5
    assert Assessment.objects.count() == summary.assessments > 0


def test_every_generated_assessment_is_scored_exactly_as_the_domain_scores_it():
    generate_demo(people=3, days=14, seed=5, now=NOW)
    for row in Assessment.objects.all():
        result = score(get_instrument(row.instrument_code), row.answers)
        assert (row.total, row.band or None) == (result.total, result.band.label if result.band else None)
        assert row.taken_at <= NOW


def test_the_same_seed_gives_the_same_data():
    generate_demo(people=3, days=7, seed=9, now=NOW)
    first = list(
        Assessment.objects.order_by("person__username", "taken_at").values_list("instrument_code", "total")
    )
    generate_demo(people=3, days=7, seed=9, now=NOW)
    second = list(
        Assessment.objects.order_by("person__username", "taken_at").values_list("instrument_code", "total")
    )
    assert first == second


def test_demo_refuses_a_database_with_real_accounts(make_user):
    make_user("realperson")
    with pytest.raises(DemoRefused, match="use --force"):
        generate_demo(people=1, days=1, seed=1, now=NOW)
    assert generate_demo(people=1, days=1, seed=1, now=NOW, force=True).people == 2
    assert User.objects.filter(username="realperson").exists()


def test_the_withdrawal_curve_rises_to_a_peak_and_falls():
    values = [intensity(day, peak_day=3, severity=1.0) for day in range(0, 15)]
    assert values[0] == 0
    assert max(values) == values[3] == pytest.approx(1.0)
    assert values[10] < values[5] < values[3]


def test_cli_demo_refuses_bad_numbers(capsys):
    assert main(["demo", "--people", "-1"]) == 2
    assert "--people" in capsys.readouterr().err


def test_demo_shares_the_caseload_with_ben_in_a_clinic(client):
    generate_demo(people=4, days=7, seed=2, now=NOW)
    ben = User.objects.get(username="ben")
    assert ben.clinic is not None and User.objects.get(username="dee").clinic == ben.clinic
    client.force_login(ben)
    html = client.get("/caseload/").content.decode()
    assert html.count('href="/caseload/') >= 5  # ana and the four demo people
    ana = User.objects.get(username="ana")
    assert ana.profile.country and ana.profile.withdrawing_from


def test_demo_adds_declining_kratom_doses_and_journal_entries():
    from easeoff.web.doses.models import Dose
    from easeoff.web.tracking.models import JournalEntry

    generate_demo(people=12, days=30, seed=5, now=NOW)
    assert Dose.objects.filter(substance="kratom").exists()
    assert JournalEntry.objects.exists()
    entry = JournalEntry.objects.first()
    assert entry.extraction["symptoms"] or entry.extraction["substances"]
    person = Dose.objects.values_list("person", flat=True).first()
    amounts = list(Dose.objects.filter(person=person).order_by("taken_at").values_list("amount", flat=True))
    assert amounts[-1] <= amounts[0]
