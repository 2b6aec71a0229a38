"""Kratom use disorder (KUD) checklist: the 11 DSM-5 SUD criteria applied to kratom, yes/no, past 12 months.

The total is a count of criteria, not a diagnosis (DSM-5 also needs clinically
significant impairment or distress, a clinical judgement). The criteria are easeoff's
own paraphrases; never paste the APA's wording. Items 10-11 (tolerance, withdrawal)
have group "pharmacological": show them apart, since they alone reach "mild".
"""

from easeoff.domain.instruments.model import Band, Instrument, Item, Option

SOURCE = (
    "DSM-5 SUD criteria (APA 2013) applied to kratom as in Smith et al., J Addict Med "
    "2022;16(6):666-670; paraphrased"
)
CRITERIA = (
    f"{SOURCE}. Criteria list as in the DSM-5 opioid use disorder table (PMC6590307, Table 1) and "
    "the SAMHSA NSDUH list; paraphrases and cluster names are easeoff's"
)
SEVERITY = (
    "Hasin DS, O'Brien CP, Auriacombe M, et al. DSM-5 criteria for substance use disorders: "
    "recommendations and rationale. Am J Psychiatry 2013;170(8):834-851 (severity by criteria "
    "count: 2-3 mild, 4-5 moderate, 6 or more severe)"
)
YES_NO = f"{SOURCE}; each criterion met (yes = 1) or not (no = 0) in the past 12 months"

_OPTIONS = (Option(0, "No"), Option(1, "Yes"))

_CRITERIA = (
    ("impaired control", "Used more kratom, or for longer, than meant to"),
    ("impaired control", "Wanted to cut down or stop, or tried and could not"),
    ("impaired control", "Spent a lot of time getting, using or recovering from kratom"),
    ("impaired control", "Craving: strong urges or desire to use kratom"),
    ("social impairment", "Use got in the way of main duties at work, school or home"),
    ("social impairment", "Kept using despite problems with other people caused or made worse by use"),
    (
        "social impairment",
        "Gave up or cut back important social, work or leisure activities because of use",
    ),
    ("risky use", "Used again and again in physically risky situations"),
    (
        "risky use",
        "Kept using despite knowing it causes or worsens a physical or mental health problem",
    ),
    ("pharmacological", "Tolerance: needed more for the same effect, or the same amount did less"),
    (
        "pharmacological",
        "Withdrawal: withdrawal symptoms on stopping or cutting down, or used kratom (or a similar "
        "substance) to relieve or avoid them",
    ),
)

_NOT_A_DIAGNOSIS = "This is a symptom count, not a diagnosis."

KUD = Instrument(
    code="kud",
    name="Kratom use disorder checklist (DSM-5 criteria count)",
    short_name="KUD checklist",
    version="1.0",
    source=SOURCE,
    administered_by="clinician",
    recall_period="past 12 months",
    instructions=(
        "Thinking about the past 12 months, answer yes or no for each statement about kratom use. "
        "The person may fill it in first; a clinician confirms each answer."
    ),
    items=tuple(
        Item(
            id=f"kud_{number}",
            number=number,
            text=text,
            group=group,
            options=_OPTIONS,
            source=CRITERIA,
            options_source=YES_NO,
        )
        for number, (group, text) in enumerate(_CRITERIA, start=1)
    ),
    bands=(
        Band(
            0,
            1,
            "below threshold",
            f"Fewer than 2 of the 11 criteria were reported, below the count used for kratom use "
            f"disorder. {_NOT_A_DIAGNOSIS}",
            f"easeoff label for counts below the DSM-5 threshold of 2 criteria; {SEVERITY}",
        ),
        Band(
            2,
            3,
            "mild",
            f"2 or 3 of the 11 criteria were reported, the count researchers call mild. {_NOT_A_DIAGNOSIS}",
            SEVERITY,
        ),
        Band(
            4,
            5,
            "moderate",
            f"4 or 5 of the 11 criteria were reported, the count researchers call moderate. "
            f"{_NOT_A_DIAGNOSIS}",
            SEVERITY,
        ),
        Band(
            6,
            11,
            "severe",
            f"6 or more of the 11 criteria were reported, the count researchers call severe. "
            f"{_NOT_A_DIAGNOSIS}",
            SEVERITY,
        ),
    ),
    band_note=(
        "Bands are the DSM-5 severity by criteria count (2-3 mild, 4-5 moderate, 6+ severe); 0-1 "
        "'below threshold' is an easeoff label. The count is not a diagnosis: DSM-5 also requires "
        "clinically significant impairment or distress, which is a clinical judgement."
    ),
    score_meaning="The total is how many of the 11 criteria were met in the past 12 months.",
    copyright=(
        "Paraphrases written for easeoff. The DSM-5 criteria text is copyright the American "
        "Psychiatric Association and is not reproduced."
    ),
    caveats=(
        "Tolerance and withdrawal (items 10-11, group 'pharmacological') alone reach 'mild'; people "
        "meeting KUD typically do so through them (Smith, Epstein, Weiss, Curr Psychiatry Rep 2024). "
        "Show them apart from items 1-9.",
        "Never impute a criterion that was not assessed; a partial checklist gives only a lower bound.",
        "Record remission status (early or sustained) separately; do not derive it from this count.",
        "The exact kratom-adapted wording used by Smith et al. 2022 is unverified; these are "
        "easeoff's paraphrases.",
    ),
)
