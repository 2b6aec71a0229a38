"""Short Opiate Withdrawal Scale (SOWS-Gossop 1990): 10 self-rated symptoms 0-3, total 0-30.

No severity bands are verified for this scale. Gossop's own instruction text and recall
window were not seen; the recall window here is the one used in the lofexidine trials.
"""

from easeoff.domain.instruments.model import Instrument, Item, Option

SOURCE = (
    "Gossop M. The development of a Short Opiate Withdrawal Scale (SOWS). Addict Behav "
    "1990;15(5):487-490. doi:10.1016/0306-4603(90)90036-W"
)
ITEMS = (
    f"{SOURCE}; 10 symptoms as listed by NIDA Data Share "
    "(datashare.nida.nih.gov/instrument/short-opiate-withdrawal-scale)"
)
ANCHORS = (
    f"{SOURCE}; 0 none, 1 mild, 2 moderate, 3 severe, summed 0-30, as described in the "
    "ClinicalTrials.gov results for NCT01863186 (lofexidine phase 3)"
)

_OPTIONS = (Option(0, "None"), Option(1, "Mild"), Option(2, "Moderate"), Option(3, "Severe"))

_TEXTS = (
    "Feeling sick",
    "Stomach cramps",
    "Muscle spasms/twitching",
    "Feelings of coldness",
    "Heart pounding",
    "Muscular tension",
    "Aches and pains",
    "Yawning",
    "Runny eyes",
    "Insomnia/problems sleeping",
)

SOWS_GOSSOP = Instrument(
    code="sows_gossop",
    name="Short Opiate Withdrawal Scale (Gossop)",
    short_name="SOWS-Gossop",
    version="1990",
    source=SOURCE,
    administered_by="self",
    recall_period="previous day (as in the lofexidine trials; Gossop's original window unverified)",
    instructions=(
        "Local rendering (Gossop's instruction text was not seen): thinking about how you felt "
        "during the previous day, rate each symptom as none, mild, moderate or severe."
    ),
    items=tuple(
        Item(
            id=f"sows_gossop_{number}",
            number=number,
            text=text,
            options=_OPTIONS,
            source=ITEMS,
            options_source=ANCHORS,
        )
        for number, text in enumerate(_TEXTS, start=1)
    ),
    bands=(),
    band_note=(
        "No severity bands are verified for SOWS-Gossop: show the total and its trend. The "
        "'1-10 mild, 11-20 moderate, 21-30 severe' labels seen elsewhere are unverified. The "
        "lofexidine manufacturer cites Vernon 2016 for changes of about 2-4 points being "
        "clinically meaningful (manufacturer wording, partial)."
    ),
    score_meaning=(
        "Higher totals mean more withdrawal symptoms; the range is 0 to 30 and there are no "
        "published severity bands."
    ),
    copyright="Gossop M, Addict Behav 1990 (Elsevier). Reuse terms are unverified.",
    caveats=(
        "Gossop's original instruction text and recall window are unverified.",
        "The LUCEMYRA patient site words two items more fully ('Feeling sick (nausea, vomiting, "
        "diarrhea)', 'Feelings of coldness/chills'); the NIDA list is used here.",
        "No LOINC code found.",
    ),
)
