import pytest

from easeoff.cli import main
from easeoff.web.accounts.models import ApiToken
from easeoff.web.accounts.services import create_api_token, hash_token, user_for_token

pytestmark = pytest.mark.django_db(transaction=True)

SOWS = {"instrument": "sows", "answers": {f"sows_{n}": 1 for n in range(1, 17)}}


def test_a_bearer_token_acts_as_its_user(client, ana):
    _, secret = create_api_token(ana, "laptop")
    response = client.post(
        "/api/assessments", SOWS, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 201
    assert ana.assessments.count() == 1


def test_only_the_hash_is_stored(ana):
    token, secret = create_api_token(ana, "laptop")
    assert token.key_hash == hash_token(secret) != secret
    assert not ApiToken.objects.filter(key_hash=secret).exists()


@pytest.mark.parametrize("header", ["Bearer eo_wrong", "Bearer nonsense", "Basic abc", "Bearer "])
def test_a_wrong_token_is_401(client, ana, header):
    response = client.get("/api/assessments", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_deleting_a_token_revokes_it_at_once(client, ana):
    token, secret = create_api_token(ana, "laptop")
    assert client.get("/api/assessments", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    token.delete()
    assert client.get("/api/assessments", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_an_inactive_users_token_is_refused(ana):
    _, secret = create_api_token(ana, "laptop")
    ana.is_active = False
    ana.save()
    assert user_for_token(secret) is None


def test_cli_token_create_prints_a_working_secret(ana, capsys):
    assert main(["token", "create", "ana", "--name", "script"]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("eo_")
    assert user_for_token(secret) == ana
    assert main(["token", "create", "nobody"]) == 1
