"""Find explicit amounts (a number and a unit from the closed list) and tie each to a substance."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from easeoff.nlp.lexicon import UNSPECIFIED_OPIOID
from easeoff.nlp.substances import SubstanceMention
from easeoff.nlp.text import Segments

DoseValue = int | float | str

_WORD_NUMBERS: Final[dict[str, int | Fraction]] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "half": Fraction(1, 2),
    "half a": Fraction(1, 2),
    "half an": Fraction(1, 2),
    "a half": Fraction(1, 2),
}
_UNICODE_FRACTIONS: Final = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8"}

# A number as people write it: 4, 4.5, 4,5, .5, 1,000, 1/2, 2 1/2, 1½, ½, "four", "half a".
_NUM: Final = (
    r"(?:\d+\s+[1-9]/[2348](?![\d/])|\d*[½¼¾⅓⅔⅛]|[1-9]/[2348](?![\d/])|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d+(?:[.,]\d+)?"
    r"|\.\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|half an?|a half|half)"
)
_UNIT: Final = (
    r"(?P<{0}>(?:(?<=\s)(?!(?:mgs?|gs?|grams?|milligrams?|gr|and|or|to|of|a|the|x)\b)[a-z]+[ -])?"
    r"(?:pills?|tablets?|tabs?|capsules?|caps?)(?!\w)|quarter[- ]sheets?|gpd|mg\s*/\s*\d+(?:\.\d+)?\s*ml"
    r"|mg'?s?|milli ?grams?|mgr|grams?|grammes?|gms?|grm?s?"
    r"|g'?s?|pills?|tablets?|tabs?|tablts?|capsules?|caps?|capsuls?|tbsps?|tbs|tbls?|tablespoons?"
    r"|table spoons?"
    r"|tsps?|tspn|teaspoons?|tea spoons?|bags?|bottles?)"
)
_ADJ: Final = r"(?:(?:heaping|heaped|level|rounded|full|big|small|large|whole|extra|more|x)\s+)?"
_NOT_AFTER: Final = r"(?!\w|\s*/\s*(?:ml|kg|hr|h)\b|\s*per\s*(?:ml|kg)\b|\s*/\s*\d)"
_DAILY_GAP_STOP: Final = (
    r"(?:times|x|once|twice|thrice|one|two|three|four|five|six|every|each|at|in|for|to|and|or|but|then|with"
    r"|when"
    r"|before|after|the|this|last|that|like|split|spread|per|dose|doses|hours?|later|ago)\b"
)
_DAILY: Final = (
    rf"(?P<daily>(?:\s+of)?(?:\s+(?!{_DAILY_GAP_STOP})[a-z'-]+){{0,3}}?\s*(?:(?:a|per|/|each|every|p/"
    rf"|a/)\s*day\b"
    r"|daily\b|/d\b|everyday\b|a\s+dy\b))?"
)

_COUNT_STRENGTH_RE: Final = re.compile(
    rf"(?<![\w$#.,/])(?P<count>{_NUM})(?:-(?P<count2>{_NUM}))?\s+(?:-\s+|x\s+)?(?P<strength>{_NUM})\s*"
    r"(?P<sunit>mg|g|milligrams?"
    rf"|grams?)"
    rf"\s+(?:[a-z]+\s+)?(?P<cunit>pills?|tablets?|tabs?|capsules?|caps?)(?!\w)",
    re.IGNORECASE,
)
_AMOUNT_RE: Final = re.compile(
    rf"(?P<pre>(?:up to|over|more than|upwards of|at least|from|between)\s+)?(?<![\w$#.,/])(?P<n1>{_NUM})"
    rf"(?:\s*{_ADJ}{_UNIT.format('u1')}(?![\w]))?"
    rf"(?:\s*(?P<sep>-|~|to|or|and)\s*(?P<n2>{_NUM}))?\s*(?P<plus>\+|plus\s)?\s*{_ADJ}{_UNIT.format('unit')}"
    rf"{_NOT_AFTER}(?P<plus2>\+)?{_DAILY}",
    re.IGNORECASE,
)
_EXCLUDED_BEFORE: Final = re.compile(
    r"(?:\$|#|\bday\s|\bdays?\s#?|\bage\s|\bstep\s|\bweek\s|\bnumber\s|£|€)$", re.I
)

_COUNT_UNITS: Final = frozenset(
    {"pills", "tablets", "capsules", "bags", "bottles", "quarter sheets", "tbsp", "tsp"}
)
_KRATOM_UNITS: Final = frozenset({"g", "g/day", "tsp", "tbsp", "capsules"})
_STREET_UNITS: Final = frozenset({"bags", "quarter sheets"})
_STREET_OPIOIDS: Final = ("heroin", "fentanyl")
_NOT_BY_COUNT: Final = frozenset({"alcohol", "cannabis"})
_POTENT: Final = frozenset(
    {
        "heroin",
        "fentanyl",
        "oxycodone",
        "hydrocodone",
        "hydromorphone",
        "morphine",
        "methadone",
        "buprenorphine",
        "oxymorphone",
        "tapentadol",
    }
)


@dataclass(frozen=True, slots=True)
class DoseFinding:
    """One explicit amount: value (a number, or a string "a-b" or "n+"), unit, substance, span."""

    value: DoseValue
    unit: str
    substance: str
    span: tuple[int, int]


def _canonical_unit(raw: str) -> str:
    words = raw.lower().replace("-", " ").split()
    unit = "".join(words)
    if (words[-1].startswith(("pill", "tab", "cap")) and not words[-1].startswith(("tabl", "tablesp"))) or (
        words[-1].startswith("tablet")
    ):
        unit = words[-1]
    if unit.startswith("quarter"):
        return "quarter sheets"
    if unit == "gpd":
        return "g/day"
    if unit.startswith("mg/") or unit.startswith("mg/"):
        return "mg/day"
    if unit.startswith(("mg", "milli")):
        return "mg"
    if unit.startswith(("gr", "gm", "g")):
        return "g"
    if unit.startswith("pill"):
        return "pills"
    if unit.startswith("tab") and "spoon" not in unit and not unit.startswith(("tbs", "tbl")):
        return "tablets"
    if unit.startswith("cap"):
        return "capsules"
    if unit.startswith(("tbs", "tbl", "tablespoon", "table")):
        return "tbsp"
    if unit.startswith(("tsp", "teaspoon", "tea")):
        return "tsp"
    if unit.startswith("bag"):
        return "bags"
    return "bottles"


def _parse_number(raw: str) -> Fraction | None:
    text = raw.strip().lower()
    for char, fraction in _UNICODE_FRACTIONS.items():
        text = text.replace(char, " " + fraction)
    text = text.strip()
    if text in _WORD_NUMBERS:
        return Fraction(_WORD_NUMBERS[text])
    parts = re.split(r"[- ]", text)
    if all(p in _WORD_NUMBERS for p in parts) and parts:
        return Fraction(sum(Fraction(_WORD_NUMBERS[p]) for p in parts))
    total = Fraction(0)
    for part in text.split():
        if "/" in part:
            num, den = part.split("/")
            total += Fraction(int(num), int(den))
        elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", part):
            total += Fraction(part.replace(",", ""))
        else:
            try:
                total += Fraction(part.replace(",", "."))
            except ValueError:
                return None
    return total


def _as_written(raw: str) -> str:
    """Render one end of a range as written, with words and unicode fractions turned into digits."""
    text = raw.strip().lower()
    for char, fraction in _UNICODE_FRACTIONS.items():
        text = text.replace(char, " " + fraction)
    text = re.sub(r"\s+", " ", text).strip()
    if "/" in text or re.fullmatch(r"[\d.]+", text):
        return text
    number = _parse_number(text)
    return _number_text(number) if number is not None else text


def _number_text(number: Fraction) -> str:
    return str(int(number)) if number.denominator == 1 else str(float(number))


def _number_value(number: Fraction) -> int | float:
    return int(number) if number.denominator == 1 else float(number)


@dataclass(frozen=True, slots=True)
class _Amount:
    value: DoseValue
    unit: str
    start: int
    end: int
    unit_end: int = -1  # end of the unit itself, before any "of kratom a day"

    @property
    def core_end(self) -> int:
        return self.unit_end if self.unit_end >= 0 else self.end


def _amounts(norm: str) -> list[_Amount]:
    found: list[_Amount] = []
    taken: list[tuple[int, int]] = []
    for match in _COUNT_STRENGTH_RE.finditer(norm):
        if _EXCLUDED_BEFORE.search(norm, max(0, match.start() - 8), match.start()):
            continue
        count = _parse_number(match["count"])
        strength = _parse_number(match["strength"])
        if count is None or strength is None or count <= 0 or strength <= 0 or count.denominator != 1:
            continue
        # "6-8 30mg pills a day": a range of counts of one strength.
        count2 = _parse_number(match["count2"]) if match["count2"] else None
        count_value: DoseValue = _number_value(count)
        if count2 is not None and count2 > count and count2.denominator == 1:
            count_value = f"{_number_text(count)}-{_number_text(count2)}"
        found.append(_Amount(count_value, _canonical_unit(match["cunit"]), match.start(), match.end()))
        found.append(
            _Amount(
                _number_value(strength),
                _canonical_unit(match["sunit"]),
                match.start("strength"),
                match.end("sunit"),
            )
        )
        taken.append((match.start(), match.end()))
    for match in _AMOUNT_RE.finditer(norm):
        start = match.start("n1")
        if any(a <= start < b for a, b in taken):
            continue
        if _EXCLUDED_BEFORE.search(norm, max(0, start - 8), start):
            continue
        found.extend(_amounts_of(match))
    return sorted(found, key=lambda a: a.start)


def _amounts_of(match: re.Match[str]) -> list[_Amount]:
    unit = _canonical_unit(match["unit"])
    first_unit = _canonical_unit(match["u1"]) if match["u1"] else unit
    # "two 8mg subs a day": the daily count is of subs, the 8 mg stays a strength.
    counted = re.search(
        rf"(?<![\w.,/]){_NUM}\s+$", match.string[max(0, match.start("n1") - 12) : match.start("n1")]
    )
    daily = bool(match["daily"]) and unit in ("mg", "g") and counted is None
    pre = (match["pre"] or "").strip().lower()
    n1 = _parse_number(match["n1"])
    if n1 is None:
        return []
    start, end = match.start("n1"), match.end("unit")
    if daily:
        end = match.end("daily")
    unit_end = match.end("unit")
    unit_out = unit + "/day" if daily else unit
    if match["n2"] is not None:
        n2 = _parse_number(match["n2"])
        if n2 is None:
            return []
        if pre == "from" or (match["u1"] and first_unit != unit):
            # A taper step ("from 90 to 80mg") is two amounts, not a range.
            out = []
            if n1 > 0:
                out.append(_Amount(_number_value(n1), first_unit, start, match.end("n1")))
            if n2 > 0:
                out.append(_Amount(_number_value(n2), unit_out, match.start("n2"), end, unit_end))
            return out
        if n1 <= 0 or n2 <= 0:
            return []
        if (
            match["sep"] == "-"
            and unit == "mg"
            and re.match(r"\s+(?:pills?|tablets?|tabs?|capsules?)\b", match.string[end:])
        ):
            return []  # "4 - 10 mg pills" is a count and a strength; handled above.
        value: DoseValue = f"{_as_written(match['n1'])}-{_as_written(match['n2'])}"
        return [_Amount(value, unit_out, start, end, unit_end)]
    if n1 <= 0:
        return []
    if match["u1"] and first_unit in ("mg", "g") and unit in ("pills", "tablets", "capsules"):
        # "50mg tablets", "300mg capsules": the strength of a dose form, not a count of it.
        return [_Amount(_number_value(n1), first_unit, start, match.end("u1"))]
    if unit in ("pills", "tablets", "capsules", "bottles", "bags") and n1.denominator != 1:
        return []  # A fraction of a pill gives only the strength.
    if match["plus"] or match["plus2"] or pre in ("over", "more than", "upwards of", "at least"):
        return [_Amount(f"{_number_text(n1)}+", unit_out, start, end, unit_end)]
    return [_Amount(_number_value(n1), unit_out, start, end, unit_end)]


_BACK_TO: Final = re.compile(r"\bback (?:up |down )?(?:to|on|at) (?:about |around )?$", re.IGNORECASE)
_FORM_OF: Final = {"tablets": r"tablets?\b|tabs?\b", "capsules": r"capsules?\b|caps\b", "pills": r"pills?\b"}
_MG_ONLY: Final = frozenset(
    {"benzodiazepine", "clonidine", "loperamide", "buprenorphine", "zolpidem", "trazodone", "lofexidine"}
)
_FILM_AFTER: Final = re.compile(r"\s*(?:sub(?:oxone)?\s+|bupe?\s+)?(?:strips?|films?)\b", re.IGNORECASE)
_PILL_NOUN: Final = re.compile(r"\s*(?:[a-z]+\s+)?(?:pills?|tabs?)", re.IGNORECASE)
_CLASS_MODIFIER: Final = re.compile(r"\s+(?:withdrawa?ls?|withdrawls?|w/?ds?\b|detox|addiction|habit)", re.I)
_KRATOM_IN_MG: Final = re.compile(r"7[- ]?oh|7[- ]?hydroxy|extract|mitragynine|pseudo|tablet", re.IGNORECASE)
_OF_GAP: Final = re.compile(
    r"\s*(?:of\s+)?(?:(?:the|my|that|this|your|an?|each|some|pure|total|fresh)\s+)?(?:\w+\s+)?", re.IGNORECASE
)
_BEFORE_GAP: Final = re.compile(
    r"[\s,:(]*(?:(?:at|is|was|dose|of|about|around|like|maybe|@|to|now|on)\s+){0,2}", re.IGNORECASE
)


def _adjacent(
    norm: str, amount: _Amount, substances: list[SubstanceMention], *, kratom_first: bool = False
) -> str | None:
    """Return the substance written right after ("4g of kratom") or before ("suboxone 8mg") it.

    With ``kratom_first`` (a kratom-like unit in a passage about kratom) a drug being
    quit just before the amount does not take it: "the taper off hydromorphone: 1 tsp".
    """
    end = amount.core_end
    after = [s for s in substances if end <= s.start <= end + 30]
    if after and _OF_GAP.fullmatch(norm, end, after[0].start):
        return after[0].name
    before = [s for s in substances if amount.start - 25 <= s.end <= amount.start]
    if before and _BEFORE_GAP.fullmatch(norm, before[-1].end, amount.start):
        if kratom_first and not before[-1].is_agent and before[-1].name != "kratom":
            return None
        return before[-1].name
    return None


def _plausible(amount: _Amount, substance: str) -> bool:
    """Say whether the amount is a believable dose of ``substance``: ten grams or more is no
    pharmaceutical or street opioid (it is kratom or poppy pods), and tablets dosed by the
    milligram are never taken by the gram."""
    if amount.unit in ("g", "g/day") and substance in _MG_ONLY:
        return False
    if substance not in _POTENT or amount.unit not in ("g", "g/day"):
        return True
    low = _parse_number(str(amount.value).split("-")[0].rstrip("+"))
    return low is None or low < 10


def _nearest(amount: _Amount, substances: list[SubstanceMention], lo: int, hi: int) -> str | None:
    inside = [s for s in substances if lo <= s.start and s.end <= hi]
    if not inside:
        return None
    best = min(inside, key=lambda s: min(abs(s.end - amount.start), abs(s.start - amount.core_end)))
    return best.name


def _attribute(
    norm: str,
    seg: Segments,
    amount: _Amount,
    substances: list[SubstanceMention],
    has_kratom: bool,
    found_so_far: Sequence[DoseFinding] = (),
) -> str | None:
    """Pick the substance an amount belongs to.

    In order: a named substance adjacent to it, then the nearest named one in its
    clause and sentence, then an opioid class word there (``unspecified_opioid``),
    then kratom for kratom-like units, then the nearest named substance before or
    after it in the passage.
    """
    named = [s for s in substances if not s.is_class_word]
    classes = [s for s in substances if s.is_class_word]
    kratom_unit = has_kratom and amount.unit in _KRATOM_UNITS
    found = _adjacent(norm, amount, named, kratom_first=kratom_unit)
    if found is not None:
        return found
    c_lo, c_hi = seg.clause_span(seg.clause_of(amount.start), len(norm))
    if amount.unit in ("tablets", "capsules", "pills") and not any(
        c_lo <= s.start < c_hi and s.is_agent for s in named
    ):
        # "Those 7oh tablets [...] up to 6 tablets a day": the dose form named with a drug before.
        form = _FORM_OF.get(amount.unit, "")
        for s in reversed(named):
            if s.end <= amount.start and re.match(rf"\s+(?:{form})", norm[s.end : s.end + 12], re.IGNORECASE):
                return s.name
    if kratom_unit:
        # A drug being quit ("Day one without tramadol I took 3g") does not take a kratom-like
        # amount it is not written next to.
        named = [s for s in named if s.is_agent or s.name == "kratom"]
    if amount.unit in _STREET_UNITS:
        # Bags and quarter sheets are street heroin and fentanyl, whatever is named nearer.
        ordered = [s for s in reversed(named) if s.end <= amount.start]
        ordered += [s for s in named if s.start >= amount.core_end]
        for s in ordered:
            if s.name in _STREET_OPIOIDS:
                return s.name
        return UNSPECIFIED_OPIOID
    s_start, s_end = seg.sentence_span(seg.sentence_of(amount.start))
    c_start, c_end = seg.clause_span(seg.clause_of(amount.start), len(norm))
    if amount.unit not in ("g", "g/day", "bottles"):
        # Nobody takes alcohol or cannabis by the mg, pill or teaspoon.
        named = [s for s in named if s.name not in _NOT_BY_COUNT]
    found = _nearest(amount, named, c_start, c_end)
    if found is not None:
        return found
    if (
        has_kratom
        and amount.unit in _KRATOM_UNITS
        and any(s.name == "kratom" and s_start <= s.start < s_end for s in named)
    ):
        return "kratom"
    found = _nearest(amount, named, s_start, s_end)
    if found is not None:
        return found
    if _adjacent(norm, amount, classes) or _nearest(amount, classes, s_start, s_end):
        return UNSPECIFIED_OPIOID
    if has_kratom and amount.unit in _KRATOM_UNITS:
        return "kratom"
    earlier = [s for s in named if s.end <= amount.start]
    if amount.unit in ("mg", "mg/day", "pills") and not _KRATOM_IN_MG.search(norm):
        # Leaf kratom is weighed in grams; a stray mg amount belongs to a medicine: the one
        # last dosed by the mg ("two 8mg strips [...] Been on 12mg"), else the last named.
        medicines = [s for s in earlier if s.name != "kratom"]
        same_unit = [d for d in found_so_far if d.unit in ("mg", "mg/day") and d.substance != "kratom"]
        if (
            amount.unit != "pills"
            and same_unit
            and same_unit[-1].substance != UNSPECIFIED_OPIOID
            and not any(s.start > same_unit[-1].span[1] for s in medicines)
        ):
            return same_unit[-1].substance
        if medicines:
            return medicines[-1].name
        if any(s.end <= amount.start for s in classes):
            return UNSPECIFIED_OPIOID  # "60mg of pain pills a day [...] taper by 10mg"
    if earlier:
        return earlier[-1].name
    later = [s for s in named if s.start >= amount.core_end]
    if later:
        return later[0].name
    return None


def _unit_word(norm: str, amount: _Amount, mention: SubstanceMention) -> bool:
    """Say whether a class-word mention is only the pill noun of the amount ("30mg pills"), or a
    class word that names a kind of withdrawal ("the whole opiate withdrawal package")."""
    if not mention.is_class_word:
        return False
    if _CLASS_MODIFIER.match(norm, mention.end):
        return True
    return (
        mention.start >= amount.core_end
        and _PILL_NOUN.fullmatch(norm, amount.core_end, mention.end) is not None
    )


def find_doses(norm: str, seg: Segments, substances: list[SubstanceMention]) -> list[DoseFinding]:
    """Return every explicit amount in ``norm`` tied to a substance, in text order."""
    has_kratom = any(s.name == "kratom" for s in substances)
    has_bupe = any(s.name == "buprenorphine" for s in substances)
    out: list[DoseFinding] = []
    seen: set[tuple[str, str, str]] = set()
    for amount in _amounts(norm):
        # A class word inside the amount ("12 pills") names no substance of its own, but a
        # named one between a strength and its count does: "4 - 15mg morphine pills".
        outside = [s for s in substances if s.end <= amount.start or s.start >= amount.core_end]
        # "30mg pills": the pill noun is the dose form, and the drug is named elsewhere.
        unit_words = [s for s in outside if _unit_word(norm, amount, s)]
        outside = [s for s in outside if s not in unit_words]
        inside = [
            s
            for s in substances
            if not s.is_class_word and amount.start < s.start and s.end < amount.core_end
        ]
        if inside and amount.unit in _COUNT_UNITS:
            substance: str | None = inside[0].name
        elif has_bupe and amount.unit == "mg" and _FILM_AFTER.match(norm, amount.core_end):
            substance = "buprenorphine"  # "two 8mg strips": films are buprenorphine
        else:
            substance = _attribute(norm, seg, amount, outside, has_kratom, out)
        if substance is not None and has_kratom and not _plausible(amount, substance):
            substance = "kratom"
        if substance is None and (
            unit_words
            or any(s.is_class_word and s.start < amount.core_end and amount.start < s.end for s in substances)
        ):
            substance = UNSPECIFIED_OPIOID
        if substance is None:
            continue
        # Every amount counts, a repeated dose too ("took 4g, then another 4g"), but not a level
        # the author only returns to ("from 2mg to 1mg [...] back up to 2mg").
        key = (str(amount.value), amount.unit, substance)
        if key in seen and _BACK_TO.search(norm, max(0, amount.start - 16), amount.start):
            continue
        seen.add(key)
        out.append(DoseFinding(amount.value, amount.unit, substance, (amount.start, amount.end)))
    return out


__all__ = ["UNSPECIFIED_OPIOID", "DoseFinding", "DoseValue", "find_doses"]
