import pytest

from easeoff.web.tracking.models import Assessment, AssessmentRevision

pytestmark = pytest.mark.django_db


def sows(value):
    return {f"sows_{n}": value for n in range(1, 17)}


def test_an_edit_keeps_the_previous_version(client, ana):
    client.force_login(ana)
    created = client.post(
        "/api/assessments", {"instrument": "sows", "answers": sows(1)}, content_type="application/json"
    )
    assessment_id = created.json()["id"]
    edited = client.put(
        f"/api/assessments/{assessment_id}", {"answers": sows(2)}, content_type="application/json"
    )
    assert edited.status_code == 200
    assert (edited.json()["total"], edited.json()["revision"]) == (32, 2)
    old = AssessmentRevision.objects.get(assessment_id=assessment_id)
    assert (old.revision, old.total, old.changed_by) == (1, 16, ana)
    assert old.answers == sows(1)


def test_an_invalid_edit_changes_nothing(client, ana):
    client.force_login(ana)
    created = client.post(
        "/api/assessments", {"instrument": "sows", "answers": sows(1)}, content_type="application/json"
    )
    assessment_id = created.json()["id"]
    bad = client.put(
        f"/api/assessments/{assessment_id}", {"answers": {"sows_1": 9}}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert {p["loc"][-1] for p in bad.json()["detail"]} >= {"sows_1", "sows_16"}
    assert Assessment.objects.get(pk=assessment_id).total == 16
    assert not AssessmentRevision.objects.exists()


def test_nobody_else_can_edit(client, ana, cho):
    client.force_login(ana)
    assessment_id = client.post(
        "/api/assessments", {"instrument": "sows", "answers": sows(1)}, content_type="application/json"
    ).json()["id"]
    client.force_login(cho)
    response = client.put(
        f"/api/assessments/{assessment_id}", {"answers": sows(4)}, content_type="application/json"
    )
    assert response.status_code == 404
    assert Assessment.objects.get(pk=assessment_id).total == 16
