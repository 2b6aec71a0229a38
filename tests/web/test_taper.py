"""Taper plans through the service and the pages: saving, holds from SOWS, adherence, approval, .ics."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from easeoff.domain.taper import SOWS_HOLD, FixedReduction, TaperRule, plan_taper
from easeoff.services import doses, taper
from easeoff.services.assessments import record_assessment
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.doses.models import TaperPlan
from tests.grants import share

pytestmark = pytest.mark.django_db


def request(**changes):
    fields = {
        "substance": "kratom",
        "start": "10g",
        "reduce": "1g",
        "every_days": "7",
        "floor": "7g",
        "start_on": "2026-03-01",
    }
    return taper.TaperRequest(**{**fields, **changes})


def sows(person, total_per_item, at):
    answers = {f"sows_{n}": total_per_item for n in range(1, 17)}
    return record_assessment(
        actor=person, person=person, instrument_code="sows", answers=answers, now=at, taken_at=at
    ).assessment


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- the pure replay of holds -----------------------------------------------------------------


def plan_10_to_7():
    rule = TaperRule(
        substance="kratom",
        unit="g",
        start_per_day=D(10),
        reduction=FixedReduction(D(1)),
        interval_days=7,
        floor=D(7),
        rounding_step=D("0.1"),
        hold=SOWS_HOLD,
    )
    return plan_taper(rule, date(2026, 3, 1))  # 10 g, then 9 on 03-08, 8 on 03-15, 7 on 03-22


@pytest.mark.parametrize(
    ("scores", "today", "held_on", "nine_from"),
    [
        ([], date(2026, 3, 20), [], date(2026, 3, 8)),
        # Two high SOWS before the step day: the step waits a day, then goes ahead (one score in window).
        (
            [("2026-03-06T12:00", 20), ("2026-03-07T12:00", 20)],
            date(2026, 3, 20),
            ["2026-03-08"],
            date(2026, 3, 9),
        ),
        # High every day until the 9th: held on the 8th, 9th and 10th (the 9th's score is in the window).
        (
            [(f"2026-03-0{d}T12:00", 20) for d in range(6, 10)],
            date(2026, 3, 20),
            ["2026-03-08", "2026-03-09", "2026-03-10"],
            date(2026, 3, 11),
        ),
        # Holds are only decided for days before today; today's decision is made separately.
        ([("2026-03-06T12:00", 20), ("2026-03-07T12:00", 20)], date(2026, 3, 8), [], date(2026, 3, 8)),
        # Low scores never hold.
        ([("2026-03-06T12:00", 5), ("2026-03-07T12:00", 5)], date(2026, 3, 20), [], date(2026, 3, 8)),
    ],
)
def test_holds_are_replayed_from_the_scores(scores, today, held_on, nine_from):
    records = [(at(t), "sows", total) for t, total in scores]
    effective, holds = taper.apply_holds(plan_10_to_7(), records, today, zone="UTC")
    assert [h.on.isoformat() for h in holds] == held_on
    assert effective.steps[1].on == nine_from
    amounts = [s.amount_per_day for s in effective.steps]
    assert amounts == [D(10), D(9), D(8), D(7)]  # a hold moves steps later, never changes an amount
    assert all("Hold the step due on" in h.reason for h in holds)


# --- the service --------------------------------------------------------------------------


def test_a_plan_is_computed_without_saving(ana):
    plan = taper.compute_plan(request(reduce="10%", floor="0g", start="24g"))
    assert plan.steps[0].amount_per_day == D(24) and plan.steps[-1].amount_per_day == 0
    assert not TaperPlan.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "24"}, "start"),
        ({"start": "24kg"}, "start"),
        ({"reduce": "10"}, "reduce"),
        ({"reduce": "150%"}, "reduce"),
        ({"reduce": "2ml"}, "reduce"),
        ({"every_days": "0"}, "every_days"),
        ({"every_days": "1.5"}, "every_days"),
        ({"floor": "12g"}, "floor"),
        ({"floor": "-1g"}, "floor"),
        ({"start_on": "01/03/2026"}, "start_on"),
        ({"substance": "krat"}, "substance"),
        ({"hold": "phq9"}, "hold"),
        ({"hold_threshold": "65"}, "hold_threshold"),
        ({"after_floor": "stop"}, "after_floor"),
        ({"rounding_step": "0"}, "rounding_step"),
    ],
)
def test_an_invalid_plan_names_the_field_and_stores_nothing(ana, changes, field):
    with pytest.raises(InvalidInput) as raised:
        taper.save_taper(actor=ana, person=ana, request=request(**changes), now=timezone.now())
    assert field in raised.value.problems, raised.value.problems
    assert not TaperPlan.objects.exists()


def test_saving_again_supersedes_the_active_plan_and_keeps_it(ana):
    first = taper.save_taper(actor=ana, person=ana, request=request(), now=timezone.now())
    second = taper.save_taper(actor=ana, person=ana, request=request(start="9g"), now=timezone.now())
    first.refresh_from_db()
    assert (first.status, first.superseded_by_id, second.status) == ("superseded", second.pk, "active")
    assert [s["amount_per_day"] for s in first.steps] == ["10", "9", "8", "7"]


def test_a_plan_uses_the_products_unit_and_measurable_step(ana):
    caps = doses.save_product(
        actor=ana,
        person=ana,
        name="caps",
        substance="kratom",
        unit="capsules",
        mg_per_unit="500",
        measurable_step="1",
        now=timezone.now(),
    )
    row = taper.save_taper(
        actor=ana,
        person=ana,
        request=request(start="8", reduce="10%", floor="0"),
        now=timezone.now(),
        product_id=caps.pk,
    )
    assert (row.unit, row.rounding_step, row.product_name) == ("capsules", D(1), "caps")
    assert [s["amount_per_day"] for s in row.steps] == ["8", "7", "6", "5", "4", "3", "2", "1", "0"]


def test_a_clinician_sets_a_plan_only_with_a_grant_and_it_counts_as_approved(ana, ben, cho):
    with pytest.raises(NotAllowed):
        taper.save_taper(actor=cho, person=ana, request=request(), now=timezone.now())
    share(ana, ben)
    row = taper.save_taper(actor=ben, person=ana, request=request(), now=timezone.now())
    assert (row.created_by, row.approved_by) == (ben, ben)


def test_approval_is_for_a_clinician_with_a_grant(ana, ben, cho):
    row = taper.save_taper(actor=ana, person=ana, request=request(), now=timezone.now())
    for who in (ana, cho):
        with pytest.raises(NotAllowed):
            taper.approve_taper(actor=who, plan_id=row.pk, now=timezone.now())
    share(ana, ben)
    approved = taper.approve_taper(actor=ben, plan_id=row.pk, now=timezone.now())
    assert approved.approved_by == ben
    newer = taper.save_taper(actor=ana, person=ana, request=request(start="9g"), now=timezone.now())
    with pytest.raises(InvalidInput):
        taper.approve_taper(actor=ben, plan_id=row.pk, now=timezone.now())
    assert newer.approved_at is None


def test_the_next_step_is_held_today_when_sows_stays_high(ana):
    now = timezone.now()
    today = now.date()  # ana's zone is UTC
    taper.save_taper(
        actor=ana, person=ana, request=request(start_on=(today - timedelta(days=7)).isoformat()), now=now
    )
    sows(ana, 1, now - timedelta(days=1))  # 16
    sows(ana, 1, now - timedelta(minutes=1))  # 16
    report = taper.taper_status(viewer=ana, person=ana, now=now)
    assert report is not None
    assert (report.decision.action, report.held_today, report.amount_today) == ("hold", True, D(10))
    assert "Hold the step due today (10 to 9 g per day)" in report.decision.reason
    assert "CTN-0094" in report.decision.reason
    assert report.effective.steps[1].on == today + timedelta(days=1)


def test_the_step_goes_ahead_when_scores_are_low(ana):
    now = timezone.now()
    today = now.date()
    taper.save_taper(
        actor=ana, person=ana, request=request(start_on=(today - timedelta(days=7)).isoformat()), now=now
    )
    sows(ana, 0, now - timedelta(days=1))
    sows(ana, 0, now - timedelta(minutes=1))
    report = taper.taper_status(viewer=ana, person=ana, now=now)
    assert (report.decision.action, report.amount_today, report.holds) == ("proceed", D(9), [])


def test_plan_versus_actual_counts_days_at_or_below_the_plan(ana):
    now = timezone.now()
    today = now.date()
    start = today - timedelta(days=3)
    taper.save_taper(actor=ana, person=ana, request=request(start_on=start.isoformat()), now=now)
    for days_ago, grams in ((3, "10"), (2, "12"), (1, "9.5")):
        taken = datetime.combine(
            today - timedelta(days=days_ago), datetime.min.time(), tzinfo=UTC
        ) + timedelta(hours=9)
        doses.record_dose(
            actor=ana, person=ana, substance="kratom", amount=grams, unit="g", taken_at=taken, now=now
        )
    report = taper.taper_status(viewer=ana, person=ana, now=now)
    statuses = [r.status for r in report.adherence]
    assert statuses == ["as_planned", "above", "below", "not_logged"]
    assert report.summary["percent"] == 67 and report.summary["logged"] == 3


def test_a_clinician_without_a_grant_sees_no_taper(ana, cho):
    taper.save_taper(actor=ana, person=ana, request=request(), now=timezone.now())
    with pytest.raises(NotAllowed):
        taper.taper_status(viewer=cho, person=ana, now=timezone.now())


# --- the pages ------------------------------------------------------------------------------


def form(**changes):
    fields = {
        "substance": "kratom",
        "start": "24g",
        "reduce": "10%",
        "every_days": "7",
        "floor": "0",
        "start_on": "2026-03-01",
        "after_floor": "hold",
        "hold": "sows",
    }
    return {**fields, **changes}


def test_the_whole_schedule_is_shown_before_saving(client, ana):
    client.force_login(ana)
    response = client.post("/taper/", form(action="preview"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Schedule preview (not saved yet)" in page
    assert (
        "21.6 g" in page
        and "10 % less than 21.6 g is 19.44 g" in page
        and "rounded to 19.4 g (nearest 0.1 g)" in page
    )
    assert not TaperPlan.objects.exists()


def test_a_bad_plan_shows_field_errors_and_keeps_the_values(client, ana):
    client.force_login(ana)
    response = client.post("/taper/", form(action="save", start="24", every_days="0"))
    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="err-start"' in page and 'id="err-every_days"' in page
    assert 'value="24"' in page
    assert not TaperPlan.objects.exists()


def test_a_saved_plan_shows_today_the_schedule_and_a_calendar(client, ana):
    client.force_login(ana)
    today = timezone.now().date().isoformat()
    assert client.post("/taper/", form(action="save", start_on=today)).status_code == 302
    page = client.get("/taper/").content.decode()
    assert "Planned today: <strong>24 g</strong>" in page
    assert "Not yet approved by a clinician" in page
    row = TaperPlan.objects.get()
    ics = client.get(f"/taper/{row.pk}/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and f"UID:easeoff-taper-{row.pk}-step-0@easeoff" in body


def test_a_clinician_approves_from_the_persons_taper_page(client, ana, ben):
    row = taper.save_taper(actor=ana, person=ana, request=request(), now=timezone.now())
    share(ana, ben)
    client.force_login(ben)
    page = client.get(f"/caseload/{ana.pk}/taper/").content.decode()
    assert "Approve this plan" in page
    response = client.post(f"/caseload/{ana.pk}/taper/", {"action": "approve", "plan": row.pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.approved_by == ben
    assert "Approved by ben" in client.get(f"/caseload/{ana.pk}/taper/").content.decode()
