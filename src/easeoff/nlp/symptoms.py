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
    UNLABELLED,
    WHAT_HELPED,
)
from easeoff.nlp.lexicon import SYMPTOM_PATTERNS, WITHDRAWAL_WORD, A
from easeoff.nlp.text import Segments, is_filler_gap, lower_ascii, tokens

# A pseudo-symptom for withdrawal as a whole: "the withdrawal was gone" relieves
# every symptom listed before it (guidelines, rule 4).
WITHDRAWAL: Final = "*withdrawal*"
# A pseudo-symptom for the gut as a whole: "gut settled down", "kratom handled the stomach
# stuff" relieves the diarrhoea or nausea named before it.
GUT: Final = "*gut*"
_GUT_SYMPTOMS: Final = ("diarrhoea", "nausea_vomiting")
# "Day 5 I feel almost normal": the withdrawal listed before is over, except what the
# author says is still there ("Anxiety was still there [...] feeling human").
NORMAL: Final = "*normal*"
_PSEUDO: Final = (WITHDRAWAL, GUT, NORMAL)
# "need 60g a day just to feel normal" is the dependence cycle, not recovery.
_TO_BEFORE: Final = re.compile(r"\bto (?:\w+ )?$", re.IGNORECASE)


def _word(pattern: str) -> str:
    return rf"(?<![\w'])(?:{pattern})(?![\w'])"


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    # Boundaries outside the alternation: alternatives are tried only at word starts.
    body = "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(patterns))
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


_MENTION_KEYS: Final = [(name, inherent) for name, inherent, _ in SYMPTOM_PATTERNS] + [
    (WITHDRAWAL, None),
    (GUT, None),
    (NORMAL, "relieved"),
]
_MENTION_RE: Final = _alternation(
    [pattern for _, _, pattern in SYMPTOM_PATTERNS]
    + [
        rf"{WITHDRAWAL_WORD}|everything(?! else)|it all|(?:all|most) of (?:it|that|them|those)"
        r"|the physical (?:stuff|side|part|symptoms)",
        r"(?:gut|stomach|tummy|belly|bowels?)(?: (?:stuff|issues?|problems?|situation|troubles?))?",
        r"(?:feel|feeling|felt|i'?m|i am) (?:almost |mostly |pretty much |basically |nearly |completely "
        r"|totally |finally |so much more |like )?(?:normal|human|like myself|myself again"
        r"|like a (?:normal )?"
        r"(?:person|human)|back to normal)",
    ]
)
# Unlabelled symptoms ("the shakes") may sit in a list with labelled ones: "eased the shakes
# and the sweats", "no sweats or shakes anymore".
_UNLABELLED_WORDS: Final = frozenset(UNLABELLED.split())
# A mention that carries its own negation ("no energy") is not reached across a list.
_OWN_NEGATION: Final = re.compile(r"(?:no|zero|without|lack|little|low|not|barely|hardly)\b", re.IGNORECASE)
_LIST_JOINERS: Final = frozenset({"and", "or", "nor", "&", ",", "plus", "/"})
_SUBJECT_WORDS: Final = frozenset({"i", "i'm", "im", "i've", "ive", "it", "it's"})
# "the lethargy and low mood that hit that morning were noticeably lighter"
_RELATIVE_CLAUSE: Final = re.compile(
    r"\s+(?:that|which|i had|i've had|i'd had)\s+(?:[\w']+\s+){1,7}?(?=(?:is|are|was|were|has|have|had)\b)",
    re.IGNORECASE,
)
# "the sweating and insomnia I had last time never showed up": a relative clause up to the cue.
_RELATIVE_TO_CUE: Final = re.compile(
    r"(?:,?\s+(?:and|or|&)\s+(?:the\s+)?[a-z]+)?\s+(?:that|which|i had|i've had|i'd had|i got|i get)\s+"
    r"(?:[\w']+\s+){0,7}",
    re.IGNORECASE,
)
# "The physical stuff is gone" relieves the body's symptoms, not mood, sleep, energy or cravings.
_PHYSICAL: Final = re.compile(r"the physical", re.IGNORECASE)
_NOT_PHYSICAL: Final = frozenset({"anxiety", "insomnia", "cravings", "low_mood", "fatigue"})
# The object of a hoped-for help is a symptom the author has.
_HOPED_HELP: Final = re.compile(
    r"\b(?:would|will|could|might|should|may) help (?:me )?(?:with |w/ )?(?:the|my) (?:\w+ )?$", re.IGNORECASE
)
_CONCESSIVE: Final = frozenset({"manageable", "bearable", "tolerable"})
_BUT_BEFORE: Final = re.compile(r"\bbut (?:it'?s |its |it is |they'?re |still |very |pretty |quite )*$")
# "Never had panic attacks before this stuff": the symptom is new, so present.
_NEVER_BEFORE: Final = re.compile(
    r"\bnever (?:had|got|experienced|felt|dealt with|knew)\b[^.!?]{0,60}?\bbefore (?:this|that|kratom|it"
    r"|starting|i started|taking|using)\b",
    re.IGNORECASE,
)
_TRIGGER_KEYS: Final = [(status, direction) for status, direction, _ in TRIGGERS]
_TRIGGER_RE: Final = _alternation([pattern for _, _, pattern in TRIGGERS])
# A phrase may be a cue in more than one list ("less and less" reaches both ways).
_TRIGGER_EACH: Final = [re.compile(pattern) for _, _, pattern in TRIGGERS]
_TRIGGER_PAIRS: Final = list(zip(_TRIGGER_KEYS, _TRIGGER_EACH, strict=True))
# A relief verb under negation: "didn't really ease", "not saying it fixed", "never cured".
_NEGATED_RELIEF: Final = re.compile(
    rf"(?<![\w'])(?:not|never|{A}n{A}t|didn{A}t|doesn{A}t|don{A}t|wasn{A}t|isn{A}t|couldn{A}t|won{A}t)"
    r"(?: (?:really|even|actually|saying|say|claiming|sure|think|like|that|it|kratom|this|they|them))"
    r"{0,2} $"
)
# "to help" after a verb of seeming reports an effect ("it seemed to help"); otherwise it is a purpose.
PURPOSE_BEFORE: Final = re.compile(
    r"(?<!\bseem)(?<!\bseems)(?<!\bseemed)(?<!\btend)(?<!\btends)(?<!\btended)(?<!\bappeared)"
    r"(?<!\bappears)(?<!\bused)(?<!\bstarted)(?<!\bbegan)(?<!\bmanaged)(?<!\bcontinues)(?<!\bcontinued) to $"
)
# "no diarrhea, no nausea, and the RLS [...] it's way less": a list of bare negations is not
# in the scope of a relief or persistence cue told of the item after it.
_BARE_NEGATION_BEFORE: Final = re.compile(
    r"(?:\bno|\bzero|\bwithout|\bw/o|\bnever had) (?:real |major |bad )?$"
)
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
# "Clonidine for the sweats, kratom for the aches. Both worked.": a short verdict after a
# sentence that names what each thing was taken for relieves those symptoms.
_VERDICT: Final = re.compile(
    r"\W*(?:and )?(?:both|all|they|it|that|these|those|each|all three|all of (?:them|it))(?: of them)?"
    r"(?:'ve| have| had)? (?:\w+ )?(?:worked|helped|did (?:the trick|wonders|(?:its|their) job)|delivered)\b",
    re.IGNORECASE,
)
# "I'm terrified the RLS will hit tonight": a symptom told in the future is expected (rule 1).
_FUTURE_AFTER: Final = re.compile(
    r"\s+(?:will|'ll|is going to|are going to|gonna|might|may)(?: \w+)? (?:hit|start|come|kick in|set in"
    r"|show up|begin|get bad)\b"
)  # matched on the lower-cased text
_PREPOSITION_BEFORE: Final = re.compile(r"\b(?:with|at|around|towards?) $")
# "the guy in the bed next to me": a place, not the subject of what follows.
_PLACE_BEFORE: Final = re.compile(r"\b(?:next to|across from|beside|behind|in front of|near) $")
_FOR_BEFORE: Final = re.compile(r"\bfor (?:the |my |all the |all my )?$", re.IGNORECASE)

# Hypothetical, expected, reported-by-others and textbook frames (rule 1). Each
# reaches to the end of its clause.
_HYPOTHETICAL_RE: Final = re.compile(
    _word(
        r"if(?! anything| i (?:don'?t|do not|didn'?t|did not|miss|missed|skip|skipped|forget|forgot|run out"
        r"|ran out|go without|went without|wait|waited|am late|'m late|was late"
        r"|try to stop|(?:go|went) (?:more than |over |longer than )?[\w ]{0,20}without))"
        r"|in case|whether|expect(?:ing|ed|s)?|will|'ll|(?<!not )gonna(?! lie)|(?<!was )(?<!were )going to"
        r"|would"
        r"|might|may|could(?! (?:finally|actually|now|at last)\b)|should"
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
    )
)  # matched on the lower-cased text (``lower_ascii``), like PERSON_RE

# "if I went 6 hours without it", "every time I missed a dose": a condition that did happen.
_PAST_HABIT: Final = re.compile(
    r"\b(?:if|when|whenever|every time|each time|anytime) i (?:ever )?(?:missed|skipped|went|ran out|was late"
    r"|forgot|didn'?t|did not|waited|tried to (?:stop|quit))\b"
)

# Matched case-sensitively on the lower-cased text (``lower_ascii``): faster than IGNORECASE.
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
    r"|a friend|my friends|the (?:guy|girl|dude|man|woman|lady|kid|person|patient) (?:next to|in the|beside"
    r"|across)"
    # "the orange ones make them nauseous": "them" is people when a symptom, not a change, follows.
    r"|(?:make|makes|made|making|give|gives|gave|giving) them(?! (?:go|goes|went|disappear\w*|worse|better"
    r"|easier|more|less|bearable|tolerable|manageable|stop\w*|all|both|away|down|up|off|out)\b))(?![\w']))"
    r"|(?P<first>(?<![\w'])(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|us|our|anyone else"
    r"|any1 else"
    r"|anybody else)(?![\w']))"
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
        if phrase in _CONCESSIVE and _BUT_BEFORE.search(lower, max(0, start - 20), start):
            continue  # "low but manageable": a symptom that is there, if bearable
        if phrase.startswith("help") and PURPOSE_BEFORE.search(lower, max(0, start - 30), start):
            continue  # "bought kratom to help with the cramps": a purpose, not relief
        negated: bool | None = None
        for (status, direction), pattern in _TRIGGER_PAIRS:
            if not pattern.fullmatch(phrase):
                continue
            if status == "relieved" and not phrase.startswith(("no", "not")):
                if negated is None:
                    negated = _NEGATED_RELIEF.search(lower, max(0, start - 30), start) is not None
                if negated:
                    continue  # "I'm not saying it fixed it", "it never eased the aches": no relief.
            found.append(Trigger(status, direction, start, end))
    return found


# A cue reaches at most this many list items; real lists are shorter, and the cap
# keeps a pathological input ("no RLS, no RLS, ...") linear.
_MAX_LIST: Final = 12


def _chains_into(mention: Mention, status: str) -> bool:
    """Say whether a list continues into ``mention``: a healthy state ("slept well") never does,
    and a negated healthy state ("no sleep") only for relief or persistence."""
    return mention.inherent is None or (mention.inherent == "present" and status != "negated")


def _bare_negated(norm: str, mention: Mention) -> bool:
    return _BARE_NEGATION_BEFORE.search(norm[max(0, mention.start - 16) : mention.start].lower()) is not None


def _chain_forward(norm: str, mentions: list[Mention], first: int, limit: int, status: str) -> list[int]:
    chain = [first]
    i = first
    while (
        i + 1 < len(mentions)
        and len(chain) < _MAX_LIST
        and mentions[i + 1].start < limit
        and _chains_into(mentions[i + 1], status)
        and (
            status == "negated"
            or not _bare_negated(norm, mentions[i + 1])
            or _bare_negated(norm, mentions[i])
        )
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
        and (
            status == "negated"
            or not _bare_negated(norm, mentions[i - 1])
            or _bare_negated(norm, mentions[i])
        )
    ):
        if not is_filler_gap(
            norm, mentions[i - 1].end, mentions[i].start, LIST_FILLER, punctuation=",/&+-", max_tokens=5
        ):
            break
        i -= 1
        chain.append(i)
    return chain


def _unlabelled_list(norm: str, start: int, end: int, filler: frozenset[str]) -> bool:
    """Say whether the gap is filler around a list of unlabelled symptoms ("the shakes and the")."""
    found = tokens(norm, start, end)
    if len(found) > 9 or not any(t in _UNLABELLED_WORDS for t in found):
        return False
    return all(t in filler or t in _LIST_JOINERS for t in found)


def _last_mention_before(mentions: list[Mention], offset: int, floor: int) -> int | None:
    i = bisect_right([m.end for m in mentions], offset) - 1
    return i if i >= 0 and mentions[i].start >= floor else None


def _scope(norm: str, seg: Segments, mentions: list[Mention], trigger: Trigger) -> list[int]:
    """Return the indexes of the mentions that ``trigger`` reaches."""
    sentence = seg.sentence_of(trigger.start)
    s_start, s_end = seg.sentence_span(sentence)
    if trigger.direction == "obj":
        return _antecedent(norm, seg, mentions, trigger.start, sentence, trigger.status)
    if trigger.direction == "fwd":
        first = bisect_left([m.start for m in mentions], trigger.end)
        nxt: int | None = first if first < len(mentions) else None
        if _OBJECT_PRONOUN_NEXT.match(norm, trigger.end):
            # "stopped it, I had goosebumps": the object is the pronoun, not the symptom after it.
            nxt = None
        if (
            nxt is not None
            and mentions[nxt].start < s_end
            and (
                (
                    is_filler_gap(
                        norm,
                        trigger.end,
                        mentions[nxt].start,
                        FWD_FILLER,
                        punctuation="%",
                        max_tokens=6,
                        numbers=True,
                    )
                    # A relief verb takes its object directly: "since I cut, I've been yawning"
                    # has a new subject between them.
                    and not (
                        trigger.status == "relieved"
                        and _SUBJECT_WORDS.intersection(tokens(norm, trigger.end, mentions[nxt].start))
                    )
                )
                or (
                    _unlabelled_list(norm, trigger.end, mentions[nxt].start, FWD_FILLER)
                    and not _OWN_NEGATION.match(norm, mentions[nxt].start)
                )
            )
        ):
            return _chain_forward(norm, mentions, nxt, s_end, trigger.status)
        if trigger.status == "relieved" and _PRONOUN_AFTER.match(norm, trigger.end):
            return _antecedent(norm, seg, mentions, trigger.start, sentence, trigger.status)
        return []
    prev = _last_mention_before(mentions, trigger.start, s_start)
    if prev is not None:
        gap_start = mentions[prev].end
        relative = _RELATIVE_CLAUSE.match(norm, gap_start, trigger.start)
        if relative is not None:
            gap_start = relative.end()
        else:
            relative = _RELATIVE_TO_CUE.match(norm, gap_start, trigger.start)
            if relative is not None and relative.end() == trigger.start:
                gap_start = relative.end()
        if is_filler_gap(
            norm, gap_start, trigger.start, BWD_FILLER, punctuation=",:%", max_tokens=7, numbers=True
        ) or _unlabelled_list(norm, gap_start, trigger.start, BWD_FILLER):
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


def _hypothetical_scopes(lower: str, seg: Segments) -> list[tuple[int, int]]:
    scopes = []
    for match in _HYPOTHETICAL_RE.finditer(lower):
        if match.group() == "would":
            # "if I missed a dose my legs would go crazy": a habit in the past, not a hypothesis.
            s_start = seg.sentence_span(seg.sentence_of(match.start()))[0]
            if _PAST_HABIT.search(lower, s_start, match.start()):
                continue
        sentence_end = seg.sentence_span(seg.sentence_of(match.start()))[1]
        end = sentence_end
        clause = seg.clause_of(match.end() - 1) + 1
        if clause < len(seg.clause_starts) and seg.clause_starts[clause] < end:
            end = seg.clause_starts[clause]
        scopes.append((match.end(), end))
    return scopes


def _persons(lower: str) -> list[tuple[int, bool]]:
    """Return (offset, is_author) for every person reference in the lower-cased text."""
    # An object of a preposition ("irritable with everyone", "snapped at my kids") is not
    # whom the next sentence is about.
    return [
        (m.start(), m.lastgroup == "first")
        for m in PERSON_RE.finditer(lower)
        if (m.lastgroup == "first" and not _PLACE_BEFORE.search(lower, max(0, m.start() - 14), m.start()))
        or (
            m.lastgroup == "other" and not _PREPOSITION_BEFORE.search(lower, max(0, m.start() - 8), m.start())
        )
    ]


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


def _relieve_negated_before_anymore(
    lower: str, seg: Segments, mentions: list[Mention], triggers: list[Trigger], cues: list[list[Trigger]]
) -> None:
    """ "I wasn't sweating through the sheets anymore": "anymore" at the end of a negated clause
    relieves the negated mentions in it, however far back they are."""
    for trigger in triggers:
        if trigger.status != "relieved" or lower[trigger.start : trigger.end] not in ("anymore", "any more"):
            continue
        c_start = seg.clause_starts[seg.clause_of(trigger.start)]
        for i, mention in enumerate(mentions):
            negated = any(t.status == "negated" for t in cues[i])
            if c_start <= mention.start < trigger.start and negated and trigger not in cues[i]:
                cues[i].append(trigger)


def _verdict_targets(norm: str, seg: Segments, mentions: list[Mention]) -> set[int]:
    """Return the indexes of the mentions named as what something was taken "for" in the sentence
    before a verdict such as "Both worked." (relieved)."""
    out: set[int] = set()
    for sentence in range(1, len(seg.sentence_starts)):
        v_start, v_end = seg.sentence_span(sentence)
        if v_end - v_start > 40 or not _VERDICT.match(norm, v_start):
            continue
        p_start, p_end = seg.sentence_span(sentence - 1)
        for i, mention in enumerate(mentions):
            if p_start <= mention.start < p_end and _FOR_BEFORE.search(
                norm, max(p_start, mention.start - 16), mention.start
            ):
                out.update(_chain_forward(norm, mentions, i, p_end, "relieved"))
    return out


def analyse_symptoms(norm: str, seg: Segments) -> SymptomAnalysis:
    """Find the author's symptoms in ``norm`` with their final status (guidelines, rules 1 to 5)."""
    lower = lower_ascii(norm)
    mentions = _find_mentions(lower)
    if not mentions:
        return SymptomAnalysis((), ())
    triggers = _find_triggers(lower, mentions)
    cues: list[list[Trigger]] = [[] for _ in mentions]
    reached_forward: set[tuple[int, int]] = set()
    for trigger in triggers:
        if trigger.status == "relieved" and seg.sentence_of(trigger.start) in seg.questions:
            continue
        if trigger.direction == "bwd" and (trigger.start, trigger.end) in reached_forward:
            continue  # "sleeping normally, no more anxiety attacks": "no more" reaches forward only
        scope = _scope(norm, seg, mentions, trigger)
        if scope and trigger.direction == "fwd" and lower.startswith("no ", trigger.start):
            reached_forward.add((trigger.start, trigger.end))
        for i in scope:
            cues[i].append(trigger)

    _relieve_negated_before_anymore(lower, seg, mentions, triggers, cues)
    for match in _NEVER_BEFORE.finditer(norm):
        for i, mention in enumerate(mentions):
            if match.start() <= mention.start < match.end():
                cues[i] = [t for t in cues[i] if t.status != "negated"]

    scopes = _hypothetical_scopes(lower, seg)
    persons = _persons(lower)
    helped_from = [m.end() for m in _WHAT_HELPED_RE.finditer(norm)]
    verdict = _verdict_targets(norm, seg, mentions)

    state: dict[str, str] = {}
    side_effects: set[str] = set()
    persistent: set[str] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    relief_cues: list[tuple[int, int]] = []
    for index, (mention, mention_cues) in enumerate(zip(mentions, cues, strict=True)):
        if any(start <= mention.start < end for start, end in scopes):
            if not _HOPED_HELP.search(norm, max(0, mention.start - 40), mention.start):
                continue
            # "thought kratom would help with the leftover anxiety": the anxiety is there.
            mention_cues = [t for t in mention_cues if t.status != "relieved"]
        if _FUTURE_AFTER.match(lower, mention.end):
            continue
        if not _is_authors(seg, persons, mention.start):
            continue
        if mention.name == NORMAL and _TO_BEFORE.search(norm, max(0, mention.start - 30), mention.start):
            continue
        status = _resolve(mention.inherent, [t.status for t in mention_cues])
        if mention.inherent == "present" and [(t.status, t.direction) for t in mention_cues] == [
            ("negated", "bwd")
        ]:
            status = "negated"  # "the insomnia I had last time never showed up"
        sentence = seg.sentence_of(mention.start)
        s_start = seg.sentence_span(sentence)[0]
        if any(s_start <= pos <= mention.start for pos in helped_from) or (
            index in verdict and status == "present"
        ):
            status = "relieved"
        if status == "relieved":
            relief_cues.extend((t.start, t.end) for t in mention_cues if t.status == "relieved")
            if not mention_cues:
                relief_cues.append((mention.start, mention.end))
        if mention.name in _PSEUDO:
            if status == "relieved":
                for name, before in state.items():
                    if mention.name == GUT and name not in _GUT_SYMPTOMS:
                        continue
                    if mention.name != GUT and name in persistent:
                        continue
                    if name in _NOT_PHYSICAL and _PHYSICAL.match(norm, mention.start):
                        continue
                    if before == "present" and name not in side_effects:
                        state[name] = "relieved"
            continue
        if any(t.status in ("still", "present") for t in mention_cues):
            persistent.add(mention.name)
        else:
            persistent.discard(mention.name)
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
