"""Sharing through the JSON API: the same services as the pages, bearer tokens or the session."""

import pytest

from easeoff.web.accounts.models import Grant
from easeoff.web.accounts.services import create_api_token

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'test')[1]}"}


def test_a_person_invites_and_a_clinician_accepts(client, ana, ben):
    made = client.post("/api/invitations", **bearer(ana))
    assert made.status_code == 201
    body = made.json()
    assert body["link"] == f"http://testserver/sharing/accept/{body['code']}/"
    accepted = client.post(
        "/api/invitations/accept", {"code": body["code"]}, content_type="application/json", **bearer(ben)
    )
    assert accepted.status_code == 201
    grant = accepted.json()
    assert grant["active"] is True
    assert (grant["person"]["username"], grant["clinician"]["username"]) == ("ana", "ben")
    assert [g["id"] for g in client.get("/api/grants", **bearer(ana)).json()] == [grant["id"]]
    assert [g["id"] for g in client.get("/api/grants", **bearer(ben)).json()] == [grant["id"]]


def test_a_used_code_answers_422_naming_the_field(client, ana, ben, cho):
    code = client.post("/api/invitations", **bearer(ana)).json()["code"]
    client.post("/api/invitations/accept", {"code": code}, content_type="application/json", **bearer(ben))
    again = client.post(
        "/api/invitations/accept", {"code": code}, content_type="application/json", **bearer(cho)
    )
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "code"]
    assert "already used" in again.json()["detail"][0]["msg"]


def test_roles_are_kept_apart(client, ana, ben):
    assert client.post("/api/invitations", **bearer(ben)).status_code == 403
    refused = client.post(
        "/api/invitations/accept", {"code": "0000-0000-0000"}, content_type="application/json", **bearer(ana)
    )
    assert refused.status_code == 403


def test_revoking_through_the_api_ends_access_at_once(client, ana, ben):
    from tests.grants import share
    from tests.web.test_sharing import sows

    assessment = sows(ana)
    grant = share(ana, ben)
    ben_auth = bearer(ben)
    assert client.get(f"/api/assessments/{assessment.pk}", **ben_auth).status_code == 200
    ended = client.delete(f"/api/grants/{grant.pk}", **bearer(ana))
    assert ended.status_code == 200 and ended.json()["active"] is False
    assert client.get(f"/api/assessments/{assessment.pk}", **ben_auth).status_code == 404
    assert not Grant.objects.get().is_active


def test_someone_elses_grant_is_not_found(client, ana, ben, cho):
    from tests.grants import share

    grant = share(ana, ben)
    assert client.delete(f"/api/grants/{grant.pk}", **bearer(cho)).status_code == 404
    assert Grant.objects.get().is_active


def test_a_visitor_gets_401(client):
    for path in ("/api/grants", "/api/audit", "/api/export"):
        assert client.get(path).status_code == 401
    assert client.post("/api/invitations").status_code == 401
