"""A person's profile: every field validated, errors per field, research consent off by default."""

from datetime import UTC, datetime, timedelta

import pytest

from easeoff.services.errors import InvalidInput
from easeoff.services.profile import get_profile, update_profile
from easeoff.services.safety import crisis_for, person_profile

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_a_new_profile_is_empty_and_research_consent_is_off(ana):
    profile = get_profile(ana)
    assert (profile.country, profile.withdrawing_from, profile.goal) == ("", [], "")
    assert profile.research_consent is False and profile.research_consent_at is None
    assert profile.uses_kratom is None and profile.pregnant is None


def test_every_field_is_saved(ana):
    update_profile(
        user=ana,
        changes={
            "display_name": " Ana M. ",
            "time_zone": "America/Chicago",
            "country": "us",
            "region": "tx",
            "withdrawing_from": ["fentanyl", "heroin", "fentanyl"],
            "last_used_at": NOW - timedelta(days=2),
            "uses_kratom": True,
            "pregnant": False,
            "goal": "taper",
            "research_consent": True,
        },
        now=NOW,
    )
    ana.refresh_from_db()
    profile = get_profile(ana)
    assert (ana.display_name, ana.time_zone, ana.shown_name) == ("Ana M.", "America/Chicago", "Ana M.")
    assert (profile.country, profile.region) == ("US", "US-TX")
    assert profile.withdrawing_from == ["heroin", "fentanyl"]
    assert profile.last_used_at == NOW - timedelta(days=2)
    assert (profile.uses_kratom, profile.pregnant, profile.goal) == (True, False, "taper")
    assert profile.research_consent is True and profile.research_consent_at == NOW


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Europe/Atlantis", "IANA"),
        ("time_zone", "", "IANA"),
        ("country", "XX", "ISO 3166"),
        ("country", "GBR", "ISO 3166"),
        ("withdrawing_from", ["kratom"], "unknown: kratom"),
        ("withdrawing_from", "heroin", "list"),
        ("last_used_at", NOW + timedelta(hours=1), "future"),
        ("last_used_at", datetime(2026, 11, 1, 9, 0), "time zone"),
        ("uses_kratom", "sometimes", "yes, no"),
        ("goal", "cure", "detox, taper, maintenance"),
        ("research_consent", "yes", "true or false"),
        ("display_name", "x" * 101, "100"),
        ("favourite_colour", "green", "not a profile field"),
    ],
)
def test_an_invalid_field_is_named_and_nothing_is_saved(ana, field, value, message):
    with pytest.raises(InvalidInput) as problem:
        update_profile(user=ana, changes={"goal": "detox", field: value}, now=NOW)
    assert message in problem.value.problems[field]
    assert get_profile(ana).goal == ""


def test_a_region_must_belong_to_the_country(ana):
    with pytest.raises(InvalidInput) as problem:
        update_profile(user=ana, changes={"country": "US", "region": "GB-SCT"}, now=NOW)
    assert "region of US" in problem.value.problems["region"]
    with pytest.raises(InvalidInput) as unknown:
        update_profile(user=ana, changes={"country": "US", "region": "US-ZZ"}, now=NOW)
    assert "not an ISO 3166-2 region" in unknown.value.problems["region"]
    with pytest.raises(InvalidInput) as orphan:
        update_profile(user=ana, changes={"region": "US-TX"}, now=NOW)
    assert "country first" in orphan.value.problems["region"]


def test_changing_country_clears_the_old_region(ana):
    update_profile(user=ana, changes={"country": "US", "region": "US-AL"}, now=NOW)
    update_profile(user=ana, changes={"country": "TH"}, now=NOW)
    profile = get_profile(ana)
    assert (profile.country, profile.region) == ("TH", "")


def test_turning_research_consent_off_clears_when_it_was_given(ana):
    update_profile(user=ana, changes={"research_consent": True}, now=NOW)
    update_profile(user=ana, changes={"research_consent": False}, now=NOW + timedelta(days=1))
    profile = get_profile(ana)
    assert profile.research_consent is False and profile.research_consent_at is None


def test_the_safety_rules_read_the_profile(ana):
    update_profile(
        user=ana,
        changes={"country": "GB", "withdrawing_from": ["methadone", "alcohol"], "pregnant": True},
        now=NOW,
    )
    seen = person_profile(ana)
    assert (seen.country, seen.pregnant) == ("GB", True)
    assert seen.withdrawing_from == frozenset({"methadone", "alcohol"})
    assert crisis_for(ana) is not None


def test_the_profile_page_saves_and_shows_errors_next_to_fields(client, ana):
    client.force_login(ana)
    page = client.get("/accounts/profile/").content.decode()
    assert 'name="withdrawing_from" value="fentanyl"' in page
    assert (
        'name="research_consent"' in page and "checked" not in page.split('name="research_consent"')[1][:40]
    )
    response = client.post(
        "/accounts/profile/",
        {
            "time_zone": "Europe/London",
            "country": "US",
            "region": "GB-SCT",
            "last_used_at": "2999-01-01T10:00",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "2 fields need attention" in html
    assert "must be a region of US" in html and "must not be in the future" in html
    assert html.count('aria-invalid="true"') == 2
    saved = client.post(
        "/accounts/profile/",
        {
            "display_name": "Ana",
            "time_zone": "America/Chicago",
            "country": "GB",
            "region": "GB-SCT",
            "withdrawing_from": ["oxycodone"],
            "last_used_at": "2026-11-20T21:30",
            "uses_kratom": "yes",
            "pregnant": "",
            "goal": "detox",
        },
    )
    assert saved.status_code == 302
    profile = get_profile(ana)
    assert profile.region == "GB-SCT" and profile.uses_kratom is True and profile.pregnant is None
    # Read in the zone chosen in the same form: 21:30 in Chicago (CST, UTC-6) is 03:30 UTC next day.
    assert profile.last_used_at == datetime(2026, 11, 21, 3, 30, tzinfo=UTC)
    shown = client.get("/accounts/profile/").content.decode()
    assert 'value="2026-11-20T21:30"' in shown
    assert profile.research_consent is False


def test_a_clinician_profile_has_only_name_and_time_zone(client, ben):
    client.force_login(ben)
    html = client.get("/accounts/profile/").content.decode()
    assert 'name="display_name"' in html and 'name="time_zone"' in html
    assert 'name="withdrawing_from"' not in html and 'name="research_consent"' not in html
    response = client.post("/accounts/profile/", {"display_name": "Dr Ben", "time_zone": "Asia/Bangkok"})
    assert response.status_code == 302
    ben.refresh_from_db()
    assert (ben.display_name, ben.time_zone) == ("Dr Ben", "Asia/Bangkok")
