"""Generic drug names outside the vocabulary, recognised by their WHO INN stems.

The guidelines list "other substances" by their generic name ("meloxicam",
"dihydrocodeine", "paracetamol"). ``lexicon.SUBSTANCE_PATTERNS`` only knows the
drugs that come up often in withdrawal talk, so this stage catches the rest:

* A word ending in an International Nonproprietary Name stem (``-profen``,
  ``-oxicam``, ``-prazole``, ``-statin``, ``-sartan`` ...) is a generic name, listed
  as written in lower case (a plural "s" dropped). Stems the guidelines map to a
  class map to it: ``-azepam``/``-azolam`` to ``benzodiazepine``, ``-barbital`` to
  ``barbiturate``.
* Common generics without a telling stem (paracetamol, ibuprofen, aspirin,
  dihydrocodeine, pethidine ...) and a few brands are listed by name.
* Combination brands map to their opioid only (co-codamol and Nurofen Plus to
  ``codeine``, co-dydramol to ``dihydrocodeine``), as the guidelines' rule for
  Tylenol 3 says; the co-ingredient is listed only when named on its own.

Every stem needs at least three letters before it, and the stems were checked
against a large English word list: the only English words that end in one
("april", "cholesterol", "penicillin"...) are in ``STOP_WORDS`` or are drugs.
"""

from __future__ import annotations

import re
from typing import Final

# INN stem -> class name from the guidelines, or "" to list the word itself.
STEMS: Final[dict[str, str]] = {
    "azepam": "benzodiazepine",
    "azolam": "benzodiazepine",
    "zolam": "benzodiazepine",
    "barbital": "barbiturate",
    "codone": "",
    "morphone": "",
    "orphine": "",
    "orphanol": "",
    "profen": "",
    "oxicam": "",
    "coxib": "",
    "fenac": "",
    "setron": "",
    "prazole": "",
    "tidine": "",
    "tadine": "",
    "triptyline": "",
    "oxetine": "",
    "ipramine": "",
    "dronate": "",
    "sartan": "",
    "olol": "",
    "pril": "",
    "statin": "",
    "umab": "",
    "imab": "",
    "omab": "",
    "floxacin": "",
    "cycline": "",
    "mycin": "",
    "cillin": "",
    "conazole": "",
    "nidazole": "",
    "dipine": "",
    "gliptin": "",
    "gliflozin": "",
    "formin": "",
    "lukast": "",
    "triptan": "",
    "afil": "",
    "caine": "",
    "semide": "",
    "thiazide": "",
    "xaban": "",
    "gatran": "",
    "zapine": "",
    "tiapine": "",
    "peridol": "",
    "peridone": "",
    "lamide": "",
    "faxine": "",
    "clopram": "",
    "sonide": "",
    "nisolone": "",
    "nisone": "",
    "methasone": "",
}

# Generics without a telling stem (and a few brands) -> the name to list.
NAMES: Final[dict[str, str]] = {
    "paracetamol": "paracetamol",
    "acetaminophen": "acetaminophen",
    "ibuprofen": "ibuprofen",
    "naproxen": "naproxen",
    "aspirin": "aspirin",
    "dihydrocodeine": "dihydrocodeine",
    "pethidine": "pethidine",
    "meperidine": "meperidine",
    "demerol": "meperidine",
    "nalbuphine": "nalbuphine",
    "pentazocine": "pentazocine",
    "dextromethorphan": "dextromethorphan",
    "diphenoxylate": "diphenoxylate",
    "lomotil": "diphenoxylate",
    "ketorolac": "ketorolac",
    "toradol": "ketorolac",
    "metformin": "metformin",
    "lamotrigine": "lamotrigine",
    "topiramate": "topiramate",
    "carbamazepine": "carbamazepine",
    "levetiracetam": "levetiracetam",
    "zopiclone": "zopiclone",
    "eszopiclone": "eszopiclone",
    "modafinil": "modafinil",
    "methylphenidate": "methylphenidate",
    "ritalin": "methylphenidate",
    "metoclopramide": "metoclopramide",
    "prochlorperazine": "prochlorperazine",
    "dicyclomine": "dicyclomine",
    "hyoscine": "hyoscine",
    "buscopan": "hyoscine",
    "simethicone": "simethicone",
    "nurofen": "ibuprofen",
    "advil": "ibuprofen",
    "motrin": "ibuprofen",
    "brufen": "ibuprofen",
    "aleve": "naproxen",
    "naprosyn": "naproxen",
    "panadol": "paracetamol",
    "calpol": "paracetamol",
    "tylenol": "acetaminophen",
    "mobic": "meloxicam",
    "celebrex": "celecoxib",
    "voltaren": "diclofenac",
    "elavil": "amitriptyline",
    "lunesta": "eszopiclone",
    "prilosec": "omeprazole",
    "nexium": "esomeprazole",
    "pepcid": "famotidine",
    # Combination brands: the opioid only.
    "co-codamol": "codeine",
    "cocodamol": "codeine",
    "co-dydramol": "dihydrocodeine",
    "codydramol": "dihydrocodeine",
    "nurofen plus": "codeine",
    "solpadeine": "codeine",
    "panadeine": "codeine",
    "tylex": "codeine",
    "zapain": "codeine",
    "tylenol 3": "codeine",
}

# English words (and non-drug jargon) that end in a stem.
STOP_WORDS: Final = frozenset(
    {
        "april",
        "cholesterol",
        "novocaine",
        "rapine",
        "guadalquivir",
        "tanzapine",
    }
)

_NAMES_RE: Final = "|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True) if NAMES[n])
_STEMS_RE: Final = "|".join(sorted(STEMS, key=len, reverse=True))
# A word with a known name, or three letters or more then a stem (and an optional plural "s").
_GENERIC: Final = re.compile(
    rf"(?<![\w'-])(?:(?P<name>{_NAMES_RE})|[a-z]{{3,}}(?P<stem>{_STEMS_RE}))s?(?![\w-])"
)
# Cheap prefilter: only texts with a stem's or a name's tail anywhere are scanned word by word.
_TAILS: Final = re.compile(
    "|".join(sorted({s[-3:] for s in STEMS} | {n[-3:] for n in NAMES if NAMES[n]}, key=len, reverse=True))
)


def find_generics(lower: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Return (name, start, end) for each generic name in ``lower`` not overlapping ``taken``.

    ``lower`` is the lower-cased text; ``taken`` holds the spans the vocabulary already matched.
    """
    if _TAILS.search(lower) is None:
        return []
    found = []
    for m in _GENERIC.finditer(lower):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        word = m.group().removesuffix("s") if m.group("stem") else m.group()
        if word in STOP_WORDS:
            continue
        name = NAMES[m.group("name")] if m.group("name") else STEMS[m.group("stem")] or word
        found.append((name, start, end))
    return found
