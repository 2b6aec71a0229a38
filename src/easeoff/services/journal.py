"""The journal: store free text with its extracted symptoms, highlight them, pre-fill a SOWS."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from easeoff.nlp import extract
from easeoff.services.access import require_view_person
from easeoff.services.assessments import local_day
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.safety import run_safety
from easeoff.web.tracking.models import JournalEntry

MAX_TEXT = 10_000

# Red-flag cues the safety rules read (easeoff.domain.safety.interactions): plain regexes over
# the lower-cased text. A cue right after "no", "not" or "never" is not taken as present.
CUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("jaundice", r"\bjaundic(?:e|ed)\b"),
        (
            "yellow_eyes_skin",
            r"\byellow(?:ish)? (?:eyes|skin)\b"
            r"|\b(?:eyes|skin) (?:are |is |look |looks |turned |went )?yellow",
        ),
        ("dark_urine", r"\bdark (?:brown )?(?:urine|pee)\b|\b(?:urine|pee) (?:is |was )?(?:very )?dark\b"),
        ("pale_stools", r"\bpale (?:stools?|poop|poo)\b"),
        ("unable_to_keep_fluids_down", r"\bcan'?t keep (?:anything|water|fluids|liquids|food) down\b"),
        ("dizziness_on_standing", r"\bdizzy when i stand\b|\bdizzy (?:on|when) standing\b"),
        ("very_little_urine", r"\b(?:barely|hardly|not) (?:peeing|urinating)\b"),
        ("seizure", r"\bseizures?\b|\bconvulsions?\b"),
        ("fainting", r"\bfaint(?:ed|ing)\b|\bpassed out\b"),
        (
            "suicidal_thoughts",
            r"\bsuicid(?:e|al)\b|\bkill myself\b|\bend(?:ing)? it all\b|\bbetter off dead\b",
        ),
        ("self_harm", r"\bself[- ]harm\b|\bhurt(?:ing)? myself\b"),
        ("blue_lips", r"\bblue lips\b|\blips (?:went |turned )?blue\b"),
        ("slow_breathing", r"\b(?:slow|shallow) breathing\b"),
    )
)
NEGATION_BEFORE = re.compile(r"\b(?:no|not|never|without|denies|zero)\b[\w' ]{0,12}$")

# SOWS items suggested from extracted symptoms (Handelsman 1987 item wording, instruments §2).
SOWS_FROM_SYMPTOM: dict[str, tuple[str, ...]] = {
    "anxiety": ("sows_1",),
    "runny_nose_yawning_tearing": ("sows_2", "sows_4", "sows_5"),
    "sweating": ("sows_3",),
    "chills_goosebumps": ("sows_6", "sows_9"),
    "muscle_aches": ("sows_10",),
    "restless_legs": ("sows_11", "sows_14"),
    "nausea_vomiting": ("sows_12", "sows_13"),
    "diarrhoea": ("sows_15",),
    "cravings": ("sows_16",),
}
SYMPTOM_LABELS: dict[str, str] = {
    "muscle_aches": "muscle or bone aches",
    "restless_legs": "restless legs",
    "sweating": "sweating",
    "chills_goosebumps": "chills or goosebumps",
    "diarrhoea": "diarrhoea",
    "nausea_vomiting": "nausea or vomiting",
    "runny_nose_yawning_tearing": "runny nose, yawning or tearing",
    "anxiety": "anxiety",
    "insomnia": "trouble sleeping",
    "cravings": "cravings",
    "low_mood": "low mood",
    "fatigue": "tiredness",
}
STATUS_LABELS = {"present": "you have it", "relieved": "eased or gone", "negated": "not there"}
EFFECT_LABELS = {"helped": "helped", "not_helped": "did not help", "worse": "made things worse"}

# "Present" is suggested as 2 (moderately): the text rarely says how strong; the person confirms.
SUGGESTED_PRESENT = 2


def find_cues(text: str) -> list[str]:
    """Return the red-flag cue names mentioned as present in `text`, in a stable order."""
    lower = text.lower()
    found: list[str] = []
    for name, pattern in CUE_PATTERNS:
        for match in pattern.finditer(lower):
            if not NEGATION_BEFORE.search(lower[max(0, match.start() - 20) : match.start()]):
                found.append(name)
                break
    return found


@transaction.atomic
def write_entry(*, actor: Any, person: Any, text: str, now: datetime) -> JournalEntry:
    """Store a journal entry with its extraction, then run the safety rules."""
    if actor.pk != person.pk:
        raise NotAllowed("only the person writes their journal")
    text = text.strip()
    if not text:
        raise InvalidInput({"text": "write something first"})
    if len(text) > MAX_TEXT:
        raise InvalidInput({"text": f"at most {MAX_TEXT} characters (this has {len(text)})"})
    extraction = extract(text)
    entry = JournalEntry.objects.create(
        person=person,
        text=text,
        written_at=now,
        written_on=local_day(now, person.time_zone),
        extraction=extraction.to_json(id=""),
        highlights=[list(h) for h in extraction.highlights()],
        cues=find_cues(text),
    )
    run_safety(person, now=now)
    return entry


def list_entries(*, viewer: Any, person: Any) -> QuerySet[JournalEntry]:
    """Return a person's journal, newest first."""
    require_view_person(viewer, person, action="view_journal")
    return JournalEntry.objects.filter(person=person)


def get_entry(*, viewer: Any, entry_id: int) -> JournalEntry:
    """Return one entry the viewer may see; NotAllowed otherwise (also when absent)."""
    entry = JournalEntry.objects.select_related("person").filter(pk=entry_id).first()
    if entry is None:
        raise NotAllowed("no such entry")
    require_view_person(viewer, entry.person, action="view_journal", target=f"journal entry {entry.pk}")
    return entry


def highlighted_html(text: str, highlights: list[list[Any]]) -> str:
    """Return `text` escaped, with each highlight wrapped in <mark> (overlaps keep the first)."""
    parts: list[str] = []
    position = 0
    for start, end, kind, label in sorted(highlights, key=lambda h: (h[0], -h[1])):
        if start < position or end <= start or end > len(text):
            continue
        parts.append(escape(text[position:start]))
        css = escape(f"hl hl-{kind} hl-{label.split(':')[-1]}" if kind == "symptom" else f"hl hl-{kind}")
        parts.append(f'<mark class="{css}" title="{escape(label)}">{escape(text[start:end])}</mark>')
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def sows_suggestions(entry: JournalEntry) -> dict[str, int]:
    """Return SOWS answers suggested by the entry's symptoms (present 2, negated/relieved 0)."""
    suggestions: dict[str, int] = {}
    for symptom in entry.extraction.get("symptoms", []):
        for item_id in SOWS_FROM_SYMPTOM.get(symptom["name"], ()):
            suggestions[item_id] = SUGGESTED_PRESENT if symptom["status"] == "present" else 0
    return suggestions


def describe(record: dict[str, Any]) -> dict[str, Any]:
    """Return the extraction in words a person reads (symptom labels, statuses, effect)."""
    return {
        "symptoms": [
            {
                "label": SYMPTOM_LABELS.get(s["name"], s["name"]),
                "status": STATUS_LABELS.get(s["status"], s["status"]),
            }
            for s in record.get("symptoms", [])
        ],
        "substances": record.get("substances", []),
        "doses": record.get("doses", []),
        "kratom_effect": EFFECT_LABELS.get(record.get("kratom_effect", "none"), ""),
    }


# Extractor units that name one dose in the dose log's units; per-day amounts are not one dose.
DOSE_UNITS = {
    "g": "g",
    "mg": "mg",
    "capsules": "capsules",
    "tsp": "tsp",
    "tbsp": "tbsp",
    "pills": "tablets",
    "tablets": "tablets",
}


def dose_suggestions(entry: JournalEntry) -> list[dict[str, Any]]:
    """Return the doses found in an entry that the dose log can take as they are (to confirm).

    Only a single number with a unit of one dose and a substance the catalogue knows: ranges
    ("2-4"), per-day amounts and class words ("unspecified_opioid") are left out.
    """
    from easeoff.services.doses import substance_choices

    known = {code for code, _, _ in substance_choices()}
    found = []
    for dose in entry.extraction.get("doses", []):
        value, unit, substance = dose.get("value"), dose.get("unit"), dose.get("substance")
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            continue
        if unit not in DOSE_UNITS or substance not in known:
            continue
        found.append({"substance": substance, "amount": value, "unit": DOSE_UNITS[unit]})
    return found
