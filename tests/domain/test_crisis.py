"""Crisis resources by country, with a generic fallback and validated data."""

from __future__ import annotations

import pytest

from easeoff.knowledge.crisis import (
    CrisisDataError,
    crisis_data,
    crisis_resources,
    known_countries,
    parse_crisis_data,
)

REQUIRED = ("US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", "NL", "TH", "MY", "ID", "SE", "DK", "PL")


def test_every_required_country_has_resources() -> None:
    assert set(REQUIRED) <= set(known_countries())


@pytest.mark.parametrize(
    ("code", "emergency", "crisis", "poison"),
    [
        ("US", "911", "988", "1-800-222-1222"),
        ("CA", "911", "988", "1-844-764-7669"),
        ("GB", "999", "116 123", None),
        ("IE", "112", "116 123", "01 809 2166"),
        ("AU", "000", "13 11 14", "13 11 26"),
        ("NZ", "111", "1737", "0800 764 766"),
        ("DE", "112", "0800 111 0 111", "030 19240"),
        ("FR", "15", "3114", "01 40 05 48 48"),
        ("NL", "112", "113", None),
        ("TH", "1669", "1323", "1367"),
        ("MY", "999", "15555", None),
        ("ID", "119", None, None),
        ("SE", "112", "90101", "010-456 67 00"),
        ("DK", "112", "70 201 201", "82 12 12 12"),
        ("PL", "112", "800 70 2222", None),
    ],
)
def test_country_numbers(code: str, emergency: str, crisis: str | None, poison: str | None) -> None:
    found = crisis_resources(code)
    assert not found.is_fallback
    assert found.emergency_number == emergency
    assert (found.crisis_line.number if found.crisis_line else None) == crisis
    assert (found.poison_control.number if found.poison_control else None) == poison


def test_us_lists_the_samhsa_helpline_and_findtreatment() -> None:
    found = crisis_resources("US")
    [helpline] = [line for line in found.other_lines if line.kind == "substance_use"]
    assert helpline.number == "1-800-662-4357"
    assert helpline.url == "https://findtreatment.gov"


@pytest.mark.parametrize("code", ["us", " Us ", "US-TX", "us-ca:san-diego"])
def test_lookup_ignores_case_and_subdivisions(code: str) -> None:
    assert crisis_resources(code).country_code == "US"


@pytest.mark.parametrize("code", [None, "", "XX", "zz", "Atlantis"])
def test_unknown_country_gets_the_generic_fallback(code: str | None) -> None:
    found = crisis_resources(code)
    assert found.is_fallback
    assert found.emergency_number is None
    assert found.lines == ()
    assert "local emergency number" in found.fallback_message


@pytest.mark.parametrize("code", sorted(crisis_data().countries))
def test_every_number_has_a_source_url_and_date(code: str) -> None:
    found = crisis_resources(code)
    assert "http" in found.emergency_source
    assert found.as_of == "2026-11-25"
    for line in found.lines:
        assert "http" in line.source, (code, line.name)
        assert line.hours
        assert line.verification in ("verified", "partial")


def test_lines_are_listed_crisis_first() -> None:
    found = crisis_resources("US")
    assert [line.kind for line in found.lines][:2] == ["crisis", "poison"]


GOOD = """
[fallback]
message = "Call your local emergency number."
source = "https://example.org"
as_of = "2026-11-25"
[[country]]
code = "US"
name = "United States"
emergency = "911"
emergency_source = "https://example.org"
as_of = "2026-11-25"
[[country.line]]
kind = "crisis"
name = "988"
number = "988"
hours = "24/7"
source = "https://example.org"
"""


def test_a_minimal_file_parses() -> None:
    data = parse_crisis_data(GOOD)
    assert data.countries["US"].crisis_line is not None


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('source = "https://example.org"\n', 'source = "a friend"\n', "source must contain a URL"),
        ('number = "988"', 'number = "call us"', "number 'call us' must be digits"),
        ('kind = "crisis"', 'kind = "hotline"', "kind must be one of poison, crisis"),
        ('code = "US"', 'code = "usa"', "code must be an ISO 3166-1 alpha-2 code"),
        (
            'as_of = "2026-11-25"\n[[country.line]]',
            'as_of = "soon"\n[[country.line]]',
            "country US: as_of must be",
        ),
        ('emergency = "911"', 'emergency = ""', "country US: emergency must be a non-empty string"),
        ("[fallback]", "[fallbacks]", "missing [fallback] table"),
        ('hours = "24/7"', 'hours = "24/7"\nverification = "maybe"', "verification must be one of"),
    ],
)
def test_validation_errors_name_the_problem(old: str, new: str, problem: str) -> None:
    with pytest.raises(CrisisDataError) as error:
        parse_crisis_data(GOOD.replace(old, new, 1))
    assert problem in str(error.value)


def test_a_country_listed_twice_is_an_error() -> None:
    doubled = GOOD + GOOD[GOOD.index("[[country]]") :]
    with pytest.raises(CrisisDataError, match="listed twice"):
        parse_crisis_data(doubled)
