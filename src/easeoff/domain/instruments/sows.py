"""Subjective Opiate Withdrawal Scale (SOWS, Handelsman 1987): 16 self-rated symptoms 0-4, total 0-64.

The source defines no severity bands. The CTN-0094 labels (1-10 / 11-20 / 21+) are a
research-harmonisation convention and live in `research_conventions`, never in `bands`.
Item 16 is published as "shooting up"; the non-injecting "using" wording is the
`using` variant, which must be stored with each assessment so the two are never pooled.
"""

from easeoff.domain.instruments.model import Band, Instrument, Item, Option, ResearchConvention, Variant

SOURCE = (
    "Handelsman L, Cochrane KJ, Aronson MJ, Ness R, Rubinstein KJ, Kanof PD. Two new rating "
    "scales for opiate withdrawal. Am J Drug Alcohol Abuse 1987;13(3):293-308"
)
ITEMS = (
    f"{SOURCE}; item wording as reproduced word for word by the GuidelineCentral SOWS calculator "
    "and a YPrime clinical-trial ePRO string table (1987 paper not seen)"
)
ANCHORS = (
    f"{SOURCE}; endpoints 0 = not at all and 4 = extremely as in the abstract, EMCDDA drugs library "
    "and NIDA Data Share. Labels for 1-3 are a local rendering of the commonly reproduced "
    "'a little / moderately / quite a bit' (metamorphosispain.com), not seen in the primary source"
)
CTN_0094 = (
    "CTN-0094 harmonised withdrawal dataset (public.ctn0094data, articles/harmonization.md, "
    "'The withdrawal dataset'): CTN-0051 SOWS totals mapped to none / mild / moderate / severe, "
    "with no derivation given"
)

# Only the endpoints are published; 1-3 carry published=False so every screen and export
# can say they are a local rendering.
_OPTIONS = (
    Option(0, "Not at all"),
    Option(1, "A little", published=False),
    Option(2, "Moderately", published=False),
    Option(3, "Quite a bit", published=False),
    Option(4, "Extremely"),
)

_TEXTS = (
    "I feel anxious.",
    "I feel like yawning.",
    "I'm perspiring.",
    "My eyes are tearing.",
    "My nose is running.",
    "I have goose flesh.",
    "I am shaking.",
    "I have hot flashes.",
    "I have cold flashes.",
    "My bones and muscles ache.",
    "I feel restless.",
    "I feel nauseous.",
    "I feel like vomiting.",
    "My muscles twitch.",
    "I have cramps in my stomach.",
    "I feel like shooting up now.",
)


def _convention_band(low: int, high: int, label: str) -> Band:
    return Band(
        low,
        high,
        label,
        f"Research data label '{label}' (CTN-0094 convention); not a validated severity band.",
        CTN_0094,
    )


SOWS = Instrument(
    code="sows",
    name="Subjective Opiate Withdrawal Scale",
    short_name="SOWS",
    version="1987",
    source=SOURCE,
    administered_by="self",
    recall_period="now",
    instructions="Based on the way you feel now, rate each of the symptoms on a scale for 0-4.",
    items=tuple(
        Item(
            id=f"sows_{number}",
            number=number,
            text=text,
            options=_OPTIONS,
            source=ITEMS,
            options_source=ANCHORS,
        )
        for number, text in enumerate(_TEXTS, start=1)
    ),
    bands=(),
    band_note=(
        "SOWS has no published severity bands: show the total and its trend. The 1-10 / 11-20 / 21+ "
        "labels seen elsewhere are a CTN-0094 research-harmonisation convention (see "
        "research_conventions), not validated cut-offs."
    ),
    score_meaning=(
        "Higher totals mean stronger withdrawal symptoms right now; the range is 0 to 64 and there "
        "are no published severity bands."
    ),
    copyright=(
        "Handelsman et al., Am J Drug Alcohol Abuse 1987 (Taylor & Francis). Clinic reproductions "
        "carry 'Reprinted by permission of the publisher (Taylor & Francis Ltd)'. Permission for "
        "software use is unverified."
    ),
    variants=(
        Variant(
            code="using",
            name="Item 16 worded for people who do not inject",
            texts=(("sows_16", "I feel like using now."),),
            source=(
                "Local adaptation; the 'using' wording appears on Australian and US clinic versions "
                "(e.g. metamorphosispain.com prints 'I feel like \"using\" now')"
            ),
            note=(
                "Not the published wording. Store the variant code with each assessment and never "
                "pool 'using' totals with published-wording totals without saying so."
            ),
        ),
    ),
    research_conventions=(
        ResearchConvention(
            code="ctn0094",
            name="CTN-0094 research convention",
            bands=(
                _convention_band(0, 0, "none"),
                _convention_band(1, 10, "mild"),
                _convention_band(11, 20, "moderate"),
                _convention_band(21, 64, "severe"),
            ),
            source=CTN_0094,
            note=(
                "A data-harmonisation convention with no derivation; never label it 'severity' "
                "and never use it for clinical decisions."
            ),
        ),
    ),
    caveats=(
        "Item wording checked against two independent reproductions, not the 1987 paper itself.",
        "Anchor labels for 1-3 are a local rendering; only the endpoints are published.",
        "Instruction text is from a clinical-trial ePRO build (YPrime), not the 1987 paper.",
        "No LOINC code found.",
        "A 'SOWS >= 17' home-induction threshold seen in public code has no source; not used.",
    ),
)
