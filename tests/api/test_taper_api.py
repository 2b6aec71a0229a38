"""The JSON API for taper plans: compute (200), save (201), field-level 422s, the current taper."""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from easeoff.services.assessments import record_assessment
from easeoff.web.doses.models import TaperPlan

pytestmark = pytest.mark.django_db

PLAN = {
    "substance": "kratom",
    "start": "24g",
    "reduce": "10%",
    "every_days": 7,
    "floor": "0g",
    "start_on": "2026-03-01",
}


def post(client, payload):
    return client.post("/api/taper/plan", payload, content_type="application/json")


def test_taper_needs_sign_in(client):
    assert post(client, PLAN).status_code == 401
    assert client.get("/api/taper").status_code == 401


def test_it_computes_the_whole_schedule_without_saving(client, ana):
    client.force_login(ana)
    response = post(client, PLAN)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["saved"], body["id"], body["substance"], body["unit"]) == (False, None, "kratom", "g")
    steps = body["steps"]
    assert [s["amount_per_day"] for s in steps[:4]] == [24, 21.6, 19.4, 17.5]
    assert steps[2]["unrounded"] == 19.44 and "nearest 0.1 g" in steps[2]["rounding"]
    assert steps[-1]["amount_per_day"] == 0 and steps[-1]["is_floor"]
    assert all(b["amount_per_day"] < a["amount_per_day"] for a, b in pairwise(steps))
    assert not TaperPlan.objects.exists()


def test_save_stores_it_and_it_becomes_the_current_taper(client, ana):
    client.force_login(ana)
    assert client.get("/api/taper").json()["plan"] is None
    start = timezone.now().date().isoformat()
    saved = post(client, {**PLAN, "start_on": start, "save": True})
    assert saved.status_code == 201
    assert saved.json()["id"] == TaperPlan.objects.get().pk
    current = client.get("/api/taper").json()
    assert current["plan"]["id"] == saved.json()["id"]
    assert current["amount_today"] == 24 and current["decision"]["action"] == "proceed"
    assert current["plan"]["approved_by"] is None


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"start": "24"}, {"start"}),
        ({"reduce": "10"}, {"reduce"}),
        ({"every_days": 0, "floor": "30g"}, {"every_days", "floor"}),
        ({"start_on": "1 March"}, {"start_on"}),
        ({"substance": "kratum", "hold": "phq9"}, {"substance", "hold"}),
        ({"unit": "mg"}, {"unit"}),
    ],
)
def test_invalid_plans_get_422_naming_each_field_and_store_nothing(client, ana, changes, fields):
    client.force_login(ana)
    response = post(client, {**PLAN, **changes, "save": True})
    assert response.status_code == 422
    assert {tuple(p["loc"]) for p in response.json()["detail"]} == {("body", f) for f in fields}
    assert not TaperPlan.objects.exists()


def test_the_current_taper_shows_a_hold_with_its_reason(client, ana):
    client.force_login(ana)
    now = timezone.now()
    start = (now.date() - timedelta(days=7)).isoformat()
    assert post(client, {**PLAN, "start_on": start, "save": True}).status_code == 201
    for when in (now - timedelta(days=1), now - timedelta(minutes=1)):
        record_assessment(
            actor=ana,
            person=ana,
            instrument_code="sows",
            answers={f"sows_{n}": 2 for n in range(1, 17)},
            now=when,
            taken_at=when,
        )
    current = client.get("/api/taper").json()
    decision = current["decision"]
    assert (decision["action"], decision["held_today"], current["amount_today"]) == ("hold", True, 24)
    assert "SOWS (32 on" in decision["reason"]
    assert current["holds"][-1]["kept_per_day"] == 24


def test_an_unknown_substance_filter_is_a_422(client, ana):
    client.force_login(ana)
    response = client.get("/api/taper", {"substance": "kratum"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "substance"]
    assert client.get("/api/taper", {"substance": "Kratom"}).json()["plan"] is None
