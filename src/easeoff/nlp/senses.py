"""Word senses of ambiguous drug slang: is this "coke" cocaine or a soda?

The vocabulary in ``lexicon.py`` matches slang words that also have everyday
senses. These rules read the words around a match and say when it is the
everyday sense: "a diet coke", "the crack of dawn", "that's dope", "Molly said",
"lean on", "a pot of coffee", "plan H". They are conservative: a word is dropped
only on clear evidence, and otherwise stays a drug.

Every rule looks at most ``_WINDOW`` characters either side of the match.
"""

from __future__ import annotations

import re
from typing import Final

_WINDOW: Final = 40

_SODA_BEFORE: Final = re.compile(
    r"(?:\bdiet|\bcherry|\bvanilla|\bregular|\bclassic|\bcold|\bwarm|\bflat|\bice[- ]cold"
    r"|\b(?:can|cans|bottle|bottles|glass|cup|sip|sips|liter|litre|case|pack|2 ?(?:liter|litre)) of"
    r"|\bdrink(?:s|ing)?|\bdrank|\bsip(?:ped|ping|s)?|\bchug(?:ged|ging)?|\bpepsi (?:or|and)"
    r"|\bsprite (?:or|and)|\bcoffee (?:or|and)|\bwater (?:or|and)|\ba|\bhad a)\s+(?:diet\s+|cold\s+)?$"
)
_COKE_DRUG_AFTER: Final = re.compile(
    r"^\s*(?:habit|addict\w*|problem|binge|dealer|head|bender|come ?down|lines?\b|bumps?\b|high\b|use\b"
    r"|user|nose|cut\b|and (?:booze|alcohol|weed|molly|pills|heroin|dope|xanax|meth|pot|fent))"
)
_SODA_AFTER: Final = re.compile(
    r"^\s*(?:zero|cans?\b|bottles?\b|float|machine|products?|cola|and (?:chips|fries|pizza|a burger|a snack)"
    r"|or (?:pepsi|sprite|something|water|coffee)|with (?:ice|lime|lemon))"
)

_CRACK_OTHER_AFTER: Final = re.compile(
    r"^\s*(?:of (?:dawn|day|noon|light)|open\b|up\b|at\b|under\b|down\b|on\b"
    r"|in (?:the|my|a|his|her|your|their)\b|me up|jokes?\b"
    r"|a (?:joke|smile|grin|beer|window|egg|book|bottle|can|cold one)\b"
    r"|the (?:code|window|case|door|whip|safe|egg|books?|seal|puzzle|mystery|lid)\b)"
)
_CRACK_OTHER_BEFORE: Final = re.compile(r"(?:\bbutt|\bplumber'?s|\bass|\bwise|\bsmart)\s*-?\s*$")

# "dope" as an adjective ("that's dope") or an insult ("you dope").
_DOPE_ADJ_BEFORE: Final = re.compile(
    r"(?:\bso|\bpretty|\breally|\bsuper|\bhella|\bmad|\bvery|\bkinda|\bkind of|\bsorta|\bthat'?s"
    r"|\bthats|\bit'?s|\bits|\blooks?|\blooked|\bsounds?|\bsounded|\bseems?|\bstraight"
    r"|\babsolutely|\btotally|\bwhat a|\bsuch a|\byou|\bya|\byou big|\byou stupid|\bthey'?re|\bthis is"
    r"|\b(?:that'?s|thats|it'?s|its|this is|what|such) an?)\s+$"
)
# Words that make "dope" an adjective only when nothing follows: "the meeting was dope", "how dope
# is that", but not "how dope withdrawal feels" (heroin).
_DOPE_BE_BEFORE: Final = re.compile(r"\b(?:is|was|are|were|how)\s+$")
_DOPE_END: Final = re.compile(
    r"^\s*(?:[.!,)]|$|af\b|asf\b|as (?:hell|fuck|shit)\b|btw\b|tho\b|though\b|lol\b|imo\b|fr\b|too\b"
    r"|is that\b|was that\b)"
)
_DOPE_ADJ_AFTER: Final = re.compile(
    r"^\s*(?:songs?|tracks?|beats?|album|movies?|shows?|shirts?|shoes|sneakers|car|view|pics?|pictures?"
    r"|write-?ups?|threads?|reads?|story|guide|updates?|username|tips?|quotes?|playlists?|apps?|games?"
    r"|photos?|videos?|ideas?|posts?|vibes?|job|art|design|name|af\b|asf\b|ass\b|as (?:hell|fuck|shit)\b)"
)
_DOPE_DRUG_AFTER: Final = re.compile(r"^\s*(?:fiend|sick|head|habit|dealer|bags?\b|addict|high\b)")

# Names: "Molly drove me", "my cousin Molly", "Molly and I".
_RELATION_BEFORE: Final = re.compile(
    r"\b(?:my|our|his|her|their|a) (?:\w+ )?(?:friend|cousin|sister|sis|brother|bro|wife|girlfriend|gf"
    r"|daughter|niece|aunt|auntie|mom|mum|mother|grandma|granny|roommate|coworker|co-worker|neighbou?r|counsel?lor"
    r"|therapist|sponsor|nurse|doctor|dog|cat|puppy|boss|bestie|bff|buddy|partner|ex|kid|baby|girl|lady)"
    r"\s+$",
    re.IGNORECASE,
)
_NAME_VERB_AFTER: Final = re.compile(
    r"^\s*(?:said|says|told|tells|asked|asks|drove|drives|came|comes|went|goes|called|calls|texted|texts"
    r"|thinks|thought|knows|knew|wants|wanted|picked|brought|visited|stayed|left|laughed|cried|replied"
    r"|answered|agreed|suggested|mentioned|noticed|invited|yelled|hugged|helped me|took me|gave me|made me"
    r"|is my|was my|has been my|and (?:i|me)\b|'s (?:mom|mum|dad|house|place|car|husband|wife|boyfriend"
    r"|girlfriend|kids?|birthday|wedding|party|family|room)\b)",
    re.IGNORECASE,
)
_NAME_BEFORE: Final = re.compile(
    r"\b(?:with|told|asked|called|texted|met|named|visited|and|hugged|thanked)\s+$", re.IGNORECASE
)

_LEAN_OTHER_AFTER: Final = re.compile(
    r"^\s*(?:on\b|against|back\b|forward|towards?|into|in\b|over\b|out\b|more\b|heavily|heavy|muscles?|meat"
    r"|protein|mass|body|beef|cuts?\b|diet|bulk|and (?:mean|fit|strong|healthy)|times|months|years|season"
    r"|startup|manufacturing|six sigma|-)"
)
_LEAN_OTHER_BEFORE: Final = re.compile(
    r"(?:\bi|\byou|\bwe|\bthey|\bhe|\bshe|\bto|\b'd|\bwould|\bwill|\bcan|\bcould|\bshould|\bdon'?t|\bdo"
    r"|\bkinda|\bmore|\bvery|\bso|\bpretty|\bstay|\bstaying|\bget|\bgetting|\bgot|\bkeep|\bi'?m|\bbe)\s+$"
)

_POT_OTHER_BEFORE: Final = re.compile(
    r"(?:\bcrock|\binstant|\bcoffee|\btea|\bflower|\bstock|\bsauce|\bsoup|\bcooking|\bchamber|\bmelting|\bclay"
    r"|\bhoney|\bfondue|\bpressure|\blobster|\bbig|\blarge|\bsmall|\bgiant|\bhuge|\bwhole|\bentire|\ba|\bone"
    r"|\bboil(?:ed|ing)?(?: a| the)?|\bstir(?:red|ring)?(?: the)?|\bin (?:a|the)|\binto (?:a|the)"
    r"|\bpots and|\bpee|\bpotty|\bpiss|\bsweeten(?:ed|s)? the|\bthe jack)\s+$"
)
_POT_OTHER_AFTER: Final = re.compile(
    r"^\s*(?:roast|pie|luck|belly|bellied|holder|hole|noodle|pans?\b|and pans?\b|lid|on the stove|to boil"
    r"|boiling|of\b)"
)
_POT_DRUG_AFTER: Final = re.compile(
    r"^\s*(?:brownies?|cookies?|edibles?|gumm(?:y|ies)|smoker|head|dispensary|card|store|shop|habit|addict"
    r"|leaf|plants?|seeds?)"
)

_SMACK_OTHER_BEFORE: Final = re.compile(r"(?:\btalk(?:s|ing|ed|in)?|\btalkin'?|\ba)\s+$")
_SMACK_OTHER_AFTER: Final = re.compile(
    r"^\s*(?:dab|talk|in the|on the|him|her|me|you|them|it\b|my|his|their)"
)
_WEED_OTHER_AFTER: Final = re.compile(
    r"^\s*(?:out\b|killer|whacker|wacker|eater|trimmer|the (?:garden|yard|lawn|beds?))"
)
_FETTY_OTHER_AFTER: Final = re.compile(r"^\s*wap\b", re.IGNORECASE)

# "H" is heroin only on the original case; these are the other capital H's.
_H_OTHER_BEFORE: Final = re.compile(
    r"(?:(?i:\b(?:letter|capital|vitamin|plan|ward|building|bldg|section|block|wing|part|row|exit|gate|dr|mr"
    r"|mrs|ms|miss|uncle|aunt|grade|type|class|apartment|apt|unit|room|hall|level|column|floor|size|model"
    r"|hep|hepatitis|option|choice|an|big|lowercase|uppercase|with an?|starts with|spelled|silent|bay"
    r"|terminal|team|group|vitamins?))\.?|\b[B-HJ-Z][.,]?(?:\s+(?:and|or))?)\s+$"
)
_H_OTHER_AFTER: Final = re.compile(
    r"^(?:\s*(?:pylori|bomb|x\s*\d|\d|&|\+)|\s+(?:and|or)\s+[B-HJ-Z]\b|\.[A-Z])"
)
# "H." ends a sentence only after a verb or preposition of drug use: "3 days off H."
_H_DRUG_BEFORE: Final = re.compile(
    r"\b(?:off|on|quit|quitting|from|of|to|using|used|use|shoot(?:ing)?|shot|snort(?:ing|ed)?|smok(?:e|ing|ed)"
    r"|sniff(?:ing|ed)?|doing|did|do|some|no|kick(?:ed|ing)?|more|than|and|or|like)\s+$",
    re.IGNORECASE,
)


def _around(norm: str, start: int, end: int) -> tuple[str, str]:
    return norm[max(0, start - _WINDOW) : start].lower(), norm[end : end + _WINDOW].lower()


def _is_name(norm: str, start: int, end: int) -> bool:
    """A slang word used as a person's name: "Molly said", "my cousin Molly", "Molly and I"."""
    word = norm[start:end]
    before = norm[max(0, start - _WINDOW) : start]
    after = norm[end : end + _WINDOW]
    if _RELATION_BEFORE.search(before):
        return True
    capitalised = word[:1].isupper() and not word.isupper()
    if not capitalised:
        return False
    return bool(_NAME_VERB_AFTER.match(after) or _NAME_BEFORE.search(before))


def _dope_is_other(before: str, after: str) -> bool:
    if _DOPE_DRUG_AFTER.match(after):
        return False
    if _DOPE_ADJ_BEFORE.search(before) or _DOPE_ADJ_AFTER.match(after):
        return True
    return bool(_DOPE_BE_BEFORE.search(before) and _DOPE_END.match(after))


def is_other_sense(norm: str, start: int, end: int) -> bool:
    """Say whether the drug-slang match ``norm[start:end]`` is used in an everyday sense.

    ``norm`` is the normalised text in its original case. Words that are not
    ambiguous slang always give False.
    """
    word = norm[start:end].lower()
    if word not in _AMBIGUOUS:
        return False
    before, after = _around(norm, start, end)
    if word == "coke":
        if _SODA_AFTER.match(after):
            return True
        return bool(_SODA_BEFORE.search(before)) and not _COKE_DRUG_AFTER.match(after)
    if word == "crack":
        return bool(_CRACK_OTHER_AFTER.match(after) or _CRACK_OTHER_BEFORE.search(before))
    if word == "dope":
        return _dope_is_other(before, after)
    if word in ("molly", "roxy"):
        return _is_name(norm, start, end)
    if word == "lean":
        return bool(_LEAN_OTHER_AFTER.match(after) or _LEAN_OTHER_BEFORE.search(before))
    if word == "pot":
        if _POT_DRUG_AFTER.match(after):
            return False
        return bool(_POT_OTHER_BEFORE.search(before) or _POT_OTHER_AFTER.match(after))
    if word == "smack":
        return bool(_SMACK_OTHER_BEFORE.search(before) or _SMACK_OTHER_AFTER.match(after))
    if word == "weed":
        return bool(_WEED_OTHER_AFTER.match(after))
    return bool(_FETTY_OTHER_AFTER.match(after))  # "fetty"


_AMBIGUOUS: Final = frozenset(
    {"coke", "crack", "dope", "molly", "roxy", "lean", "pot", "smack", "weed", "fetty"}
)


def capital_h_is_heroin(norm: str, start: int, end: int) -> bool:
    """Say whether a standalone capital "H" at ``norm[start:end]`` is heroin ("3 days off H")."""
    before = norm[max(0, start - _WINDOW) : start]
    after = norm[end : end + _WINDOW]
    if _H_OTHER_BEFORE.search(before) or _H_OTHER_AFTER.match(after):
        return False
    if after.startswith("."):
        return bool(_H_DRUG_BEFORE.search(before))
    return True
