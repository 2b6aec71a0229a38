"""Craving: a single 0-10 rating of craving right now, worded locally for easeoff.

There is no standard wording or anchor set for a single-item craving rating, so the
stem and anchors here are easeoff's own (every option has `published` False) and no
bands exist. Which substance the craving is for is a variant and must be stored.
"""

from easeoff.domain.instruments.model import Instrument, Item, Option, Variant

SOURCE = (
    "Local rendering of a single-item 0-10 craving rating. Craving measures in opioid use disorder "
    "reviewed in: Kleykamp BA, De Santis M, Dworkin RH, et al. Craving and opioid use disorder: a "
    "scoping review. Drug Alcohol Depend 2019;205:107639"
)
LOCAL = (
    "easeoff local wording (stem and anchors chosen for this app; no standard wording exists per "
    "Kleykamp et al., Drug Alcohol Depend 2019;205:107639)"
)

_ANCHORS = {0: "No craving at all", 10: "The strongest craving I can imagine"}

CRAVING = Instrument(
    code="craving",
    name="Craving rating (0-10)",
    short_name="Craving",
    version="1.0",
    source=SOURCE,
    administered_by="self",
    recall_period="now",
    instructions=(
        "Rate how strong your craving (urge to use) is right now, from 0 (no craving at all) to 10 "
        "(the strongest craving you can imagine)."
    ),
    items=(
        Item(
            id="craving_1",
            number=1,
            text="How strong is your craving to use right now?",
            options=tuple(
                Option(value, _ANCHORS.get(value, str(value)), published=False) for value in range(11)
            ),
            source=LOCAL,
            options_source=LOCAL,
        ),
    ),
    bands=(),
    band_note=(
        "No bands: no validated cut-offs exist for a single craving rating. Show the rating and its "
        "trend. The scoping review found 15 opioid craving instruments (a visual analogue scale in "
        "41 of 87 studies) and only 6 of them psychometrically evaluated."
    ),
    score_meaning="Higher numbers mean stronger craving right now, from 0 to 10.",
    copyright="Wording written for easeoff; no third-party copyright.",
    variants=(
        Variant(
            code="kratom",
            name="Craving for kratom",
            texts=(("craving_1", "How strong is your craving for kratom right now?"),),
            source=LOCAL,
            note="Ratings for different substances are different measurements; never pool them.",
        ),
        Variant(
            code="opioids",
            name="Craving for opioids",
            texts=(("craving_1", "How strong is your craving for opioids right now?"),),
            source=LOCAL,
            note="Ratings for different substances are different measurements; never pool them.",
        ),
    ),
    caveats=(
        "Not a validated instrument: a local single-item rating with easeoff's own wording.",
        "The 3-item Opioid Craving Scale (McHugh 2014) is not offered: its item wording, anchors and "
        "scoring rule (mean or sum) could not be verified.",
    ),
)
