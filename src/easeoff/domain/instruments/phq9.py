"""Patient Health Questionnaire-9 (PHQ-9): 9 self-rated items 0-3, total 0-27, LOINC-coded.

Any answer above 0 on item 9 raises the flag "phq9_item9_positive" whatever the total:
the safety rules act on the flag, not on the band. The difficulty question (LOINC
69722-7) is an optional, unscored item and never enters the total.
"""

from easeoff.domain.instruments.model import Band, Instrument, Item, Option
from easeoff.domain.instruments.phq_common import FREQUENCY_OPTIONS, FREQUENCY_SOURCE, PFIZER_COPYRIGHT

SOURCE = (
    "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity "
    "measure. J Gen Intern Med 2001;16(9):606-613"
)
ITEMS = (
    f"{SOURCE}; item wording of the Pfizer PHQ-9 form, matching the LOINC displays in the HL7 US "
    "Core and Personal Health Record IG examples"
)
BANDS = f"{SOURCE}; cut-points 5, 10, 15 and 20"
ITEM9 = (
    f"{ITEMS}. Flag: Simon GE et al. Psychiatr Serv 2013;64(12):1195-1202 (item 9 predicts suicide "
    "attempt and death)"
)
DIFFICULTY = (
    "PHQ-9 functional question, not scored; wording of LOINC 69722-7 (HL7 US Core example); "
    "answers LOINC LL359-1 (Medizininformatik-Initiative PROMs; LHC-Forms PHQ-9 export)"
)

_TEXTS = (
    ("44250-9", "Little interest or pleasure in doing things"),
    ("44255-8", "Feeling down, depressed, or hopeless"),
    ("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
    ("44254-1", "Feeling tired or having little energy"),
    ("44251-7", "Poor appetite or overeating"),
    (
        "44258-2",
        "Feeling bad about yourself \N{EM DASH} or that you are a failure or have let yourself or "
        "your family down",
    ),
    ("44252-5", "Trouble concentrating on things, such as reading the newspaper or watching television"),
    (
        "44253-3",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite "
        "\N{EM DASH} being so fidgety or restless that you have been moving around a lot more than "
        "usual",
    ),
)


def _item(number: int, loinc: str, text: str) -> Item:
    return Item(
        id=f"phq9_{number}",
        number=number,
        text=text,
        loinc=loinc,
        options=FREQUENCY_OPTIONS,
        source=ITEMS,
        options_source=FREQUENCY_SOURCE,
    )


PHQ9 = Instrument(
    code="phq9",
    name="Patient Health Questionnaire-9",
    short_name="PHQ-9",
    version="2001",
    source=SOURCE,
    administered_by="self",
    recall_period="past 2 weeks",
    instructions="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        *(_item(number, loinc, text) for number, (loinc, text) in enumerate(_TEXTS, start=1)),
        Item(
            id="phq9_9",
            number=9,
            text="Thoughts that you would be better off dead or of hurting yourself in some way",
            loinc="44260-8",
            options=FREQUENCY_OPTIONS,
            source=ITEM9,
            options_source=FREQUENCY_SOURCE,
            flag_above=0,
            flag_code="phq9_item9_positive",
        ),
        Item(
            id="phq9_difficulty",
            number=10,
            text=(
                "How difficult have these problems made it for you to do your work, take care of "
                "things at home, or get along with other people?"
            ),
            loinc="69722-7",
            options=(
                Option(0, "Not difficult at all", "LA6572-7"),
                Option(1, "Somewhat difficult", "LA6573-5"),
                Option(2, "Very difficult", "LA6575-0"),
                Option(3, "Extremely difficult", "LA6574-3"),
            ),
            source=DIFFICULTY,
            options_source=DIFFICULTY,
            scored=False,
            required=False,
        ),
    ),
    bands=(
        Band(
            0,
            4,
            "none to minimal",
            "Your answers suggest no or minimal symptoms of depression over the last 2 weeks.",
            BANDS,
        ),
        Band(5, 9, "mild", "Your answers suggest mild symptoms of depression over the last 2 weeks.", BANDS),
        Band(
            10,
            14,
            "moderate",
            "Your answers suggest moderate symptoms of depression, worth talking over with a clinician.",
            BANDS,
        ),
        Band(
            15,
            19,
            "moderately severe",
            "Your answers suggest moderately severe symptoms of depression; please talk them over "
            "with a clinician.",
            BANDS,
        ),
        Band(
            20,
            27,
            "severe",
            "Your answers suggest severe symptoms of depression; please talk to a clinician soon.",
            BANDS,
        ),
    ),
    band_note=(
        "Bands use the published cut-points 5, 10, 15 and 20 (Kroenke 2001). A total of 10 or more "
        "detected major depression with 88% sensitivity and 88% specificity. The item 9 flag is "
        "independent of the band."
    ),
    score_meaning="Higher totals mean more symptoms of depression; the range is 0 to 27.",
    copyright=PFIZER_COPYRIGHT,
    loinc_panel="44249-1",
    loinc_total="44261-6",
    caveats=(
        "PHQ-9 is not a suicide screen by itself: many people at risk do not endorse item 9 "
        "(PMC8258235). Offer a validated follow-up such as the C-SSRS screener.",
        "Never drop item 9 (PHQ-8); the wording must not be modified.",
    ),
)
