"""Legality lookup: codes and names, every US state and DC, validation that names the problem."""

from __future__ import annotations

import re
from datetime import date

import pytest

from easeoff.knowledge.legality import (
    STATUSES,
    LegalityDataError,
    candidates,
    known_places,
    legality_data,
    lookup,
    parse_legality_data,
)

US_STATES = {
    "US-AL": "Alabama",
    "US-AK": "Alaska",
    "US-AZ": "Arizona",
    "US-AR": "Arkansas",
    "US-CA": "California",
    "US-CO": "Colorado",
    "US-CT": "Connecticut",
    "US-DE": "Delaware",
    "US-DC": "District of Columbia",
    "US-FL": "Florida",
    "US-GA": "Georgia",
    "US-HI": "Hawaii",
    "US-ID": "Idaho",
    "US-IL": "Illinois",
    "US-IN": "Indiana",
    "US-IA": "Iowa",
    "US-KS": "Kansas",
    "US-KY": "Kentucky",
    "US-LA": "Louisiana",
    "US-ME": "Maine",
    "US-MD": "Maryland",
    "US-MA": "Massachusetts",
    "US-MI": "Michigan",
    "US-MN": "Minnesota",
    "US-MS": "Mississippi",
    "US-MO": "Missouri",
    "US-MT": "Montana",
    "US-NE": "Nebraska",
    "US-NV": "Nevada",
    "US-NH": "New Hampshire",
    "US-NJ": "New Jersey",
    "US-NM": "New Mexico",
    "US-NY": "New York",
    "US-NC": "North Carolina",
    "US-ND": "North Dakota",
    "US-OH": "Ohio",
    "US-OK": "Oklahoma",
    "US-OR": "Oregon",
    "US-PA": "Pennsylvania",
    "US-RI": "Rhode Island",
    "US-SC": "South Carolina",
    "US-SD": "South Dakota",
    "US-TN": "Tennessee",
    "US-TX": "Texas",
    "US-UT": "Utah",
    "US-VT": "Vermont",
    "US-VA": "Virginia",
    "US-WA": "Washington",
    "US-WV": "West Virginia",
    "US-WI": "Wisconsin",
    "US-WY": "Wyoming",
}


def test_us_table_has_fifty_states_and_dc() -> None:
    assert len(US_STATES) == 51


@pytest.mark.parametrize(("code", "name"), sorted(US_STATES.items()))
def test_every_us_state_and_dc_is_present_by_code(code: str, name: str) -> None:
    found = lookup(code)
    assert found is not None, code
    assert found.name == name
    assert found.kind in ("us_state", "us_district")
    assert found.parent == "US"


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ("TH", "TH"),
        ("th", "TH"),
        (" Th ", "TH"),
        ("Thailand", "TH"),
        ("THAILAND", "TH"),
        ("US-AL", "US-AL"),
        ("us-al", "US-AL"),
        ("Alabama", "US-AL"),
        ("alabama", "US-AL"),
        ("US-Alabama", "US-AL"),
        ("US Alabama", "US-AL"),
        ("Alabama, USA", "US-AL"),
        ("Alabama, United States", "US-AL"),
        ("US TX", "US-TX"),
        ("New York", "US-NY"),
        ("Georgia, US", "US-GA"),
        ("Washington, D.C.", "US-DC"),
        ("DC", "US-DC"),
        ("Washington, USA", "US-WA"),
        ("United States", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("England", "GB"),
        ("Czech Republic", "CZ"),
        ("Türkiye", "TR"),
        ("España", "ES"),
        ("CA", "CA"),
        ("San Diego, CA", "US-CA:san-diego"),
        ("san diego, california", "US-CA:san-diego"),
        ("US-CA:San-Diego", "US-CA:san-diego"),
        ("Spokane, WA", "US-WA:spokane"),
        ("Columbus, Mississippi", "US-MS:columbus"),
    ],
)
def test_lookup_accepts_codes_and_names_in_any_case(place: str, code: str) -> None:
    found = lookup(place)
    assert found is not None, place
    assert found.code == code


@pytest.mark.parametrize(
    "place", ["", "   ", "Atlantis", "XX", "US-XX", "Columbus", "Franklin", "Georgia", "Washington"]
)
def test_lookup_returns_none_for_unknown_or_ambiguous_places(place: str) -> None:
    assert lookup(place) is None


def test_ambiguous_names_offer_candidates() -> None:
    assert [p.code for p in candidates("washington")] == ["US-WA", "US-DC"]
    assert [p.code for p in candidates("Georgia")] == ["US-GA"]
    assert candidates("Thailand") == ()


@pytest.mark.parametrize(
    ("place", "status", "seven_oh"),
    [
        ("US-AL", "banned", "banned"),
        ("US-CA", "restricted", None),
        ("US-CO", "regulated", "banned"),
        ("US-TX", "regulated", "restricted"),
        ("US-WA", "legal", None),
        ("US-NH", "unknown", None),
        ("US", "legal", "restricted"),
        ("TH", "regulated", None),
        ("MY", "banned", "banned"),
        ("AU", "banned", "banned"),
        ("GB", "restricted", None),
        ("NZ", "unknown", None),
        ("CZ", "regulated", None),
        ("US-WA:spokane", "restricted", None),
        ("US-MS:rankin-county", "banned", "banned"),
    ],
)
def test_statuses_follow_the_research_note(place: str, status: str, seven_oh: str | None) -> None:
    found = lookup(place)
    assert found is not None
    assert (found.status, found.seven_oh_status) == (status, seven_oh)


def test_to_json_has_the_cli_shape() -> None:
    found = lookup("Alabama")
    assert found is not None
    shape = found.to_json()
    assert {"place", "status", "as_of", "source", "notes"} <= set(shape)
    assert shape["place"] == "Alabama, United States"
    assert shape["status"] == "banned"
    assert shape["as_of"] == "2026-07"
    assert "alabamaag.gov" in (shape["source"] or "")


@pytest.mark.parametrize("place", legality_data().places, ids=lambda p: p.code)
def test_every_entry_has_status_date_and_source(place: object) -> None:
    from easeoff.knowledge.legality import LegalStatus

    assert isinstance(place, LegalStatus)
    assert place.status in STATUSES
    assert place.seven_oh_status is None or place.seven_oh_status in STATUSES
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", place.as_of)
    assert place.source.strip()
    assert "http" in place.source or "research note" in place.source
    assert place.notes.strip()


def test_local_rules_are_never_weaker_than_a_state_ban() -> None:
    for place in legality_data().places:
        if place.kind == "local":
            state = lookup(place.parent or "")
            assert state is not None
            if state.status == "banned":
                assert place.status == "banned", place.code


def test_known_places_lists_countries_then_states_then_local_rules() -> None:
    places = known_places()
    kinds = [place.kind for place in places]
    assert kinds[0] == "country" and kinds[-1] == "local"
    assert kinds.index("local") > max(
        i for i, kind in enumerate(kinds) if kind in ("us_state", "us_district")
    )
    assert sum(1 for kind in kinds if kind == "country") >= 40
    assert len(places) == len(legality_data().places)


def test_every_entry_is_dated_on_or_before_compilation() -> None:
    compiled = date.fromisoformat(legality_data().compiled)
    for place in legality_data().places:
        year = int(place.as_of[:4])
        assert year <= compiled.year


GOOD = """
compiled = "2026-11-25"
[[place]]
code = "TH"
name = "Thailand"
kind = "country"
status = "regulated"
as_of = "2022-09"
sources = ["K116"]
certainty = "HIGH"
notes = "n"
[sources]
K116 = "Tilleke 2021 https://example.org"
"""


def test_a_minimal_file_parses() -> None:
    data = parse_legality_data(GOOD)
    assert data.by_code["TH"].source == "Tilleke 2021 https://example.org"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('status = "regulated"', 'status = "allowed"', "TH: status must be one of legal, regulated"),
        ('as_of = "2022-09"', 'as_of = "Sept 2022"', "TH: as_of must be an ISO date"),
        ('as_of = "2022-09"', 'as_of = "2022-13"', "TH: as_of must be an ISO date"),
        ('as_of = "2022-09"', 'as_of = "2027-01"', "not after 2026-11-25"),
        ('sources = ["K116"]', "sources = []", "TH: sources must be a non-empty list"),
        ('sources = ["K116"]', 'sources = ["K999"]', "TH: unknown source keys ['K999']"),
        ('certainty = "HIGH"', 'certainty = "SURE"', "TH: certainty must be one of"),
        ('kind = "country"', 'kind = "us_state"', "code 'TH' does not fit kind us_state"),
        ('notes = "n"', 'notes = "n"\nstatuss = "x"', "TH: unknown keys ['statuss']"),
        (
            "[sources]",
            '[[place]]\ncode = "TH"\nname = "Thai"\nkind = "country"\nstatus = "legal"\n'
            'as_of = "2022"\nsources = ["K116"]\ncertainty = "LOW"\n[sources]',
            "TH: code listed twice",
        ),
        (
            "[sources]",
            '[[place]]\ncode = "US-XX:town"\nname = "Town"\nkind = "local"\nstatus = "legal"\n'
            'as_of = "2022"\nsources = ["K116"]\ncertainty = "LOW"\n[sources]',
            "parent US-XX has no entry",
        ),
        (
            "[sources]",
            '[[place]]\ncode = "SI"\nname = "Slovenia"\nkind = "country"\nstatus = "legal"\n'
            'as_of = "2022"\nsources = ["K116"]\ncertainty = "LOW"\naliases = ["Thailand"]\n[sources]',
            "SI: name 'thailand' is also used by TH",
        ),
        ("compiled", "compiled = [", "not valid TOML"),
    ],
)
def test_validation_errors_name_the_place_and_the_problem(old: str, new: str, problem: str) -> None:
    broken = GOOD.replace(old, new, 1)
    with pytest.raises(LegalityDataError) as error:
        parse_legality_data(broken)
    assert problem in str(error.value)


def test_validation_reports_every_problem_at_once() -> None:
    broken = GOOD.replace('status = "regulated"', 'status = "ok"').replace('as_of = "2022-09"', 'as_of = "x"')
    with pytest.raises(LegalityDataError) as error:
        parse_legality_data(broken)
    assert "status must be" in str(error.value) and "as_of must be" in str(error.value)
