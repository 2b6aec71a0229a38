"""One table per rule of shared/research/extraction-guidelines.md: text in, expected field out."""

from __future__ import annotations

from typing import Any

import pytest

from easeoff.nlp import extract


def record(text: str) -> dict[str, Any]:
    return extract(text).to_json("t")


def symptoms(text: str) -> dict[str, str]:
    return {s["name"]: s["status"] for s in record(text)["symptoms"]}


def doses(text: str) -> list[tuple[Any, str, str]]:
    return [(d["value"], d["unit"], d["substance"]) for d in record(text)["doses"]]


# --- Rule 5: surface forms of each canonical symptom ------------------------------------

SURFACE_FORMS = [
    # muscle_aches
    ("Day 2 and everything aches.", "muscle_aches"),
    ("So achy today, cramps in my calves.", "muscle_aches"),
    ("The bone pain is unreal.", "muscle_aches"),
    ("My joints hurt and my leg pain kept me up.", "muscle_aches"),
    ("Body aches all over.", "muscle_aches"),
    # restless_legs
    ("RLS all night long.", "restless_legs"),
    ("I have restless leg syndrome from this.", "restless_legs"),
    ("My legs keep jumping at night.", "restless_legs"),
    ("Restless limbs and restless arms at 3am.", "restless_legs"),
    ("legs twitching like crazy", "restless_legs"),
    # sweating
    ("Woke up in cold sweats.", "sweating"),
    ("I'm so sweaty.", "sweating"),
    ("the sweats are the worst", "sweating"),
    # chills_goosebumps
    ("Chills all day.", "chills_goosebumps"),
    ("I'm hot and cold constantly.", "chills_goosebumps"),
    ("Goosebumps and shivers.", "chills_goosebumps"),
    ("goose skin on my arms", "chills_goosebumps"),
    ("gooseflesh everywhere", "chills_goosebumps"),
    # diarrhoea
    ("Diarrhea since yesterday.", "diarrhoea"),
    ("I've got the shits.", "diarrhoea"),
    ("Diarrhoea all morning.", "diarrhoea"),
    ("the runs are brutal", "diarrhoea"),
    # nausea_vomiting
    ("So nauseous.", "nausea_vomiting"),
    ("Threw up twice this morning.", "nausea_vomiting"),
    ("puking my guts out", "nausea_vomiting"),
    # runny_nose_yawning_tearing
    ("Runny nose and watery eyes.", "runny_nose_yawning_tearing"),
    ("Yawning nonstop.", "runny_nose_yawning_tearing"),
    ("Sneezing fits all day.", "runny_nose_yawning_tearing"),
    ("Rhinorrhea and lacrimation.", "runny_nose_yawning_tearing"),
    # anxiety
    ("The anxiety is crushing.", "anxiety"),
    ("I started to panic.", "anxiety"),
    ("A sense of dread all day.", "anxiety"),
    ("I was freaking out about running out.", "anxiety"),
    ("So agitated today.", "anxiety"),
    # insomnia
    ("Insomnia is the worst part.", "insomnia"),
    ("I couldn't sleep at all.", "insomnia"),
    ("cant sleep again", "insomnia"),
    ("the insomina is killing me", "insomnia"),
    ("Sleepless nights for a week.", "insomnia"),
    # cravings
    ("The cravings are intense.", "cravings"),
    ("Strong urges today.", "cravings"),
    ("I really want to use.", "cravings"),
    ("The temptation is strong.", "cravings"),
    ("I'm craving oxy so bad.", "cravings"),
    # low_mood
    ("I feel depressed.", "low_mood"),
    ("The depression is heavy.", "low_mood"),
    ("Feeling hopeless.", "low_mood"),
    ("Total anhedonia.", "low_mood"),
    # fatigue
    ("So tired.", "fatigue"),
    ("I'm exhausted.", "fatigue"),
    ("Lethargic and weak.", "fatigue"),
    ("Low energy all week.", "fatigue"),
]


@pytest.mark.parametrize(("text", "name"), SURFACE_FORMS)
def test_surface_form_maps_to_canonical_symptom(text: str, name: str) -> None:
    assert symptoms(text) == {name: "present"}


UNMAPPED = [
    "Terrible headache today.",
    "My stomach hurts, abdominal pain all day.",
    "Shaking and tremors.",
    "Itching everywhere, burning skin.",
    "Hot flashes all night.",
    "So irritable, snapping at everyone.",
    "Vertigo when I stand up.",
    "I feel so restless and twitchy.",
    "My nose is all stuffed up.",
    "I cried watching a movie.",
    "No motivation, just malaise.",
    "I overslept until noon.",
    "Got some blues from a guy.",
    "I'm so fucking done with this shit.",
    "My leg tremor is annoying.",
    "I felt hot all day.",
    "Stomach cramps all morning.",
]


@pytest.mark.parametrize("text", UNMAPPED)
def test_symptoms_outside_the_label_set_map_to_nothing(text: str) -> None:
    assert symptoms(text) == {}


CLARIFIED_FORMS = [
    ("Hot and cold flashes all night.", {"chills_goosebumps": "present"}),
    ("Hot and cold sweats all night.", {"chills_goosebumps": "present", "sweating": "present"}),
    ("Sneezing like crazy.", {"runny_nose_yawning_tearing": "present"}),
    ("Started to panic when my supplier didn't answer.", {"anxiety": "present"}),
    ("Terrified of running out again.", {"anxiety": "present"}),
    ("Pure anhedonia.", {"low_mood": "present"}),
    ("Leg pain all night.", {"muscle_aches": "present"}),
    ("I want oxy so badly.", {"cravings": "present"}),
]


@pytest.mark.parametrize(("text", "expected"), CLARIFIED_FORMS)
def test_clarified_surface_forms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Rule 1: only the author's symptoms -----------------------------------------------

NOT_THE_AUTHORS = [
    "My wife is coming off oxy and she has terrible diarrhea.",
    "My husband can't sleep and he is sweating buckets.",
    "You will get RLS and insomnia for a week, trust me.",
    "If you get diarrhea, take imodium.",
    "Withdrawal symptoms include sweating, yawning, goosebumps and diarrhea.",
    "Kratom can cause nausea and constipation.",
    "I'm worried about getting RLS tonight.",
    "Expect anxiety and insomnia for the first few days.",
    "His cravings were so bad he relapsed.",
    "People say kratom helps with RLS.",
    "Symptoms of opioid withdrawal may include muscle aches and runny nose.",
    "Asking for my brother who has terrible anxiety.",
]


@pytest.mark.parametrize("text", NOT_THE_AUTHORS)
def test_other_peoples_and_hypothetical_symptoms_are_not_annotated(text: str) -> None:
    assert "symptoms" in record(text)
    author_only = symptoms(text)
    assert author_only == {}, author_only


THE_AUTHORS = [
    (
        "My wife says I'm sweating in my sleep. Also I can't sleep.",
        {"sweating": "present", "insomnia": "present"},
    ),
    ("Anyone else get crazy yawning on day 2?", {"runny_nose_yawning_tearing": "present"}),
    ("My husband is great. I have RLS though.", {"restless_legs": "present"}),
    (
        "Day 3. Sweats, chills, no sleep.",
        {"sweating": "present", "chills_goosebumps": "present", "insomnia": "present"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), THE_AUTHORS)
def test_the_authors_symptoms_are_annotated(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Rule 2: present, including a negated healthy state --------------------------------

PRESENT = [
    ("No sleep at all last night.", {"insomnia": "present"}),
    ("Zero energy today.", {"fatigue": "present"}),
    ("I haven't slept in two days.", {"insomnia": "present"}),
    ("Slept maybe 2 hours.", {"insomnia": "present"}),
    ("I have no energy and I'm nauseous.", {"fatigue": "present", "nausea_vomiting": "present"}),
    ("Cravings hit hard tonight.", {"cravings": "present"}),
]


@pytest.mark.parametrize(("text", "expected"), PRESENT)
def test_present_symptoms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Rule 3: negated, and generic negation that makes no entry -------------------------

NEGATED = [
    ("No cravings today.", {"cravings": "negated"}),
    ("No nausea or diarrhoea.", {"nausea_vomiting": "negated", "diarrhoea": "negated"}),
    (
        "no nausea, no diarrhea, no RLS",
        {"nausea_vomiting": "negated", "diarrhoea": "negated", "restless_legs": "negated"},
    ),
    ("Sleeping normally.", {"insomnia": "negated"}),
    ("I have no desire to use.", {"cravings": "negated"}),
    ("Didn't have any anxiety at all.", {"anxiety": "negated"}),
    ("I'm not depressed, just bored.", {"low_mood": "negated"}),
    ("Never had any sweats on kratom.", {"sweating": "negated"}),
    ("Without any RLS, which was a relief.", {"restless_legs": "negated"}),
    ("Zero diarrhea so far.", {"diarrhoea": "negated"}),
    ("No withdrawal symptoms at all.", {}),
    ("No withdrawals whatsoever.", {}),
    ("No cravings but the RLS is terrible.", {"cravings": "negated", "restless_legs": "present"}),
    ("Not feeling too bad, sweating a bit.", {"sweating": "present"}),
]


@pytest.mark.parametrize(("text", "expected"), NEGATED)
def test_negated_symptoms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Rule 4: relieved ---------------------------------------------------------------------

RELIEVED = [
    ("No more RLS.", {"restless_legs": "relieved"}),
    ("The RLS went away.", {"restless_legs": "relieved"}),
    ("The sweats are gone.", {"sweating": "relieved"}),
    ("The anxiety is better, but still there.", {"anxiety": "relieved"}),
    ("Not as much anxiety today.", {"anxiety": "relieved"}),
    ("The cravings are less and less every day.", {"cravings": "relieved"}),
    ("The insomnia eased after a week.", {"insomnia": "relieved"}),
    ("Clonidine helped with the sweating.", {"sweating": "relieved"}),
    ("Kratom took away the cravings.", {"cravings": "relieved"}),
    ("Imodium stopped the diarrhea.", {"diarrhoea": "relieved"}),
    (
        "Sweats, chills, RLS and diarrhea. Then I took a sub and the withdrawal was gone.",
        {
            "sweating": "relieved",
            "chills_goosebumps": "relieved",
            "restless_legs": "relieved",
            "diarrhoea": "relieved",
        },
    ),
    ("RLS all night. Today the RLS is gone.", {"restless_legs": "relieved"}),
    ("I don't get cravings anymore.", {"cravings": "relieved"}),
    ("My depression is finally lifting.", {"low_mood": "relieved"}),
    ("The yawning subsided.", {"runny_nose_yawning_tearing": "relieved"}),
    ("Sleeping better now.", {"insomnia": "relieved"}),
    ("My energy is coming back.", {"fatigue": "relieved"}),
    ("The diarrhea is not as bad.", {"diarrhoea": "relieved"}),
]


@pytest.mark.parametrize(("text", "expected"), RELIEVED)
def test_relieved_symptoms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


FINAL_STATE = [
    ("The RLS went away for a few hours but then the RLS came back.", {"restless_legs": "present"}),
    ("No cravings on day 1. By day 3 the cravings were brutal.", {"cravings": "present"}),
    (
        "Kratom helps the fatigue for a bit, then it wears off and I'm exhausted again.",
        {"fatigue": "present"},
    ),
    ("Bad anxiety on day 2. By day 6 the anxiety was gone.", {"anxiety": "relieved"}),
    ("Day 1 terrible sweats. Day 5 no sweats.", {"sweating": "relieved"}),
]


@pytest.mark.parametrize(("text", "expected"), FINAL_STATE)
def test_final_state_wins(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Rule 6: any cause -------------------------------------------------------------------

ANY_CAUSE = [
    ("Suboxone makes me so tired.", {"fatigue": "present"}),
    ("The gabapentin gave me nausea.", {"nausea_vomiting": "present"}),
    ("Coming down off coke I get so depressed.", {"low_mood": "present"}),
]


@pytest.mark.parametrize(("text", "expected"), ANY_CAUSE)
def test_symptoms_count_whatever_caused_them(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Substances ----------------------------------------------------------------------------

SUBSTANCES = [
    ("I take kratom every day.", ["kratom"]),
    ("Switched from Suboxone to Subutex, then to bupe.", ["buprenorphine"]),
    ("Took a sub this morning.", ["buprenorphine"]),
    ("Posted this in another sub yesterday, kratom question.", ["kratom"]),
    ("Oxycontin, then OC's, then roxies, then oxy.", ["oxycodone"]),
    ("Percocet and Norco and Vicodin and Lortab.", ["oxycodone", "hydrocodone"]),
    ("Neurontin, Imodium and Catapres.", ["gabapentin", "loperamide", "clonidine"]),
    ("Valium, Xanax, temazepam, clonazepam and phenazepam.", ["benzodiazepine"]),
    ("Klonopin, Ativan, Librium, kpins and xannies.", ["benzodiazepine"]),
    ("I was on H for years. Dope is everywhere.", ["heroin"]),
    ("Ultram then Ultracet.", ["tramadol"]),
    ("Got the Vivitrol shot.", ["naltrexone"]),
    ("Mitragyna speciosa, red bali, maeng da, green malay, OPMS and MIT45.", ["kratom"]),
    ("7-OH tablets and 7oh shots.", ["kratom"]),
    ("Tylenol 3 with promethazine.", ["codeine", "promethazine"]),
    ("methadone and fentanyl, fent and fenty.", ["methadone", "fentanyl"]),
    ("Booze, beer and weed.", ["alcohol", "cannabis"]),
    ("Poppy tea and pods.", ["opium"]),
    ("Phenobarbital and butalbital.", ["barbiturate"]),
    ("Lots of coffee and cigarettes.", []),
    ("Opiates, pain pills and my meds.", []),
    ("My brother was on heroin.", ["heroin"]),
    (
        "Started with kratum, then imodium, then clonidine, then kratom again.",
        ["kratom", "loperamide", "clonidine"],
    ),
    ("I'm so done with this. Done crying.", []),
    (
        "Hydrocodone, morphine, dilaudid, tramadol, ibogaine and cocaine.",
        ["hydrocodone", "morphine", "hydromorphone", "tramadol", "ibogaine", "cocaine"],
    ),
    ("Got some blues from a guy.", []),
]


@pytest.mark.parametrize(("text", "expected"), SUBSTANCES)
def test_substances_map_to_generic_names_in_order_of_first_mention(text: str, expected: list[str]) -> None:
    assert record(text)["substances"] == expected


# --- Doses -----------------------------------------------------------------------------------

DOSES = [
    ("Took 4 capsules of kratom, 500 mg each.", [(4, "capsules", "kratom"), (500, "mg", "kratom")]),
    ("I take 0.25 mg of clonidine.", [(0.25, "mg", "clonidine")]),
    ("Kratom 2.5g in the morning.", [(2.5, "g", "kratom")]),
    ("20-40mg of methadone", [("20-40", "mg", "methadone")]),
    ("1/4-1/2 tsp of kratom", [("1/4-1/2", "tsp", "kratom")]),
    ("10+ g of kratom", [("10+", "g", "kratom")]),
    ("200mg of tramadol a day", [(200, "mg/day", "tramadol")]),
    ("30 gpd of kratom", [(30, "g/day", "kratom")]),
    ("kratom at 10-12g/day", [("10-12", "g/day", "kratom")]),
    ("4g of kratom 3x a day", [(4, "g", "kratom")]),
    ("two 8mg pills of suboxone", [(2, "pills", "buprenorphine"), (8, "mg", "buprenorphine")]),
    ("Ate 4 - 10 mg pills of oxy.", [(4, "pills", "oxycodone"), (10, "mg", "oxycodone")]),
    ("Was taking 60mg of opiates a day.", [(60, "mg/day", "unspecified_opioid")]),
    ("If I took 20g of kratom I'd be fine.", [(20, "g", "kratom")]),
    ("I'm 34, 180 lbs, paid $40 for kratom, day 4 off it.", []),
    ("3 days off oxy after 5 years.", []),
    ("Poppy tea from 2 pounds of pods, 3 cups.", []),
    ("Fentanyl patch 50 mcg/hr, 12 oz of water, 5 ml.", []),
    ("Oxy 30s, popped an 80.", []),
    ("Methadone 10 mg/ml liquid.", []),
    ("I'm on 90mg/9ml of methadone.", [(90, "mg/day", "methadone")]),
    ("Took half an 8mg sub.", [(8, "mg", "buprenorphine")]),
    ("fifteen 10mg pills a day of oxy", [(15, "pills", "oxycodone"), (10, "mg", "oxycodone")]),
    ("Methadone 40 mg once a day.", [(40, "mg", "methadone")]),
    ("Methadone 40 mg daily.", [(40, "mg/day", "methadone")]),
    ("up to 16 mg of suboxone", [(16, "mg", "buprenorphine")]),
    ("Dropping my kratom by 0.5g every week.", [(0.5, "g", "kratom")]),
    ("2 tsp of kratom", [(2, "tsp", "kratom")]),
    ("1 tbsp of kratom powder", [(1, "tbsp", "kratom")]),
    ("3 bags of dope a day", [(3, "bags", "heroin")]),
    ("two bottles of OPMS", [(2, "bottles", "kratom")]),
    ("2 quarter sheets of fent", [(2, "quarter sheets", "fentanyl")]),
    ("3 tablets of imodium", [(3, "tablets", "loperamide")]),
    ("two 8mg subs a day", [(8, "mg", "buprenorphine")]),
    ("Kratom: 5 grams, sometimes 7 grams.", [(5, "g", "kratom"), (7, "g", "kratom")]),
    ("gabapentin 300mg three times a day", [(300, "mg", "gabapentin")]),
]


@pytest.mark.parametrize(("text", "expected"), DOSES)
def test_doses(text: str, expected: list[tuple[Any, str, str]]) -> None:
    assert doses(text) == expected


# --- kratom_effect ---------------------------------------------------------------------------

EFFECTS = [
    ("Kratom took away my withdrawal symptoms from oxy.", "helped"),
    ("Kratom helped a bit with the RLS during my oxy detox.", "helped"),
    ("Kratom blocked the cravings when I quit heroin.", "helped"),
    ("Took 5g of kratom and the withdrawals disappeared.", "helped"),
    ("Kratom did nothing for my withdrawal from fentanyl.", "not_helped"),
    ("Tried kratom for the wds, didn't work at all.", "not_helped"),
    ("Kratom made my withdrawal worse.", "worse"),
    ("I'm addicted to kratom and it's ruining my life.", "worse"),
    ("Kratom withdrawal is hell, I regret ever starting.", "worse"),
    ("Day 4 off kratom. RLS and yawning, nothing major.", "none"),
    ("I quit heroin with subs. Clonidine helped the sweats.", "none"),
    ("Kratom is great for my back pain.", "none"),
    ("I've never tried kratom but I think it's a scam.", "none"),
    ("I use kratom every morning with coffee.", "none"),
    ("Quit oxy last year, no kratom involved.", "none"),
    ("My friend says kratom helps his withdrawals.", "none"),
    ("Does kratom help with withdrawal?", "none"),
    ("Kratom helped me get through antidepressant withdrawal.", "helped"),
]


@pytest.mark.parametrize(("text", "expected"), EFFECTS)
def test_kratom_effect(text: str, expected: str) -> None:
    assert record(text)["kratom_effect"] == expected


# --- Scope of cues: lists, clauses and anaphora ----------------------------------------------

SCOPE = [
    # Unlabelled symptoms ("the shakes", "tremors") inside a list do not stop a cue.
    ("The gabapentin calmed the tremors and the RLS.", {"restless_legs": "relieved"}),
    ("Clonidine stopped the shakes and cold sweats.", {"sweating": "relieved"}),
    ("No yawning or headaches anymore.", {"runny_nose_yawning_tearing": "relieved"}),
    # ... but a mention that carries its own negation is not reached through such a list.
    ("No appetite, no energy and I'm freezing.", {"fatigue": "present", "chills_goosebumps": "present"}),
    # "anymore" closes a negated clause, however long.
    ("I'm not puking my guts out every morning anymore.", {"nausea_vomiting": "relieved"}),
    ("I'm not sweating at all.", {"sweating": "negated"}),
    # A relative clause between a mention and its cue.
    ("The cramps that kept me up on day two are milder now.", {"muscle_aches": "relieved"}),
    (
        "Yawning and goosebumps were like 80% better.",
        {"runny_nose_yawning_tearing": "relieved", "chills_goosebumps": "relieved"},
    ),
    # Explicit persistence outranks a later cue.
    ("Insomnia is still there but the diarrhea eased.", {"insomnia": "present", "diarrhoea": "relieved"}),
    ("Fatigue keeps hanging around, everything else is gone.", {"fatigue": "present"}),
    # "Never had X before" is a new symptom, not a negated one.
    ("I never had depression before this stuff.", {"low_mood": "present"}),
    ("I never had anxiety.", {"anxiety": "negated"}),
    # "can't go N hours without X": X comes whenever the dose is late.
    (
        "I can't go 4 hours without sweating and yawning.",
        {"sweating": "present", "runny_nose_yawning_tearing": "present"},
    ),
    ("I went a day without sweating.", {"sweating": "negated"}),
    # A pronoun object: "made them bearable".
    (
        "Sweats and chills all night, but the clonidine made them bearable.",
        {"sweating": "relieved", "chills_goosebumps": "relieved"},
    ),
    ("Subs cut my cravings in half.", {"cravings": "relieved"}),
    ("Imodium handled the diarrhea.", {"diarrhoea": "relieved"}),
    ("Melatonin worked well for the insomnia.", {"insomnia": "relieved"}),
    # Field lists.
    ("Anxiety: none today.", {"anxiety": "negated"}),
    ("sleep: maybe 2 hours", {"insomnia": "present"}),
    ("Cravings are pretty much zero.", {"cravings": "negated"}),
    # "but manageable" concedes the symptom is there; keeping it manageable is relief.
    ("The RLS is annoying but bearable.", {"restless_legs": "present"}),
    ("Gabapentin keeps the RLS manageable.", {"restless_legs": "relieved"}),
    # The object of a hoped-for help is a symptom the author has; a textbook risk is not.
    ("I hoped the clonidine would help with my sweats.", {"sweating": "present"}),
    ("Kratom might cause anxiety.", {}),
]


@pytest.mark.parametrize(("text", "expected"), SCOPE)
def test_cue_scope(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# Relief of a whole: the gut, or feeling normal again, relieves what was listed before.
WHOLE_RELIEF = [
    ("Diarrhea all day yesterday. My stomach calmed down after some imodium.", {"diarrhoea": "relieved"}),
    ("My stomach is a mess and I've got diarrhea.", {"diarrhoea": "present"}),
    (
        "Sweats and nausea. The zofran took care of the stomach issues.",
        {"sweating": "present", "nausea_vomiting": "relieved"},
    ),
    (
        "Week one: sweats, RLS, no sleep. Week two I felt human again, just exhausted.",
        {"sweating": "relieved", "restless_legs": "relieved", "insomnia": "relieved", "fatigue": "present"},
    ),
    (
        "Cravings are still there but the aches eased. Feeling like myself again.",
        {"cravings": "present", "muscle_aches": "relieved"},
    ),
    # The dependence cycle is not recovery.
    ("Sweats and cravings. I need 10g just to feel normal.", {"sweating": "present", "cravings": "present"}),
    (
        "Diarrhea, chills and RLS all week. Now the withdrawal is gone.",
        {"diarrhoea": "relieved", "chills_goosebumps": "relieved", "restless_legs": "relieved"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), WHOLE_RELIEF)
def test_relief_of_a_whole(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


MORE_SURFACE_FORMS = [
    ("Finally my eyes stopped watering.", {"runny_nose_yawning_tearing": "relieved"}),
    ("Total no-energy day.", {"fatigue": "present"}),
    ("Mood is pretty low today.", {"low_mood": "present"}),
    ("I'm so weak today.", {"fatigue": "present"}),
    ("The batch was so weak.", {}),  # a weak batch is no symptom
    ("I keep thinking about using.", {"cravings": "present"}),
    ("Day 12 and my mood is in the gutter.", {"low_mood": "present"}),
    (
        "Legs kicking and sweating all night. Took my dose, now I'm human again.",
        {"restless_legs": "relieved", "sweating": "relieved"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_SURFACE_FORMS)
def test_more_surface_forms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


# --- Doses: counts, plausibility and quit drugs -------------------------------------------

DOSE_ATTRIBUTION = [
    # The drug between a strength and its count takes the count.
    (
        "Down to 3 - 10mg oxycodone pills a day, kratom for the rest.",
        [(3, "pills", "oxycodone"), (10, "mg", "oxycodone")],
    ),
    (
        "Kratom (5g) and two 4mg zofran tablets.",
        [(5, "g", "kratom"), (2, "tablets", "ondansetron"), (4, "mg", "ondansetron")],
    ),
    # A drug being quit does not take a kratom-like amount it is not written next to.
    ("Kratom plan while getting off methadone: 2 tsp twice a day.", [(2, "tsp", "kratom")]),
    ("I bought some kratom. Second day without oxy I took 4g in the morning.", [(4, "g", "kratom")]),
    ("Coming off methadone: 30mg now.", [(30, "mg", "methadone")]),
    # Ten grams or more is kratom, not heroin.
    ("Swapped heroin for kratom and now I'm up to 50g a day.", [(50, "g/day", "kratom")]),
    ("I was doing 1g of heroin a day before kratom.", [(1, "g/day", "heroin")]),
]


@pytest.mark.parametrize(("text", "expected"), DOSE_ATTRIBUTION)
def test_dose_attribution(text: str, expected: list[tuple[Any, str, str]]) -> None:
    assert doses(text) == expected


# --- kratom_effect: agents and cues -----------------------------------------------------------

EFFECT_AGENTS = [
    # An amount, or "the dose", stands for the substance dosed.
    ("Quitting oxy with kratom. Two teaspoons every morning keeps the sickness away.", "helped"),
    ("Day 3 off fent. Took 8g of kratom. Half an hour after the dose the chills faded.", "helped"),
    ("Late for my kratom and I'm sweating. Took my dose and an hour later I feel fine.", "helped"),
    (
        "Day 3 off fent, took 0.1mg clonidine. An hour after the dose the chills faded. Kratom is next.",
        "none",
    ),
    # Relief told after a sentence about taking kratom, with a short sentence between.
    ("Off heroin since Monday and I took 5g of kratom this morning. Wow. The RLS calmed down.", "helped"),
    # A pronoun reaches back over short sentences and amounts.
    ("Kratom for my oxy wd, 6g. Waited. Took 4g more. Zero change. It did squat.", "not_helped"),
    # The object of "work on" is the target, not the agent.
    ("Kratom for heroin withdrawal is a joke. It doesn't work on heroin.", "not_helped"),
    # An instrument named after the cue.
    ("Tapered from 80mg of methadone to zero using kratom.", "helped"),
    ("The only thing that helped during my fent detox: kratom, lots of it.", "helped"),
    ("Kratom >>> clonidine for wd, not even close.", "helped"),
    ("Clonidine > kratom for wd, not even close.", "none"),
    ("I take >10g of kratom a day for withdrawal.", "none"),
    # A subject of its own is not kratom.
    ("Quit oxy with kratom, 4g eased the aches. The loneliness was worse than the wd.", "helped"),
]


@pytest.mark.parametrize(("text", "expected"), EFFECT_AGENTS)
def test_kratom_effect_agents(text: str, expected: str) -> None:
    assert record(text)["kratom_effect"] == expected


EFFECT_CUES = [
    ("Kratom did pretty much nothing for my oxy withdrawal.", "not_helped"),
    ("Kratom didn't touch my withdrawal.", "not_helped"),
    ("Kratom does not touch heroin wd.", "not_helped"),
    ("Kratom made me sick the first time so I never touched it again. Stuck with subs.", "none"),
    ("My wife takes kratom for her knees. I'm 1 year off pills and I don't touch it.", "none"),
    ("Kratom made the nausea I already had from the fent withdrawal way worse.", "worse"),
    ("Since I switched from subs to kratom my cravings are through the roof.", "worse"),
    ("Kratom kept me clean from heroin for a year.", "helped"),
    ("I used kratom to get through percocet withdrawal. It worked!", "helped"),
    ("Kratom handled the cravings during my oxy taper.", "helped"),
    ("Kratom got me off percs, the withdrawals were basically nothing.", "helped"),
    ("Sweating and kicking on day 2 off heroin. Took 6g kratom, an hour later I'm human again.", "helped"),
    ("Day 3 off oxy and I took 5g of kratom. I'm not calm at all.", "none"),
    ("Clonidine helped a lot - kratom did nothing for my wd.", "not_helped"),
    ("Been on kratom 2 years and I cut my dose in half last month, no withdrawal.", "none"),
    # "Anyone else ...?" tells the author's own experience; other questions do not.
    ("Does anyone else find kratom useless for fent withdrawal?", "not_helped"),
    ("Does kratom help with oxy withdrawal?", "none"),
]


@pytest.mark.parametrize(("text", "expected"), EFFECT_CUES)
def test_kratom_effect_cues(text: str, expected: str) -> None:
    assert record(text)["kratom_effect"] == expected


# --- Causes found on a blind set: cue vocabulary, scope, whose, doses, effect ---------------

MORE_RELIEF_AND_NEGATION = [
    # Relief phrased with a perfect tense, a share, or a "fit" of the symptom.
    ("Kratom has taken away most of the restless legs.", {"restless_legs": "relieved"}),
    ("My sneezing fit stopped after the first dose.", {"runny_nose_yawning_tearing": "relieved"}),
    # Partial improvement told by comparison (rule 4).
    ("The chills are maybe a third of what they were on day one.", {"chills_goosebumps": "relieved"}),
    ("Still some sweating at night, but nothing like yesterday.", {"sweating": "relieved"}),
    ("Cravings are there but a lot weaker.", {"cravings": "relieved"}),
    ("My anxiety was way down by the evening.", {"anxiety": "relieved"}),
    ("The yawning is still there but duller.", {"runny_nose_yawning_tearing": "relieved"}),
    # A symptom that went and stayed gone; a list that ended with time.
    ("The insomnia hasn't come back since Tuesday.", {"insomnia": "relieved"}),
    ("Bad chills for two days, then I was fine.", {"chills_goosebumps": "relieved"}),
    ("Some yawning in the afternoon, which passed.", {"runny_nose_yawning_tearing": "relieved"}),
    # Negation told after the mention.
    ("Sweats never showed up this time.", {"sweating": "negated"}),
    ("The nausea hasn't appeared yet.", {"nausea_vomiting": "negated"}),
]


@pytest.mark.parametrize(("text", "expected"), MORE_RELIEF_AND_NEGATION)
def test_more_relief_and_negation_cues(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


MORE_SCOPE = [
    # "cut" the taper step is no relief verb, and a relief verb takes its object directly.
    ("After my latest cut I'm sweating constantly.", {"sweating": "present"}),
    # A relief verb under negation relieves nothing.
    ("I don't think it eased the aches at all.", {"muscle_aches": "present"}),
    # Bare negations in a list stay negated when a cue about the next item reaches back.
    (
        "No chills, no sweats, and the RLS was awful at first but it's better now.",
        {"chills_goosebumps": "negated", "sweating": "negated", "restless_legs": "relieved"},
    ),
    # "no more" reaches forward only: the healthy state before it stays negated.
    ("Sleeping well, no more panic.", {"insomnia": "negated", "anxiety": "relieved"}),
    # A short verdict relieves what each thing was taken "for".
    (
        "Imodium for the runs, gabapentin for the RLS. Both did the trick.",
        {"diarrhoea": "relieved", "restless_legs": "relieved"},
    ),
    # Symptoms of "them" (other people) are not the author's.
    ("My pharmacist says the generic ones give them cramps.", {}),
    ("Sweats all night. Kratom made them go away by morning.", {"sweating": "relieved"}),
]


@pytest.mark.parametrize(("text", "expected"), MORE_SCOPE)
def test_more_cue_scope(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


EVEN_MORE_SURFACE_FORMS = [
    ("Inability to fall asleep is the worst part.", {"insomnia": "present"}),
    ("Shits were constant on day 2.", {"diarrhoea": "present"}),
    ("My nose ran all night.", {"runny_nose_yawning_tearing": "present"}),
    ("Dripping nose at work again.", {"runny_nose_yawning_tearing": "present"}),
    ("Kratom for shits and giggles, no withdrawal.", {}),
]


@pytest.mark.parametrize(("text", "expected"), EVEN_MORE_SURFACE_FORMS)
def test_even_more_surface_forms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


MORE_DOSES = [
    # A range of counts of one strength; the pill noun is no class word.
    (
        "Quit oxy last week. Was taking 3-4 20mg pills a day.",
        [("3-4", "pills", "oxycodone"), (20, "mg", "oxycodone")],
    ),
    # A repeated dose counts twice, a level the author returns to once.
    ("Took 4g of kratom, then another 4g an hour later.", [(4, "g", "kratom"), (4, "g", "kratom")]),
    (
        "From 4mg of bupe I went down to 2mg, then back up to 4mg.",
        [(4, "mg", "buprenorphine"), (2, "mg", "buprenorphine")],
    ),
    # "opiate withdrawal" names a kind of withdrawal, not the drug of the amount.
    (
        "Those 7OH tabs are nasty. I was up to 3 tablets a day and the opiate withdrawal when I stopped "
        "was brutal.",
        [(3, "tablets", "kratom")],
    ),
    # Nobody takes a benzodiazepine by the gram.
    ("Tried kratom during my klonopin taper, 5g each morning.", [(5, "g", "kratom")]),
    # Films are buprenorphine; a later stray mg amount continues the last mg dose.
    (
        "Suboxone turned my life around. I was doing dope daily. Induction was two 8mg films. "
        "Been stable on 6mg for a year.",
        [(8, "mg", "buprenorphine"), (6, "mg", "buprenorphine")],
    ),
    (
        "I took 8mg suboxone for a year. Then switched to methadone. Now on 40mg.",
        [(8, "mg", "buprenorphine"), (40, "mg", "methadone")],
    ),
    # A stray mg amount after a class word is the class word's, not kratom's named later.
    (
        "Been on pain meds for years, 40mg a day. Doc says drop 5mg a week. Is kratom worth trying?",
        [(40, "mg/day", "unspecified_opioid"), (5, "mg", "unspecified_opioid")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_DOSES)
def test_more_doses(text: str, expected: list[tuple[Any, str, str]]) -> None:
    assert doses(text) == expected


MORE_EFFECTS = [
    ("Took 6g kratom for the oxy wd and it did zero.", "not_helped"),
    # "to help" is what it was bought for, not what it did; "seemed to help" is a report.
    ("I bought kratom to help with my heroin withdrawal, and it was useless.", "not_helped"),
    ("Kratom seemed to help with my oxy withdrawal.", "helped"),
    # An opinion without personal use.
    ("Kratom is just another addiction, I'd never touch it. 10 days off fent, sweats are easing.", "none"),
    # Kratom dependence or withdrawal framed as a harm.
    ("Kratom wd was rougher than the oxy wd ever was.", "worse"),
    ("Three years later I'm back to square one, hooked on kratom instead of pills.", "worse"),
    ("I used kratom to get off heroin and it opened the door right back to using.", "worse"),
    ("Learn from my mistake. I started kratom to get off oxy and now I need it every 4 hours.", "worse"),
    # Aggravation or no change told of the symptoms, after a sentence about taking it.
    ("Took 5g of kratom at bedtime on day 2 off oxy. My anxiety spiked and I never slept.", "worse"),
    ("Day 3 off fent, took 4g of kratom. The sweats didn't budge.", "not_helped"),
    # Relief after a sentence that doses kratom without naming it.
    (
        "Day 2 off oxy and my kratom order came. Mixed 2 tsp of the powder into tea. "
        "Twenty minutes later the yawning had stopped.",
        "helped",
    ),
    ("Quit kratom after a year at 20 gpd. Ten days later the yawning had stopped.", "none"),
    # What the author could not get did not act.
    (
        "Couldn't get subs on day 2 off fent so I tried 5g of kratom. An hour later the chills eased.",
        "helped",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_EFFECTS)
def test_more_kratom_effects(text: str, expected: str) -> None:
    assert record(text)["kratom_effect"] == expected


# --- Causes found on a fourth blind set ------------------------------------------------------

FOURTH_SYMPTOMS = [
    # Sleep told without the word insomnia: badly, till dawn, a few hours, a first night's sleep.
    ("Slept terribly again, maybe dozed off at 5.", {"insomnia": "present"}),
    (
        "Day 3 off subs and I was awake until dawn, legs jerking.",
        {"insomnia": "present", "restless_legs": "present"},
    ),
    ("Tried to sleep around midnight and got like 3 hours.", {"insomnia": "present"}),
    ("My sleep is non existent this week.", {"insomnia": "present"}),
    ("Got my first decent sleep in days last night.", {"insomnia": "relieved"}),
    ("Passed out at 10 and slept till 6, which was a first since I quit.", {"insomnia": "relieved"}),
    ("By the third day I could finally sleep.", {"insomnia": "relieved"}),
    # A healthy state at zero is a present symptom, whatever word negates it.
    ("My energy is at zero and my mood is fine.", {"fatigue": "present"}),
    ("Felt shaky and weak most of the afternoon.", {"fatigue": "present"}),
    ("My legs would not keep still on the couch.", {"restless_legs": "present"}),
    # Relief verbs: slowing down, backing off, down a notch, letting up.
    ("By noon the diarrhea had slowed right down.", {"diarrhoea": "relieved"}),
    ("The chills finally backed off after lunch.", {"chills_goosebumps": "relieved"}),
    ("The cravings are down a notch today.", {"cravings": "relieved"}),
    ("Week two and the RLS is letting up.", {"restless_legs": "relieved"}),
    ("A hot shower knocked the edge off the aches.", {"muscle_aches": "relieved"}),
    # A dependence cycle: "if I go N hours without" is what happens, not a hypothetical.
    ("If I go longer than six hours without kratom I start sweating.", {"sweating": "present"}),
    # A symptom told in the future is expected, not had.
    ("Jump day is tomorrow and I'm sure the chills will hit by evening.", {}),
    # An object of a preposition is not whom the next sentence is about.
    ("Day 4. Snapped at everyone at work. No sweats though.", {"sweating": "negated"}),
]


@pytest.mark.parametrize(("text", "expected"), FOURTH_SYMPTOMS)
def test_fourth_set_symptoms(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


FOURTH_EFFECTS = [
    # Implicit help: survivable, a notch down, a method told as done, a timed log.
    ("Coming off dope, kratom made the whole week survivable.", "helped"),
    ("10 days off pills. Kratom brings the restlessness down a notch.", "helped"),
    ("I used kratom to taper off 60mg of methadone and never had a craving.", "helped"),
    ("Kratom was the MVP of my heroin detox.", "helped"),
    (
        "T+0 - 4g of green malay, day 2 off fent, yawning and sweating.\nT+0:45 - yawning has stopped.",
        "helped",
    ),
    # A relief verb denied is not help.
    ("Day 3 off oxy. Kratom didn't ease the cramps at all.", "not_helped"),
    ("Tried 6g of kratom for the heroin wd and it would not stop the sweating.", "not_helped"),
    # A claim about other people is not the author's report.
    ("Kratom works for lots of people, but for me it did nothing for the fent withdrawal.", "not_helped"),
    # Worse: precipitated withdrawal, dependence harm, comparison with the old drug.
    ("Don't combine kratom with suboxone. It put me into full blown withdrawal.", "worse"),
    ("Quit kratom after 18 months. Nobody warns you about the restless legs.", "worse"),
    (
        "I switched to kratom to quit oxy. A year on, the anxiety between doses is worse than "
        "anything oxy did to me.",
        "worse",
    ),
    (
        "4 days off heroin. Took 2 tsp of kratom plus a shot of vodka. "
        "The next day the sweats were worse than before I took it.",
        "worse",
    ),
    # Someone close tried it and the author says how it went.
    (
        "My wife went through oxy withdrawal in May. She tried kratom and said it did nothing for her.",
        "not_helped",
    ),
    ("My brother uses kratom for his back and says it helps. I'm 3 months off oxy.", "none"),
]


@pytest.mark.parametrize(("text", "expected"), FOURTH_EFFECTS)
def test_fourth_set_effects(text: str, expected: str) -> None:
    assert record(text)["kratom_effect"] == expected


# --- Causes found on a blind set: one row per general fix ---------------------------------

MORE_SYMPTOM_CASES = [
    # Relief phrased as a comparison, a reduction or a change of state.
    (
        "The shaking is still there but the nausea is nowhere near as bad now.",
        {"nausea_vomiting": "relieved"},
    ),
    ("By evening the sneezing had reduced a lot.", {"runny_nose_yawning_tearing": "relieved"}),
    ("Panic every morning at first, then the anxiety became manageable.", {"anxiety": "relieved"}),
    ("Clonidine calmed my legs down by the second night.", {"restless_legs": "relieved"}),
    ("The ache in my hips subsided after an hour.", {"muscle_aches": "relieved"}),
    ("Cravings for the dope are way down this week.", {"cravings": "relieved"}),
    ("Couldn't sleep for days. Finally slept almost 7 hours last night.", {"insomnia": "relieved"}),
    # A contrast after a relief verb is not relief.
    (
        "It helped the cramps a lot, not so much the sweating.",
        {"muscle_aches": "relieved", "sweating": "present"},
    ),
    # "The physical stuff" is the body's symptoms, not mood or energy.
    (
        "I'm depressed and tired all the time. The physical stuff is gone though, no more chills.",
        {"low_mood": "present", "fatigue": "present", "chills_goosebumps": "relieved"},
    ),
    # Surface forms.
    ("For two days I couldn't keep food down.", {"nausea_vomiting": "present"}),
    ("Energy is pretty low but I'm working.", {"fatigue": "present"}),
    ("Surprisingly I did sleep on night one.", {"insomnia": "negated"}),
    # A habit told with "would" after a past condition is the author's own.
    ("Whenever I missed a dose my legs would go crazy.", {"restless_legs": "present"}),
    ("If I went a day without it I got the runs.", {"diarrhoea": "present"}),
    # "was going to" describes, it does not predict.
    (
        "Felt like I was going to die of dread, sweating buckets.",
        {"anxiety": "present", "sweating": "present"},
    ),
    # A relative clause between a list and a negation told after it.
    (
        "The chills and insomnia I had last detox never showed up.",
        {"chills_goosebumps": "negated", "insomnia": "negated"},
    ),
    # Someone placed "next to me" is another person.
    (
        "The woman next to me on the ward was vomiting all night. I just had goosebumps.",
        {"chills_goosebumps": "present"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_SYMPTOM_CASES)
def test_blind_set_symptom_causes(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected


MORE_DOSE_CASES = [
    # A strength with the dose form after it is a strength, not a count.
    ("Was taking 10mg tablets of oxycodone.", [(10, "mg", "oxycodone")]),
    ("Gabapentin 600mg capsules for the legs.", [(600, "mg", "gabapentin")]),
    ("Two 10mg tablets of oxycodone.", [(2, "tablets", "oxycodone"), (10, "mg", "oxycodone")]),
]


@pytest.mark.parametrize(("text", "expected"), MORE_DOSE_CASES)
def test_strength_followed_by_dose_form(text: str, expected: list[tuple[Any, str, str]]) -> None:
    assert doses(text) == expected


WORSE_FRAMES = [
    "I quit pills with kratom and now this plant owns me.",
    "Kratom is not a harmless herb, it hooked me for three years.",
    "Kratom was a harm for me in the end.",
    "Kratom turned into the problem I was using it to fix.",
]


@pytest.mark.parametrize("text", WORSE_FRAMES)
def test_dependence_framed_as_harm_is_worse(text: str) -> None:
    assert record(text)["kratom_effect"] == "worse"


SIXTH_EFFECTS = [
    # Dependence framed as harm: a swap of habits, a setback, "better off without".
    ("Kratom got me off hydros, sure. I just swapped them, trading one habit for a bigger one.", "worse"),
    ("Six months clean from dope, then kratom set my recovery back a whole year.", "worse"),
    ("Came off codeine with kratom. Honestly I'd have been better off tapering the codeine.", "worse"),
    (
        "Started kratom for my oxy wd last month. My panic is far worse after I take it.",
        "worse",
    ),
    # Denied help told tersely or indirectly.
    ("Day 3 off fent, took 5g of red kratom. Nothing. Not a dent in the cramps.", "not_helped"),
    (
        "Quit tramadol last week. Took 3g of kratom twice and didn't feel a thing, still sweating.",
        "not_helped",
    ),
    ("Off heroin 4 days. I don't think kratom does anything for me, took 8g and still puked.", "not_helped"),
    # Implicit help: the subject is what touched it, knocked it down, lets me function.
    ("Day 6 off subs and kratom is what really touched the restless legs.", "helped"),
    ("Kratom knocked down the sweats on day 3 of my methadone taper.", "helped"),
    ("Two weeks off oxy. 3g of kratom at lunch and I can function at my desk.", "helped"),
    (
        "Kratom is sold at every market here. I was on codeine for years. "
        "Chewing fresh leaf each day got me off it.",
        "helped",
    ),
    # A verdict alone ("mistake", "don't recommend") with denied help is not_helped, not worse.
    ("Tried kratom for coming off subs. Big mistake, it didn't do anything for the insomnia.", "not_helped"),
    ("Kratom didn't touch my benzo wd anxiety at all. Would not recommend.", "not_helped"),
]


@pytest.mark.parametrize(("text", "expected"), SIXTH_EFFECTS)
def test_sixth_set_kratom_effects(text: str, expected: str) -> None:
    assert record(text)["kratom_effect"] == expected


SIXTH_RELIEF_VERBS = [
    ("Day 3 off fent. Kratom knocked down the body aches.", {"muscle_aches": "relieved"}),
    ("Off subs a week, and kratom is what really touched the cravings.", {"cravings": "relieved"}),
    ("Took 4g of kratom and within an hour the nausea had dissolved.", {"nausea_vomiting": "relieved"}),
]


@pytest.mark.parametrize(("text", "expected"), SIXTH_RELIEF_VERBS)
def test_sixth_set_relief_verbs(text: str, expected: dict[str, str]) -> None:
    assert symptoms(text) == expected
