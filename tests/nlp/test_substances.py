"""Substance finding beyond the vocabulary: misspelled names (edit distance) and senses of ambiguous slang."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from easeoff.nlp import extract
from easeoff.nlp.fuzzy import COMMON_WORDS, DRUG_NAMES, closest_name, distance, find_misspelled, max_distance
from easeoff.nlp.senses import capital_h_is_heroin, is_other_sense
from easeoff.nlp.substances import find_substances
from easeoff.nlp.text import normalise

HERE = Path(__file__).parent


def substances(text: str) -> list[str]:
    return [s.name for s in extract(text).substances]


def substance_evidence(text: str, name: str) -> list[str]:
    return [
        text[s:e] for s, e, kind, label in extract(text).highlights() if kind == "substance" and label == name
    ]


# --- The distance ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("kratom", "kratom", 0.0),
        ("kratrom", "kratom", 1.0),  # insertion
        ("suboxne", "suboxone", 1.0),  # deletion
        ("percoset", "percocet", 1.0),  # substitution
        ("diluadid", "dilaudid", 1.0),  # adjacent transposition
        ("fentanly", "fentanyl", 1.0),  # adjacent transposition at the end
        ("xanex", "xanax", 0.5),  # a vowel for a vowel costs half
        ("fentynal", "fentanyl", 1.0),  # two vowel swaps
        ("methadonne", "methadone", 1.0),
        ("gabapentn", "gabapentin", 1.0),
        ("", "abc", 3.0),
    ],
)
def test_distance(a: str, b: str, expected: float) -> None:
    assert distance(a, b) == expected
    assert distance(b, a) == expected


def test_bound_grows_with_length_and_is_zero_for_short_words() -> None:
    assert [max_distance(n) for n in (3, 4, 5, 8, 9, 13)] == [0.0, 0.0, 1.0, 1.0, 2.0, 2.0]


# --- Misspelled names not in the vocabulary ---------------------------------------------

MISSPELLED = [
    # (text, expected substances, the misspelled word)
    ("Tapered off suboxne last spring.", ["buprenorphine"], "suboxne"),
    ("Been on suboxzone 8mg for two years.", ["buprenorphine"], "suboxzone"),
    ("Day 4 off fentinyl and sweating buckets.", ["fentanyl"], "fentinyl"),
    ("Fentynal is in everything now.", ["fentanyl"], "Fentynal"),
    ("Two days off fentanly.", ["fentanyl"], "fentanly"),
    ("My oxycodne script ran out.", ["oxycodone"], "oxycodne"),
    ("Day 9 off percoset.", ["oxycodone"], "percoset"),
    ("Hydrocodeine withdrawl day 2.", ["hydrocodone"], "Hydrocodeine"),
    ("Diluadid was my drug of choice.", ["hydromorphone"], "Diluadid"),
    ("Methadonne tapers take forever.", ["methadone"], "Methadonne"),
    ("I'm on 30mg of methadome.", ["methadone"], "methadome"),
    ("Loperimide is my best friend this week.", ["loperamide"], "Loperimide"),
    ("gabapentn at night helps a bit", ["gabapentin"], "gabapentn"),
    ("Weird dreams on gabapenten.", ["gabapentin"], "gabapenten"),
    ("Klonipin 1mg at night.", ["benzodiazepine"], "Klonipin"),
    ("A zanax at night.", ["benzodiazepine"], "zanax"),
    ("Took a klonodine 0.1mg.", ["clonidine"], "klonodine"),
    ("Now on naltrexon 50mg.", ["naltrexone"], "naltrexon"),
    ("10 days off trammadol.", ["tramadol"], "trammadol"),
    ("Kratrom saved my life.", ["kratom"], "Kratrom"),
    ("My last dose of buprenorpine was Tuesday.", ["buprenorphine"], "buprenorpine"),
    ("Three days off herion.", ["heroin"], "herion"),
    ("They gave me morphin in the ER.", ["morphine"], "morphin"),
    ("Lots of gabapentins in the cabinet.", ["gabapentin"], "gabapentins"),  # a plural
]


@pytest.mark.parametrize(("text", "expected", "word"), MISSPELLED)
def test_misspelled_names_are_found_with_their_span(text: str, expected: list[str], word: str) -> None:
    assert substances(text) == expected
    assert substance_evidence(text, expected[0]) == [word]


NOT_MISSPELLINGS = [
    "I stopped because the methods were not working.",
    "Watching the clouds morphing into shapes.",
    "I had to clone my phone.",
    "She is so gabby at group.",
    "The heroic effort of my family got me through.",
    "A heron landed in the yard.",
    "The rules herein apply to everyone.",
    "Saw a dolphin on vacation.",
    "Methane from the compost.",
    "I am so neurotic about my taper.",
    "Up ten percent from last month.",
    "Filled the balloons with helium.",
    "I was coding all night.",
    "My heroes are the people at my meeting.",
    "That was specious reasoning.",
    "Took the kids to the podium ceremony.",
    "Lithium batteries in the drawer.",
    "Eating lean protein and drinking electrolytes.",
    "I love melatonin and magnesium at night.",
    "Serotonin and dopamine are messed up.",
]


@pytest.mark.parametrize("text", NOT_MISSPELLINGS)
def test_english_words_near_a_drug_name_are_not_substances(text: str) -> None:
    assert substances(text) == []


# A few hundred frequent words of the posts this reads, written out here; none may be a drug.
_FREQUENT_TEXT = """
about above absolutely actually addict addiction advice afraid after afternoon again against almost alone
along already alright although always amazing anger angry another answer anxiety anxious anybody anymore
anyone anything anyway apartment appetite around asleep awake aware awful baby bathroom beautiful became
because become bedroom before began behind being believe better between blood bored boring bottle brain
bread breakfast breath bring broke brother brought bucket buddy called calm candy cannot careful carry
cause chair chance change cheap cheese chest child children choice church class clean clear clinic close
clothes coffee coming completely constant control cookie corner could couldn counselor couple course
cousin crazy cream crying daily daughter dealer death decided decision detox different dinner doctor
doing dollars dream dreams drink drinking driving dropping during early eating either emergency energy
enough entire evening every everyone everything exactly exercise expect experience family father feeling
fever fight finally first floor flowers focus follow forever forget forward friend friends front funny
future garden getting given giving glass going gonna great group guess habit happen happened happy having
headache health healthy heard heart heavy hello helped helping helps history holding honest honestly
hopeless horrible hospital hours house however human hungry hurts husband idea inside insurance itself
journey kicking kitchen knees known later laugh learn least leave legal level light little living longer
looking lower lucky maybe meals means medical medicine meeting meetings mental might minute minutes
miracle mistake money month months morning mostly mother mouth moving music myself nasty nausea nervous
never night nights normal nothing notice noticed number nurse often orange other others outside pain
parents party patient peace people percent perhaps person phone physical picture place plans plant
please point police powder pretty prison probably problem problems program promise quite rather ready
really reason recovery reddit relapse relief remember rest right rough sadness scared school second
seems serious seriously seven several shaking shower should shower simple since sister sleep sleeping
slowly small smoke smoking something sometimes sorry speak special spent sponsor spoon start started
starting still stomach stopped story stress strong struggle stuff sugar summer support sweating sweats
symptoms table taking taper tapering teaspoon thank thanks their there these thing things think third
those though thought three through today together tomorrow tonight total totally tough tried trying
under until using usually vacation walking wanted wanting water weekend weeks weight welcome whatever
where whether which while whole window withdrawal withdrawals without woman wonder working worried worse
worst would wouldn write wrong years yesterday yoga young yourself
"""
FREQUENT_WORDS = _FREQUENT_TEXT.split()


def test_frequent_words_are_never_read_as_drug_names() -> None:
    hits = {word: closest_name(word) for word in FREQUENT_WORDS if closest_name(word) is not None}
    assert hits == {}


def test_words_of_the_labelled_sets_match_only_drugs_of_their_passage() -> None:
    """Every word of every labelled passage that the stage reads as a drug is one the passage names."""
    for name in ("devset.jsonl", "heldout.jsonl", "heldout2.jsonl"):
        for line in (HERE / name).read_text().splitlines():
            record = json.loads(line)
            for word in re.findall(r"[a-z]{5,}", record["text"].lower()):
                match = closest_name(word)
                if match is not None:
                    assert DRUG_NAMES[match] in record["substances"], (record["id"], word, match)


def test_common_words_and_exact_names_are_skipped() -> None:
    assert all(closest_name(word) is None for word in COMMON_WORDS)
    assert all(closest_name(name) is None for name in DRUG_NAMES)  # the vocabulary finds exact names


def test_short_words_are_never_compared() -> None:
    assert closest_name("xnax") is None
    assert closest_name("subz") is None


def test_equally_close_names_of_two_drugs_give_nothing() -> None:
    # "codine" is one edit from codeine; nothing else is as close, so it is codeine.
    assert closest_name("codine") == "codeine"
    assert closest_name("methadome") in ("methadone", "methadose")  # both are methadone
    assert DRUG_NAMES[closest_name("methadome") or ""] == "methadone"


def test_only_words_the_vocabulary_left_unmatched_are_compared() -> None:
    lower = "took suboxne and kratom"
    assert find_misspelled(lower, []) == [("buprenorphine", 5, 12)]
    assert find_misspelled(lower, [(5, 12)]) == []  # already matched
    assert [m.name for m in find_substances(normalise("took suboxne and kratom"))] == [
        "buprenorphine",
        "kratom",
    ]


def test_misspelled_dose_is_tied_to_the_misspelled_drug() -> None:
    record = extract("Came off 4mg of suboxne, and 300mg gabapentn at night.").to_json("t")
    assert [(d["value"], d["unit"], d["substance"]) for d in record["doses"]] == [
        (4, "mg", "buprenorphine"),
        (300, "mg", "gabapentin"),
    ]


# --- Senses of ambiguous slang ------------------------------------------------------------

SENSES = [
    # coke: soda or cocaine
    ("Had a diet coke and went to bed.", []),
    ("Grabbed a coke from the vending machine.", []),
    ("Drinking coke and eating crackers is all I can manage.", []),
    ("Got a can of coke and some soup.", []),
    ("Coke zero is my new addiction lol", []),
    ("I did a line of coke at the party and relapsed.", ["cocaine"]),
    ("My coke habit got out of hand.", ["cocaine"]),
    ("Been off coke and pills for a year.", ["cocaine"]),
    ("had a coke binge last weekend", ["cocaine"]),
    # crack
    ("Up at the crack of dawn with the sweats.", []),
    ("Going to crack open a soda to celebrate.", []),
    ("I almost had to crack a smile.", []),
    ("There's a crack in my phone screen.", []),
    ("Smoked crack for 3 years before I got clean.", ["cocaine"]),
    ("Relapsed on crack last night.", ["cocaine"]),
    # dope: adjective, insult or heroin
    ("That's dope, congrats on 30 days!", []),
    ("This song is so dope.", []),
    ("Pretty dope that the clinic is open on weekends.", []),
    ("The meeting was dope.", []),
    ("That playlist is dope btw.", []),
    ("That's a dope write-up, thanks.", []),
    ("That's a dope bag, strong stuff.", ["heroin"]),
    ("How dope is that!", []),
    ("I know how dope withdrawal feels.", ["heroin"]),
    ("I need some fucking dope.", ["heroin"]),
    ("What a dope, I forgot my keys.", []),
    ("I used to shoot dope every day.", ["heroin"]),
    ("3 weeks off dope and still sweating.", ["heroin"]),
    ("The dope around here is weak.", ["heroin"]),
    ("Bought a bag of dope after 60 days clean.", ["heroin"]),
    # Molly and Roxy: a person or a drug
    ("Molly said I look better than last week.", []),
    ("My cousin Molly picked me up from the clinic.", []),
    ("Me and Molly went to a meeting.", []),
    ("Took molly at a rave and the comedown was awful.", ["mdma"]),
    ("Molly and coke every weekend for a year.", ["mdma", "cocaine"]),
    ("My friend Roxy asked how I was doing.", []),
    ("My girlfriend Roxy drove me to the clinic.", []),
    ("I was buying roxys off a guy at work.", ["oxycodone"]),
    # lean: a verb, an adjective or codeine
    ("I lean on my sponsor a lot.", []),
    ("Had to lean against the counter, legs too weak.", []),
    ("Trying to eat lean protein to get my strength back.", []),
    ("I tend to lean towards tapering slowly.", []),
    ("Used to sip lean every night.", ["codeine"]),
    ("Quit lean 6 months ago.", ["codeine"]),
    # pot: cookware or cannabis
    ("Made a pot of coffee and sat on the porch.", []),
    ("Threw everything in the crock pot.", []),
    ("I boiled a pot of pasta but couldn't eat.", []),
    ("Smoked pot to help me sleep.", ["cannabis"]),
    ("Pot makes my anxiety worse.", ["cannabis"]),
    ("Ate a pot brownie and slept 10 hours.", ["cannabis"]),
    # H: heroin or a letter
    ("Day 3 off H.", ["heroin"]),
    ("3 days off H and I feel like death.", ["heroin"]),
    ("Shooting H for years.", ["heroin"]),
    ("Got tested for H. pylori today.", []),
    ("I live in Building H.", []),
    ("Plan H is to just sleep through it.", []),
    ("Vitamin H is biotin, who knew.", []),
    ("Went to H&M to buy new clothes.", []),
    ("Shopping at H-E-B tomorrow.", []),
    ("Ask Dr. H about it.", []),
    # smack, weed, fetty
    ("He talks smack about everyone at group.", []),
    ("Smack dab in the middle of withdrawal.", []),
    ("I was on smack for 10 years.", ["heroin"]),
    ("Need to weed out the bad influences.", []),
    ("Smoking weed every night.", ["cannabis"]),
    ("Listening to Fetty Wap on repeat.", []),
    ("Got a bag of fetty and almost died.", ["fentanyl"]),
]


@pytest.mark.parametrize(("text", "expected"), SENSES)
def test_ambiguous_slang_is_a_substance_only_in_its_drug_sense(text: str, expected: list[str]) -> None:
    assert substances(text) == expected


def test_everyday_sense_leaves_no_highlight_and_the_drug_sense_keeps_its_span() -> None:
    text = "Had a diet coke. Then did a line of coke."
    assert substance_evidence(text, "cocaine") == ["coke"]
    [(start, end)] = next(s.spans for s in extract(text).substances if s.name == "cocaine")
    assert start == text.rindex("coke") and end == start + 4


def test_sense_rules_only_judge_ambiguous_words() -> None:
    text = "kratom and oxycodone"
    assert not is_other_sense(text, 0, 6)
    assert not is_other_sense(text, 11, 20)
    assert capital_h_is_heroin("off H for good", 4, 5)
    assert not capital_h_is_heroin("plan H for good", 5, 6)


def test_a_slang_word_in_its_everyday_sense_is_not_read_as_a_misspelling() -> None:
    # "crack" in "crack of dawn" is dropped, and not handed to the edit-distance stage either.
    assert substances("Up at the crack of dawn, smoking crack again.") == ["cocaine"]


# --- Roles shared across coordination and apposition ------------------------------------

ROLES = [
    # (text, name, is_agent of its first mention)
    ("I used this to come off Lortab and Oxycontin.", "oxycodone", False),
    ("Quit hydrocodne (vicodin) in May.", "hydrocodone", False),
    ("Got off heroin and kratom saved me.", "kratom", True),
    ("I switched from opiates to kratom.", "kratom", True),
]


@pytest.mark.parametrize(("text", "name", "agent"), ROLES)
def test_a_mention_joined_to_a_quit_drug_shares_its_role(text: str, name: str, agent: bool) -> None:
    mentions = [m for m in find_substances(normalise(text)) if m.name == name]
    assert mentions[-1].is_agent is agent


# --- Generic names outside the vocabulary (INN stems and a curated list) ----------------------

GENERICS = [
    ("My doctor had me on meloxicam and pantoprazole.", ["meloxicam", "pantoprazole"]),
    ("Also on lisinopril, metoprolol and rosuvastatin.", ["lisinopril", "metoprolol", "rosuvastatin"]),
    ("Ondansetron did nothing but granisetron worked.", ["ondansetron", "granisetron"]),
    ("Paracetamol and ibuprofen did nothing for the aches.", ["paracetamol", "ibuprofen"]),
    ("Was on dihydrocodeine, then pethidine in hospital.", ["dihydrocodeine", "pethidine"]),
    ("They gave me midazolam and then lormetazepam.", ["benzodiazepine"]),
    ("Doc switched me from sertraline to amitriptyline.", ["sertraline", "amitriptyline"]),
    # Combination brands: the opioid only, the co-ingredient when named on its own.
    ("Hooked on co-codamol and Nurofen Plus.", ["codeine"]),
    ("Co-dydramol and some paracetamol on the side.", ["dihydrocodeine", "paracetamol"]),
    # Plain brands map to their generic.
    ("Took Advil and Tylenol for the headache.", ["ibuprofen", "acetaminophen"]),
    ("Tylenol 3 from the dentist.", ["codeine"]),
]


@pytest.mark.parametrize(("text", "expected"), GENERICS)
def test_generic_names_by_stem_and_list(text: str, expected: list[str]) -> None:
    assert substances(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "See you in April, my cholesterol is fine.",
        "Novocaine at the dentist, nothing else.",
        "I took melatonin for sleep and drank herbal tea.",
        "Statistics say the protocol works; the pilot trial was small.",
    ],
)
def test_english_words_are_not_generic_names(text: str) -> None:
    assert substances(text) == []


def test_stems_do_not_fire_on_an_english_word_list() -> None:
    from easeoff.nlp.generics import find_generics

    words = " ".join(
        ["april", "cholesterol", "rapine", "sartorial", "pilot", "statistic", "formal", "triptych", "caine"]
    )
    assert find_generics(words, []) == []
