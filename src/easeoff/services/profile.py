"""A person's profile: display name, time zone, place, what they are coming off, goal, consent.

`update_profile` validates every field and raises InvalidInput naming each offending one, so
the web form, the API and the CLI show the same field-level errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.db import transaction

from easeoff.domain.substances import load_catalogue
from easeoff.services.errors import InvalidInput
from easeoff.web.accounts.models import Goal, Profile

# What a person can say they are withdrawing from: every opioid in the catalogue, plus alcohol
# and benzodiazepines, whose withdrawal the safety rules treat as dangerous alongside.
WITHDRAWAL_CATEGORIES = ("opioid", "cns_depressant")
FIELDS = (
    "display_name",
    "time_zone",
    "country",
    "region",
    "withdrawing_from",
    "last_used_at",
    "uses_kratom",
    "pregnant",
    "goal",
    "research_consent",
)


@cache
def time_zones() -> tuple[str, ...]:
    """Return the IANA zone names this system knows, sorted."""
    return tuple(sorted(available_timezones()))


def withdrawal_substances() -> list[tuple[str, str]]:
    """Return (code, name) of the substances a person can be withdrawing from, opioids first."""
    substances = load_catalogue().substances.values()
    return [(s.code, s.name) for c in WITHDRAWAL_CATEGORIES for s in substances if s.category == c]


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """Return (ISO 3166-1 alpha-2 code, name) for every country, sorted by name."""
    import pycountry

    return tuple(sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda pair: pair[1]))


def region_name(code: str) -> str | None:
    """Return the name of an ISO 3166-2 subdivision ("US-AL" -> "Alabama"), or None."""
    import pycountry

    found = pycountry.subdivisions.get(code=code)
    return found.name if found is not None else None


def get_profile(user: Any) -> Profile:
    """Return the user's profile, creating an empty one on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def clean_time_zone(value: str) -> str:
    name = value.strip()
    if name not in time_zones():
        raise ValueError("not an IANA time zone; pick one like Europe/London or America/New_York")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not an IANA time zone; pick one like Europe/London or America/New_York") from None
    return name


def clean_country(value: str) -> str:
    code = value.strip().upper()
    if code and code not in dict(countries()):
        raise ValueError("not an ISO 3166 country code; pick your country from the list")
    return code


def clean_region(value: str, country: str) -> str:
    code = value.strip().upper()
    if not code:
        return ""
    if not country:
        raise ValueError("choose a country first")
    if "-" not in code:
        code = f"{country}-{code}"
    if not code.startswith(country + "-"):
        raise ValueError(f"must be a region of {country}, like {country}-…")
    if region_name(code) is None:
        raise ValueError(f"{code} is not an ISO 3166-2 region of {country} (e.g. US-TX for Texas)")
    return code


def clean_substances(values: Any) -> list[str]:
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise ValueError("must be a list of substance codes")
    allowed = dict(withdrawal_substances())
    unknown = [str(v) for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"unknown: {', '.join(unknown)}; allowed: {', '.join(allowed)}")
    return sorted(set(values), key=list(allowed).index)


def clean_last_used(value: Any, now: datetime) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, datetime):
        raise ValueError("must be a date and time")
    if value.tzinfo is None:
        raise ValueError("needs a time zone")
    if value > now:
        raise ValueError("must not be in the future")
    return value


def clean_optional_bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError("must be yes, no, or not answered")


def clean_goal(value: Any) -> str:
    if value in ("", None):
        return ""
    if value not in Goal.values:
        raise ValueError(f"must be one of: {', '.join(Goal.values)}")
    return str(value)


@transaction.atomic
def update_profile(*, user: Any, changes: Mapping[str, Any], now: datetime) -> Profile:
    """Change some profile fields of `user`; raise InvalidInput naming every invalid field.

    Keys not in `changes` keep their value. Nothing is saved unless every field is valid.
    Turning research consent on records when; turning it off clears that.
    """
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InvalidInput({name: "is not a profile field" for name in sorted(unknown)})
    profile = get_profile(user)
    problems: dict[str, str] = {}
    cleaned: dict[str, Any] = {}

    def attempt(name: str, clean: Any) -> None:
        if name in changes:
            try:
                cleaned[name] = clean(changes[name])
            except ValueError as exc:
                problems[name] = str(exc)

    attempt("display_name", _clean_display_name)
    attempt("time_zone", clean_time_zone)
    attempt("country", clean_country)
    country = cleaned.get("country", profile.country)
    if (
        "country" in cleaned
        and "region" not in changes
        and profile.region
        and cleaned["country"] != profile.country
    ):
        cleaned["region"] = ""  # a region belongs to its country
    attempt("region", lambda v: clean_region(v, country))
    attempt("withdrawing_from", clean_substances)
    attempt("last_used_at", lambda v: clean_last_used(v, now))
    attempt("uses_kratom", clean_optional_bool)
    attempt("pregnant", clean_optional_bool)
    attempt("goal", clean_goal)
    attempt("research_consent", _clean_bool)
    if problems:
        raise InvalidInput(problems)
    on_user = [name for name in ("display_name", "time_zone") if name in cleaned]
    for name in on_user:
        setattr(user, name, cleaned.pop(name))
    if on_user:
        user.save(update_fields=on_user)
    if "research_consent" in cleaned and cleaned["research_consent"] != profile.research_consent:
        profile.research_consent_at = now if cleaned["research_consent"] else None
    for name, value in cleaned.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def _clean_display_name(value: Any) -> str:
    text = str(value).strip()
    if len(text) > 100:
        raise ValueError("at most 100 characters")
    return text


def _clean_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def profile_public(user: Any) -> dict[str, Any]:
    """Return the profile as plain data (for the export and the API)."""
    profile = get_profile(user)
    return {
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "country": profile.country or None,
        "region": profile.region or None,
        "withdrawing_from": list(profile.withdrawing_from),
        "last_used_at": profile.last_used_at,
        "uses_kratom": profile.uses_kratom,
        "pregnant": profile.pregnant,
        "goal": profile.goal or None,
        "research_consent": profile.research_consent,
        "research_consent_at": profile.research_consent_at,
    }
