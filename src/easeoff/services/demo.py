"""Generate a living demo: the personas, a caseload of people with plausible withdrawal courses.

Every generated answer set is scored by the domain (`easeoff.domain.scoring.score`), so the
stored totals and bands are exactly what a real check-in would give. Rows are inserted in
bulk, then the safety rules run once per person, so a caseload of 500 people with 90 days
each takes seconds, not hours.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction

from easeoff.domain.instruments import Instrument, get_instrument
from easeoff.domain.scoring import score
from easeoff.services.errors import InvalidInput
from easeoff.services.safety import run_safety
from easeoff.web.accounts.models import Clinic, Grant, Profile, Role, User
from easeoff.web.tracking.models import Assessment

PERSONAS = {"ana": Role.PATIENT, "ben": Role.CLINICIAN, "cho": Role.CLINICIAN, "dee": Role.ADMIN}
DEMO_PREFIX = "demo-"
DEMO_PASSWORD = "easeoff-demo-password"  # noqa: S105 -- printed for the demo; never for real accounts
ZONES = ("America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Asia/Bangkok")
BATCH = 2000


class DemoRefused(InvalidInput):
    """The database holds real accounts and --force was not given."""


@dataclass(frozen=True)
class DemoSummary:
    people: int
    days: int
    assessments: int
    flags: int


def real_accounts() -> list[str]:
    """Return usernames that the demo did not make (a database in real use)."""
    return list(
        User.objects.exclude(username__in=PERSONAS)
        .exclude(username__startswith=DEMO_PREFIX)
        .values_list("username", flat=True)[:5]
    )


def intensity(day: float, peak_day: float, severity: float) -> float:
    """Return withdrawal intensity 0..1 on `day` after last use: a rise to the peak, then a decline.

    A gamma-like curve: onset within the first day, peak around day 2-4, most of the acute
    course over by day 7-10, as the expected course for short-acting opioids describes
    (instruments research note §8); long tails and flare-ups come from the noise.
    """
    if day <= 0:
        return 0.0
    shape = day / peak_day
    return max(0.0, min(1.0, severity * shape * math.exp(1 - shape)))


def answers_for(instrument: Instrument, level: float, rng: random.Random) -> dict[str, int]:
    """Return a valid answer set whose items sit around `level` (0..1) of their range."""
    answers: dict[str, int] = {}
    for item in instrument.items:
        if not item.required:
            continue
        values = item.allowed_values
        wanted = level * values[-1] + rng.gauss(0, 0.6)
        answers[item.id] = min(values, key=lambda v: abs(v - wanted))
    return answers


def person_course(rng: random.Random) -> tuple[float, float, float]:
    """Return (peak day, severity, daily improvement after the acute phase) for one person."""
    return rng.uniform(2.0, 4.5), rng.uniform(0.35, 1.0), rng.uniform(0.0, 0.02)


def assessments_for(person: Any, days: int, now: datetime, rng: random.Random) -> Iterator[Assessment]:
    """Yield scored Assessment rows for one person over `days` days ending today."""
    zone = ZoneInfo(person.time_zone)
    peak, severity, _ = person_course(rng)
    # Spread people over the course: some are in their first days of withdrawal today.
    start_day = days - rng.uniform(0.5, min(days, 21))
    plan = (("sows", 1.0), ("craving", 0.9), ("phq9", 1 / 7), ("gad7", 1 / 7))
    for offset in range(days):
        local_day = (now.astimezone(zone) - timedelta(days=days - 1 - offset)).date()
        for code, chance in plan:
            if rng.random() > chance * (0.85 if offset % 7 else 1.0):
                continue
            instrument = get_instrument(code)
            hour = rng.randint(7, 21)
            taken_at = datetime(
                local_day.year, local_day.month, local_day.day, hour, rng.randint(0, 59), tzinfo=zone
            )
            if taken_at > now:
                continue
            level = intensity(offset - start_day + 0.5, peak, severity)
            if code in ("phq9", "gad7"):
                level = 0.25 + 0.45 * level
            if code == "craving":
                level = min(1.0, 0.2 + level)
            answers = answers_for(instrument, level, rng)
            if code == "phq9" and rng.random() > 0.03:
                answers["phq9_9"] = 0
            result = score(instrument, answers)
            yield Assessment(
                person=person,
                administered_by=person,
                instrument_code=code,
                instrument_version=instrument.version,
                answers=dict(result.answers),
                total=result.total,
                band=result.band.label if result.band else "",
                flags=list(result.flags),
                taken_at=taken_at.astimezone(ZoneInfo("UTC")),
                taken_on=local_day,
            )


def demo_user(username: str, role: str, password_hash: str, rng: random.Random) -> User:
    """Return an unsaved demo account (the password hash is computed once for all of them)."""
    admin = role == Role.ADMIN
    return User(
        username=username,
        role=role,
        time_zone=rng.choice(ZONES),
        email=f"{username}@example.org",
        password=password_hash,
        is_staff=admin,
        is_superuser=admin,
    )


DEMO_CLINIC = "easeoff demo clinic"
OPIOIDS = ("oxycodone", "heroin", "fentanyl", "hydrocodone", "methadone", "tramadol")
REGIONS_BY_ZONE = {
    "America/New_York": ("US", ("US-NY", "US-PA", "US-OH", "US-NJ")),
    "America/Chicago": ("US", ("US-TX", "US-IL", "US-MN", "US-MO")),
    "America/Los_Angeles": ("US", ("US-CA", "US-OR", "US-WA", "US-NV")),
    "Europe/London": ("GB", ("",)),
    "Asia/Bangkok": ("TH", ("",)),
}


def connect_demo(caseload: list[User], *, now: datetime, rng: random.Random) -> None:
    """Put the clinicians and the admin in a clinic, give everyone a profile, share the caseload with ben."""
    clinic, _ = Clinic.objects.get_or_create(name=DEMO_CLINIC)
    User.objects.filter(username__in=[u for u, role in PERSONAS.items() if role != Role.PATIENT]).update(
        clinic=clinic
    )
    profiles = []
    for person in caseload:
        country, regions = REGIONS_BY_ZONE[person.time_zone]
        # Last use: about three days before the worst SOWS, where the generated course peaks.
        peak = (
            Assessment.objects.filter(person=person, instrument_code="sows")
            .order_by("-total", "taken_at")
            .values_list("taken_at", flat=True)
            .first()
        )
        last_used = peak - timedelta(days=3) if peak else None
        profiles.append(
            Profile(
                user=person,
                country=country,
                region=rng.choice(regions),
                withdrawing_from=[rng.choice(OPIOIDS)],
                last_used_at=last_used,
                uses_kratom=rng.random() < 0.6,
                goal=rng.choice(("detox", "taper", "maintenance")),
            )
        )
    Profile.objects.bulk_create(profiles, ignore_conflicts=True)
    ben = User.objects.get(username="ben")
    Grant.objects.bulk_create(
        [Grant(person=person, clinician=ben, created_at=now, accepted_at=now) for person in caseload]
    )


JOURNAL_LINES = {
    "hard": (
        "Rough night. Sweating and chills, legs won't stay still, barely slept.",
        "Day from hell: stomach cramps, runny nose, yawning nonstop and the cravings are bad.",
        "Anxious all day and couldn't sleep. Took {g}g of kratom and the aches eased a bit.",
    ),
    "easing": (
        "Better today. Slept about five hours, still a bit restless in the evening.",
        "No nausea today, cravings not as bad. {g}g kratom in the morning.",
        "Energy is coming back. Some anxiety but no more sweats.",
    ),
}


def add_doses_and_journal(caseload: list[User], *, now: datetime, rng: random.Random) -> None:
    """Give the people who use kratom a daily dose that comes down, and everyone a few journal entries."""
    from easeoff.nlp import extract
    from easeoff.services.journal import find_cues
    from easeoff.web.doses.models import Dose
    from easeoff.web.tracking.models import JournalEntry

    doses: list[Any] = []
    entries: list[Any] = []
    for person in caseload:
        profile = Profile.objects.filter(user=person).first()
        if profile is None or profile.last_used_at is None:
            continue
        zone = ZoneInfo(person.time_zone)
        days = max(1, min(60, (now - profile.last_used_at).days))
        uses_kratom = bool(profile.uses_kratom)
        start_g = rng.choice((6, 8, 10, 12, 15))
        for offset in range(days, -1, -1):
            moment = now - timedelta(days=offset, hours=rng.randint(1, 10))
            if uses_kratom and moment > profile.last_used_at:
                grams = max(1, round(start_g * (1 - 0.03 * (days - offset)), 1))
                doses.append(
                    Dose(
                        person=person, substance="kratom", kind="leaf_powder", amount=grams, unit="g",
                        amount_mg=grams * 1000, basis="grams as logged", taken_at=moment,
                        taken_on=moment.astimezone(zone).date(), created_by=person, created_at=moment,
                    )
                )  # fmt: skip
            if rng.random() < 0.25:
                mood = "hard" if (moment - profile.last_used_at) < timedelta(days=5) else "easing"
                text = rng.choice(JOURNAL_LINES[mood]).format(g=rng.choice((2, 3, 4)))
                found = extract(text)
                entries.append(
                    JournalEntry(
                        person=person, text=text, written_at=moment,
                        written_on=moment.astimezone(zone).date(), extraction=found.to_json(""),
                        highlights=[list(h) for h in found.highlights()], cues=find_cues(text),
                    )
                )  # fmt: skip
    Dose.objects.bulk_create(doses, batch_size=BATCH)
    JournalEntry.objects.bulk_create(entries, batch_size=BATCH)


@transaction.atomic
def generate_demo(*, people: int, days: int, seed: int, now: datetime, force: bool = False) -> DemoSummary:
    """Fill the database with the personas and `people` demo people with `days` days of data."""
    if people < 0 or people > 5000:
        raise InvalidInput({"people": "must be between 0 and 5000"})
    if days < 1 or days > 365:
        raise InvalidInput({"days": "must be between 1 and 365"})
    found = real_accounts()
    if found and not force:
        raise DemoRefused(
            {
                "database": f"holds real accounts ({', '.join(found)}, ...); "
                "use --force to add demo data anyway"
            }
        )
    rng = random.Random(seed)  # noqa: S311 -- reproducible demo data, not secrets
    # Start from a clean demo: earlier demo people and personas go, real accounts stay.
    User.objects.filter(username__in=PERSONAS).delete()
    User.objects.filter(username__startswith=DEMO_PREFIX).delete()
    password_hash = make_password(DEMO_PASSWORD)
    accounts = [demo_user(username, role, password_hash, rng) for username, role in PERSONAS.items()]
    accounts += [
        demo_user(f"{DEMO_PREFIX}{n:04d}", Role.PATIENT, password_hash, rng) for n in range(1, people + 1)
    ]
    User.objects.bulk_create(accounts)
    caseload = list(
        User.objects.filter(
            username__in=["ana"] + [a.username for a in accounts if a.username.startswith(DEMO_PREFIX)]
        ).order_by("username")
    )
    rows: list[Assessment] = []
    count = 0
    for person in caseload:
        rows.extend(assessments_for(person, days, now, rng))
        if len(rows) >= BATCH:
            Assessment.objects.bulk_create(rows)
            count += len(rows)
            rows = []
    Assessment.objects.bulk_create(rows)
    count += len(rows)
    connect_demo(caseload, now=now, rng=rng)
    add_doses_and_journal(caseload, now=now, rng=rng)
    flags = sum(len(run_safety(person, now=now)) for person in caseload)
    return DemoSummary(people=len(caseload), days=days, assessments=count, flags=flags)
