"""Find substance mentions, map them to canonical generic names, and note each one's role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from easeoff.nlp.lexicon import OPIOID_CLASS_WORDS, SUBSTANCE_PATTERNS, UNSPECIFIED_OPIOID
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
# Capital-only slang, matched on the original case: "H" for heroin, "OC's" for OxyContin.
_CASED: Final = (
    ("heroin", re.compile(r"(?<![\w'-])H(?![\w.'&])")),
    ("oxycodone", re.compile(r"(?<![\w'-])OC'?s?(?!\w)")),
)

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
    r"|\bfor)(?: (?:the|my|all|of|that|this))? $",
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
    spans = [
        (_KEYS[int(m.lastgroup[1:]) if m.lastgroup else 0], m.start(), m.end())
        for m in _SUBSTANCE_RE.finditer(lower_ascii(norm))
    ]
    for name, pattern in _CASED:
        spans.extend((name, m.start(), m.end()) for m in pattern.finditer(norm))
    spans.sort(key=lambda item: item[1])
    found = []
    for name, start, end in spans:
        before = norm[max(0, start - 30) : start]
        after = norm[end : end + 20]
        quit_role = bool(
            _QUIT_BEFORE.search(before) or _QUIT_AFTER.search(after) or _OBJECT_BEFORE.search(before)
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
