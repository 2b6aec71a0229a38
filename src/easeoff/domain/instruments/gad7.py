"""Generalized Anxiety Disorder-7 (GAD-7): 7 self-rated items 0-3, total 0-21, LOINC-coded.

LOINC codes item 2 (68509-9) value 2 as LA18938-3 "More days than not", not LA6570-1:
people see the form's "More than half the days", exports send the LOINC code and its
own display. The lowest answer is "Not at all" (never "Not at all sure"). Item codes
69726-8, totals 70273-5 and 75626-2 are NOT GAD-7 codes.
"""

from easeoff.domain.instruments.model import Band, Instrument, Item, Option
from easeoff.domain.instruments.phq_common import FREQUENCY_OPTIONS, FREQUENCY_SOURCE, PFIZER_COPYRIGHT

SOURCE = (
    "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety "
    "disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097"
)
ITEMS = (
    f"{SOURCE}; item wording of the Pfizer GAD-7 form; LOINC codes from LOINC panel 69737-5 "
    "(LHC-Forms export; HL7 Personal Health Record IG GAD-7 example)"
)
BANDS = f"{SOURCE}; cut-points 5, 10 and 15"

_ITEM2_OPTIONS = (
    FREQUENCY_OPTIONS[0],
    FREQUENCY_OPTIONS[1],
    Option(2, "More than half the days", "LA18938-3", loinc_display="More days than not"),
    FREQUENCY_OPTIONS[3],
)
_ITEM2_SOURCE = (
    f"{FREQUENCY_SOURCE}. LOINC 68509-9 uses LA18938-3 'More days than not' for value 2 (LHC-Forms "
    "GAD-7 exports and an independent Java FHIR implementation)"
)

_TEXTS = (
    ("69725-0", "Feeling nervous, anxious, or on edge"),
    ("68509-9", "Not being able to stop or control worrying"),
    ("69733-4", "Worrying too much about different things"),
    ("69734-2", "Trouble relaxing"),
    ("69735-9", "Being so restless that it is hard to sit still"),
    ("69689-8", "Becoming easily annoyed or irritable"),
    ("69736-7", "Feeling afraid, as if something awful might happen"),
)


def _item(number: int, loinc: str, text: str) -> Item:
    is_item2 = loinc == "68509-9"
    return Item(
        id=f"gad7_{number}",
        number=number,
        text=text,
        loinc=loinc,
        options=_ITEM2_OPTIONS if is_item2 else FREQUENCY_OPTIONS,
        source=ITEMS,
        options_source=_ITEM2_SOURCE if is_item2 else FREQUENCY_SOURCE,
    )


GAD7 = Instrument(
    code="gad7",
    name="Generalized Anxiety Disorder-7",
    short_name="GAD-7",
    version="2006",
    source=SOURCE,
    administered_by="self",
    recall_period="past 2 weeks",
    instructions="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=tuple(_item(number, loinc, text) for number, (loinc, text) in enumerate(_TEXTS, start=1)),
    bands=(
        Band(0, 4, "minimal", "Your answers suggest minimal anxiety over the last 2 weeks.", BANDS),
        Band(5, 9, "mild", "Your answers suggest mild anxiety over the last 2 weeks.", BANDS),
        Band(
            10,
            14,
            "moderate",
            "Your answers suggest moderate anxiety, worth talking over with a clinician.",
            BANDS,
        ),
        Band(
            15,
            21,
            "severe",
            "Your answers suggest severe anxiety; please talk to a clinician soon.",
            BANDS,
        ),
    ),
    band_note=(
        "Bands use the published cut-points 5, 10 and 15 (Spitzer 2006). A total of 10 or more "
        "detected generalized anxiety disorder with 89% sensitivity and 82% specificity."
    ),
    score_meaning="Higher totals mean more symptoms of anxiety; the range is 0 to 21.",
    copyright=PFIZER_COPYRIGHT,
    loinc_panel="69737-5",
    loinc_total="70274-6",
    caveats=(
        "The form's closing difficulty question is left out: LOINC panel 69737-5 (as rendered by "
        "LHC-Forms) has no difficulty item, and using 69722-7 there would be a local choice.",
        "Stem wording ('by the following problems', without 'any of') is taken from several "
        "agreeing public reproductions of the form, not from the Pfizer PDF itself.",
    ),
)
