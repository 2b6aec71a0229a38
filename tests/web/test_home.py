import pytest
from django.db import connection


@pytest.mark.django_db
def test_it_serves_the_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Get through withdrawal measured" in response.content.decode()


@pytest.mark.django_db
def test_it_reports_database_health_as_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor, "version": "0.1.0"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_sends_a_content_security_policy_without_inline_script(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_home_page_uses_no_external_assets(client):
    html = client.get("/").content.decode()
    assert "http://" not in html and "https://" not in html
    assert "<script>" not in html  # no inline script


@pytest.mark.django_db
def test_it_serves_static_files_from_the_app(client):
    for path in ("/static/easeoff/easeoff.css", "/static/django_htmx/htmx-2.min.js"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"".join(response.streaming_content)
        response.close()  # static files stream from an open file handle


@pytest.mark.django_db
def test_healthz_rejects_post(client):
    assert client.post("/healthz").status_code == 405
