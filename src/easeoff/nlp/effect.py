"""Decide the effect of kratom on withdrawal as the author reports it: helped, not_helped, worse or none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from easeoff.nlp.doses import DoseFinding
from easeoff.nlp.lexicon import A
from easeoff.nlp.substances import SubstanceMention
from easeoff.nlp.symptoms import PERSON_RE, PURPOSE_BEFORE
from easeoff.nlp.text import Segments, lower_ascii

_NEG: Final = rf"(?:(?:did|does|do|is|was|were|are|has|have|had|would|could|ca|wo){A}n{A}t|not|never|no)"
_ADVERB: Final = (
    r"(?:(?:absolutely|literally|basically|pretty much|almost|just|practically|virtually|honestly"
    r"|really|fucking) )?"
)

# (label, pattern). At one position the first alternative wins, so the negated
# forms come before the plain ones.
_CUES: Final[tuple[tuple[str, str], ...]] = (
    (
        "not_helped",
        rf"{_NEG} (?:really |even |seem to |actually |at all )?(?:help|work|d(?:o|id) (?:a thing|anything"
        rf"|shit|much|jack|squat|"
        r"nothing|a damn thing)|make a difference|do it)\w*"
        # "kratom didn't touch my withdrawal", but not "I don't touch it" (abstinence).
        rf"|(?<!\bi )(?<!\bwe )(?:did|does|do)(?:{A}n{A}t| not) (?:even )?touch\w*"
        r"(?! (?:it|them|that|this|kratom|the stuff|that stuff|drugs|anything|any)\b)"
        rf"|(?:did|does|do) {_ADVERB}(?:nothing|zero|zilch|nada|squat|jack(?: shit)?|fuck all|bugger all"
        r"|diddly(?: squat)?)|do(?:es)? nothing"
        r"|no effect"
        r"|zero effect|(?:felt|feel|feeling) nothing|still nothing|useless|waste of (?:money|time|\$\d+)"
        r"|over-?hyped|over-?rated"
        r"|stopped working"
        # "Nothing. Not a dent.", "stopped wasting money on it", "didn't feel a thing".
        r"|not a dent|wast(?:ed|ing) (?:my )?(?:money|time) on"
        rf"|(?:did|do|could|ca){A}n{A}t feel a thing|(?:did|do|could) not feel a thing"
        rf"|{_NEG} think (?:it|this|kratom|that stuff|the stuff) (?:does|did|do|helps?|works?)\b"
        rf"|(?:is|was){A}n{A}t working|not working|(?:wasn{A}t|isn{A}t|not) (?:strong )?enough"
        rf"|barely (?:helped|touched|did)"
        r"|\bscam\b|placebo|never (?:helped|worked)|nothing (?:helped|worked)|no relief|no difference"
        r"|didn't do it|nothing touched|(?:not|no|without|any) (?:\w+ )?(?:effect|difference)"
        rf"|(?:did|does|wo|could|would){A}n{A}t (?:really |even )?hold me|(?:did|does|would"
        rf"|could) not hold me"
        # The symptoms it was taken for stayed as they were: "the cramps didn't budge".
        rf"|(?:did|does|do|would|wo){A}n{A}t (?:even )?budge|(?:did|would) not budge|never budged|unchanged"
        r"|(?:stayed|remained) (?:exactly |just |pretty much )?the same"
        # A relief verb denied: "kratom didn't stop the sweats", "never eased my cravings".
        rf"|(?:did|does|do|would|could|wo){A}n{A}t (?:really |even |fully |totally )?"
        r"(?:stop|ease|fix|cure|relieve|block|kill|knock out|get rid of|take away|take (?:the )?edge off"
        r"|make a dent in|put a dent in|dent)\b"
        r"|(?:did|does|would|could) not (?:really |even )?(?:stop|ease|fix|cure|relieve|block|take away)\b",
    ),
    (
        "worse",
        r"(?:made|makes|make|making) (?:[\w'/-]+ ){0,10}?(?:worse|more (?:anxious|depressed|tired|sick"
        r"|restless))|through the roof"
        r"|(?:got|get|gets|getting|gotten|became|become) worse|worsen(?:ed|s|ing)?|(?:way |much |even |10x "
        r"|\w+ times )?(?:worse|harder|rougher|more brutal) than"
        # Aggravation: "the insomnia went from bad to unbearable", "my anxiety spiked".
        r"|went from \w+ to (?:worse|unbearable|intolerable|hell|horrible|awful|\w+er)\b"
        r"|spik(?:ed|es|ing)\b|skyrocket(?:ed|s|ing)|shot up"
        # Dependence framed as a harm: back to square one, a door back to using, not harmless.
        r"|(?:right )?back (?:to )?(?:where i (?:started|was)|square one)"
        r"|(?:re-?)?open(?:ed|s|ing)? (?:the |a |that )?door"
        r"|gateway"
        rf"|not (?:so |as |that |completely |entirely |a |an )?(?:harmless|innocent|benign)"
        # Harm and ownership: "it was a harm for me", "this plant owns me", "it became the problem".
        r"|(?:a |the )harm\b(?! reduction)|owns me|own(?:s|ed) my life"
        r"|(?:turned|turns) into (?:the|a|my) (?:problem|nightmare)|(?:became|becomes) (?:the|a|my) problem"
        rf"|(?:is|was|are){A}n{A}t (?:so |as |that )?(?:harmless|innocent|benign)"
        r"|worst (?:decision|mistake|thing|idea)|addict(?:ed|ion|ive)\b|hooked|ruin(?:ed|s|ing)?|regret\w*"
        r"|\btrap(?:ped)?\b"
        r"|poison|mistake|wish (?:i|I) (?:had )?never|never should have|shouldn't have (?:started|tried)"
        # Precipitated or aggravated withdrawal: "it threw me into the worst sickness I've had".
        r"|(?:threw|thrown|throws|put|sent|pushed|kicked) me (?:right |straight )?into "
        r"(?:the |a |full[- ]blown |instant |precipitated )?(?:worst |full[- ]blown |instant )?"
        r"(?:withdrawa?l|wd|sickness|precip\w*|hell)"
        r"|precipitated|\bprecip\b"
        # The author's own dependence framed as harm: "the withdrawal when I quit was no joke".
        r"|nobody (?:warns|warned|tells|told) you|no one (?:warns|warned"
        r"|tells|told) you"
        r"|(?:worse|harder|rougher) than (?:before|when) (?:i|we) (?:took|started|tried|used|dosed|had)"
        r" (?:it|this|that|kratom|any)\b"
        # Advice ("don't touch it"), not the author's own abstinence ("I don't touch it").
        rf"|(?<!\bi )(?<!\bwe )(?<!\bthey )(?<!\bhe )(?<!\bshe )don{A}t (?:start|do it|touch it|go down"
        r"|mix|combine)"
        r"|stay away|(?:its|it's|is|was|pure|living|own|absolute|a) hell\b"
        r"|(?:are|were|been) hell\b|nightmare|zombie|slave|enslaved|stuck on|would not recommend"
        r"|wouldn't recommend|not recommend|0/10"
        r"|trad(?:e|ed|ing) one (?:addiction|habit|drug|dependence) for"
        # "it set my recovery back", "I'd have been better off doing a proper taper".
        r"|set (?:my recovery |my sobriety |me )back|(?:would|i'?d) have been better off"
        r"|worse (?:on (?:the )?days?|whenever|when|after) (?:that )?(?:i|I) (?:take|took|dose|use)\b"
        r"|trading one addiction|(?:another|new) addiction|dependen(?:ce|cy|t) on|harder to (?:quit|kick"
        r"|stop)"
        r"|hold (?:over|on) me|grip on me|hate (?:that|how|what) (?:it|this|kratom)|cruel|curse[ds]?|evil"
        r"|devil"
        rf"|prison|(?:would{A}n{A}t|would not|will never|won{A}t|never) (?:ever )?(?:touch|take|use"
        rf"|try) (?:it|this|that"
        r"|kratom|that stuff|this stuff) again|never again",
    ),
    (
        "helped",
        r"help(?:s|ed|ing|ful)?\b|work(?:s|ed|ing)? (?:great|wonders|well|like a charm|perfectly|amazingly"
        r"|for me|miracles)"
        r"|work(?:s|ed)(?=\s*(?:[-.!;:,]|$))|(?:what|the (?:only )?thing that|only thing that)"
        r" (?:helped|worked|got me through)(?: (?:me|for me))?"
        # "kratom is what actually touched the aches": the subject comes first.
        r"|(?:is|was) what (?:actually |really |finally |truly )?(?:touched|helped|worked|fixed)\b"
        r"|handl(?:e|es|ed|ing) (?:(?:the|my|all|most|of) )*(?:withdrawa?ls?|withdrawls?|wds?|w/ds?"
        r"|symptoms|cravings|sickness|worst)\b|(?:took|takes|take|taking) care of"
        r"|(?:kept|keeps|keep|keeping) me (?:off|clean|sober|away from|from using)"
        r"|(?:i'?m|i am|i was|i feel|i felt) (?!not\b|never\b)(?:\w+ )?calm\b"
        r"|(?:i'?m|i am|im) (?:\w+ )?(?:human|normal|fine|okay|ok|good|myself) again\b"
        r"|(?<=kratom )>+(?= ?[a-z])|(?<=kratom)>+(?= ?[a-z])"
        r"|saved (?:me|my life|my ass|my job)|life ?saver|god ?send|miracle|cur(?:ed|es)|took away|takes away"
        r"|take away"
        r"|(?:took|takes|take|taking) (?:the )?edge off|(?:got|gets|get|getting) me (?:through|off)\b|at bay"
        r"|block(?:s|ed|ing)?"
        r"|knock(?:s|ed)? (?:\w+ )?(?:right )?out|knock(?:s|ed|ing)? down\b(?! a)"
        r"|can (?:actually |finally |still )?function\b"
        r"|eas(?:e|es|ed|ing)\b|reliev(?:e|es|ed|ing)|relief|lift(?:ed"
        r"|s)\b|fixed"
        r"|bearable|manageable|survivable|livable|liveable|\bmvp\b|game ?changer|lifeline"
        r"|(?:took|takes|take|taking|brings?|brought|knock(?:s|ed)?) (?:\w+ ){0,3}down a (?:notch|peg|level)"
        # "Used kratom to get off 80mg of oxy": a method told as done; the agent follows.
        r"|(?<!to )(?<!i've )(?<!ive )(?<!been )used"
        r"(?= (?:[\w-]+ ){1,3}to (?:get off|come off|go off|kick|quit"
        r"|detox|taper off|get clean|get sober|get through|wean))"
        r"|(?:feel|felt|feeling) (?:\w+ )?(?:normal|fine|better|great|good|human|amazing"
        r"|ok(?:ay)?)\b"
        r"|made it (?:so )?(?:easy|easier|bearable|possible|doable)|only reason|thanks to|with the help of"
        r"|couldn't have done it without|(?:kept|keeps|keep|keeping) me (?:functional|sane|going|working"
        r"|alive|stable"
        r"|normal|well)|functional|blessing|heavy lifting|(?:much |way |so much |a lot )?easier"
        r"|(?:made|makes|make|making) (?:\w+ ){0,5}(?:easy|bearable|manageable|tolerable|doable|possible"
        r"|survivable|livable)"
        r"|(?:kick(?:ing|ed)?|got off|get off|came off|quit|quitting|detox(?:ed)?"
        r"|taper(?:ed|ing)(?: off| down)?|off) (?:\w+ ){1,5}"
        r"(?:with|using|thanks to|with the help of)(?= (?:it|this|kratom|the kratom|some kratom)\b)"
        r"|to (?:nothing|zero|0|none) (?:using|with|thanks to)"
        r"|stopp?(?:ed|s) (?:the|my|all)|eliminat(?:ed|es)|got rid of|gets rid of|kill(?:s|ed) (?:the|my"
        r"|all)",
    ),
)
_CUE_KEYS: Final = [label for label, _ in _CUES]
# Matched case-sensitively on the lower-cased text (``lower_ascii``): twice as fast as IGNORECASE.
_CUE_RE: Final = re.compile("|".join(f"(?P<g{i}>(?<![\\w'])(?:{p}))" for i, (_, p) in enumerate(_CUES)))
# Cues that name kratom as the object of a harm ("addicted to kratom", "kratom
# withdrawal is hell"): kratom withdrawal or quitting may be what they are about.
_FRAME_WORSE: Final = re.compile(
    r"worse than|harder than|rougher than|brutal than|worst|addict|hooked|ruin|regret|trap|poison|mistake"
    r"|wish"
    r"|never should|shouldn't|don|square|where i|harmless|innocent|benign"
    r"|stay away|hell"
    r"|nightmare|zombie|slave|stuck|recommend|0/10|trading|addiction|dependen|harder|hold|grip|hate|cruel"
    r"|curse|trade|set|better off|on days|on the day|whenever|when i|after i"
    r"|evil|devil|prison|again|threw|thrown|throws|put me|sent|pushed|kicked|precip|nobody|no one"
    r"|than before|than when",
    re.IGNORECASE,
)
_NEGATED_BEFORE: Final = re.compile(
    rf"(?:{_NEG}|n't|nothing)(?: \w+){{0,2}} $"
    r"|\b(?:not|n't|never) (?:gonna |going to )?(?:pretend|say|claim|saying|claiming)(?: that)?"
    r"(?: \w+){0,2} $",
    re.IGNORECASE,
)
# An opinion of someone who has not used it: "personally I'd never touch it".
_OPINION_ONLY: Final = re.compile(
    r"\b(?:i'?d|i would|i will|i'?ll) never (?:ever )?(?:touch|try|use|take) (?:it|that|this|kratom|the stuff"
    r"|that stuff)\b(?! (?:\w+ )?again)"
)  # matched on the lower-cased text
_NEVER_USED: Final = re.compile(
    rf"\b(?:never|not) (?:ever )?(?:used|tried|taken|touched|done)\b|\bhaven{A}t (?:ever )?(?:used|tried"
    rf"|taken)"
    r"|no way (?:am i|i'm|im) (?:touching|trying|taking)",
    re.IGNORECASE,
)
_HEARSAY: Final = re.compile(
    r"\b(?:the idea that|heard|people say|they say|supposedly|if(?! anything| by| i go\b)|whether|might"
    r"|could|would"
    r"|hoping|hope)\b"
    r"[^.!?,;]*$",
    re.IGNORECASE,
)
# Words that can open a sentence whose subject is left out ("Honestly saved my life.").
_ELIDED: Final = frozenset(
    {
        "really",
        "honestly",
        "also",
        "and",
        "but",
        "totally",
        "seriously",
        "definitely",
        "tbh",
        "it",
        "just",
        "even",
    }
    | {"didn't", "didnt", "did", "not", "never", "doesn't", "doesnt", "notice", "noticed", "barely", "hardly"}
)
_DOSE_SUBJECT: Final = re.compile(
    r"^\W*(?:about |around |like |maybe )?[\d.]+(?:\s*-\s*[\d.]+)?\s*(?:g|grams?|tsp|caps?|capsules)\b", re.I
)
# A cue whose agent is the thing named right after it: "to nothing using kratom", "What worked: kratom".
_INSTRUMENT_CUE: Final = re.compile(
    r"(?:using|with|thanks to|with the help of)$|^used$|^(?:what|the (?:only )?thing that|only thing that)\b",
    re.I,
)
_INSTRUMENT_GAP: Final = re.compile(
    r"(?:\s+(?:in|during|for|through|with) (?:the |my )?(?:[\w/]+ ){0,2}?(?:withdrawals?|wds?|w/ds?|detox"
    r"|taper))?\s*(?:[:=-]\s*|was\s+|is\s+)?(?:(?:the|my|some|a little)\s+)?",
    re.I,
)
# "Anyone else find kratom useless for insomnia?" tells the author's own experience.
_OWN_QUESTION: Final = re.compile(
    r"\W*(?:(?:does|did|has|is) )?(?:any ?(?:one|body) else|is it just me|am i the only one)\b", re.I
)
# A clause with a noun-phrase subject of its own: "The boredom was worse than the w/d".
_NOUN_SUBJECT: Final = re.compile(
    r"^\W*(?:the|my|this|that|his|her|their)\s+(?!(?:stuff|plant|leaf|shit|kratom|powder|tea|extract"
    r"|capsules?|caps|dose|doses)\b)[a-z]+(?:\s+[a-z]+)?\s+(?:was|is|were|are|has been|had been|got|gets"
    r"|felt|feels)\s+(?:\w+\s+)?$",
    re.I,
)
_DOSE_WORD: Final = re.compile(
    r"\b(?:the|my|a|first|next|that|this) (?:dose|redose)\b|\bdos(?:ed|ing)\b", re.IGNORECASE
)
_TAKEN_IT: Final = re.compile(r"\s+(?:it|this|that)\b", re.I)
# Verdicts that judge without telling a worsening ("Big mistake.", "Do not recommend."): with a
# report that kratom did not help they mean not_helped (guidelines: worse is "made things worse").
_VERDICT_ONLY: Final = re.compile(r"mistake|(?:would|wouldn't|do|don't|not) (?:not )?recommend|0/10", re.I)
_SCARE_QUOTED: Final = re.compile(r"[\"'].+[\"']")
_USE_VERB: Final = re.compile(
    r"\b(?:took|take|taking|dosed|dose|dosing|used|using|use|tried|started|switched|popped|drank|had"
    r"|redosed)\b"
    r"|\d\s*(?:g|mg|grams?|tsp|caps?|capsules)\b",
    re.IGNORECASE,
)
_COAGENT_GAP: Final = re.compile(
    r"\s*(?:\([^()]{0,20}\)\s*)?(?:\+|and|&|,|with|plus)\s*(?:(?:a little|some|a bit of|a few)\s+)?"
    r"(?:(?:\d+(?:\.\d+)?\s*(?:mg|g|grams?)?|one|two|three|four|an?)\s+){0,3}",
    re.I,
)
_COMPARED_GAP: Final = re.compile(
    r"\s+(?:(?:anything|what|when|coming off|quitting|the|my|any|even)\s+){0,2}"
)
# A kratom amount, then the other thing taken with it: "1/2 tsp plus two beers".
_COAMOUNT_GAP: Final = re.compile(
    r"[\d/.-]+\s*(?:g|grams?|tsp|tbsp|caps?|capsules)\s*(?:of (?:\w+ )?)?(?:\+|plus|and|with|&)\s*"
    r"(?:(?:\w+)\s+){0,3}",
    re.I,
)
# A time mark of a trip report: "T+0:40", "T+1h", "t + 2:00".
_TIMELINE_DOSE: Final = re.compile(r"\s*\(?t\s?\+\s?\d", re.I)
# A claim about other people in the cue's clause: "helps with the physical stuff for a lot of people".
_OTHERS_AFTER: Final = re.compile(
    r"\bfor (?:a lot of|lots of|many|most|some|plenty of|other) (?:people|folks|users|others)\b"
    r"|\bfor others\b"
)  # matched on the lower-cased text
# Someone close to the author tried kratom and the author tells how it went: "he tried kratom
# too and said it did nothing for him" (a reported effect still counts; guidelines, whose symptoms).
_THIRD_PARTY_TRIAL: Final = re.compile(
    r"\b(?:he|she|my (?:husband|wife|partner|boyfriend|girlfriend|bf|gf|brother|sister|son|daughter|dad|mom"
    r"|friend|buddy))"
    r" (?:also |even |finally |then )?(?:tried|took|used|dosed) (?:some |a little |the )?(?:kratom|it)\b"
    r"(?! for (?:his|her|their) (?:back|pain|knees?|arthritis|migraines?|mood|energy))"
)  # matched on the lower-cased text
_PRONOUN: Final = re.compile(
    r"\b(?:it|its|it's|this|this stuff|the stuff|that stuff|this plant|the plant|the leaf|that shit"
    r"|this shit)\b",
    re.I,
)
# Withdrawal or dependence is in the passage: the effect is on withdrawal, not on pain or a mood problem.
_WITHDRAWAL_CONTEXT: Final = re.compile(
    r"withdraw\w*|\bw/?ds?\b|wd's|detox|\bquit\w*|\bclean\b|sober|taper\w*|\bkick\w*|cold turkey|jump(?:ed"
    r"|ing)? off"
    r"|dope ?sick|\bsick\b|relapse|crav\w+|urges?|\boff (?:of )?(?:the )?\w+|came off|coming off|get off"
    r"|got off"
    r"|ran out|run out|late for (?:a|my) \w+|miss(?:ed)? (?:a|my) dose|wears? off|wore off|restless leg"
    r"|\brls\b|yawn|goose"
    r"|diarr"
    r"|the runs|the shits|sweats|chills|(?:days?|weeks?|months?|years?|yrs?) off\b|back on\b|\bday \d+"
    r"|(?:days?|weeks?|months?|years?) (?:no|without) (?:pills|dope|opiates|opioids|oxy|h|heroin|using)\b"
)  # matched on the lower-cased text
_OPIOIDS: Final = frozenset(
    {
        "heroin",
        "fentanyl",
        "oxycodone",
        "methadone",
        "buprenorphine",
        "hydrocodone",
        "hydromorphone",
        "morphine",
        "codeine",
        "tramadol",
        "tapentadol",
        "oxymorphone",
        "opium",
        "tianeptine",
    }
)


@dataclass(frozen=True, slots=True)
class EffectFinding:
    """The kratom effect label and the spans of the cues behind it."""

    label: str
    spans: tuple[tuple[int, int], ...]


def _agent(
    norm: str,
    seg: Segments,
    substances: list[SubstanceMention],
    start: int,
    end: int,
    label: str,
    *,
    frame: bool,
    relief: bool,
    doses: Sequence[tuple[int, str]] = (),
) -> SubstanceMention | None:
    """Return the substance a cue at ``start`` is about: subject before, object after, or topic.

    ``doses`` holds (offset, substance) of every dose found, in text order: an amount
    can stand for its substance ("4-6 grams three times daily keeps me functional").
    """
    sentence = seg.sentence_of(start)
    s_start, s_end = seg.sentence_span(sentence)

    # "worse than anything oxy ever gave me": the drug compared with is not the agent.
    compared = _compared(norm, substances, end) if label == "worse" else None

    def eligible(s: SubstanceMention) -> bool:
        if s.is_class_word or s.name == compared:
            return False
        return s.is_agent or (label == "worse" and frame)

    # "doesn't work on fent": for help and work, a substance after "on" is the target, not the agent.
    prepositions = "to|on|of|by|from|with" if label == "worse" else "to|of|by|from|with"
    if label == "worse" and _TAKEN_IT.match(norm, end):
        # "The anxiety is way worse on days I take it": "it" is the last substance named before.
        window = [
            s
            for s in substances
            if _floor_back(norm, seg, sentence) <= s.start < start and not s.is_class_word
        ]
        taken = [s for s in window if s.is_agent] or window
        if taken:
            return taken[-1]
    if label == "not_helped":
        # "I don't think kratom does anything": the subject sits inside the cue.
        inside = [s for s in substances if start <= s.start and s.end <= end and s.name == "kratom"]
        if inside:
            return inside[0]
    after = [s for s in substances if end <= s.start < min(s_end, end + 25) and eligible(s)]
    if after and re.fullmatch(
        rf"\s*(?:{prepositions})\s+(?:the\s+|my\s+|this\s+)?", norm[end : after[0].start]
    ):
        return after[0]
    if _INSTRUMENT_CUE.search(norm[start:end]):
        # "to nothing using kratom", "What worked for me in oxy withdrawal: kratom".
        # "used kratom to taper off X": the taper word makes kratom look quit, but it is the means.
        means = norm[start:end].lower() == "used"
        near = [
            s
            for s in substances
            if end <= s.start < min(s_end, end + 50) and (eligible(s) or (means and not s.is_class_word))
        ]
        if near and _INSTRUMENT_GAP.fullmatch(norm, end, near[0].start):
            return near[0]
    before = [s for s in substances if s_start <= s.start and s.end <= start and eligible(s)]
    if before:
        return before[-1]
    if after and re.fullmatch(
        rf"\s*(?:\w+\s+){{0,3}}(?:{prepositions}|thanks to)\s+(?:the\s+|my\s+)?",
        norm[end : after[0].start],
    ):
        return after[0]
    kratom_mentions = [s for s in substances if s.name == "kratom"]
    if any(s_start <= offset < start and name == "kratom" for offset, name in doses):
        # An amount of kratom is the subject: "4-6 grams three times daily keeps me functional".
        return kratom_mentions[0]
    if _DOSE_WORD.search(norm, s_start, start):
        # "take a dose and 20 mins later im calm": the substance last dosed or named.
        return _last_dosed(seg, substances, start, sentence, doses)
    if label == "worse" and frame:
        # "I regret the day I discovered 7-OH": the object comes later in the sentence.
        later = [s for s in substances if end <= s.start < s_end and s.name == "kratom"]
        if later:
            return later[0]
    if label == "worse" and frame and sentence == 0 and len(seg.sentence_starts) > 1:
        # "Learn from my mistake. I used kratom to come off tramadol": the story follows.
        n_start, n_end = seg.sentence_span(1)
        told = [s for s in substances if n_start <= s.start < n_end and s.name == "kratom"]
        if told and not any(s.start < n_start and not s.is_class_word for s in substances):
            return told[0]
    if re.match(r"nothing", norm[start:end], re.IGNORECASE) and sentence + 1 < len(seg.sentence_starts):
        # "Nothing touched my withdrawal. Not kratom, not clonidine."
        n_start, n_end = seg.sentence_span(sentence + 1)
        listed = [s for s in substances if n_start <= s.start < n_end and s.name == "kratom"]
        if listed:
            return listed[0]
    plant = re.search(
        r"\b(?:this|the|that|fresh|kratom) (?:plant|leaf|leaves|tree)\b", norm[s_start:start], re.IGNORECASE
    )
    if plant:
        kratom = [s for s in substances if s.name == "kratom" and s.end <= start]
        if kratom:
            return kratom[-1]
    # No substance in the sentence: a pronoun or an elided subject ("Helped a lot.")
    # points back to the last substance that acted, up to two sentences back.
    # Relief with no agent in its own sentence ("the sweats went away") is often
    # just time, so it needs the pronoun.
    if relief and sentence > 0 and not _has_pronoun_subject(norm, seg, s_start, start):
        return _relief_agent(norm, seg, substances, start, sentence, doses)
    head = norm[s_start:start]
    elided = all(w.strip(",").lower() in _ELIDED for w in head.split())
    # "4-6 grams three times daily keeps me functional": the dose is the subject.
    dosed = _DOSE_SUBJECT.search(head) is not None
    if (
        label in ("worse", "not_helped")
        and not frame
        and sentence > 0
        and not elided
        and not dosed
        and not _has_pronoun_subject(norm, seg, s_start, start)
        and not re.match(r"nothing", norm[start:end], re.IGNORECASE)
    ):
        # "My cramps didn't budge.", "Insomnia went from bad to unbearable.": said of the
        # symptoms, after a sentence about taking something.
        return _relief_agent(norm, seg, substances, start, sentence, doses)
    if frame and not elided and _NOUN_SUBJECT.search(head):
        # "The boredom was worse than the w/d": a subject of its own, not kratom.
        return None
    if (sentence > 0 and (elided or frame or dosed)) or _has_pronoun_subject(norm, seg, s_start, start):
        floor = _floor_back(norm, seg, sentence)
        window = [s for s in substances if floor <= s.start and s.end <= s_start and not s.is_class_word]
        earlier = [s for s in window if s.is_agent]
        # An amount stands for its substance: "Took 5g, waited, took another 3g. [...] it did zilch".
        amounts = [(offset, name) for offset, name in doses if floor <= offset < s_start]
        if (
            amounts
            and earlier
            and amounts[-1][1] == "kratom"
            and _COAMOUNT_GAP.fullmatch(norm, amounts[-1][0], earlier[-1].start)
        ):
            # "took another 1/2 tsp plus two beers [...] worse than before I took it": both taken together.
            return next(s for s in substances if s.name == "kratom")
        if amounts and (not earlier or amounts[-1][0] > earlier[-1].start):
            if amounts[-1][1] == "kratom":
                return next(s for s in substances if s.name == "kratom")
            earlier = [s for s in earlier if s.name == amounts[-1][1]] or earlier
        if earlier:
            return earlier[-1]
        if frame:
            # The harm may be kratom withdrawal itself: "the kratom withdrawal was mild [...] never again".
            kratom = [s for s in window if s.name == "kratom"]
            if kratom:
                return kratom[-1]
    return None


def _compared(norm: str, substances: list[SubstanceMention], end: int) -> str | None:
    """Return the substance named right after a comparative cue ending in "than", if any."""
    if not norm.endswith("than", 0, end):
        return None
    gap = _COMPARED_GAP.match(norm, end)
    if gap is None:
        return None
    return next((s.name for s in substances if s.start == gap.end() and not s.is_class_word), None)


def _floor_back(norm: str, seg: Segments, sentence: int, count: int = 2) -> int:
    """Return the start of the sentence ``count`` sentences before ``sentence``; a sentence of
    fewer than four words ("Nothing.", "Honestly shocked.") is not counted."""
    index = sentence
    while index > 0 and count > 0:
        index -= 1
        p_start, p_end = seg.sentence_span(index)
        if len(norm[p_start:p_end].split()) >= 4:
            count -= 1
    return seg.sentence_span(index)[0]


def _last_dosed(
    seg: Segments,
    substances: list[SubstanceMention],
    start: int,
    sentence: int,
    doses: Sequence[tuple[int, str]],
) -> SubstanceMention | None:
    """Return kratom when it is what "the dose" refers to: the last amount, or the last substance named,
    in this sentence and the two before it."""
    floor = seg.sentence_span(max(0, sentence - 2))[0]
    dosed = [name for offset, name in doses if floor <= offset < start]
    named = [s.name for s in substances if floor <= s.start < start and not s.is_class_word]
    last = dosed[-1] if dosed else (named[-1] if named else None)
    if last != "kratom":
        return None
    return next(s for s in substances if s.name == "kratom")


def _relief_agent(
    norm: str,
    seg: Segments,
    substances: list[SubstanceMention],
    start: int,
    sentence: int,
    doses: Sequence[tuple[int, str]],
) -> SubstanceMention | None:
    """Return the agent of relief told in a sentence that names no substance ("the sweats eased up").

    Relief is often just time, so it goes to a substance only when the story says it was
    taken: a kratom dose in the same sentence or a mention of "the dose" right after one,
    or a sentence about taking it up to two sentences back, with nothing else named between.
    """
    s_start, s_end = seg.sentence_span(sentence)
    kratom = [s for s in substances if s.name == "kratom"]
    if any(s_start <= offset < s_end and name == "kratom" for offset, name in doses):
        return kratom[0]
    if _DOSE_WORD.search(norm, s_start, s_end):
        # "About 25 minutes after the dose the dread lifted": the dose last taken.
        return _last_dosed(seg, substances, start, sentence, doses)
    timed = _TIMELINE_DOSE.search(norm, s_start, s_end) is not None
    if timed:
        # A timed log ("T+0:00 dosed 5g [...] T+0:40 legs calmed down"): relief at a later
        # mark goes to what was dosed at the marks before it.
        marked = [
            name
            for offset, name in doses
            if offset < s_start
            and _TIMELINE_DOSE.match(norm, seg.sentence_span(seg.sentence_of(offset))[0]) is not None
        ]
        if marked and marked[-1] == "kratom":
            return kratom[0]
    for back in (1, 2):
        if sentence - back < 0:
            break
        p_start, p_end = seg.sentence_span(sentence - back)
        dosed = [name for offset, name in doses if p_start <= offset < p_end]
        quitting = any(
            p_start <= s.start < p_end and s.name == "kratom" and not s.is_agent for s in substances
        )
        if dosed and dosed[-1] == "kratom" and not quitting:
            # "I mixed 1 tbsp of the powder into juice. Within 40 minutes the aching had faded."
            return kratom[0]
        named = [s for s in substances if p_start <= s.start < p_end and not s.is_class_word]
        taken = [s for s in named if s.is_agent]
        if taken:
            return taken[-1] if _USE_VERB.search(norm, p_start, p_end) else None
        if named:
            break
    return None


def find_kratom_effect(
    norm: str,
    seg: Segments,
    substances: list[SubstanceMention],
    relief_cues: tuple[tuple[int, int], ...],
    doses: Sequence[DoseFinding] = (),
) -> EffectFinding:
    """Label kratom's reported effect on withdrawal (guidelines, ``kratom_effect``)."""
    if not any(s.name == "kratom" for s in substances):
        return EffectFinding("none", ())
    dosed = [(d.span[0], d.substance) for d in doses]
    cues: list[tuple[str, int, int, bool]] = []
    lower = lower_ascii(norm)
    for match in _CUE_RE.finditer(lower):
        label = _CUE_KEYS[int(match.lastgroup[1:]) if match.lastgroup else 0]
        cues.append((label, match.start(), match.end(), False))
    cues.extend(("helped", start, end, True) for start, end in relief_cues)
    withdrawal = bool(_WITHDRAWAL_CONTEXT.search(lower)) or any(s.name in _OPIOIDS for s in substances)
    found: dict[str, list[tuple[int, int]]] = {}
    for label, start, end, relief in cues:
        sentence = seg.sentence_of(start)
        s_start, _ = seg.sentence_span(sentence)
        if sentence in seg.questions and not _OWN_QUESTION.match(norm, s_start):
            continue
        head = norm[s_start:start]
        # Whose report is it? The last person named in this clause decides.
        c_start = max(s_start, seg.clause_starts[seg.clause_of(start)], norm.rfind(",", s_start, start) + 1)
        persons = list(PERSON_RE.finditer(lower, c_start, start))
        if (
            persons
            and persons[-1].lastgroup == "other"
            and not _THIRD_PARTY_TRIAL.search(lower, s_start, start)
        ):
            continue
        if _HEARSAY.search(head):
            continue
        if label == "helped" and _NEGATED_BEFORE.search(norm, max(0, start - 30), start):
            continue
        if label == "helped" and PURPOSE_BEFORE.search(lower, max(0, start - 30), start):
            continue  # "bought kratom to help me off methadone": what it was for, not what it did
        if label == "helped" and _SCARE_QUOTED.fullmatch(norm, max(0, start - 1), min(len(norm), end + 1)):
            continue  # sarcasm: kratom "helped"
        if label == "helped" and _OTHERS_AFTER.search(
            lower, end, seg.clause_span(seg.clause_of(start), len(norm))[1]
        ):
            continue  # "kratom helps for a lot of people, but for me ...": not the author's report
        frame = bool(_FRAME_WORSE.search(norm, start, end))
        agent = _agent(norm, seg, substances, start, end, label, frame=frame, relief=relief, doses=dosed)
        if agent is not None and agent.name != "kratom":
            agent = _coagent(norm, substances, agent)
        if agent is None or agent.name != "kratom":
            continue
        if label in ("helped", "not_helped") and not withdrawal:
            continue
        found.setdefault(label, []).append((start, end))
    if (
        (_NEVER_USED.search(norm) and "worse" not in found)
        or ("never" in lower and _OPINION_ONLY.search(lower))
    ) and not _first_person_use(norm):
        return EffectFinding("none", ())
    if (
        "worse" in found
        and "not_helped" in found
        and "helped" not in found
        and all(_VERDICT_ONLY.fullmatch(norm, a, b) for a, b in found["worse"])
    ):
        del found["worse"]
    for label in ("worse", "helped", "not_helped"):
        if label in found:
            return EffectFinding(label, tuple(found[label]))
    return EffectFinding("none", ())


def _has_pronoun_subject(norm: str, seg: Segments, s_start: int, start: int) -> bool:
    """Say whether the clause before a cue opens with a pronoun subject ("it took the edge off")."""
    c_start = max(s_start, seg.clause_starts[seg.clause_of(start)], norm.rfind(",", s_start, start) + 1)
    head = " ".join(norm[c_start:start].split()[-4:])
    return _PRONOUN.search(head) is not None


def _coagent(norm: str, substances: list[SubstanceMention], agent: SubstanceMention) -> SubstanceMention:
    """Return kratom when it shares the subject with ``agent`` ("kratom + phenibut"), else ``agent``."""
    index = substances.index(agent)
    for other in (
        substances[index - 1] if index else None,
        substances[index + 1] if index + 1 < len(substances) else None,
    ):
        if other is None or other.name != "kratom":
            continue
        lo, hi = (other.end, agent.start) if other.start < agent.start else (agent.end, other.start)
        if _COAGENT_GAP.fullmatch(norm, lo, hi):
            return other
    return agent


def _first_person_use(norm: str) -> bool:
    return bool(
        re.search(
            r"\b(?:i|i've|ive)\s+(?:took|take|dosed|dose|used|use|tried|started|switched)\b",
            norm,
            re.IGNORECASE,
        )
    )
