"""Clinical Opiate Withdrawal Scale (COWS): 11 clinician-rated signs and symptoms, total 0-48.

Allowed values are not contiguous (e.g. pulse 0/1/2/4, gooseflesh 0/3/5); any other
value is rejected. No LOINC code for COWS was found, so `loinc_panel`/`loinc_total`
are None; 72514-3 is a pain score and must never be used for COWS.
"""

from easeoff.domain.instruments.model import Band, Instrument, Item, Option

SOURCE = (
    "Wesson DR, Ling W. The Clinical Opiate Withdrawal Scale (COWS). "
    "J Psychoactive Drugs 2003;35(2):253-259. doi:10.1080/02791072.2003.10400007"
)
FORM = (
    f"{SOURCE}; wording as on the NIDA COWS form (nida.nih.gov/sites/default/files/"
    "ClinicalOpiateWithdrawalScale.pdf), agreeing with the SAMHSA TIP table (NCBI Bookshelf "
    "NBK64244, table A72915)"
)
BANDS = f"{SOURCE}; severity bands printed on the form (NIDA and NAABT reproductions)"


def _item(number: int, text: str, help_text: str, *options: tuple[int, str]) -> Item:
    return Item(
        id=f"cows_{number}",
        number=number,
        text=text,
        help=help_text,
        options=tuple(Option(value, anchor) for value, anchor in options),
        source=FORM,
        options_source=FORM,
    )


COWS = Instrument(
    code="cows",
    name="Clinical Opiate Withdrawal Scale",
    short_name="COWS",
    version="2003",
    source=SOURCE,
    administered_by="clinician",
    recall_period="now (sweating and GI upset: over the last half hour)",
    instructions=(
        "For each item, circle the number that best describes the patient's signs or symptom. "
        "Rate on just the apparent relationship to opiate withdrawal. For example, if heart rate "
        "is increased because the patient was jogging just prior to assessment, the increased "
        "pulse rate would not add to the score."
    ),
    items=(
        _item(
            1,
            "Resting pulse rate",
            "Beats/minute, measured after patient is sitting or lying for one minute.",
            (0, "Pulse rate 80 or below"),
            (1, "Pulse rate 81-100"),
            (2, "Pulse rate 101-120"),
            (4, "Pulse rate greater than 120"),
        ),
        _item(
            2,
            "Sweating",
            "Over past 1/2 hour not accounted for by room temperature or patient activity.",
            (0, "No report of chills or flushing"),
            (1, "Subjective report of chills or flushing"),
            (2, "Flushed or observable moistness on face"),
            (3, "Beads of sweat on brow or face"),
            (4, "Sweat streaming off face"),
        ),
        _item(
            3,
            "Restlessness",
            "Observation during assessment.",
            (0, "Able to sit still"),
            (1, "Reports difficulty sitting still, but is able to do so"),
            (3, "Frequent shifting or extraneous movements of legs/arms"),
            (5, "Unable to sit still for more than a few seconds"),
        ),
        _item(
            4,
            "Pupil size",
            "",
            (0, "Pupils pinned or normal size for room light"),
            (1, "Pupils possibly larger than normal for room light"),
            (2, "Pupils moderately dilated"),
            (5, "Pupils so dilated that only the rim of the iris is visible"),
        ),
        _item(
            5,
            "Bone or joint aches",
            "If patient was having pain previously, only the additional component attributed "
            "to opiate withdrawal is scored.",
            (0, "Not present"),
            (1, "Mild diffuse discomfort"),
            (2, "Patient reports severe diffuse aching of joints/muscles"),
            (4, "Patient is rubbing joints or muscles and is unable to sit still because of discomfort"),
        ),
        _item(
            6,
            "Runny nose or tearing",
            "Not accounted for by cold symptoms or allergies.",
            (0, "Not present"),
            (1, "Nasal stuffiness or unusually moist eyes"),
            (2, "Nose running or tearing"),
            (4, "Nose constantly running or tears streaming down cheeks"),
        ),
        _item(
            7,
            "GI upset",
            "Over last 1/2 hour.",
            (0, "No GI symptoms"),
            (1, "Stomach cramps"),
            (2, "Nausea or loose stool"),
            (3, "Vomiting or diarrhea"),
            (5, "Multiple episodes of diarrhea or vomiting"),
        ),
        _item(
            8,
            "Tremor",
            "Observation of outstretched hands.",
            (0, "No tremor"),
            (1, "Tremor can be felt, but not observed"),
            (2, "Slight tremor observable"),
            (4, "Gross tremor or muscle twitching"),
        ),
        _item(
            9,
            "Yawning",
            "Observation during assessment.",
            (0, "No yawning"),
            (1, "Yawning once or twice during assessment"),
            (2, "Yawning three or more times during assessment"),
            (4, "Yawning several times/minute"),
        ),
        _item(
            10,
            "Anxiety or irritability",
            "",
            (0, "None"),
            (1, "Patient reports increasing irritability or anxiousness"),
            (2, "Patient obviously irritable or anxious"),
            (4, "Patient so irritable or anxious that participation in the assessment is difficult"),
        ),
        _item(
            11,
            "Gooseflesh skin",
            "",
            (0, "Skin is smooth"),
            (3, "Piloerection of skin can be felt or hairs standing up on arms"),
            (5, "Prominent piloerection"),
        ),
    ),
    bands=(
        Band(
            0,
            4,
            "below mild threshold",
            "The score is below the range the COWS form calls mild withdrawal.",
            "easeoff label: the COWS form gives no label for 0-4; this band is not part of "
            "the original banding (Wesson & Ling 2003)",
        ),
        Band(5, 12, "mild", "The signs of opioid withdrawal are in the mild range.", BANDS),
        Band(13, 24, "moderate", "The signs of opioid withdrawal are in the moderate range.", BANDS),
        Band(
            25,
            36,
            "moderately severe",
            "The signs of opioid withdrawal are in the moderately severe range.",
            BANDS,
        ),
        Band(37, 48, "severe", "The signs of opioid withdrawal are in the severe range.", BANDS),
    ),
    band_note=(
        "Bands 5-12 mild, 13-24 moderate, 25-36 moderately severe and more than 36 severe are "
        "printed on the form. The form gives no label for 0-4: easeoff calls it 'below mild "
        "threshold', which is not part of the original banding."
    ),
    score_meaning="Higher totals mean more signs of opioid withdrawal; the range is 0 to 48.",
    copyright=(
        "Wesson DR, Ling W, J Psychoactive Drugs 2003 (Taylor & Francis). No explicit licence or "
        "public-domain statement was found; NIDA, SAMHSA and the VA reproduce the form without a "
        "restriction notice. Reproduced unmodified, with citation."
    ),
    caveats=(
        "Clinician-administered: a patient-only home version is not the validated instrument.",
        "Licence unverified (no explicit permission statement found).",
        "Where the SAMHSA TIP wording differs slightly (e.g. 'moisture', 'irritable, anxious'), "
        "the NIDA form's wording is used.",
    ),
)
