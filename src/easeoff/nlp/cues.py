"""Cue phrases that modify symptom mentions, in the manner of ConText (Harkema et al. 2009).

A trigger has a status it gives (``negated``, ``relieved`` or ``present``) and a
direction: ``fwd`` reaches the mentions that follow it, ``bwd`` those before it,
``obj`` the mentions before it through a pronoun ("it knocks them out").
Scope is deliberately narrow: a trigger reaches the first mention only across
filler words, then runs along a list ("no nausea, vomiting or diarrhoea") and
stops at anything else. That keeps "not feeling too bad, sweating a bit" from
negating the sweating.
"""

from __future__ import annotations

from typing import Final

from easeoff.nlp.lexicon import CANT, NOT_AUX, A

# (status, direction, pattern). Order matters: at one position, the first
# alternative that matches wins, so longer phrases come before their prefixes.
TRIGGERS: Final[tuple[tuple[str, str, str], ...]] = (
    # Explicit persistence: outranks relief and negation.
    (
        "present",
        "bwd",
        rf"(?:wo{A}n{A}t|wont|will not|would{A}n{A}t|would not|did{A}n{A}t|does{A}n{A}t|is{A}n{A}t|not|never|"
        rf"refuses? to|refused to) (?:\w+ )?(?:go(?:ing)? away|stop(?:ping)?|quit|let up|ease up|subside|"
        r"go down|improve|get better|leave|end)"
        r"|never (?:stopped|went away|eased|let up|improved|left|ended)|(?:came|come|comes|coming) back"
        r"|(?:are|is|were|was) back\b|returned|returning|kicked in|kicking in|kick in|got worse|getting worse"
        r"|gotten worse|(?:is|are|was|were) worse|persist(?:s|ed|ing)?|kept going|keeps going|set in|sets in"
        rf"|(?:did|does|do|has|have|had|would|will){A}n{A}t (?:even )?budge|(?:did|does|would) not budge"
        r"|never budged|linger(?:s|ed|ing)|hang(?:s|ing)? (?:around|on)",
    ),
    (
        "present",
        "fwd",
        rf"(?:did|does|do){A}n{A}t (?:really |even )?(?:help|touch|do (?:a thing|anything|shit|much"
        rf"|jack|squat) for)"
        r"(?: with)?|(?:did|does|do) not (?:help|touch)|did (?:absolutely )?nothing for"
        r"|does (?:absolutely )?nothing for"
        r"|do nothing for|nothing for|more and more|worse"
        # "it helped the sweating, not so much the diarrhea": the contrast is not relief.
        r"|not so much (?:for |with |on )?(?:the|my)"
        # "can't go 4 hours without sweating": the symptom comes whenever the dose is late.
        rf"|{CANT} (?:go|last|make it|get through)(?: [\w']+){{0,4}} without",
    ),
    # "still" keeps a symptom present, but "better, but still there" and "still there but
    # quieter" are relief (rule 4): persistence told with "still" ranks below relief.
    (
        "still",
        "bwd",
        r"(?:(?:is|are|was|were|been) )?still (?:there|here|around|hanging around|present|lingering)",
    ),
    ("still", "fwd", r"still"),
    # Relief.
    (
        "relieved",
        "fwd",
        r"no more|no longer|(?:(?:is|are|was|were) )?not (?:as|so) (?:much|bad|many|often|intense|strong"
        r"|severe)"
        r"|not so much|gone are(?: the)?|less and less"
        r"|a lot less|much less|way less|less|fewer|reduc(?:ed|es|e|ing)|reliev(?:ed|es|e|ing)|relief (?:from"
        r"|of|for)"
        r"|help(?:s|ed|ing)? (?:me )?(?:with|w/)|help(?:s|ed|ing)?|(?:took|takes|take|taking|taken) away"
        r"|(?:took|takes|take|taking|taken|knock(?:ed|s|ing)?) (?:the )?edge off(?: of)?"
        r"|(?:took|takes|take|taken) care of"
        r"|got rid of"
        r"|get rid of"
        r"|gets rid of|eas(?:ed|es|e|ing)|cur(?:ed|es|e)|stopp?(?:ed|s)|kill(?:ed|s)|knock(?:ed|s)? out"
        # "cut" the verb, not a taper step ("since the last cut").
        r"|(?<!the )(?<!last )(?<!a )(?<!each )(?<!every )(?<!next )(?<!my )(?<!first )(?<!latest )"
        r"cut(?: down)?"
        r"|handl(?:ed|es|e|ing)"
        r"|work(?:s|ed|ing)? (?:ok(?:ay)?|well|great|wonders|fine|decent(?:ly)?|pretty well|good"
        r"|like a charm) (?:for|on|with)"
        # "kratom knocked down the aches", "kratom is what actually touched the cravings".
        r"|knock(?:ed|s|ing)? down|what (?:actually |really |finally )?touched"
        r"|knock(?:ed|s)?|wip(?:ed|es) out"
        r"|eliminat(?:ed|es|e)|lift(?:ed|s)|block(?:ed|s)|fix(?:ed|es)|calm(?:ed|s)|manag(?:ed|es) (?:my|the)"
        r"|got over|(?:did|does|do|doing) (?:most of |all of )?the heavy lifting (?:with|for|on)",
    ),
    (
        "relieved",
        "bwd",
        r"(?:went|go|goes|going|gone) away|(?:(?:all|almost|nearly|mostly|completely|totally|basically"
        r"|pretty much) )?gone"
        r"|disappear(?:ed|ing|s)?|vanish(?:ed|ing)?|subsid(?:ed|ing|es)|eas(?:ed|ing) (?:up|off)|eas(?:ed"
        r"|ing)"
        r"|fad(?:ed|ing|es|e)(?: away)?|lift(?:ed|ing)?\b|improv(?:ed|ing)|lighter|milder"
        r"|(?:much |a lot |way "
        r"|so much )?better"
        r"|stopped|calm(?:ed|ing)?(?: down)?|settl(?:ed|ing)(?: down)?|let up|letting up|lets up"
        r"|clear(?:ed|ing)? up"
        # "the runs slowed way down", "the sweats backed off", "anxiety down a notch".
        r"|slow(?:ed|ing|s)? (?:way |right |a lot |a bit |all the way )?down|(?:backed|backing|backs) off"
        r"|eas(?:ed|ing|es) off|down (?:a (?:notch|peg|lot|bit|ton|little)|some)\b"
        r"|under control"
        r"|manageable|bearable|tolerable|less and less|(?:a lot |way |much |so much )?less(?: intense| severe"
        r"| bad)?"
        r"|lessen(?:ed|ing)|decreas(?:ed|ing)|diminish(?:ed|ing)|(?:went|going|gone) down|dissipat(?:ed|ing)"
        r"|dissolv(?:ed|ing)"
        r"|at bay|away|in check|(?:well |pretty well |mostly )?controlled|resolved|solved|(?:is|are|was"
        r"|were) over\b|melt(?:ed|s)? away"
        r"|nowhere near (?:as )?(?:bad|severe|intense|strong|frequent)|reduc(?:ed|ing)"
        r"|(?:(?:is|are|was|were) )?not (?:as|so) (?:bad|severe|intense|strong)(?: as (?:before|it was"
        r"|yesterday))?"
        r"|anymore|any more|no more|then nothing|(?:is|are|was|were) (?:finally )?done|cured|broke|passed"
        # Partial improvement told by comparison (rule 4).
        r"|(?:half|a (?:third|quarter|fraction)|\d+ ?%) (?:of )?what"
        r" (?:it|they)(?:'d| would)? (?:was|were|be|normally be|usually be|used to be)"
        r"|half as (?:bad|strong|intense)|a fraction of what (?:it|they) (?:was|were)"
        r"|(?:cut|down) (?:by |in )half|nothing like (?:before|it was|they were|the first \w+"
        r"|last (?:time|week|night|month)|yesterday"
        r"|the day before)"
        r"|not like before|quieter|weaker|duller|softer|(?:more )?muted|dulled|toned down|dialed down"
        r"|(?:way|much|a lot|really|significantly|dramatically|mostly|pretty) down\b"
        # "Diarrhea hasn't returned": the symptom went and stayed gone.
        rf"|(?:has|have|had|did){A}n{A}t (?:\w+ )?(?:returned|come back|came back)"
        r"|never (?:returned|came back)"
        # "a runny nose for 4 days, then it was fine": the list before it is over.
        r"|(?:then|after that|afterwards|after) (?:it|i|things|everything)"
        r"(?:'s| was| were| felt| got| has been| have been| is) "
        r"(?:totally |completely |pretty much |mostly |basically )?"
        r"(?:fine|ok(?:ay)?|alright|all good|normal)",
    ),
    # Relief told of a pronoun object: "kratom made both way more tolerable".
    (
        "relieved",
        "obj",
        r"(?:made|makes|make|making) (?:it|them|both|those|these|that|all of (?:it|them)) "
        r"(?:(?:way|much|a lot|so much|a bit|a little|somewhat) )?(?:more )?(?:tolerable|bearable|manageable"
        r"|better|easier|go away|disappear)",
    ),
    # Negation told after the mention: "the goosebumps never showed up".
    (
        "negated",
        "bwd",
        r"never (?:really |even |once )?(?:showed up|show(?:ed)? up|appeared|materiali[sz]ed|happened"
        r"|hit(?: me)?|arrived)"
        rf"|(?:did|has|have|had){A}n{A}t (?:really |even )?(?:show(?:n)? up|appear(?:ed)?"
        r"|materiali[sz]e(?:d)?|happen(?:ed)?|hit(?: me)?)(?: yet)?",
    ),
    # Negation.
    (
        "negated",
        "fwd",
        r"no|not|never|without|w/o|zero|nor|neither|none of|free (?:of|from)|lack of|absence of|barely any"
        r"|hardly any|not much|not really|not a single|"
        + NOT_AUX
        + rf"|have{A}n{A}t|has{A}n{A}t|had{A}n{A}t",
    ),
    (
        "negated",
        "bwd",
        r"non-?existent|nonexistent|(?:is|are|was|were) (?:basically |pretty much |practically |literally "
        r"|like |almost |at )?(?:none|nil|zero)|none\b|nope|nada"
        rf"|(?:is|are|was|were){A}n{A}t (?:an issue|a problem|there|bad)|not an issue|not a problem"
        rf"|no problem",
    ),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Symptoms outside the label set often sit in the same lists ("the shakes and sweats").
UNLABELLED: Final = (
    " shakes shaking tremors tremor headache headaches zaps brain hot flashes flash itching itchiness itchy"
    " irritability irritable constipation dizziness dizzy vertigo appetite "
)


# A pronoun subject or object that stands for the symptom named just before.
PRONOUN_SUBJECT: Final = (
    r"(?:it|its|they|theyre|that|those|these|this|all of (?:it|them|that)|both)"
    r"(?:'s|'re| is| are| was| were)?"
)
PRONOUN_OBJECT: Final = r"(?:it|them|those|these|that)\b"

# Sentence-level: "What helped me: imodium for the shits, clonidine for the sweats."
WHAT_HELPED: Final = r"\b(?:what|things that|stuff that|the things that) (?:helped|worked|got me through)"

# Words that can stand between a forward trigger and its first mention.
FWD_FILLER: Final = _words(
    UNLABELLED
    + "a an the my any real really bad major serious severe big huge noticeable significant much very so "
    "too that single sign signs trace traces hint bit little kind sort of physical mental withdrawal "
    "withdrawals wd wds usual typical dreaded awful horrible terrible nasty crazy insane extreme intense "
    "heavy strong constant mild slight minor annoying painful random even once ever have had has having "
    "get got getting gets feel felt feeling feels experience experienced experiencing notice noticed "
    "suffer suffered suffering from with i ive i've im i'm it is was were are been be just at all like "
    "those these such other one me more seem seemed anything issues with any hardly barely whatsoever "
    "noticeable lingering maybe about around most some "
)

# Words that can stand between items of a list.
LIST_FILLER: Final = _words(
    UNLABELLED
    + "and or nor no neither either plus any even a an the my some bad real major serious severe big huge "
    "terrible horrible awful crazy insane extreme intense heavy strong constant mild slight minor "
    "annoying painful random nonstop also too of slight little bit lots lot as well "
    "leg legs arm arms body muscle muscles joint joints bone bones calf calves back "
)

# Words that can stand between a mention and a backward trigger.
BWD_FILLER: Final = _words(
    "but "
    + "is are was were has have had been be all both completely totally pretty much almost nearly mostly "
    "basically just finally now already entirely also too seem seems seemed to got gotten getting get "
    "really way a lot so significantly slowly gradually quickly definitely kinda kind of sort starting "
    "started beginning began it they them 's 're r seem have've honestly literally actually noticeably "
    "considerably somewhat bit little has day days week weeks month months hours hour few couple after "
    "about around for within took take takes in the then since by maybe like attacks fits fit attack an "
    "which night nights morning mornings evening evenings afternoon afternoons today lately at there still "
    "one two three four five six seven couple only barely became become becomes becoming "
    # Where it hurt: "the aching in my knees and back had eased off".
    "my knees knee shoulders shoulder back neck hips hip legs arms joints feet hands lower upper and "
)
