"""Objective Opiate Withdrawal Scale (OOWS, Handelsman 1987): 13 observed signs, present 1 / absent 0.

The length of the timed observation period is unverified (5 minutes in one summary,
10 in other reproductions): services must record the length actually used with each
assessment. The source defines no bands.
"""

from easeoff.domain.instruments.model import Instrument, Item, Option

SOURCE = (
    "Handelsman L, Cochrane KJ, Aronson MJ, Ness R, Rubinstein KJ, Kanof PD. Two new rating "
    "scales for opiate withdrawal. Am J Drug Alcohol Abuse 1987;13(3):293-308"
)
SIGNS = (
    f"{SOURCE}; 13 signs in the order of the common Australian/US form. Scoring criteria from the "
    "medicalalgorithms.com summary of Handelsman and open forms (partial: primary source not seen)"
)
PRESENCE = (
    f"{SOURCE}; signs 'rated present or absent' over a timed observation period (abstract; NIDA Data Share)"
)

_OPTIONS = (Option(0, "Absent"), Option(1, "Present"))

_SIGNS = (
    ("Yawning", "Present: at least one yawn."),
    ("Rhinorrhoea", "Present: at least 3 sniffs."),
    ("Piloerection (observe arm)", "Present or absent."),
    ("Perspiration", "Present or absent."),
    ("Lacrimation", "Present or absent."),
    ("Tremor (hands)", "Present or absent."),
    (
        "Mydriasis",
        "Present or absent (one summary gives '>= 3 mm' as present; unverified against the primary source).",
    ),
    ("Hot and cold flushes", "Present: shivering or huddling for warmth."),
    ("Restlessness", "Present: frequent shifts of position."),
    ("Vomiting", "Present or absent."),
    ("Muscle twitches", "Present or absent."),
    ("Abdominal cramps", "Present: holding stomach."),
    ("Anxiety", "Present: any anxiety, mild to severe."),
)

OOWS = Instrument(
    code="oows",
    name="Objective Opiate Withdrawal Scale",
    short_name="OOWS",
    version="1987",
    source=SOURCE,
    administered_by="observer",
    recall_period="during a timed observation period (length unverified: 5 or 10 minutes)",
    instructions=(
        "Local rendering (the published instruction text was not seen): observe the patient for a "
        "timed period and rate each sign present (1) or absent (0). Record the length of the "
        "observation period you used; published reproductions disagree (5 or 10 minutes)."
    ),
    items=tuple(
        Item(
            id=f"oows_{number}",
            number=number,
            text=text,
            help=help_text,
            options=_OPTIONS,
            source=SIGNS,
            options_source=PRESENCE,
        )
        for number, (text, help_text) in enumerate(_SIGNS, start=1)
    ),
    bands=(),
    band_note=(
        "OOWS has no published severity bands: show the count of signs present and its trend. One "
        "South African hospital guideline says mild withdrawal (OOWS < 4) may be managed as an "
        "outpatient (secondary host, partial); that is an action threshold, not a band, and is "
        "not applied here."
    ),
    score_meaning="The total is the number of withdrawal signs seen, from 0 to 13; higher is worse.",
    copyright=(
        "Handelsman et al., Am J Drug Alcohol Abuse 1987 (Taylor & Francis). Permission for "
        "software use is unverified."
    ),
    caveats=(
        "Observation period unverified (5 vs 10 minutes): record the length used with each record.",
        "Per-sign criteria (e.g. mydriasis >= 3 mm, >= 3 sniffs) come from secondary summaries.",
        "An 'alternative form' (no perspiration, anxiety 0-3, maximum 14) has no clear source; "
        "not implemented.",
        "No LOINC code found.",
    ),
)
