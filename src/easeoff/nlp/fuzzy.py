"""Misspelled drug names that no vocabulary pattern caught: an edit-distance stage.

People type drug names as they hear them ("suboxne", "fentynal", "loperimide",
"methadonne"). The regular expressions in ``lexicon.py`` hold the common
misspellings; this stage catches the rest. It looks at each word the patterns
left unmatched and compares it with a curated dictionary of generic and brand
names (``DRUG_NAMES``), using an optimal string alignment (restricted
Damerau-Levenshtein) distance in which swapping one vowel for another costs
half an edit, because most misspellings of drug names are vowel confusions.

* The bound grows with the length of the shorter of the word and the name: at most 1
  for 5 to 8 letters, 2 for 9 letters or more. Words shorter than 5 letters are never
  compared.
* A word that is itself an English word is never a misspelling ("herein" is not
  heroin, "morphing" not morphine): ``COMMON_WORDS`` lists the English words that
  lie within the bound of some dictionary name, found by testing the dictionary
  against a large English word list, and a few hundred frequent words besides.
* Candidates come from a deletion-neighbourhood index (SymSpell) and a vowel-skeleton
  index built once at import, so a word is compared only with the few names it could
  match; most words cost one set lookup and a handful of dictionary lookups, and the
  answer for each word is cached.

Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

# Canonical names (generic and brand, 5 letters or more) -> generic name for the record.
# Slang and short forms stay in lexicon.py: a 4-letter word is too easy to hit by chance.
DRUG_NAMES: Final[dict[str, str]] = {
    "kratom": "kratom",
    "mitragynine": "kratom",
    "speciosa": "kratom",
    "heroin": "heroin",
    "fentanyl": "fentanyl",
    "carfentanil": "fentanyl",
    "duragesic": "fentanyl",
    "oxycodone": "oxycodone",
    "oxycontin": "oxycodone",
    "percocet": "oxycodone",
    "roxicodone": "oxycodone",
    "endocet": "oxycodone",
    "hydrocodone": "hydrocodone",
    "vicodin": "hydrocodone",
    "lortab": "hydrocodone",
    "hydromorphone": "hydromorphone",
    "dilaudid": "hydromorphone",
    "morphine": "morphine",
    "codeine": "codeine",
    "tramadol": "tramadol",
    "ultracet": "tramadol",
    "tapentadol": "tapentadol",
    "nucynta": "tapentadol",
    "oxymorphone": "oxymorphone",
    "methadone": "methadone",
    "methadose": "methadone",
    "dolophine": "methadone",
    "buprenorphine": "buprenorphine",
    "suboxone": "buprenorphine",
    "subutex": "buprenorphine",
    "zubsolv": "buprenorphine",
    "sublocade": "buprenorphine",
    "naltrexone": "naltrexone",
    "vivitrol": "naltrexone",
    "naloxone": "naloxone",
    "loperamide": "loperamide",
    "imodium": "loperamide",
    "clonidine": "clonidine",
    "catapres": "clonidine",
    "lofexidine": "lofexidine",
    "lucemyra": "lofexidine",
    "gabapentin": "gabapentin",
    "neurontin": "gabapentin",
    "pregabalin": "pregabalin",
    "benzodiazepine": "benzodiazepine",
    "xanax": "benzodiazepine",
    "alprazolam": "benzodiazepine",
    "valium": "benzodiazepine",
    "diazepam": "benzodiazepine",
    "klonopin": "benzodiazepine",
    "clonazepam": "benzodiazepine",
    "ativan": "benzodiazepine",
    "lorazepam": "benzodiazepine",
    "temazepam": "benzodiazepine",
    "phenazepam": "benzodiazepine",
    "librium": "benzodiazepine",
    "etizolam": "benzodiazepine",
    "phenobarbital": "barbiturate",
    "phenibut": "phenibut",
    "tianeptine": "tianeptine",
    "zolpidem": "zolpidem",
    "trazodone": "trazodone",
    "quetiapine": "quetiapine",
    "seroquel": "quetiapine",
    "mirtazapine": "mirtazapine",
    "hydroxyzine": "hydroxyzine",
    "diphenhydramine": "diphenhydramine",
    "benadryl": "diphenhydramine",
    "promethazine": "promethazine",
    "ondansetron": "ondansetron",
    "baclofen": "baclofen",
    "tizanidine": "tizanidine",
    "methocarbamol": "methocarbamol",
    "cyclobenzaprine": "cyclobenzaprine",
    "propranolol": "propranolol",
    "haloperidol": "haloperidol",
    "ketamine": "ketamine",
    "ibogaine": "ibogaine",
    "cocaine": "cocaine",
    "methamphetamine": "methamphetamine",
    "amphetamine": "amphetamine",
    "adderall": "amphetamine",
    "marijuana": "cannabis",
    "cannabis": "cannabis",
    "alcohol": "alcohol",
}


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English words (and a few other drug names) within the bound of a dictionary name, found
# by running the stage over a 100,000-word English list (Debian's wamerican). A word here
# is never read as a misspelling. tests/nlp/test_substances.py repeats the check on a few
# hundred frequent words and on every word of the labelled sets.
COLLISIONS: Final = _word_set("herein heroic heroics heron herons morphing methylone")

# Frequent words of forum posts: skipped before any lookup, which also keeps the stage cheap.
COMMON_WORDS: Final = COLLISIONS | _word_set(
    """
    about above actually after afternoon again against almost alone along already alright although always
    among amount another answer anxiety anybody anymore anyone anything anyway anywhere appetite around
    asked awful basically because become before began begin being believe better between bought brain
    break bring brought called cannot cause caused change clean close coming completely constant could
    couldn couple cravings crazy daily doctor doing during early eating either energy enough entire
    evening every everyone everything exactly experience family feeling feels fever finally first friend
    friends front getting going gonna great guess happen happened happy having heard hello helped helping
    helps honestly hospital hours house however hungry itself journey kicking knees later learn least
    leave level little longer looking lower maybe means medical medicine might minutes money month months
    morning mostly mother myself never night nights normal nothing notice noticed number often opiate
    opiates opioid opioids other others people percent perhaps person physical place point pretty probably
    problem problems quite rather really reason recovery relapse relief remember right rough second seems
    seriously seven several shaking should since sleep sleeping slowly small something sometimes sorry
    start started starting still stomach stopped story strong stuff sweating sweats symptoms taking taper
    tapering thank thanks their there these thing things think third those though thought three through
    today together tomorrow tonight total totally tried trying under until using usually wanted wanting
    water weekend weeks welcome whatever where whether which while whole withdrawal withdrawals without
    wonder worse worst would wouldn write wrong years yesterday young yourself
    """
)

_VOWELS: Final = "aeiouy"
_VOWEL_KEY: Final = str.maketrans(dict.fromkeys(_VOWELS, "*"))
_WORD: Final = re.compile(r"(?<![a-z0-9])[a-z]{5,}(?![a-z0-9])")
_MIN_LENGTH: Final = 5


def max_distance(length: int) -> float:
    """Return the largest distance allowed between words of ``length`` letters (the shorter one's)."""
    if length < _MIN_LENGTH:
        return 0.0
    return 1.0 if length <= 8 else 2.0


def distance(a: str, b: str) -> float:
    """Return the optimal string alignment distance of ``a`` and ``b``.

    Insertions, deletions, substitutions and adjacent transpositions cost 1; a vowel
    in place of another vowel ("fentynal" for "fentanyl") costs 0.5.
    """
    n, m = len(a), len(b)
    previous2: list[float] = []
    previous = [float(j) for j in range(m + 1)]
    for i in range(1, n + 1):
        current = [float(i)] + [0.0] * m
        ca = a[i - 1]
        for j in range(1, m + 1):
            cb = b[j - 1]
            if ca == cb:
                cost = 0.0
            elif ca in _VOWELS and cb in _VOWELS:
                cost = 0.5
            else:
                cost = 1.0
            best = min(previous[j] + 1.0, current[j - 1] + 1.0, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                best = min(best, previous2[j - 2] + 1.0)
            current[j] = best
        previous2, previous = previous, current
    return previous[m]


def _deletions(word: str, depth: int) -> set[str]:
    """Return ``word`` and every string made by deleting up to ``depth`` letters from it."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _build_index(names: Iterable[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    by_deletion: dict[str, list[str]] = {}
    by_vowels: dict[str, list[str]] = {}
    for name in names:
        for variant in _deletions(name, int(max_distance(len(name)))):
            by_deletion.setdefault(variant, []).append(name)
        by_vowels.setdefault(name.translate(_VOWEL_KEY), []).append(name)
    return (
        {k: tuple(v) for k, v in by_deletion.items()},
        {k: tuple(v) for k, v in by_vowels.items()},
    )


_BY_DELETION, _BY_VOWELS = _build_index(DRUG_NAMES)
_CACHE: dict[str, str | None] = {}
_CACHE_LIMIT: Final = 50_000


def closest_name(word: str) -> str | None:
    """Return the dictionary name that ``word`` (lower case) misspells, or None.

    None when the word is short, an English word, an exact name (the vocabulary
    patterns handle those), or equally close to two names of different drugs.
    """
    if word in _CACHE:
        return _CACHE[word]
    found = _closest(word)
    if len(_CACHE) < _CACHE_LIMIT:
        _CACHE[word] = found
    return found


def _closest(word: str, *, plural: bool = True) -> str | None:
    if len(word) < _MIN_LENGTH or word in COMMON_WORDS or word in DRUG_NAMES:
        return None
    depth = 2 if len(word) >= 9 else 1
    candidates: set[str] = set(_BY_VOWELS.get(word.translate(_VOWEL_KEY), ()))
    for variant in _deletions(word, depth):
        candidates.update(_BY_DELETION.get(variant, ()))
    if not candidates and plural and word.endswith("s") and len(word) > _MIN_LENGTH:
        return _closest(word[:-1], plural=False)  # a plural: "gabapentins", "suboxens"
    best: str | None = None
    best_distance = 99.0
    tie = False
    for name in candidates:
        d = distance(word, name)
        if d > max_distance(min(len(word), len(name))):
            continue
        if d < best_distance:
            best, best_distance, tie = name, d, False
        elif d == best_distance and best is not None and DRUG_NAMES[name] != DRUG_NAMES[best]:
            tie = True
    return None if tie else best


def find_misspelled(lower: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Return (generic name, start, end) for each misspelled drug name in ``lower``.

    ``lower`` is the lower-cased text; words overlapping a span in ``taken`` (already
    matched by the vocabulary) are skipped.
    """
    if taken:
        # Mask the matched words with digits (same length, so offsets stay): a word that only
        # partly overlaps a match then touches a digit, and ``_WORD`` skips it.
        pieces = []
        last = 0
        for s, e in sorted(taken):
            if s > last:
                pieces.append(lower[last:s])
            if e > last:
                pieces.append("0" * (e - max(s, last)))
                last = e
        pieces.append(lower[last:])
        lower = "".join(pieces)
    found = []
    for match in _WORD.finditer(lower):
        name = closest_name(match.group())
        if name is not None:
            found.append((DRUG_NAMES[name], match.start(), match.end()))
    return found
