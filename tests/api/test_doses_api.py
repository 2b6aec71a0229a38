"""The JSON API for products, doses and daily totals: 201s, field-level 422s that store nothing, 404s."""

import pytest

from easeoff.web.doses.models import Dose, DoseRevision, Product
from tests.grants import share

pytestmark = pytest.mark.django_db


def post(client, path, payload):
    return client.post(path, payload, content_type="application/json")


def locs(response):
    return {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}


def test_doses_need_sign_in(client):
    assert post(client, "/api/doses", {"substance": "kratom", "amount": 2, "unit": "g"}).status_code == 401
    assert client.get("/api/doses").status_code == 401


def test_it_saves_a_product_and_logs_a_dose_of_it_with_an_estimate(client, ana):
    client.force_login(ana)
    made = post(
        client,
        "/api/products",
        {
            "name": "my capsules",
            "substance": "kratom",
            "unit": "capsules",
            "mg_per_unit": 500,
            "mitragynine_pct": 1.5,
        },
    )
    assert made.status_code == 201, made.content
    product = made.json()
    assert (product["kind"], product["mg_per_unit"]) == ("capsules", 500)
    logged = post(
        client, "/api/doses", {"amount": 4, "product": product["id"], "taken_at": "2026-03-10T08:00"}
    )
    assert logged.status_code == 201, logged.content
    dose = logged.json()
    assert (dose["substance"], dose["unit"], dose["amount_mg"], dose["mitragynine_mg"]) == (
        "kratom",
        "capsules",
        2000,
        30,
    )
    assert dose["taken_on"] == "2026-03-10" and dose["alkaloid_basis"].startswith("estimate")
    assert client.get("/api/products").json()[0]["name"] == "my capsules"


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"substance": "kratom", "amount": -2, "unit": "g"}, {"amount"}),
        ({"substance": "kratom", "amount": 2, "unit": "furlongs"}, {"unit"}),
        ({"substance": "nope", "amount": 2, "unit": "g"}, {"substance"}),
        ({"substance": "kratom", "amount": "lots", "unit": "g", "route": "ear"}, {"amount", "route"}),
        ({"substance": "kratom", "amount": 2, "unit": "g", "taken_at": "2999-01-01T00:00:00Z"}, {"taken_at"}),
        ({"substance": "kratom", "amount": 500, "unit": "g"}, {"amount"}),
        ({"substance": "alcohol", "amount": 2, "unit": "capsules"}, {"unit"}),
    ],
)
def test_invalid_doses_get_422_naming_each_field_and_store_nothing(client, ana, payload, fields):
    client.force_login(ana)
    response = post(client, "/api/doses", payload)
    assert response.status_code == 422
    assert {loc for loc in locs(response)} == {("body", f) for f in fields}
    assert not Dose.objects.exists()


def test_a_missing_amount_is_a_422_from_the_schema(client, ana):
    client.force_login(ana)
    response = post(client, "/api/doses", {"substance": "kratom", "unit": "g"})
    assert response.status_code == 422
    assert any(p["loc"][-1] == "amount" for p in response.json()["detail"])


def test_invalid_products_get_422_and_store_nothing(client, ana):
    client.force_login(ana)
    response = post(
        client,
        "/api/products",
        {"name": "", "substance": "kratom", "unit": "capsules", "mitragynine_pct": 101},
    )
    assert response.status_code == 422
    assert {("body", "name"), ("body", "mitragynine_pct")} <= set(locs(response))
    assert not Product.objects.exists()


def test_it_lists_doses_and_daily_totals_by_local_day(client, ana):
    client.force_login(ana)
    for amount, when in (
        (2, "2026-03-10T08:00:00Z"),
        (3, "2026-03-10T20:00:00Z"),
        (1, "2026-03-11T08:00:00Z"),
    ):
        assert (
            post(
                client, "/api/doses", {"substance": "kratom", "amount": amount, "unit": "g", "taken_at": when}
            ).status_code
            == 201
        )
    page = client.get("/api/doses", {"from": "2026-03-10", "to": "2026-03-10"}).json()
    assert page["count"] == 2 and [d["amount"] for d in page["items"]] == [3, 2]
    totals = client.get("/api/doses/daily-totals").json()
    assert [(t["on"], t["amount_mg"], t["dose_count"]) for t in totals] == [
        ("2026-03-11", 1000, 1),
        ("2026-03-10", 5000, 2),
    ]
    assert totals[1]["text"] == "5 g"


@pytest.mark.parametrize(
    "query", [{"from": "0"}, {"from": "2026-03-11", "to": "2026-03-10"}, {"substance": "x"}]
)
def test_bad_filters_get_422(client, ana, query):
    client.force_login(ana)
    assert client.get("/api/doses", query).status_code == 422


def test_a_dose_is_corrected_and_the_previous_version_kept(client, ana):
    client.force_login(ana)
    dose = post(client, "/api/doses", {"substance": "kratom", "amount": 2, "unit": "g"}).json()
    bad = client.put(f"/api/doses/{dose['id']}", {"amount": 0}, content_type="application/json")
    assert bad.status_code == 422 and ("body", "amount") in locs(bad)
    good = client.put(f"/api/doses/{dose['id']}", {"amount": 2.5}, content_type="application/json")
    assert good.status_code == 200
    assert (good.json()["amount"], good.json()["amount_mg"], good.json()["revision"]) == (2.5, 2500, 2)
    assert DoseRevision.objects.get().values["amount"] == "2"


def test_someone_elses_dose_is_404_unless_shared(client, ana, ben, cho):
    client.force_login(ana)
    dose = post(client, "/api/doses", {"substance": "kratom", "amount": 2, "unit": "g"}).json()
    share(ana, ben)
    client.force_login(cho)
    assert client.get(f"/api/doses/{dose['id']}").status_code == 404
    assert (
        client.put(f"/api/doses/{dose['id']}", {"amount": 9}, content_type="application/json").status_code
        == 404
    )
    client.force_login(ben)
    assert client.get(f"/api/doses/{dose['id']}").json()["amount"] == 2
