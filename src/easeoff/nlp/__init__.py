"""Journal and experience-report extraction: symptoms, substances, doses and kratom's effect.

``extract(text)`` returns an ``Extraction``; ``to_record(id, extraction)`` gives the
record of ``shared/research/extraction-guidelines.md``; ``iter_records`` runs a
batch of JSON lines, in parallel if asked.
"""

from easeoff.nlp.batch import iter_records
from easeoff.nlp.doses import DoseFinding
from easeoff.nlp.extract import Extraction, Highlight, SubstanceFinding, extract, to_record
from easeoff.nlp.lexicon import CORE_SUBSTANCES, EFFECTS, STATUSES, SYMPTOM_NAMES, UNITS
from easeoff.nlp.symptoms import SymptomFinding

__all__ = [
    "CORE_SUBSTANCES",
    "EFFECTS",
    "STATUSES",
    "SYMPTOM_NAMES",
    "UNITS",
    "DoseFinding",
    "Extraction",
    "Highlight",
    "SubstanceFinding",
    "SymptomFinding",
    "extract",
    "iter_records",
    "to_record",
]
