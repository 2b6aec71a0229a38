"""Find substance mentions, map them to canonical generic names, and note each one's role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from easeoff.nlp.fuzzy import find_misspelled
from easeoff.nlp.generics import find_generics
from easeoff.nlp.lexicon import OPIOID_CLASS_WORDS, SUBSTANCE_PATTERNS, UNSPECIFIED_OPIOID, A
from easeoff.nlp.senses import capital_h_is_heroin, is_other_sense
from easeoff.nlp.text import lower_ascii

_KEYS: Final = [name for name, _ in SUBSTANCE_PATTERNS] + [UNSPECIFIED_OPIOID]
# The word-boundary checks sit outside the alternation, so the engine tries the
# alternatives only at the start of a word: several times faster on long posts.
_SUBSTANCE_RE: Final = re.compile(
    r"(?<![\w'-])(?:"
    + "|".join(
        f"(?P<g{i}>{p})" for i, p in enumerate([p for _, p in SUBSTANCE_PATTERNS] + [OPIOID_CLASS_WORDS])
    )
    + r")(?!\w)"
)
# The same alternation without the named groups: about twice as fast to scan with. Each
# match is then named by running ``_SUBSTANCE_RE`` at its start only.
_SUBSTANCE_SCAN: Final = re.compile(re.sub(r"\(\?P<g\d+>", "(?:", _SUBSTANCE_RE.pattern))
# Capital-only slang, matched on the original case: "H" for heroin, "OC's" for OxyContin.
# A capital H is checked further by ``senses.capital_h_is_heroin`` ("plan H", "H. pylori").
_CAPITAL_H: Final = re.compile(r"(?<![\w'.&/-])H(?![\w'&/-])(?!\.\w)")
_OC: Final = re.compile(r"(?<![\w'-])OC'?s?(?!\w)")

# A mention that names what is being quit or withdrawn from, not what acts:
# "off kratom", "kratom withdrawal", "quitting oxy". It is not the agent of
# "it helped", though it can be the object of a harm ("kratom withdrawal is hell").
_QUIT_BEFORE: Final = re.compile(
    r"(?:\boff(?: of)?|\bfrom|\bquit(?:ting)?(?: \w+ (?:and|&|,))?|\bstopp(?:ed|ing)|\bkick(?:ing|ed)?"
    r"|\bjump(?:ed|ing)? off"
    r"|\bwithdrawa?ls? (?:from|off)|\bwd'?s? (?:from|off)|\bno|\bwithout|\bw/o|\bcoming off|\bcome off"
    r"|\bget off"
    r"|\bgot off|\bgetting off|\bclean (?:off|from)|\bdetox(?:ing)? (?:from|off)|\bwean(?:ing)? off"
    r"|\btaper(?:ing)? off"
    # What the author could not get is not what acted: "when I couldn't get subs".
    rf"|\b(?:could{A}n{A}t|could not|can{A}t|cannot|unable to) (?:get|find|afford)|\bran out of|\brun out of"
    r"|\bout of|\bno access to"
    r"|\bfor)(?: (?:the|my|all|of|that|this|any|more))? $",
    re.IGNORECASE,
)
_QUIT_AFTER: Final = re.compile(
    r"^(?: \w+)?\s*(?:withdrawa?l?s?|withdrawls?|w/?ds?\b|wd's|detox|taper|addiction|habit|dependen\w+"
    r"|tolerance"
    r"|hangover|hell|cessation|free)",
    re.IGNORECASE,
)
# "addicted to kratom", "hooked on kratom", "dependent on kratom": the object of harm.
_OBJECT_BEFORE: Final = re.compile(
    r"(?:addicted to|hooked on|dependent on|stuck on|dependence on|addiction to) (?:the )?$", re.IGNORECASE
)

_SAME_ROLE_GAP: Final = re.compile(
    r"\s*(?:\(|,|/|&|\+|and|or|n|aka)\s*(?:(?:the|my|some|all|of|other)\s+)*", re.IGNORECASE
)

# A verb right after the mention makes it the subject of a new clause: "off heroin and kratom saved me".
_SUBJECT_AFTER: Final = re.compile(
    r"\s+(?:really |actually |just |honestly |literally )?(?:help(?:s|ed)?|saved?|saves|work(?:s|ed)?|got"
    r"|gets|made|makes|did|does|was|is|are|were|has|have|had|kept|keeps|took|takes|gave|gives|fixed|fixes"
    r"|stopped|stops|kill(?:s|ed)|eased|eases)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class SubstanceMention:
    """One substance mention: canonical name, span, and whether it can be an agent."""

    name: str
    start: int
    end: int
    is_agent: bool
    is_class_word: bool


def find_substances(norm: str) -> list[SubstanceMention]:
    """Return every substance and opioid class-word mention in ``norm``, in text order."""
    lower = lower_ascii(norm)
    matched = []
    for scanned in _SUBSTANCE_SCAN.finditer(lower):
        m = _SUBSTANCE_RE.match(lower, scanned.start())
        if m is not None:  # always: the same alternation at the same place
            matched.append((_KEYS[int(m.lastgroup[1:]) if m.lastgroup else 0], m.start(), m.end()))
    # Everyday senses of slang ("a diet coke", "Molly said") are not substances, but the
    # words stay taken so the edit-distance stage does not read them as misspellings.
    spans = [(name, start, end) for name, start, end in matched if not is_other_sense(norm, start, end)]
    spans.extend(
        ("heroin", m.start(), m.end())
        for m in _CAPITAL_H.finditer(norm)
        if capital_h_is_heroin(norm, m.start(), m.end())
    )
    spans.extend(("oxycodone", m.start(), m.end()) for m in _OC.finditer(norm))
    # Generic names outside the vocabulary, by INN stem or a curated list ("meloxicam", "paracetamol").
    generics = find_generics(lower, [(start, end) for _, start, end in matched])
    spans.extend(generics)
    spans.extend(find_misspelled(lower, [(start, end) for _, start, end in [*matched, *generics]]))
    spans.sort(key=lambda item: item[1])
    found: list[SubstanceMention] = []
    for name, start, end in spans:
        before = norm[max(0, start - 30) : start]
        after = norm[end : end + 20]
        quit_role = bool(
            _QUIT_BEFORE.search(before) or _QUIT_AFTER.search(after) or _OBJECT_BEFORE.search(before)
        )
        if not quit_role and found and not found[-1].is_agent:
            # Coordination and apposition share the role: "off Lortab and Oxycontin",
            # "to get off hydrocodone (norcos)".
            quit_role = _SAME_ROLE_GAP.fullmatch(norm, found[-1].end, start) is not None and not (
                _SUBJECT_AFTER.match(after)
            )
        found.append(SubstanceMention(name, start, end, not quit_role, name == UNSPECIFIED_OPIOID))
    return found


def substance_names(mentions: list[SubstanceMention]) -> list[str]:
    """Return canonical names in order of first mention, class words left out."""
    names: list[str] = []
    for mention in mentions:
        if not mention.is_class_word and mention.name not in names:
            names.append(mention.name)
    return names
