import pytest

from easeoff.domain.instruments import INSTRUMENTS

pytestmark = pytest.mark.django_db

SOWS_ALL_TWO = {f"sows_{n}": 2 for n in range(1, 17)}


def post(client, payload):
    return client.post("/api/assessments", payload, content_type="application/json")


def test_it_lists_instruments_with_items_anchors_and_sources(client):
    data = client.get("/api/instruments").json()
    assert [i["code"] for i in data] == list(INSTRUMENTS)
    cows = data[0]
    assert len(cows["items"]) == 11
    assert [o["value"] for o in cows["items"][0]["options"]] == [0, 1, 2, 4]
    assert all(item["source"] for i in data for item in i["items"])
    assert all(band["source"] for i in data for band in i["bands"])


def test_it_returns_one_instrument_or_404_naming_the_known_codes(client):
    assert client.get("/api/instruments/gad7").json()["max_total"] == 21
    missing = client.get("/api/instruments/nope")
    assert missing.status_code == 404
    assert "known instruments: cows" in missing.json()["detail"]


def test_submitting_needs_sign_in(client):
    assert post(client, {"instrument": "sows", "answers": SOWS_ALL_TWO}).status_code == 401


def test_it_stores_an_assessment_and_returns_it(client, ana):
    client.force_login(ana)
    response = post(client, {"instrument": "sows", "answers": SOWS_ALL_TWO})
    assert response.status_code == 201
    body = response.json()
    assert (body["instrument"], body["total"], body["band"], body["flags"]) == ("sows", 32, None, [])
    assert body["variant"] == "published"
    assert client.get(f"/api/assessments/{body['id']}").json()["total"] == 32


def test_invalid_answers_get_422_with_one_message_per_item_and_store_nothing(client, ana):
    client.force_login(ana)
    answers = {**SOWS_ALL_TWO, "sows_3": 7, "sows_99": 1}
    del answers["sows_16"]
    response = post(client, {"instrument": "sows", "answers": answers})
    assert response.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
    assert set(problems) == {
        ("body", "answers", "sows_3"),
        ("body", "answers", "sows_16"),
        ("body", "answers", "sows_99"),
    }
    assert "allowed values: 0, 1, 2, 3, 4" in problems[("body", "answers", "sows_3")]
    assert client.get("/api/assessments").json()["count"] == 0


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"instrument": "nope", "answers": {}}, ["body", "instrument"]),
        ({"instrument": "cows", "answers": {}}, ["body", "instrument"]),  # clinician-administered
        (
            {"instrument": "sows", "answers": SOWS_ALL_TWO, "taken_at": "2999-01-01T00:00:00Z"},
            ["body", "taken_at"],
        ),
        ({"instrument": "sows", "answers": SOWS_ALL_TWO, "variant": "pirate"}, ["body", "variant"]),
        ({"instrument": "sows"}, ["body", "payload", "answers"]),
        ({"instrument": "sows", "answers": [1, 2]}, ["body", "payload", "answers"]),
    ],
)
def test_bad_requests_name_the_field(client, ana, payload, loc):
    client.force_login(ana)
    response = post(client, payload)
    assert response.status_code == 422
    assert loc in [p["loc"] for p in response.json()["detail"]]


def test_a_boolean_is_not_an_answer(client, ana):
    client.force_login(ana)
    response = post(client, {"instrument": "craving", "answers": {"craving_1": True}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "answers", "craving_1"]


def test_it_filters_and_paginates(client, ana):
    client.force_login(ana)
    for value in range(5):
        assert post(client, {"instrument": "craving", "answers": {"craving_1": value}}).status_code == 201
    assert post(client, {"instrument": "sows", "answers": SOWS_ALL_TWO}).status_code == 201
    page = client.get("/api/assessments", {"instrument": "craving", "limit": 2, "offset": 1}).json()
    assert page["count"] == 5
    assert [row["total"] for row in page["items"]] == [3, 2]
    assert client.get("/api/assessments", {"from": "2000-01-01", "to": "2000-01-02"}).json()["count"] == 0
    backwards = client.get("/api/assessments", {"from": "2026-02-01", "to": "2026-01-01"})
    assert backwards.status_code == 422
    assert client.get("/api/assessments", {"limit": 0}).status_code == 422


def test_another_persons_assessment_is_404(client, ana, cho):
    client.force_login(ana)
    created = post(client, {"instrument": "sows", "answers": SOWS_ALL_TWO}).json()
    client.force_login(cho)
    assert client.get(f"/api/assessments/{created['id']}").status_code == 404
    assert client.get("/api/assessments").json()["count"] == 0


def test_the_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/assessments" in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html
