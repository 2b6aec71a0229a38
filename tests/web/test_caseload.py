from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from easeoff.services.assessments import record_assessment
from easeoff.services.caseload import caseload_rows, filter_rows
from easeoff.services.demo import generate_demo
from easeoff.web.accounts.models import User

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def sows(person, value, when):
    record_assessment(
        actor=person,
        person=person,
        instrument_code="sows",
        answers={f"sows_{n}": value for n in range(1, 17)},
        now=when,
    )


def phq9(person, item9, when):
    answers = {f"phq9_{n}": 0 for n in range(1, 10)} | {"phq9_9": item9}
    record_assessment(actor=person, person=person, instrument_code="phq9", answers=answers, now=when)


def test_rows_are_sorted_urgent_flags_then_severity_then_trend_then_missed(make_user):
    calm, severe, urgent, silent, rising = (
        make_user(n) for n in ("calm", "severe", "urgent", "silent", "rising")
    )
    sows(calm, 0, NOW - timedelta(hours=2))
    sows(severe, 3, NOW - timedelta(hours=3))
    sows(urgent, 1, NOW - timedelta(hours=1))
    phq9(urgent, 2, NOW - timedelta(hours=1))
    sows(silent, 0, NOW - timedelta(days=4))
    sows(rising, 1, NOW - timedelta(days=2))
    sows(rising, 2, NOW - timedelta(hours=5))
    rows = caseload_rows([calm, severe, urgent, silent, rising], now=NOW)
    assert [r.username for r in rows] == ["urgent", "severe", "rising", "silent", "calm"]
    first = rows[0]
    assert first.urgent_flags == 1
    assert first.latest["phq9"]["total"] == 2
    assert rows[2].trend > 0
    assert [r.username for r in rows if r.missed_checkin] == ["silent"]


def test_filters(make_user):
    a, b = make_user("alpha"), make_user("beta")
    phq9(a, 1, NOW - timedelta(hours=1))
    sows(b, 0, NOW - timedelta(days=3))
    rows = caseload_rows([a, b], now=NOW)
    assert [r.username for r in filter_rows(rows, only="urgent")] == ["alpha"]
    assert [r.username for r in filter_rows(rows, only="missed")] == ["beta"]
    assert [r.username for r in filter_rows(rows, query="BET")] == ["beta"]


def test_the_number_of_queries_does_not_grow_with_the_caseload():
    generate_demo(people=30, days=10, seed=2, now=NOW)
    people = User.objects.filter(username__startswith="demo-")
    with CaptureQueriesContext(connection) as few:
        caseload_rows(people.order_by("username")[:5], now=NOW)
    with CaptureQueriesContext(connection) as many:
        rows = caseload_rows(people, now=NOW)
    assert len(rows) == 30
    assert len(few) == len(many) == 4


def test_an_empty_caseload_needs_no_assessment_queries():
    with CaptureQueriesContext(connection) as queries:
        assert caseload_rows(User.objects.none(), now=NOW) == []
    assert len(queries) <= 1


def test_viewing_the_caseload_is_audited_for_each_person_shown(client, make_user):
    from easeoff.web.accounts.models import AuditEvent
    from tests.grants import share

    ben = make_user("benny", "clinician")
    people = [make_user(name) for name in ("alpha", "beta", "gamma")]
    for person in people:
        share(person, ben)
    client.force_login(ben)
    before = AuditEvent.objects.filter(action="view_caseload").count()
    assert client.get("/caseload/").status_code == 200
    seen = AuditEvent.objects.filter(action="view_caseload", actor=ben).values_list(
        "person__username", flat=True
    )
    assert sorted(seen) == ["alpha", "beta", "gamma"]
    assert client.get("/caseload/", {"q": "bet"}).status_code == 200
    assert AuditEvent.objects.filter(action="view_caseload").count() == before + 4


def test_the_person_page_shows_doses_and_journal_to_a_clinician_with_a_grant(client, make_user):
    from django.utils import timezone

    from easeoff.services.doses import record_dose
    from easeoff.services.journal import write_entry
    from tests.grants import share

    ben = make_user("benny", "clinician")
    ana = make_user("anna")
    share(ana, ben)
    record_dose(actor=ana, person=ana, substance="kratom", amount="4", unit="g", now=timezone.now())
    write_entry(actor=ana, person=ana, text="Sweating all night and no sleep.", now=timezone.now())
    client.force_login(ben)
    html = client.get(f"/caseload/{ana.pk}/").content.decode()
    assert "Kratom" in html and "4 g" in html
    assert "Sweating all night" in html and "sweating (you have it)" in html
