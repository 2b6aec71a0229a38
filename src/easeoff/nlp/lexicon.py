"""Vocabularies of the extractor: symptom surface forms, substance names, cue phrases.

Everything here is data: regular-expression fragments, matched case-insensitively
on text whose curly quotes and dashes were straightened (see ``text.normalise``).
The canonical names and mapping rules come from
``shared/research/extraction-guidelines.md``; slang and misspellings were added
from the forum styles it describes (r/kratom, r/opiatewithdrawal, r/quittingkratom,
drug reviews).
"""

from __future__ import annotations

from typing import Final

SYMPTOM_NAMES: Final = (
    "muscle_aches",
    "restless_legs",
    "sweating",
    "chills_goosebumps",
    "diarrhoea",
    "nausea_vomiting",
    "runny_nose_yawning_tearing",
    "anxiety",
    "insomnia",
    "cravings",
    "low_mood",
    "fatigue",
)

STATUSES: Final = ("present", "negated", "relieved")
EFFECTS: Final = ("helped", "not_helped", "worse", "none")
UNITS: Final = (
    "mg",
    "g",
    "mg/day",
    "g/day",
    "pills",
    "tablets",
    "capsules",
    "tbsp",
    "tsp",
    "bags",
    "bottles",
    "quarter sheets",
)
CORE_SUBSTANCES: Final = (
    "kratom",
    "heroin",
    "fentanyl",
    "oxycodone",
    "methadone",
    "buprenorphine",
    "loperamide",
    "clonidine",
    "gabapentin",
    "benzodiazepine",
    "alcohol",
)
UNSPECIFIED_OPIOID: Final = "unspecified_opioid"

# An apostrophe that may be missing ("cant", "dont") or doubled by sloppy typing.
A = r"'?"
# "can't", "cant", "can not", "cannot"; the same for the other auxiliaries.
CANT = rf"(?:can{A}t|cannot|can not|could{A}n{A}t|couldnt|could not|unable to)"
NOT_AUX = (
    rf"(?:(?:do|does|did|is|are|was|were|have|has|had|ca|wo|would|could|should){A}n{A}t"
    r"|(?:do|does|did|is|are|was|were|have|has|had|will|would|could) not|never|not)"
)

# A symptom entry is (canonical name, inherent status or None, pattern).
# The inherent status is set when the phrase itself carries it: a negated healthy
# state ("no sleep") is ``present``; a healthy state ("slept well") is ``negated``;
# a recovered state ("sleeping better", "energy is back") is ``relieved``.
_SLEEP_HOURS_FEW = r"(?:[0-4]|one|two|three|four|a couple(?: of)?|a few|an?)"
_SLEEP_HOURS_MANY = r"(?:[6-9]|1[0-2]|six|seven|eight|nine|ten)"

SYMPTOM_PATTERNS: Final[tuple[tuple[str, str | None, str], ...]] = (
    # --- insomnia ---------------------------------------------------------------
    (
        "insomnia",
        "relieved",
        r"(?:sleep(?:ing)?|slept) (?:a (?:lot|little|bit) |much |way |so much |somewhat )?better"
        r"|(?:my )?sleep (?:is|was|has been|got|getting|is getting|has gotten|is coming|came|has come) "
        r"(?:a (?:lot|little|bit) |much |way |finally |slowly )*(?:better|back|improving|improved|returning)"
        r"|sleep (?:improved|returned|came back|is back|is improving)"
        r"|(?:can|could|able to|finally) (?:actually |finally )?sleep(?: again| now)"
        r"|finally (?:got (?:some|a little|a bit of|a few hours of) )?(?:slept|sleep(?:ing)?|some sleep)"
        r"|first (?:full |good |real |decent )?night of (?:real |good |actual |decent )?sleep"
        # A first sleep after a stretch without it: "first real sleep since I stopped".
        r"|first (?:full |good |real |decent |proper |actual )?(?:sleep|night'?s sleep|rest)"
        r"(?: i'?ve (?:had|gotten|got))?"
        r" (?:since|in)\b"
        r"|(?:slept|sleep|asleep)\b[^.!?\n]{0,40}?(?:which (?:is|was) a first|first time (?:in|since)\b)"
        r"|help(?:s|ed|ing)? (?:me )?(?:to |with (?:my |the )?)?(?:sleep|get (?:some )?sleep)",
    ),
    (
        "insomnia",
        "present",
        rf"(?:{CANT}|{NOT_AUX}|barely|hardly|never|can{A}t even|couldn{A}t even) "
        r"(?:get (?:to |any |back to )?|fall |go (?:back )?to |stay |really |even |seem to |manage to )?"
        r"(?:sleep(?:ing)?|slept|asleep)(?! (?:well|good|great|fine|normally|ok(?:ay)?|like|through|better"
        r"|in (?:late|till|until)|on\b|with\b|\d))"
        r"|(?:no|zero|little|barely any|hardly any|not (?:much|any|a wink of)|without) sleep"
        r"(?! (?:issues?|problems?|trouble|aids?|meds?|medication))"
        rf"|(?:slept|sleeping|sleep):? (?:(?:only|maybe|like|about|around|just|for|barely|hardly|avg),? )*"
        rf"{_SLEEP_HOURS_FEW} "
        r"(?:hours?|hrs?|h)\b"
        r"|(?:up|awake) (?:all|every|most|half the|each) night|(?:up|awake) (?:till|until|til) \d+ ?(?:am"
        r"|a\.m\.)|(?:up|awake) (?:till|until|til) (?:sunrise|dawn|sunup|daylight|the sun came up|morning)"
        r"|slept (?:really |so |very |pretty )?(?:badly|poorly|terribly|like (?:shit|crap|garbage))"
        r"|sleep\b[^.!?\n]{0,30}?\bgot (?:maybe |only |like |about |barely |just )*"
        rf"{_SLEEP_HOURS_FEW} (?:hours?|hrs?)\b"
        r"|lack of sleep|sleep deprived|sleep deprivation|inability to (?:fall |stay )?(?:sleep|asleep)"
        r"|toss(?:ing|ed)? and turn(?:ing|ed)?|not a wink|no shut ?eye|sleepless(?:ness)?"
        r"|(?:trouble|difficulty|problems?|issues?|a hard time|hard time) (?:with )?(?:falling |staying )?"
        r"(?:sleep(?:ing)?|asleep)|sleep (?:issues?|problems?|disturbances?|is (?:shit|crap|terrible|awful"
        r"|horrible|bad|non[- ]?existent|garbage|trash|broken|fucked))"
        r"|sleep (?:is|was|has been|still is) (?:still )?(?:rough|shit|crap|terrible|awful|horrible|bad"
        r"|garbage|trash"
        r"|broken|fucked|a mess|hell|poor|minimal|nonexistent|non-existent)"
        r"|insom(?:n|m)?(?:ia|ina|ina|nia|nya|inia|nina)|insomn\w*|insomi\w*|wak(?:e|ing) up every (?:hour"
        r"|\d+)",
    ),
    (
        "insomnia",
        "negated",
        r"(?:slept|sleeping|sleep) (?:really |pretty |very |so )?(?:well|good|great|fine|normally|normal"
        r"|soundly|decent(?:ly)?|ok(?:ay)?|solid|like (?:a )?(?:baby|rock|log)|through the night"
        r"|the (?:whole|entire) night|all night long)"
        rf"|(?:slept|sleeping|sleep) (?:a solid |a good |a full |about |around |like |almost |nearly |over "
        rf"|at least )?{_SLEEP_HOURS_MANY}"
        r"(?:\+)? (?:hours?|hrs?|h)\b"
        r"|(?:good|great|full|decent|solid|normal) night'?s? (?:of )?sleep"
        r"|sleep (?:is|was|has been) (?:good|great|fine|normal|decent|ok(?:ay)?|solid|pretty good)"
        r"|(?<=i )did (?:actually |manage to )?sleep\b",
    ),
    # --- cravings -----------------------------------------------------------------
    (
        "cravings",
        None,
        r"crav(?:e|es|ed|ing|ings|in)(?: for (?:the |my )?(?!a\b|the\b|me\b|my\b)\w+)?|cravng\w*"
        r"|urges? to (?:use|dose"
        r"|get high)|urges?"
        r"|itch to (?:use|dose|get high)|want is to (?:use|get high)"
        r"|(?:want|wanted|wanting|need|needed|needing) (?:some |a |my |to use )?\w+ (?:so |really |sooo+ "
        r"|very )bad(?:ly)?"
        r"|(?:want|wanted|wanting|wants|desire|itching|tempted|temptation) to (?:use|get high|dose|relapse"
        r"|pick up|cop|score|buy (?:more|some))"
        r"|temptations?|obsess(?:ing|ion|ed)? (?:about|over) (?:using|dope|it|getting)|mental obsession"
        r"|jones(?:ing|in)|fiend(?:ing|in)|feen(?:ing|in)|(?:think|thinking|thought) about using",
    ),
    # --- fatigue ------------------------------------------------------------------
    (
        "fatigue",
        "relieved",
        r"(?:my )?energy (?:is |has |was )?(?:finally |slowly |starting to |coming |came |)?"
        r"(?:back|coming back|came back|returning|returned|improving|improved|better)"
        r"|(?:more|have|got|get) (?:my )?energy (?:back|again)|more energy",
    ),
    (
        "fatigue",
        None,
        r"tired(?!\s+of\b)(?:ness)?|exhaust(?:ed|ion)|fatigu(?:e|ed)|letharg(?:y|ic)|lethargi\w*"
        r"|(?:no|zero|low|little|lack of|without any|without)[- ]energy"
        r"|drained|wiped out(?! (?:my|the|all|any|his|her|their|every))|worn out|sluggish|weakness"
        r"|(?:feel(?:ing)?|felt|legs?|body|arms?|i'?m|i am|i was|been|got) (?:so |very |really |super |too )?"
        r"weak\b"
        r"|weak (?:and|as)|(?:dizzy|shaky|sick|tired|nauseous|lightheaded|light-headed) (?:and|&) weak\b"
        r"|(?:can(?:no|')?t|couldn(?:')?t|could not) get out of bed|no strength|run down"
        r"|energy (?:is|was|has been|levels? (?:are|were|is|was)) "
        r"(?:(?:a little|a bit|kinda|pretty|really|very"
        r"|still|so) )*(?:low|down|lacking|crap|shit|terrible)\b",
    ),
    (
        "fatigue",
        "present",
        r"(?:my )?energy (?:is |was |has been )?(?:at )?(?:gone|zero|shot|nil|non[- ]?existent|none)\b",
    ),
    # --- low mood -----------------------------------------------------------------
    (
        "low_mood",
        "relieved",
        r"(?:my )?mood (?:is|has been|got|getting|is getting|has gotten) (?:a (?:lot|little|bit) |much |way "
        r"|so much )?"
        r"(?:better|improving|improved|lifting|back)",
    ),
    (
        "low_mood",
        None,
        r"depress(?:ed|ion|ing|ive)|deppress\w*|depresion|hopeless(?:ness)?|anhedoni[ac]|suicidal"
        r"|sad(?:ness)?\b|(?:feel(?:ing)?|felt) (?:so |really |very )?(?:down|low|empty|worthless)\b"
        r"|low mood|mood (?:is|was|has been|is still|was still) "
        r"(?:(?:a little|a bit|kinda|pretty|really|very|so|quite|still) )*"
        r"(?:low|down|shit|crap|bad|terrible|awful|flat|garbage|trash|in the (?:gutter|dumps|toilet))\b"
        r"|down in the dumps|no joy"
        r"|(?:can(?:no|')?t|couldn(?:')?t) feel (?:any )?(?:joy|pleasure|happy)"
        r"|despair",
    ),
    # --- anxiety ------------------------------------------------------------------
    (
        "anxiety",
        None,
        r"anxi(?:ety|eties|ous|ousness|ety's)|anxity|axiety|anxeity|anxitey|panic(?:ky|king|ked|s)?"
        r"|dread(?:ing|ed|ful)?|fear(?:ful|s)?\b|scared|terrified|freak(?:ing|ed|in) out|on edge"
        r"|nervous(?:ness)?|agitat(?:ed|ion)|paranoi(?:a|d)|worried (?:about|sick) (?:running out"
        r"|not having)",
    ),
    # --- restless legs ------------------------------------------------------------
    (
        "restless_legs",
        "relieved",
        r"(?:my )?(?:legs?|limbs?|arms?) (?:were|are|finally|have|had|was|is)? ?(?:finally |totally "
        r"|completely )?"
        r"(?:calm(?:ed)?(?: down)?|still(?=\s*(?:[.,;!]|$|and\b|at\b|now\b|for\b))|quiet|stopped (?:jumping"
        r"|kicking|twitching|moving|jerking))\b"
        r"|calm(?:ed|s|ing)? (?:my |the )?(?:legs?|limbs?) down",
    ),
    (
        "restless_legs",
        None,
        r"\brls\b|restless[- ](?:legs?|arms?|limbs?|body)(?: syndrome)?|rest less legs|restless leg syndrome"
        r"|restles+ legs?|jimmy legs|(?:legs?|arms?|limbs?) (?:are |were |is |was |keep |kept |won't stop "
        r"|wont stop|start |started |starting |would start |would |'d "
        r"|constantly |)(?:still )?(?:jump(?:ing|y|s)?|twitch(?:ing|y|es)?|kick(?:ing|s)?|jerk(?:ing|s|y)?"
        r"|restless|mov(?:ing|e)|bouncing|going crazy|go(?:es)? crazy|went crazy|crawling"
        r"|wo?n'?t stop(?: moving)?"
        r"|(?:wo|would|could)?n'?t (?:stay|keep|sit) still|(?:would|could) not (?:stay|keep|sit) still"
        r"|can'?t (?:stay|keep|sit) still)"
        r"|(?:twitchy|jumpy|jerky|kicking|jerking|restless|twitching) (?:legs?|arms?|limbs?)|leg (?:kicks"
        r"|jerks|twitch\w*)"
        r"|kicking all night|kick(?:ing)? the (?:sheets|blankets)",
    ),
    # --- muscle aches -------------------------------------------------------------
    (
        "muscle_aches",
        None,
        r"(?<!stomach )(?<!belly )(?<!abdominal )(?<!tummy )(?<!gut )(?<!period )(?<!menstrual )"
        r"cramp(?:s|ing|y)?\b|ach(?:y|ey|iness|es|ing)\b|aches? and pains?|bod(?:y|ies) aches?|muscle (?:pain"
        r"|aches?|soreness|ache)"
        r"|(?:bone|joint|leg|muscle|body|arm|limb)s? (?:pain|aches?|hurt(?:s|ing)?|sore(?:ness)?)"
        r"|(?:sore|aching|achy) (?:muscles?|joints?|bones?|body|legs?)|(?:bones?|joints?|muscles?) (?:ache"
        r"|aching|hurt)"
        r"|everything (?:aches|hurts)|every bone in my body (?:aches|hurts)|myalgia"
        r"|(?<!stomach )(?<!belly )(?<!tummy )(?<!gut )(?<!head )(?<!tooth )(?<!ear )(?<!heart )ache\b",
    ),
    # --- sweating -----------------------------------------------------------------
    (
        "sweating",
        None,
        r"(?:cold |night )?sweat(?:s|y|ing|ed|in)?\b|swet(?:ing|s|y)\b|sweatt?ing|perspir(?:ing|ation)"
        r"|drenched|soak(?:ed|ing) "
        r"(?:the |my )?(?:sheets|bed|shirt|clothes)|diaphoresis",
    ),
    # --- chills / goosebumps --------------------------------------------------------
    (
        "chills_goosebumps",
        None,
        r"chill(?:s|y)\b|goose ?(?:bumps|flesh|skin|pimples)|goosebump\w*|shiver(?:s|ing|y)?"
        r"|hot (?:and|&|n|/) cold|hot[-/]cold|cold (?:and|&|/) hot|freezing(?! (?:my|the|your|his|her) )"
        r"|cold flashes|piloerection",
    ),
    # --- diarrhoea ------------------------------------------------------------------
    (
        "diarrhoea",
        None,
        r"diarr?h?o?e?a+h?|diar+h?(?:ea|ia|eah|oea|hea)|diah?r+(?:ea|ia|eah|hea)|diaher+a|diareah"
        r"|the (?:runs|shits|squirts|trots)|shitting(?: my brains out)?"
        # Bare "shits", but not "this shit's", "shits and giggles" or "no shits given".
        r"|(?<!this )(?<!that )(?<!it )(?<!dis )shits(?! (?:and giggles|given|me|him|her|on))"
        r"|shit(?:ting)? water|loose (?:stools?|bowels?)"
        r"|watery (?:stools?|poop)|liquid (?:shit|poop)|(?:glued|chained|living) (?:to|on) the (?:toilet"
        r"|bathroom)"
        r"|(?:runny|explosive) (?:shit|poop|stools?)|bowels? (?:are|were|is|was) (?:loose|a mess|liquid)",
    ),
    # --- nausea / vomiting ----------------------------------------------------------
    (
        "nausea_vomiting",
        None,
        r"nause(?:a|ous|ated|us|ousness|ea)|nausi\w*|naus(?:ea|ious|eous|ous)|naseous|nasea|vomit\w*|puk(?:e"
        r"|es|ed|ing|in)"
        r"|throw(?:ing|n)? up|threw up|throwin up|dry heav\w*|heaving|retch\w*|queas(?:y|iness)"
        r"|sick to my stomach|(?:feel(?:ing)?|felt) (?:like )?(?:i'?m going to |gonna )?(?:throw up|puke"
        r"|vomit)"
        r"|(?:can(?:no|')?t|couldn(?:')?t|could not|cannot) keep (?:any |my )?(?:food|anything|water|meals?"
        r"|it) down",
    ),
    # --- runny nose / yawning / tearing ------------------------------------------------
    (
        "runny_nose_yawning_tearing",
        "relieved",
        r"(?:nose|eyes) (?:finally )?(?:stopped|quit) (?:running|watering|dripping)",
    ),
    (
        "runny_nose_yawning_tearing",
        None,
        r"yawn(?:s|ing|ed|in)?\b|runny nose|running nose|(?:dripping|drippy|streaming) nose"
        r"|nose (?:runs|ran)\b"
        r"|nose (?:is |was |keeps |kept )?(?:dripping|streaming)|nose (?:is |was |keeps |won'?t stop "
        r"|wont stop )?(?:runn?ing|running)"
        r"|(?:nose|eyes) (?:won'?t|wont|will not) stop (?:running|watering)"
        r"|snott?y|sniffl(?:es|ing|y)|sneez(?:e|es|ing|ed)|rhinorrh?o?ea|watery eyes|eyes? (?:are |were "
        r"|keep )?(?:water(?:ing|y)|tearing)"
        r"|teary eyes|tearing up|tear(?:y|ing) eyes|lacrimation",
    ),
)

# Substances: (canonical generic name, pattern). Case-insensitive unless the
# pattern switches case sensitivity on itself with (?-i:...).
_KRATOM_STRAINS = (
    r"(?:red|green|white|yellow|gold) (?:strains?|kratom)\b|(?:red|green|white|yellow|gold) (?:vein |)(?:bali"
    r"|borneo|thai|malay|maeng da|indo|sumatra|horn(?:ed)?|"
    r"elephant|kali|riau|hulu|kapuas|jongkong|dragon|sunda|vietnam|bentuangie|sumatran|kratom|vein)"
    r"|(?:red|green|white|yellow) veins?\b|maeng ?da|bentuangie|red dragon"
)
SUBSTANCE_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    (
        "kratom",
        r"kr[ae]t(?:o|u|oo)m\w*|kratum\w*|kratim|cratom|kratome|kraton|ketum|kakuam|mitragyn\w*|speciosa"
        r"|7[- ]?oh\b|7[- ]?hydroxy\w*|7[- ]?hmg|pseudoindoxyl|mgm-?\d+|opms|mit ?45|feel free(?: tonic)?"
        r"|botanic tonics|kava ?kratom|k[- ]?shots?|" + _KRATOM_STRAINS,
    ),
    (
        "heroin",
        r"heroine?s?|hereoin|heroin\w*|smack\b|dope(?![ -]?sick)\b|black tar"
        r"|china white",
    ),
    (
        "fentanyl",
        r"fent(?:anyl|anil|anyl's|enyl|anol|y|ies|ys)?\b|fetty|fentanyl\w*|duragesic|sufentanil|carfentanil",
    ),
    (
        "oxycodone",
        r"oxy(?:codone|contin|cotin|codon|s|'s|ies)?\b|oxi(?:codone|contin)|roxy(?:s|'s)?\b|roxies"
        r"|roxi(?:codone)?\b"
        r"|roxicodone|percocet\w*|percs?\b|endocet|xtampza|oxycodone|oxycontin",
    ),
    (
        "hydrocodone",
        r"hydrocodone|hydrocodon|hydros\b|vicodin\w*|vicoden|vikes|norcos?\b|norco's|lortabs?|lorcet|zohydro"
        r"|hysingla",
    ),
    ("hydromorphone", r"hydromorphone|dilaudid\w*|dilauded|dillies|dillys|exalgo"),
    ("morphine", r"morphine|morphene|ms ?contin|kadian"),
    (
        "codeine",
        r"codeine|codiene|tylenol (?:3|#3|no\.? ?3|with codeine|w/ codeine)|t3s?\b|\blean\b|purple drank"
        r"|sizzurp",
    ),
    ("tramadol", r"trama?dol\w*|tramadal|ultram\b|ultracet|trammies|conzip"),
    ("tapentadol", r"tapentadol|nucynta"),
    ("oxymorphone", r"oxymorphone|opana"),
    (
        "methadone",
        r"methadone?|methodone|methadose|dolophine|(?:(?<=\bon )|(?<=\boff )|(?<=\bthe )"
        r"|(?<=\bfrom ))done\b(?! (?:with|it|that|for|yet|now|deal))|done clinic",
    ),
    (
        "buprenorphine",
        r"bupr?enorphine?\w*|buprenorphin|bupe\b|bupes|bupp?\b|suboxone?\w*|suboxin|suboxen|subox\b|subutex"
        r"|zubsolv|sublocade|butrans|belbuca|brixadi"
        r"|(?<!this )(?<!that )(?<!these )(?<!other )(?<!another )(?<!different )(?<!r/)(?<!the )(?<!a )"
        r"(?<!those )(?<!in a )\bsubs?\b(?![-/])(?! ?reddit)"
        r"|(?<=took a )sub\b|(?<=the )subs?\b(?= (?:kicked|work|helped|took|made|wore|were|was|is|are))"
        r"|subz\b",
    ),
    ("naltrexone", r"naltrexone|vivitrol|revia\b"),
    ("naloxone", r"naloxone|narcan"),
    ("loperamide", r"loperamide|imm?odium|imodum|imodiun|immodum|\blopes?\b"),
    ("clonidine", r"cl[oa]n[oia]dine|clonodine|catapres|kapvay|klonidine"),
    ("lofexidine", r"lofexidine|lucemyra"),
    ("gabapentin", r"gabapentin\w*|gabapenton|gabbies|gabbys|gabby's|gabas\b|neurontin|gralise"),
    ("pregabalin", r"pregabalin|lyrica"),
    (
        "benzodiazepine",
        r"benzo(?:diazepine)?s?\b|benzodiazapines?|xan(?:ax|ex|nax)\w*|xann(?:y|ies|ys)|xanies|xans\b"
        r"|alprazolam|valium"
        r"|diazepam|k-?pins?\b|klonn?opin\w*|clonopin|clonazepam|ativan|lorazepam|temazepam|restoril"
        r"|phenazepam"
        r"|librium|chlordiazepoxide|halcion|triazolam|etizolam|bromazolam|clonazolam|flualprazolam|oxazepam"
        r"|serax|tranxene|clorazepate",
    ),
    ("barbiturate", r"barbiturates?|phenobarbital|butalbital|fioricet|seconal"),
    (
        "alcohol",
        r"alcohol\w*|booze|boozing|beers?\b|\bwine\b|vodka|whiske?y|liquor|tequila|bourbon|\brum\b|\bdrinks\b"
        r"|\bdrunk\b|etoh|hard liquor|drinking (?=again|heavily|every|a lot|too much|daily|more|to cope)",
    ),
    (
        "cannabis",
        r"weed\b|cannabis|marijuana|marihuana|\bpot\b(?! of)|\bthc\b|edibles|dabs\b|ganja|\bblunts?\b"
        r"|\bjoints? of",
    ),
    ("cannabidiol", r"\bcbd\b|cannabidiol"),
    ("cocaine", r"cocaine|coke\b|crack\b(?! down)"),
    ("methamphetamine", r"\bmeth\b|methamphetamine|crystal meth"),
    ("amphetamine", r"adderall|amphetamine|vyvanse"),
    ("ibogaine", r"ibogaine|iboga\b"),
    ("opium", r"opium|poppy (?:seed )?tea|\bpst\b|poppy pods"),
    ("kava", r"\bkava\b(?! ?kratom)"),
    ("phenibut", r"phenibut"),
    ("tianeptine", r"tianeptine|zaza\b|tianaa"),
    ("zolpidem", r"zolpidem|ambien"),
    ("trazodone", r"trazodone|trazadone|desyrel"),
    ("quetiapine", r"quetiapine|seroquel"),
    ("mirtazapine", r"mirtazapine|remeron"),
    ("hydroxyzine", r"hydroxyzine|vistaril|atarax"),
    ("diphenhydramine", r"diphenhydramine|benadryl"),
    ("promethazine", r"promethazine|phenergan"),
    ("ondansetron", r"ondansetron|zofran"),
    ("baclofen", r"baclofen"),
    ("tizanidine", r"tizanidine|zanaflex"),
    ("methocarbamol", r"methocarbamol|robaxin"),
    ("cyclobenzaprine", r"cyclobenzaprine|flexeril"),
    ("propranolol", r"propranolol|inderal"),
    ("haloperidol", r"haloperidol|haldol"),
    ("ketamine", r"ketamine"),
    ("psilocybin", r"psilocybin|shrooms|magic mushrooms"),
    ("mdma", r"\bmdma\b|molly\b|ecstasy"),
    ("lsd", r"\blsd\b"),
    ("6-apb", r"6-?apb"),
    ("sertraline", r"sertraline|zoloft"),
    ("escitalopram", r"escitalopram|lexapro"),
    ("fluoxetine", r"fluoxetine|prozac"),
    ("bupropion", r"bupropion|wellbutrin"),
    ("venlafaxine", r"venlafaxine|effexor"),
    ("duloxetine", r"duloxetine|cymbalta"),
    ("paroxetine", r"paroxetine|paxil"),
    ("citalopram", r"\bcitalopram|celexa"),
)

# Class words: not substances, but a dose tied only to one of them is an
# ``unspecified_opioid`` dose.
OPIOID_CLASS_WORDS: Final = (
    r"opiates?|opioids?|opiods?|opiats?|narcotics?|pain ?pills?|pain ?killers?|pain ?meds?|my meds|pills\b"
    r"|blues\b|m-?30s?|pressies|pressed pills"
)

# Withdrawal as a whole (for "the withdrawal was cured" and "no withdrawal symptoms").
WITHDRAWAL_WORD = (
    r"(?:withdrawa?l?s?|withdrawls?|withdrawels?|withdrawal symptoms|w/?ds?|wd'?s|w/d'?s|symptoms|sickness"
    r"|dope ?sickness|the sick)"
)
