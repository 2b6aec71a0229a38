"""Interaction tables and cue vocabularies the safety rules read, as data with sources.

Substance codes are compared after `normalise`, so "Buprenorphine/Naloxone" and
"buprenorphine_naloxone" match. A dose belongs to a class by its substance code first and
its catalogue category second (e.g. any "opioid" category dose is an opioid, and methadone
is an opioid whatever its category).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from easeoff.domain.safety import sources
from easeoff.domain.safety.model import DoseRecord, normalise

Evidence = Literal["clinical", "in_vitro", "inference"]


@dataclass(frozen=True, slots=True)
class DepressantClass:
    """A class of substances that depress breathing together with opioid-acting substances."""

    code: str
    name: str
    substances: frozenset[str]
    categories: frozenset[str]
    source: str

    def contains(self, dose: DoseRecord) -> bool:
        """Return True if the dose's substance or category belongs to this class."""
        return normalise(dose.substance) in self.substances or dose.category in self.categories


def _codes(*names: str) -> frozenset[str]:
    return frozenset(normalise(name) for name in names)


# Opioid-acting treatment medicines: opioids for the breathing rules, but not "use" for the
# return-to-use rule.
OPIOID_TREATMENT_CODES = _codes("methadone", "buprenorphine", "buprenorphine_naloxone")

OPIOIDS = DepressantClass(
    code="opioid",
    name="opioids (including methadone and buprenorphine)",
    substances=OPIOID_TREATMENT_CODES
    | _codes(
        "heroin",
        "fentanyl",
        "oxycodone",
        "hydrocodone",
        "morphine",
        "hydromorphone",
        "codeine",
        "tramadol",
        "tapentadol",
        "oxymorphone",
        "opium",
        "unspecified_opioid",
    ),
    categories=frozenset({"opioid"}),
    source=f"{sources.K64_FDA_BOXED}; {sources.K40_CDC}; {sources.K57_POST}",
)
BENZODIAZEPINES = DepressantClass(
    code="benzodiazepine",
    name="benzodiazepines",
    substances=_codes(
        "benzodiazepine",
        "alprazolam",
        "clonazepam",
        "diazepam",
        "lorazepam",
        "temazepam",
        "oxazepam",
        "chlordiazepoxide",
        "midazolam",
        "triazolam",
        "phenazepam",
    ),
    categories=frozenset(),
    source=sources.K64_FDA_BOXED,
)
ALCOHOL = DepressantClass(
    code="alcohol",
    name="alcohol",
    substances=_codes("alcohol", "ethanol"),
    categories=frozenset(),
    source=sources.K64_FDA_BOXED,
)
GABAPENTINOIDS = DepressantClass(
    code="gabapentinoid",
    name="gabapentin or pregabalin",
    substances=_codes("gabapentin", "pregabalin"),
    categories=frozenset(),
    source=sources.K65_FDA_GABAPENTINOIDS,
)
OTHER_DEPRESSANTS = DepressantClass(
    code="cns_depressant",
    name="other sedatives (catalogue category cns_depressant)",
    substances=_codes("zolpidem", "barbiturate", "phenobarbital"),
    categories=frozenset({"cns_depressant"}),
    source=sources.K64_FDA_BOXED,
)
DEPRESSANT_CLASSES: tuple[DepressantClass, ...] = (
    OPIOIDS,
    BENZODIAZEPINES,
    ALCOHOL,
    GABAPENTINOIDS,
    OTHER_DEPRESSANTS,
)


def depressant_class(dose: DoseRecord) -> DepressantClass | None:
    """Return the first depressant class the dose belongs to, or None (kratom is not one here)."""
    if is_kratom(dose):
        return None
    for candidate in DEPRESSANT_CLASSES:
        if candidate.contains(dose):
            return candidate
    return None


# Semi-synthetic kratom-derived compounds scheduled federally in the US (MP, MGM-15, MGM-16):
# treated like concentrated 7-OH products.
SEMI_SYNTHETIC_CODES = _codes(
    "7_hydroxymitragynine",
    "7_oh",
    "mitragynine_pseudoindoxyl",
    "mgm_15",
    "mgm_16",
)


def is_kratom(dose: DoseRecord) -> bool:
    """Return True for any kratom dose: leaf, extract, 7-OH product or a semi-synthetic analogue."""
    return dose.category == "kratom" or is_concentrated(dose)


def is_concentrated(dose: DoseRecord) -> bool:
    """Return True for a concentrated 7-OH product or a semi-synthetic analogue (MP, MGM-15/16)."""
    return dose.is_7oh_product or normalise(dose.substance) in SEMI_SYNTHETIC_CODES


def is_leaf_kratom(dose: DoseRecord) -> bool:
    """Return True for kratom that is not a concentrated 7-OH or semi-synthetic product."""
    return is_kratom(dose) and not is_concentrated(dose)


@dataclass(frozen=True, slots=True)
class CypInteraction:
    """A medicine whose exposure kratom may raise through CYP inhibition, with the evidence."""

    enzyme: Literal["CYP3A", "CYP2D6"]
    substances: frozenset[str]
    name: str
    evidence: Evidence
    effect: str
    source: str


CYP_INTERACTIONS: tuple[CypInteraction, ...] = (
    CypInteraction(
        enzyme="CYP3A",
        substances=_codes("midazolam"),
        name="midazolam",
        evidence="clinical",
        effect=(
            "midazolam exposure rose 39 % (AUC x1.39) after one 2 g kratom tea, mainly by intestinal CYP3A"
        ),
        source=sources.K21_TANNA_2023,
    ),
    CypInteraction(
        enzyme="CYP3A",
        substances=_codes("oxycodone", "fentanyl", "methadone", "buprenorphine", "buprenorphine_naloxone"),
        name="opioids partly cleared by CYP3A (oxycodone, fentanyl, methadone, buprenorphine)",
        evidence="inference",
        effect=(
            "kratom inhibits CYP3A (time-dependent in liver and gut microsomes; clinically shown for "
            "midazolam), so exposure to these opioids may rise; not measured for them"
        ),
        source=f"{sources.K20_TANNA_2021}; {sources.K21_TANNA_2023}; {sources.K18_TANNA_REVIEW}",
    ),
    CypInteraction(
        enzyme="CYP3A",
        substances=_codes("benzodiazepine"),
        name="benzodiazepines (many are partly cleared by CYP3A)",
        evidence="inference",
        effect="exposure may rise as for other CYP3A substrates; not measured",
        source=f"{sources.K21_TANNA_2023}; {sources.K18_TANNA_REVIEW}",
    ),
    CypInteraction(
        enzyme="CYP2D6",
        substances=_codes("dextromethorphan"),
        name="dextromethorphan (CYP2D6 probe)",
        evidence="in_vitro",
        effect=(
            "mitragynine strongly inhibits CYP2D6 in vitro (Ki 1.17 uM), but one 2 g dose did not change "
            "dextromethorphan exposure; heavy repeated use is unstudied"
        ),
        source=f"{sources.K19_EXTRACT_CYP}; {sources.K20_TANNA_2021}; {sources.K21_TANNA_2023}",
    ),
)


def cyp_interaction(dose: DoseRecord, enzyme: str) -> CypInteraction | None:
    """Return the table row for this dose's substance and enzyme, or None."""
    code = normalise(dose.substance)
    for row in CYP_INTERACTIONS:
        if row.enzyme == enzyme and code in row.substances:
            return row
    return None


# Treatment medicines that can precipitate withdrawal in a person who still has opioids on board.
PRECIPITANT_CODES = _codes("buprenorphine", "buprenorphine_naloxone", "naltrexone", "naloxone")
ALPHA2_AGONIST_CODES = _codes("lofexidine", "clonidine")

# Journal cue vocabularies. Extractor symptom names come from the extraction guidelines;
# the other cues are free-text findings the journal service recognises.
GI_LOSS_SYMPTOMS = _codes("diarrhoea", "diarrhea", "nausea_vomiting", "vomiting")
DEHYDRATION_SIGNS = _codes(
    "unable_to_keep_fluids_down",
    "dizziness_on_standing",
    "very_little_urine",
    "confusion",
)
LIVER_CUES = _codes(
    "jaundice",
    "yellow_eyes",
    "yellow_skin",
    "yellow_eyes_skin",
    "dark_urine",
    "pale_stools",
    "liver_injury_symptoms",
)
SELF_HARM_CUES = _codes("suicidal_thoughts", "self_harm", "thoughts_of_self_harm")
OVERDOSE_CUES = _codes("unresponsive", "slow_breathing", "stopped_breathing", "blue_lips")
SEIZURE_CUES = _codes("seizure", "fit", "convulsion")
LOW_BLOOD_PRESSURE_CUES = _codes("dizziness", "fainting", "syncope", "slow_pulse", "dizziness_on_standing")

# Profile conditions (after `normalise`) and withdrawing_from codes that mean a person is also
# stopping alcohol or a benzodiazepine.
CONCURRENT_WITHDRAWAL_CONDITIONS = _codes("alcohol_withdrawal", "benzodiazepine_withdrawal")
CONCURRENT_WITHDRAWAL_SUBSTANCES = ALCOHOL.substances | BENZODIAZEPINES.substances

RECOGNISED_CUES: frozenset[str] = (
    GI_LOSS_SYMPTOMS
    | DEHYDRATION_SIGNS
    | LIVER_CUES
    | SELF_HARM_CUES
    | OVERDOSE_CUES
    | SEIZURE_CUES
    | LOW_BLOOD_PRESSURE_CUES
)


def names(values: Iterable[str]) -> frozenset[str]:
    """Return the normalised form of every name."""
    return frozenset(normalise(value) for value in values)
