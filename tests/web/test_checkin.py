import re

import pytest

from easeoff.web.tracking.models import Assessment

pytestmark = pytest.mark.django_db


def sows_form(value=1, **overrides):
    data = {f"sows_{n}": str(value) for n in range(1, 17)}
    data.update(overrides)
    return data


def test_checkin_needs_sign_in(client):
    response = client.get("/checkin/sows/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/checkin/sows/")


def test_the_checkin_list_offers_self_rated_instruments_only(client, ana):
    client.force_login(ana)
    html = client.get("/checkin/").content.decode()
    for code in ("sows", "sows_gossop", "phq9", "gad7", "craving", "kud"):
        assert f'href="/checkin/{code}/"' in html
    for code in ("cows", "oows"):
        assert f'href="/checkin/{code}/"' not in html
    assert client.get("/checkin/cows/").status_code == 404


def test_the_form_shows_every_item_with_its_anchors(client, ana):
    client.force_login(ana)
    html = client.get("/checkin/sows/").content.decode()
    assert html.count('<fieldset class="item') == 16
    assert "I feel like shooting up now." in html
    assert "Not at all" in html and "Extremely" in html
    assert len(re.findall(r'type="radio" name="sows_1"', html)) == 5


def test_the_using_variant_changes_item_16_wording(client, ana):
    client.force_login(ana)
    html = client.get("/checkin/sows/?variant=using").content.decode()
    assert "I feel like using now." in html
    response = client.post("/checkin/sows/", sows_form(variant="using"))
    assert response.status_code == 302
    assert Assessment.objects.get().variant == "using"


def test_submitting_stores_and_redirects_to_the_result(client, ana):
    client.force_login(ana)
    response = client.post("/checkin/sows/", sows_form(2))
    assert response.status_code == 302
    stored = Assessment.objects.get()
    assert (stored.person, stored.administered_by, stored.total) == (ana, ana, 32)
    result = client.get(response["Location"]).content.decode()
    assert "SOWS: 32" in result
    assert "scale of 0 to 64" in result


def test_an_incomplete_form_names_the_items_and_keeps_the_answers(client, ana):
    client.force_login(ana)
    data = sows_form(3)
    del data["sows_4"], data["sows_9"]
    response = client.post("/checkin/sows/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "2 answers need attention" in html
    assert html.count('class="field-error"') == 2
    assert 'id="err-sows_4"' in html and 'id="err-sows_9"' in html
    assert html.count("checked") == 14
    assert Assessment.objects.count() == 0


def test_a_tampered_value_is_rejected_naming_the_item(client, ana):
    client.force_login(ana)
    response = client.post("/checkin/sows/", sows_form(1, sows_5="9", sows_6="lots"))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="err-sows_5"' in html and 'id="err-sows_6"' in html
    assert Assessment.objects.count() == 0


def test_phq9_item9_shows_crisis_resources_before_the_score(client, ana):
    client.force_login(ana)
    data = {f"phq9_{n}": "0" for n in range(1, 10)}
    data["phq9_9"] = "1"
    response = client.post("/checkin/phq9/", data)
    html = client.get(response["Location"]).content.decode()
    assert html.index('class="crisis"') < html.index("<h1>")


def test_a_result_is_visible_only_to_its_person(client, ana, cho):
    client.force_login(ana)
    location = client.post("/checkin/sows/", sows_form(1))["Location"]
    client.force_login(cho)
    assert client.get(location).status_code == 404


def test_history_charts_each_instrument(client, ana):
    client.force_login(ana)
    for value in (1, 2, 3):
        client.post("/checkin/sows/", sows_form(value))
    html = client.get("/history/").content.decode()
    assert "<svg" in html and "SOWS totals over time" in html
    assert html.count("<circle") == 3


def test_the_running_total_preview_stores_nothing(client, ana):
    client.force_login(ana)
    response = client.post(
        "/checkin/sows/preview", {"sows_1": "3", "sows_2": "4", "sows_3": "9"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Total so far: <strong>7</strong> (2 of 16 answered" in text
    assert Assessment.objects.count() == 0


def test_the_check_in_page_shows_kratoms_legal_status_for_the_profile_region(client, ana):
    from easeoff.web.accounts.models import Profile

    Profile.objects.update_or_create(user=ana, defaults={"country": "US", "region": "US-AL"})
    client.force_login(ana)
    html = client.get("/checkin/").content.decode()
    assert "Kratom where you live: banned" in html
    assert "Alabama (US-AL)" in html and "Laws change" in html


def test_the_check_in_page_title_is_plain_text(client, ana):
    client.force_login(ana)
    html = client.get("/checkin/").content.decode()
    assert "<title>Check in · easeoff</title>" in html
