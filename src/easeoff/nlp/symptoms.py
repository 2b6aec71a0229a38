"""Find the author's symptoms and decide each one's status: present, negated or relieved."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final

from easeoff.nlp.cues import (
    BWD_FILLER,
    FWD_FILLER,
    LIST_FILLER,
    PRONOUN_OBJECT,
    PRONOUN_SUBJECT,
    TRIGGERS,
    WHAT_HELPED,
)
from easeoff.nlp.lexicon import SYMPTOM_PATTERNS, WITHDRAWAL_WORD
from easeoff.nlp.text import Segments, is_filler_gap, lower_ascii

# A pseudo-symptom for withdrawal as a whole: "the withdrawal was gone" relieves
# every symptom listed before it (guidelines, rule 4).
WITHDRAWAL: Final = "*withdrawal*"


def _word(pattern: str) -> str:
    return rf"(?<![\w'])(?:{pattern})(?![\w'])"


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    # Boundaries outside the alternation: alternatives are tried only at word starts.
    body = "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(patterns))
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


_MENTION_KEYS: Final = [(name, inherent) for name, inherent, _ in SYMPTOM_PATTERNS] + [(WITHDRAWAL, None)]
_MENTION_RE: Final = _alternation(
    [pattern for _, _, pattern in SYMPTOM_PATTERNS]
    + [rf"{WITHDRAWAL_WORD}|everything|it all|(?:all|most) of (?:it|that|them|those)"]
)
_TRIGGER_KEYS: Final = [(status, direction) for status, direction, _ in TRIGGERS]
_TRIGGER_RE: Final = _alternation([pattern for _, _, pattern in TRIGGERS])
# A phrase may be a cue in more than one list ("less and less" reaches both ways).
_TRIGGER_EACH: Final = [re.compile(pattern) for _, _, pattern in TRIGGERS]
_BWD_FILLER_WORDS: Final = "|".join(
    sorted((re.escape(w) for w in BWD_FILLER if w.isalpha()), key=len, reverse=True)
)
_PRONOUN_BEFORE: Final = re.compile(
    rf"(?<![\w']){PRONOUN_SUBJECT}(?:\s+(?:{_BWD_FILLER_WORDS}|\d+))*\s*$", re.IGNORECASE
)
_PRONOUN_AFTER: Final = re.compile(rf"\s+(?:me\s+)?(?:right\s+|all\s+)?{PRONOUN_OBJECT}", re.IGNORECASE)
_OBJECT_PRONOUN_NEXT: Final = re.compile(r"\s+(?:it|them|this|that|those)\b(?!\s+(?:all|off)\b)", re.I)
# A symptom a substance gave ("kratom made me nauseous") is a side effect: relief
# of "the withdrawal" does not reach it.
_SIDE_EFFECT_BEFORE: Final = re.compile(
    r"(?:made|makes|make|gave|gives|give|giving|making) me (?:\w+ )?(?:feel )?(?:so |really |very )?$", re.I
)
_WHAT_HELPED_RE: Final = re.compile(WHAT_HELPED, re.IGNORECASE)

# Hypothetical, expected, reported-by-others and textbook frames (rule 1). Each
# reaches to the end of its clause.
_HYPOTHETICAL_RE: Final = re.compile(
    _word(
        r"if(?! anything| i (?:don'?t|do not|miss|skip|forget|run out|go without|wait|am late|'m late"
        r"|try to stop))"
        r"|in case|whether|expect(?:ing|ed|s)?|will|'ll|(?<!not )gonna(?! lie)|going to|would"
        r"|might|may|could|should"
        r"|can cause|could cause|may cause|might cause|will cause|causes?|can include|may include|includes"
        r"|(?<!my )(?:withdrawal )?(?:symptoms?|side effects?|signs?) (?:can |may |might |will |often "
        r"|usually "
        r"|typically |commonly )?(?:include|including|are|like|such as|of \w+ (?:withdrawal )?(?:are"
        r"|include))"
        r"|such as|prevent(?:s|ing)?|to avoid|avoid(?:ing)?|stave off|ward off|hop(?:e|ing)|hopefully"
        r"|wonder(?:ing)? if|not sure if|supposed to|(?:afraid|scared|worried|terrified) (?:of"
        r"|about) (?:getting|the|having)"
        r"|dread(?:ing)? (?:the|getting|having)|the idea that|heard|people say|they say|supposedly|thinks"
        r"|keeps asking"
        r"|asked (?:me )?if|asking if|claims?|risk of|chance of|prone to|in order to"
    ),
    re.IGNORECASE,
)

PERSON_RE: Final = re.compile(
    r"(?P<other>(?<![\w'])(?:my|our) (?:wife|husband|hubby|partner|girlfriend|gf|boyfriend|bf|fianc[eé]e?|son"
    r"|daughter|"
    r"kids?|child|children|mom|mum|mother|dad|father|brother|sister|friend|buddy|cousin|uncle|aunt|roommate|"
    r"grandma|grandpa|grandmother|grandfather|dog|cat|patient|client|family|coworker|co-worker|bro"
    r"|sis)s?(?![\w'])"
    r"|(?<![\w'])(?:he|she|he's|she's|hes|shes|him|his|her|hers|their|you|your|you're|youre|you'll|you've|u"
    r"|ur|people"
    r"|someone|somebody|everyone|everybody|others|op|folks|users|most people|some people|a lot of people"
    r"|many people"
    r"|a friend|my friends)(?![\w']))"
    r"|(?P<first>(?<![\w'])(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|us|our|anyone else"
    r"|any1 else"
    r"|anybody else)(?![\w']))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One surface form of a symptom (or of withdrawal as a whole) in the text."""

    name: str
    start: int
    end: int
    inherent: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """One cue phrase with the status it gives and which way it reaches."""

    status: str
    direction: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SymptomFinding:
    """A canonical symptom, its final status, and the spans of its evidence."""

    name: str
    status: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SymptomAnalysis:
    """The findings, plus every relief cue that applied (for the kratom effect)."""

    findings: tuple[SymptomFinding, ...]
    relief_cues: tuple[tuple[int, int], ...]


def _find_mentions(lower: str) -> list[Mention]:
    found = []
    for match in _MENTION_RE.finditer(lower):
        name, inherent = _MENTION_KEYS[int(match.lastgroup[1:]) if match.lastgroup else 0]
        found.append(Mention(name, match.start(), match.end(), inherent))
    return found


def _find_triggers(lower: str, mentions: list[Mention]) -> list[Trigger]:
    found = []
    ends = [m.end for m in mentions]  # mentions do not overlap, so ends are sorted too
    for match in _TRIGGER_RE.finditer(lower):
        start, end = match.start(), match.end()
        # A cue inside a mention ("no" in "no sleep") belongs to the mention.
        i = bisect_right(ends, start)
        if i < len(mentions) and mentions[i].start < end:
            continue
        phrase = match.group()
        for (status, direction), pattern in zip(_TRIGGER_KEYS, _TRIGGER_EACH, strict=True):
            if pattern.fullmatch(phrase):
                found.append(Trigger(status, direction, start, end))
    return found


# A cue reaches at most this many list items; real lists are shorter, and the cap
# keeps a pathological input ("no RLS, no RLS, ...") linear.
_MAX_LIST: Final = 12


def _chains_into(mention: Mention, status: str) -> bool:
    """Say whether a list continues into ``mention``: a healthy state ("slept well") never does,
    and a negated healthy state ("no sleep") only for relief or persistence."""
    return mention.inherent is None or (mention.inherent == "present" and status != "negated")


def _chain_forward(norm: str, mentions: list[Mention], first: int, limit: int, status: str) -> list[int]:
    chain = [first]
    i = first
    while (
        i + 1 < len(mentions)
        and len(chain) < _MAX_LIST
        and mentions[i + 1].start < limit
        and _chains_into(mentions[i + 1], status)
    ):
        if not is_filler_gap(
            norm, mentions[i].end, mentions[i + 1].start, LIST_FILLER, punctuation=",/&+-", max_tokens=5
        ):
            break
        i += 1
        chain.append(i)
    return chain


def _chain_backward(norm: str, mentions: list[Mention], last: int, floor: int, status: str) -> list[int]:
    chain = [last]
    i = last
    while (
        i - 1 >= 0
        and len(chain) < _MAX_LIST
        and mentions[i - 1].start >= floor
        and _chains_into(mentions[i - 1], status)
    ):
        if not is_filler_gap(
            norm, mentions[i - 1].end, mentions[i].start, LIST_FILLER, punctuation=",/&+-", max_tokens=5
        ):
            break
        i -= 1
        chain.append(i)
    return chain


def _last_mention_before(mentions: list[Mention], offset: int, floor: int) -> int | None:
    i = bisect_right([m.end for m in mentions], offset) - 1
    return i if i >= 0 and mentions[i].start >= floor else None


def _scope(norm: str, seg: Segments, mentions: list[Mention], trigger: Trigger) -> list[int]:
    """Return the indexes of the mentions that ``trigger`` reaches."""
    sentence = seg.sentence_of(trigger.start)
    s_start, s_end = seg.sentence_span(sentence)
    if trigger.direction == "fwd":
        first = bisect_left([m.start for m in mentions], trigger.end)
        nxt: int | None = first if first < len(mentions) else None
        if _OBJECT_PRONOUN_NEXT.match(norm, trigger.end):
            # "stopped it, I had goosebumps": the object is the pronoun, not the symptom after it.
            nxt = None
        if (
            nxt is not None
            and mentions[nxt].start < s_end
            and is_filler_gap(norm, trigger.end, mentions[nxt].start, FWD_FILLER, max_tokens=6)
        ):
            return _chain_forward(norm, mentions, nxt, s_end, trigger.status)
        if trigger.status == "relieved" and _PRONOUN_AFTER.match(norm, trigger.end):
            return _antecedent(norm, seg, mentions, trigger.start, sentence, trigger.status)
        return []
    prev = _last_mention_before(mentions, trigger.start, s_start)
    if prev is not None and is_filler_gap(
        norm, mentions[prev].end, trigger.start, BWD_FILLER, punctuation=",", max_tokens=7, numbers=True
    ):
        return _chain_backward(norm, mentions, prev, s_start, trigger.status)
    if trigger.status != "negated":
        # A pronoun subject, perhaps with filler words: "they're way less intense".
        head_start = max(s_start, trigger.start - 60)
        pronoun = _PRONOUN_BEFORE.search(norm, head_start, trigger.start)
        if pronoun is not None:
            return _antecedent(norm, seg, mentions, pronoun.start(), sentence, trigger.status)
    return []


def _antecedent(
    norm: str, seg: Segments, mentions: list[Mention], offset: int, sentence: int, status: str
) -> list[int]:
    """Return the mentions a pronoun at ``offset`` stands for: the last list before it, or a sentence back."""
    s_start, _ = seg.sentence_span(sentence)
    floor = seg.sentence_span(sentence - 1)[0] if sentence > 0 else s_start
    last = _last_mention_before(mentions, offset, floor)
    if last is None:
        return []
    floor = seg.sentence_span(seg.sentence_of(mentions[last].start))[0]
    return _chain_backward(norm, mentions, last, floor, status)


def _hypothetical_scopes(norm: str, seg: Segments) -> list[tuple[int, int]]:
    scopes = []
    for match in _HYPOTHETICAL_RE.finditer(norm):
        sentence_end = seg.sentence_span(seg.sentence_of(match.start()))[1]
        end = sentence_end
        clause = seg.clause_of(match.end() - 1) + 1
        if clause < len(seg.clause_starts) and seg.clause_starts[clause] < end:
            end = seg.clause_starts[clause]
        scopes.append((match.end(), end))
    return scopes


def _persons(norm: str) -> list[tuple[int, bool]]:
    """Return (offset, is_author) for every person reference."""
    return [(m.start(), m.lastgroup == "first") for m in PERSON_RE.finditer(norm)]


def _is_authors(seg: Segments, persons: list[tuple[int, bool]], offset: int) -> bool:
    """Decide whether a mention at ``offset`` is about the author (rule 1)."""
    sentence = seg.sentence_of(offset)
    s_start, _ = seg.sentence_span(sentence)
    before = [first for pos, first in persons if s_start <= pos < offset]
    if before:
        return before[-1]
    if sentence == 0:
        return True
    p_start, p_end = seg.sentence_span(sentence - 1)
    previous = [first for pos, first in persons if p_start <= pos < p_end]
    return any(previous) or not previous


_RANK: Final = {"present": 4, "relieved": 3, "still": 2, "negated": 1}


def _resolve(inherent: str | None, statuses: list[str]) -> str:
    cue = max(statuses, key=_RANK.__getitem__) if statuses else None
    if cue == "still":
        cue = "present"
    if inherent is None:
        return cue or "present"
    if inherent == "present":
        return "relieved" if cue == "relieved" else "present"
    if inherent == "negated":
        return "present" if cue in ("negated", "relieved") else "negated"
    return "present" if cue == "negated" else "relieved"


def analyse_symptoms(norm: str, seg: Segments) -> SymptomAnalysis:
    """Find the author's symptoms in ``norm`` with their final status (guidelines, rules 1 to 5)."""
    lower = lower_ascii(norm)
    mentions = _find_mentions(lower)
    if not mentions:
        return SymptomAnalysis((), ())
    triggers = _find_triggers(lower, mentions)
    cues: list[list[Trigger]] = [[] for _ in mentions]
    for trigger in triggers:
        if trigger.status == "relieved" and seg.sentence_of(trigger.start) in seg.questions:
            continue
        for i in _scope(norm, seg, mentions, trigger):
            cues[i].append(trigger)

    scopes = _hypothetical_scopes(norm, seg)
    persons = _persons(norm)
    helped_from = [m.end() for m in _WHAT_HELPED_RE.finditer(norm)]

    state: dict[str, str] = {}
    side_effects: set[str] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    relief_cues: list[tuple[int, int]] = []
    for mention, mention_cues in zip(mentions, cues, strict=True):
        if any(start <= mention.start < end for start, end in scopes):
            continue
        if not _is_authors(seg, persons, mention.start):
            continue
        status = _resolve(mention.inherent, [t.status for t in mention_cues])
        sentence = seg.sentence_of(mention.start)
        s_start = seg.sentence_span(sentence)[0]
        if any(s_start <= pos <= mention.start for pos in helped_from):
            status = "relieved"
        if status == "relieved":
            relief_cues.extend((t.start, t.end) for t in mention_cues if t.status == "relieved")
            if not mention_cues:
                relief_cues.append((mention.start, mention.end))
        if mention.name == WITHDRAWAL:
            if status == "relieved":
                for name, before in state.items():
                    if before == "present" and name not in side_effects:
                        state[name] = "relieved"
            continue
        if _SIDE_EFFECT_BEFORE.search(norm, max(0, mention.start - 40), mention.start):
            side_effects.add(mention.name)
        else:
            side_effects.discard(mention.name)
        if status == "negated" and state.get(mention.name) in ("present", "relieved"):
            status = "relieved"
        state[mention.name] = status
        spans.setdefault(mention.name, []).append((mention.start, mention.end))
    findings = tuple(SymptomFinding(name, state[name], tuple(spans[name])) for name in state)
    return SymptomAnalysis(findings, tuple(relief_cues))
