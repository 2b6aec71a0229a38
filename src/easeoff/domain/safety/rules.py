"""The safety rules: small named functions, each registered with its severity and source.

Rules record, warn, cite and point to clinicians and evidence-based treatment. No message
recommends starting kratom or any dose of it. Thresholds that are conventions rather than
published cut-offs live in `SafetyConfig` and are labelled as such in the messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from easeoff.domain.safety import interactions, sources
from easeoff.domain.safety.interactions import (
    ALPHA2_AGONIST_CODES,
    CONCURRENT_WITHDRAWAL_CONDITIONS,
    CONCURRENT_WITHDRAWAL_SUBSTANCES,
    DEHYDRATION_SIGNS,
    GI_LOSS_SYMPTOMS,
    LIVER_CUES,
    LOW_BLOOD_PRESSURE_CUES,
    OPIOID_TREATMENT_CODES,
    OPIOIDS,
    OVERDOSE_CUES,
    PRECIPITANT_CODES,
    SEIZURE_CUES,
    SELF_HARM_CUES,
    cyp_interaction,
    depressant_class,
    is_concentrated,
    is_kratom,
    is_leaf_kratom,
)
from easeoff.domain.safety.model import (
    COWS_GI_UPSET,
    PHQ9_ITEM9,
    AssessmentRecord,
    DoseRecord,
    Hit,
    JournalFinding,
    SafetyContext,
    normalise,
)
from easeoff.domain.safety.registry import rule

DAY = timedelta(days=1)
PHQ9_ANSWERS = {1: "several days", 2: "more than half the days", 3: "nearly every day"}
COWS_SEVERE_ABOVE = 36  # Wesson & Ling 2003: "more than 36 = severe withdrawal"
COWS_MODERATELY_SEVERE_FROM = 25  # Wesson & Ling 2003: 25-36 moderately severe
SOWS_MAX = 64


# --- helpers -------------------------------------------------------------------------------


def when(moment: datetime) -> str:
    """Return an instant as "YYYY-MM-DD HH:MM UTC" for messages."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _hours(window: timedelta) -> str:
    return f"{window.total_seconds() / 3600:g}"


def _within(ctx: SafetyContext, moment: datetime, window: timedelta) -> bool:
    return ctx.now - window <= moment <= ctx.now


def _assessments(ctx: SafetyContext, instrument: str) -> list[AssessmentRecord]:
    """Return this instrument's assessments within the lookback, oldest first."""
    found = [
        assessment
        for assessment in ctx.assessments
        if assessment.instrument == instrument and _within(ctx, assessment.taken_at, ctx.config.lookback)
    ]
    return sorted(found, key=lambda assessment: assessment.taken_at)


def _latest(ctx: SafetyContext, instrument: str) -> AssessmentRecord | None:
    found = _assessments(ctx, instrument)
    return found[-1] if found else None


def _doses(ctx: SafetyContext, window: timedelta | None = None) -> list[DoseRecord]:
    """Return doses within the window (default: the lookback), oldest first."""
    span = window if window is not None else ctx.config.lookback
    return sorted(
        (dose for dose in ctx.doses if _within(ctx, dose.taken_at, span)),
        key=lambda dose: dose.taken_at,
    )


def _cues(ctx: SafetyContext, vocabulary: frozenset[str], window: timedelta) -> list[JournalFinding]:
    """Return present journal findings in the vocabulary, noted within the window, oldest first."""
    return sorted(
        (
            finding
            for finding in ctx.findings
            if finding.status == "present"
            and normalise(finding.name) in vocabulary
            and _within(ctx, finding.noted_at, window)
        ),
        key=lambda finding: finding.noted_at,
    )


def _listed(values: Iterable[str]) -> str:
    return ", ".join(sorted(set(values)))


def _co_use_pairs(
    ctx: SafetyContext,
    kratom_doses: Sequence[DoseRecord],
    others: Sequence[DoseRecord],
) -> dict[tuple[str, str], tuple[DoseRecord, DoseRecord]]:
    """Return the latest (kratom, other) dose pair per substance pair taken within the co-use window.

    The later dose of a pair must itself fall within the co-use window before `now`, so an old
    combination is not flagged again days later.
    """
    window = ctx.config.co_use_window
    pairs: dict[tuple[str, str], tuple[DoseRecord, DoseRecord]] = {}
    for kratom in kratom_doses:
        for other in others:
            if abs(kratom.taken_at - other.taken_at) > window:
                continue
            if not _within(ctx, max(kratom.taken_at, other.taken_at), window):
                continue
            pairs[(normalise(kratom.substance), normalise(other.substance))] = (kratom, other)
    return pairs


# --- PHQ-9 item 9 and self-harm ---------------------------------------------------------


@rule(
    id="phq9_self_harm_thoughts",
    title="PHQ-9 item 9: thoughts of death or self-harm",
    severity="urgent",
    actions=("show_crisis_resources", "contact_clinician"),
    person_message=(
        "You told us you have had thoughts that you would be better off dead, or of hurting yourself. You "
        "are not alone, and help is there right now. Please call one of the crisis lines shown here. If you "
        "might act on these thoughts, call your emergency number. We have let your clinician know."
    ),
    clinician_message=(
        "PHQ-9 item 9 answered {value} ('{answer}') on {taken_at}. {priority_note} PHQ-9 is not a suicide "
        "screen by itself: follow up with a validated risk assessment (e.g. C-SSRS)."
    ),
    rationale=(
        "In 84,418 outpatients, one-year suicide-attempt risk rose from 0.4 % ('not at all') to 4 % ('nearly "
        "every day') on item 9, and item 9 stayed predictive after adjustment (Simon 2013). The alert fires "
        "on the item, not on the total; answers 2-3 get the highest priority."
    ),
    source=f"{sources.KROENKE_2001}; {sources.SIMON_2013}; {sources.PHQ9_ITEM9_DESIGN}",
    condition_key_doc=(
        "'phq9_self_harm_thoughts:high' for answers 2-3, 'phq9_self_harm_thoughts:present' for 1, so a rise "
        "to 2-3 raises a new flag while a flag for 1 is still open"
    ),
)
def phq9_self_harm_thoughts(ctx: SafetyContext) -> Hit | None:
    """Any answer above 0 on item 9 of the most recent PHQ-9."""
    latest = _latest(ctx, "phq9")
    if latest is None:
        return None
    value = latest.answers.get(PHQ9_ITEM9)
    if value is None or value <= 0:
        return None
    high = value >= 2
    return Hit(
        key="high" if high else "present",
        details={
            "value": str(value),
            "answer": PHQ9_ANSWERS.get(value, "unknown"),
            "taken_at": when(latest.taken_at),
            "priority_note": "Highest priority (answer 2-3)." if high else "High priority.",
        },
        priority=0 if high else 5,
    )


@rule(
    id="phq9_item9_declined",
    title="PHQ-9 item 9 not answered ('prefer not to answer')",
    severity="warning",
    actions=("contact_clinician", "show_crisis_resources"),
    person_message=(
        "You chose not to answer the question about thoughts of death or self-harm. That is your choice. If "
        "you ever have thoughts like these, help is there at any time: the crisis lines are shown here. Your "
        "clinician will see that this question was not answered."
    ),
    clinician_message=(
        "PHQ-9 on {taken_at}: item 9 declined ('prefer not to answer'). Consider asking directly at the next "
        "contact."
    ),
    rationale=(
        "An unanswered item 9 hides the one answer that predicts suicide attempts independently of the total "
        "(Simon 2013); the instruments note recommends flagging 'prefer not to answer' itself."
    ),
    source=f"{sources.SIMON_2013}; {sources.PHQ9_ITEM9_DESIGN}",
)
def phq9_item9_declined(ctx: SafetyContext) -> Hit | None:
    """The most recent PHQ-9 records item 9 as 'prefer not to answer' (None)."""
    latest = _latest(ctx, "phq9")
    if latest is None or PHQ9_ITEM9 not in latest.answers or latest.answers[PHQ9_ITEM9] is not None:
        return None
    return Hit(details={"taken_at": when(latest.taken_at)}, priority=20)


@rule(
    id="journal_self_harm_mention",
    title="Journal mentions thoughts of suicide or self-harm",
    severity="urgent",
    actions=("show_crisis_resources", "contact_clinician"),
    person_message=(
        "Your journal mentions thoughts of suicide or of hurting yourself. You are not alone, and help is "
        "there right now. Please call one of the crisis lines shown here, or your emergency number if you "
        "might act on these thoughts. We have let your clinician know."
    ),
    clinician_message=(
        "Journal entry on {noted_at} mentions: {cues}. Follow up with a validated risk assessment."
    ),
    rationale=(
        "FDA has reports of psychological distress and suicide after opioids are stopped suddenly or tapered "
        "fast; a journal mention is treated like a positive PHQ-9 item 9."
    ),
    source=f"{sources.FDA_DSC_2019_TAPER}; {sources.PHQ9_ITEM9_DESIGN}",
)
def journal_self_harm_mention(ctx: SafetyContext) -> Hit | None:
    """A journal finding of suicidal thoughts or self-harm within the recent-findings window."""
    found = _cues(ctx, SELF_HARM_CUES, ctx.config.recent_findings_window)
    if not found:
        return None
    return Hit(
        details={"noted_at": when(found[-1].noted_at), "cues": _listed(normalise(f.name) for f in found)},
        priority=0,
    )


# --- withdrawal severity -----------------------------------------------------------------


@rule(
    id="cows_severe",
    title="Severe withdrawal on COWS (> 36)",
    severity="urgent",
    actions=("contact_clinician", "seek_urgent_care"),
    person_message=(
        "Your withdrawal score is in the severe range (COWS {total}). Severe withdrawal needs a clinician "
        "today. If you cannot reach your clinician, go to urgent care or an emergency department. Treatment "
        "with medicines such as buprenorphine or methadone can ease withdrawal; a clinician can talk it "
        "through with you."
    ),
    clinician_message=(
        "COWS {total} on {taken_at}: severe band (> 36, Wesson & Ling 2003). Escalation is a clinical-policy "
        "choice; review today."
    ),
    rationale=(
        "The COWS form bands totals above 36 as severe withdrawal. Very high or rising COWS is a red flag in "
        "the instruments note; the escalation action is a design choice."
    ),
    source=sources.WESSON_LING_2003,
)
def cows_severe(ctx: SafetyContext) -> Hit | None:
    """The most recent COWS total is above 36."""
    latest = _latest(ctx, "cows")
    if latest is None or latest.total <= COWS_SEVERE_ABOVE:
        return None
    return Hit(details={"total": str(latest.total), "taken_at": when(latest.taken_at)}, priority=10)


@rule(
    id="cows_moderately_severe",
    title="Moderately severe withdrawal on COWS (25-36)",
    severity="warning",
    actions=("contact_clinician",),
    person_message=(
        "Your withdrawal score is moderately severe (COWS {total}). Your clinician can see it. Please keep "
        "drinking fluids and let your clinician know how you are doing; they can help with medicines for "
        "withdrawal."
    ),
    clinician_message="COWS {total} on {taken_at}: moderately severe band (25-36, Wesson & Ling 2003).",
    rationale="The COWS form bands totals of 25-36 as moderately severe withdrawal.",
    source=sources.WESSON_LING_2003,
)
def cows_moderately_severe(ctx: SafetyContext) -> Hit | None:
    """The most recent COWS total is 25-36."""
    latest = _latest(ctx, "cows")
    if latest is None or not COWS_MODERATELY_SEVERE_FROM <= latest.total <= COWS_SEVERE_ABOVE:
        return None
    return Hit(details={"total": str(latest.total), "taken_at": when(latest.taken_at)}, priority=30)


@rule(
    id="sows_high",
    title="High SOWS total (configurable convention, default >= 21)",
    severity="warning",
    actions=("contact_clinician",),
    person_message=(
        "You rated your withdrawal symptoms as strong (SOWS {total} out of {max}). Your clinician can see "
        "this. Please let them know how you are doing; they can help with medicines for withdrawal."
    ),
    clinician_message=(
        "SOWS {total}/{max} on {taken_at}, at or above {threshold}. SOWS has no published cut-offs: the "
        "threshold is the CTN-0094 research convention (configurable), not a validated severity band."
    ),
    rationale=(
        "Handelsman's SOWS (0-64) has no published bands. The CTN-0094 harmonisation maps totals >= 21 to "
        "'severe' without a derivation; easeoff uses it only as a configurable alert threshold."
    ),
    source=sources.CTN0094_CONVENTION,
)
def sows_high(ctx: SafetyContext) -> Hit | None:
    """The most recent SOWS (Handelsman) total is at or above the configured threshold."""
    latest = _latest(ctx, "sows")
    if latest is None or latest.total < ctx.config.sows_threshold:
        return None
    return Hit(
        details={
            "total": str(latest.total),
            "max": str(SOWS_MAX),
            "threshold": str(ctx.config.sows_threshold),
            "taken_at": when(latest.taken_at),
        },
        priority=30,
    )


# --- dehydration -------------------------------------------------------------------------


@rule(
    id="dehydration_risk_gi_losses",
    title="Vomiting or diarrhoea on several days (dehydration risk)",
    severity="warning",
    actions=("contact_clinician", "seek_urgent_care"),
    person_message=(
        "You have had vomiting or diarrhoea on {days} different days. Losing fluid for days can make you "
        "dehydrated, and that is the main way withdrawal becomes dangerous. Sip fluids often. Seek urgent "
        "care if you cannot keep fluids down, feel dizzy when you stand up, pass very little urine, or feel "
        "confused."
    ),
    clinician_message=(
        "GI losses on {days} of the last {window_days} days (journal and/or COWS GI item >= 3): {evidence}. "
        "Consider fluids and electrolytes."
    ),
    rationale=(
        "Opioid withdrawal is rarely life-threatening provided hydration and electrolyte balance are kept; "
        "persistent vomiting or diarrhoea with signs of dehydration is a red flag. 'Several days' means at "
        "least 2 separate 24-hour periods within the window (a convention)."
    ),
    source=f"{sources.SA_HEALTH_WITHDRAWAL}; {sources.WESSON_LING_2003} (COWS GI upset item: 3 = vomiting or "
    "diarrhea, 5 = multiple episodes)",
)
def dehydration_risk_gi_losses(ctx: SafetyContext) -> Hit | None:
    """Vomiting or diarrhoea (journal, or COWS GI item >= 3) in at least 2 separate 24-hour periods."""
    window = ctx.config.gi_loss_window
    events: list[tuple[datetime, str]] = [
        (finding.noted_at, f"journal {normalise(finding.name)}")
        for finding in _cues(ctx, GI_LOSS_SYMPTOMS, window)
    ]
    for assessment in _assessments(ctx, "cows"):
        gi_value = assessment.answers.get(COWS_GI_UPSET)
        if gi_value is not None and gi_value >= 3 and _within(ctx, assessment.taken_at, window):
            events.append((assessment.taken_at, f"COWS GI item {gi_value}"))
    periods = {int((ctx.now - moment) / DAY) for moment, _ in events}
    if len(periods) < ctx.config.gi_loss_min_days:
        return None
    return Hit(
        details={
            "days": str(len(periods)),
            "window_days": f"{window / DAY:g}",
            "evidence": _listed(label for _, label in events),
        },
        priority=20,
    )


@rule(
    id="dehydration_signs",
    title="Signs of dehydration reported",
    severity="urgent",
    actions=("seek_urgent_care", "contact_clinician"),
    person_message=(
        "You noted {cues}. These can be signs of dehydration. Please seek urgent care now: you may need "
        "fluids and salts that you cannot get by drinking."
    ),
    clinician_message="Journal on {noted_at} reports dehydration signs: {cues}.",
    rationale=(
        "Being unable to keep fluids down, dizziness on standing, very little urine or confusion are listed "
        "red flags needing urgent care during opioid withdrawal."
    ),
    source=sources.SA_HEALTH_WITHDRAWAL,
)
def dehydration_signs(ctx: SafetyContext) -> Hit | None:
    """A journal cue of dehydration (cannot keep fluids down, dizzy on standing, little urine, confusion)."""
    found = _cues(ctx, DEHYDRATION_SIGNS, ctx.config.recent_findings_window)
    if not found:
        return None
    cues = _listed(normalise(finding.name).replace("_", " ") for finding in found)
    return Hit(details={"cues": cues, "noted_at": when(found[-1].noted_at)}, priority=5)


# --- kratom and other substances ---------------------------------------------------------

_CO_USE_RATIONALE = (
    "No controlled human study of kratom with opioids, benzodiazepines, alcohol or gabapentinoids exists. "
    "Kratom-positive deaths nearly always involve other substances, multi-substance poison exposures roughly "
    "doubled the odds of admission and serious outcome, and FDA class warnings cover opioid-acting drugs "
    "with CNS depressants and gabapentinoids. The co-use window is a convention (default 24 h; mitragynine's "
    "half-life is about 1-3 days)."
)


@rule(
    id="kratom_with_cns_depressant",
    title="Kratom with an opioid, benzodiazepine, alcohol, gabapentinoid or other sedative",
    severity="warning",
    actions=("review_interaction", "contact_clinician"),
    person_message=(
        "You logged kratom ({kratom}) and {other} ({other_class}) within {window_hours} hours of each other. "
        "Together they can slow your breathing, and most deaths that involved kratom also involved other "
        "drugs. Please talk to your clinician or a pharmacist about this combination. If someone is very "
        "sleepy, hard to wake or breathing slowly, call your emergency number."
    ),
    clinician_message=(
        "Co-use within {window_hours} h: {kratom} at {kratom_at} and {other} ({other_class}) at {other_at}. "
        "Respiratory depression risk (class warnings; death and poison-centre data)."
    ),
    rationale=_CO_USE_RATIONALE,
    source=(
        f"{sources.K40_CDC}; {sources.K57_POST}; {sources.K64_FDA_BOXED}; {sources.K65_FDA_GABAPENTINOIDS}"
    ),
    condition_key_doc=(
        "'kratom_with_cns_depressant:<kratom code>+<other code>': one open flag per substance pair"
    ),
)
def kratom_with_cns_depressant(ctx: SafetyContext) -> list[Hit]:
    """Leaf kratom and an opioid, benzodiazepine, alcohol, gabapentinoid or sedative within the window."""
    doses = _doses(ctx)
    kratom = [dose for dose in doses if is_leaf_kratom(dose)]
    others = [dose for dose in doses if depressant_class(dose) is not None]
    return [_co_use_hit(ctx, pair, 25) for pair in _co_use_pairs(ctx, kratom, others).values()]


def _co_use_hit(ctx: SafetyContext, pair: tuple[DoseRecord, DoseRecord], priority: int) -> Hit:
    kratom, other = pair
    found_class = depressant_class(other)
    return Hit(
        key=f"{normalise(kratom.substance)}+{normalise(other.substance)}",
        details={
            "kratom": kratom.substance,
            "kratom_at": when(kratom.taken_at),
            "other": other.substance,
            "other_at": when(other.taken_at),
            "other_class": found_class.name if found_class is not None else "CNS depressant",
            "window_hours": _hours(ctx.config.co_use_window),
        },
        priority=priority,
    )


@rule(
    id="concentrated_7oh_with_cns_depressant",
    title="Concentrated 7-OH product with an opioid, benzodiazepine, alcohol, gabapentinoid or sedative",
    severity="urgent",
    actions=("review_interaction", "contact_clinician", "seek_urgent_care"),
    person_message=(
        "You logged a concentrated 7-OH product ({kratom}) and {other} ({other_class}) within {window_hours} "
        "hours of each other. Together they can stop your breathing. Please avoid taking them together, make "
        "sure someone is with you now, and talk to your clinician today. If someone is very sleepy, hard to "
        "wake or breathing slowly, call your emergency number now."
    ),
    clinician_message=(
        "Concentrated 7-OH/semi-synthetic product {kratom} at {kratom_at} with {other} ({other_class}) at "
        "{other_at}. 7-OH depresses breathing without a ceiling in mice; review today."
    ),
    rationale=(
        "7-OH depressed breathing dose-dependently with no ceiling in mice, unlike mitragynine, and "
        f"concentrated products carry up to 98 % 7-OH. {_CO_USE_RATIONALE}"
    ),
    source=(
        f"{sources.K15_RESPIRATORY}; {sources.K60_TEXAS}; {sources.K64_FDA_BOXED}; "
        f"{sources.K65_FDA_GABAPENTINOIDS}; {sources.K57_POST}"
    ),
    condition_key_doc=(
        "'concentrated_7oh_with_cns_depressant:<product code>+<other code>': one open flag per substance pair"
    ),
)
def concentrated_7oh_with_cns_depressant(ctx: SafetyContext) -> list[Hit]:
    """A concentrated 7-OH (or MP/MGM-15/16) product and a CNS depressant within the co-use window."""
    doses = _doses(ctx)
    concentrated = [dose for dose in doses if is_concentrated(dose)]
    others = [dose for dose in doses if depressant_class(dose) is not None]
    return [_co_use_hit(ctx, pair, 5) for pair in _co_use_pairs(ctx, concentrated, others).values()]


@rule(
    id="kratom_cyp3a_substrate",
    title="Kratom with a medicine cleared by CYP3A",
    severity="warning",
    actions=("review_interaction",),
    person_message=(
        "Kratom can raise the level of some medicines in your blood. You logged kratom and {other} within "
        "{window_hours} hours. In one study a single cup of kratom tea raised the level of midazolam, a "
        "sedative, by about 40 %. Please ask a pharmacist or your clinician about this combination."
    ),
    clinician_message=(
        "{kratom} at {kratom_at} with {other} at {other_at}: {effect} (evidence: {evidence})."
    ),
    rationale=(
        "Mitragynine is a time-dependent CYP3A inhibitor; a single 2 g kratom tea raised midazolam AUC "
        "1.39-fold in 12 healthy adults. Opioids and benzodiazepines partly cleared by CYP3A are included by "
        "inference and are labelled as such."
    ),
    source=f"{sources.K21_TANNA_2023}; {sources.K20_TANNA_2021}; {sources.K18_TANNA_REVIEW}",
    condition_key_doc="'kratom_cyp3a_substrate:<kratom code>+<medicine code>': one open flag per pair",
)
def kratom_cyp3a_substrate(ctx: SafetyContext) -> list[Hit]:
    """Leaf kratom and a CYP3A substrate from the interaction table within the co-use window."""
    return _cyp_hits(ctx, "CYP3A")


@rule(
    id="kratom_cyp2d6_substrate",
    title="Kratom with a CYP2D6 substrate (in vitro signal only)",
    severity="info",
    actions=("review_interaction",),
    person_message=(
        "You logged kratom and {other}. In the lab, kratom blocks an enzyme that clears {other}, but one "
        "dose of kratom did not change its level in people. Effects of heavy daily use are unknown. A "
        "pharmacist can tell you more."
    ),
    clinician_message="{kratom} at {kratom_at} with {other} at {other_at}: {effect} (evidence: {evidence}).",
    rationale=(
        "Mitragynine is a strong competitive CYP2D6 inhibitor in vitro (Ki 1.17 uM), but a single 2 g dose "
        "did not change dextromethorphan exposure (GMR 0.99). Shown as information only."
    ),
    source=f"{sources.K19_EXTRACT_CYP}; {sources.K20_TANNA_2021}; {sources.K21_TANNA_2023}",
    condition_key_doc="'kratom_cyp2d6_substrate:<kratom code>+<medicine code>': one open flag per pair",
)
def kratom_cyp2d6_substrate(ctx: SafetyContext) -> list[Hit]:
    """Leaf kratom and a CYP2D6 substrate from the interaction table within the co-use window."""
    return _cyp_hits(ctx, "CYP2D6")


def _cyp_hits(ctx: SafetyContext, enzyme: str) -> list[Hit]:
    doses = _doses(ctx)
    kratom = [dose for dose in doses if is_leaf_kratom(dose)]
    substrates = [dose for dose in doses if cyp_interaction(dose, enzyme) is not None]
    hits: list[Hit] = []
    for kratom_dose, other in _co_use_pairs(ctx, kratom, substrates).values():
        row = cyp_interaction(other, enzyme)
        assert row is not None  # filtered above
        hits.append(
            Hit(
                key=f"{normalise(kratom_dose.substance)}+{normalise(other.substance)}",
                details={
                    "kratom": kratom_dose.substance,
                    "kratom_at": when(kratom_dose.taken_at),
                    "other": other.substance,
                    "other_at": when(other.taken_at),
                    "effect": row.effect,
                    "evidence": row.evidence.replace("_", " "),
                    "window_hours": _hours(ctx.config.co_use_window),
                },
                priority=40 if enzyme == "CYP3A" else 60,
            )
        )
    return hits


@rule(
    id="concentrated_7oh_product",
    title="Concentrated 7-OH or semi-synthetic kratom product logged",
    severity="warning",
    actions=("contact_clinician", "show_treatment_options"),
    person_message=(
        "You logged {products}. Concentrated 7-OH products are much stronger than kratom leaf: in animals, "
        "7-OH slowed breathing more and more as the dose rose, with no ceiling. US regulators have warned "
        "about these products and scheduled related compounds. Please talk to your clinician. Treatment with "
        "buprenorphine or methadone is available, and your clinician can help you find it."
    ),
    clinician_message=(
        "Concentrated 7-OH / semi-synthetic product(s) logged: {products} (latest {latest_at})."
    ),
    rationale=(
        "Leaf contains under 2 % 7-OH of alkaloids (<= 0.04 % of leaf); concentrated products carry up to 98 "
        "% (tablets of 15-30 mg). 7-OH depresses breathing without a ceiling in mice. MP, MGM-15 and MGM-16 "
        "are US Schedule I since 2026-08-26."
    ),
    source=(
        f"{sources.K15_RESPIRATORY}; {sources.K60_TEXAS}; {sources.K61_FDA_LETTER}; "
        f"{sources.K122_K127_SCHEDULING}"
    ),
)
def concentrated_7oh_product(ctx: SafetyContext) -> Hit | None:
    """Any concentrated 7-OH product, or MP/MGM-15/MGM-16, logged within the lookback."""
    found = [dose for dose in _doses(ctx) if is_concentrated(dose)]
    if not found:
        return None
    return Hit(
        details={
            "products": _listed(dose.substance for dose in found),
            "latest_at": when(found[-1].taken_at),
        },
        priority=30,
    )


@rule(
    id="kratom_dose_frequency",
    title="Kratom taken 3 or more times a day (or 22 or more times a week)",
    severity="warning",
    actions=("contact_clinician", "show_treatment_options"),
    person_message=(
        "You logged kratom {count_day} times in the last 24 hours and {count_week} times in the last 7 days. "
        "In surveys of regular users, taking kratom 3 or more times a day went with more severe dependence, "
        "and how often people take it predicts withdrawal more than how much. This is worth talking about "
        "with your clinician; treatment for kratom dependence exists."
    ),
    clinician_message=(
        "Kratom doses: {count_day} in 24 h, {count_week} in 7 d (thresholds: {per_day}/day from Singh 2014; "
        "{per_week}/week from Grundmann 2017)."
    ),
    rationale=(
        "Malaysia (n = 293): >= 3 glasses a day raised the odds of severe dependence (Singh 2014). US survey "
        "(n = 8049): negative effects appeared mainly at >= 22 doses a week (Grundmann 2017). Frequency "
        "predicts withdrawal and kratom use disorder more than amount (Rogers 2024)."
    ),
    source=f"{sources.K47_SINGH}; {sources.K42_GRUNDMANN}; {sources.K46_ROGERS}",
)
def kratom_dose_frequency(ctx: SafetyContext) -> Hit | None:
    """At least 3 kratom doses in the last 24 hours, or at least 22 in the last 7 days."""
    count_day = sum(1 for dose in _doses(ctx, DAY) if is_kratom(dose))
    count_week = sum(1 for dose in _doses(ctx, 7 * DAY) if is_kratom(dose))
    config = ctx.config
    if count_day < config.kratom_doses_per_day and count_week < config.kratom_doses_per_week:
        return None
    return Hit(
        details={
            "count_day": str(count_day),
            "count_week": str(count_week),
            "per_day": str(config.kratom_doses_per_day),
            "per_week": str(config.kratom_doses_per_week),
        },
        priority=40,
    )


@rule(
    id="kratom_large_single_dose",
    title="Kratom leaf dose of 5 g or more",
    severity="info",
    actions=("contact_clinician",),
    person_message=(
        "You logged {amount_g} g of kratom in one dose. In a large survey, side effects (mostly nausea and "
        "constipation) were reported mainly at 5 g or more per dose. This is not advice about how much to "
        "take; please talk with your clinician about your kratom use."
    ),
    clinician_message="Single kratom leaf dose of {amount_g} g at {taken_at} (>= {threshold_g} g per dose).",
    rationale=(
        "In 8049 US users, negative effects, mostly gastrointestinal, appeared mainly at >= 5 g per dose "
        "(Grundmann 2017). Applies to leaf amounts only; 7-OH products are logged by labelled mg."
    ),
    source=sources.K42_GRUNDMANN,
)
def kratom_large_single_dose(ctx: SafetyContext) -> Hit | None:
    """A leaf kratom dose of at least 5 g (5000 mg) in the last 7 days."""
    threshold = ctx.config.kratom_large_dose_mg
    large = [
        dose
        for dose in _doses(ctx, 7 * DAY)
        if is_leaf_kratom(dose) and dose.amount_mg is not None and dose.amount_mg >= threshold
    ]
    if not large:
        return None
    latest = large[-1]
    assert latest.amount_mg is not None
    return Hit(
        details={
            "amount_g": f"{latest.amount_mg / 1000:g}",
            "taken_at": when(latest.taken_at),
            "threshold_g": f"{threshold / 1000:g}",
        },
        priority=60,
    )


@rule(
    id="kratom_rising_trend",
    title="Kratom use rising over 7 days",
    severity="info",
    actions=("contact_clinician", "show_treatment_options"),
    person_message=(
        "Your kratom use has gone up over the last week ({measure}: {early} a day at the start, {late} a day "
        "in the last 3 days). Rising use can mean growing dependence. Your clinician can help you make a "
        "plan, and treatment is available."
    ),
    clinician_message=(
        "Kratom {measure} rose from a mean of {early}/day (days 5-7 ago) to {late}/day (last 3 days); used "
        "on {days_used} of 7 days. Trend rule is a convention (ratio >= {ratio})."
    ),
    rationale=(
        "Daily and more frequent use predicts dependence and withdrawal (Singh 2014; Rogers 2024). No "
        "published trend threshold exists: the rule compares the mean of the last 3 days with days 5-7 ago "
        "(default ratio 1.25, daily use on at least 5 of 7 days) and is a convention."
    ),
    source=f"{sources.K46_ROGERS}; {sources.K47_SINGH}",
)
def kratom_rising_trend(ctx: SafetyContext) -> Hit | None:
    """Daily kratom use whose last-3-day mean (doses or leaf mg) is `trend_ratio` x days 5-7 ago or more."""
    counts = [0.0] * 7
    amounts = [0.0] * 7
    for dose in _doses(ctx, 7 * DAY):
        if not is_kratom(dose):
            continue
        period = min(int((ctx.now - dose.taken_at) / DAY), 6)
        counts[period] += 1
        if is_leaf_kratom(dose) and dose.amount_mg is not None:
            amounts[period] += dose.amount_mg
    days_used = sum(1 for count in counts if count > 0)
    if days_used < ctx.config.trend_min_days_used:
        return None
    for measure, series, unit in (("doses", counts, 1.0), ("leaf amount (g)", amounts, 1000.0)):
        late = sum(series[0:3]) / 3 / unit
        early = sum(series[4:7]) / 3 / unit
        if early > 0 and late >= early * ctx.config.trend_ratio:
            return Hit(
                details={
                    "measure": measure,
                    "early": f"{early:.1f}",
                    "late": f"{late:.1f}",
                    "days_used": str(days_used),
                    "ratio": f"{ctx.config.trend_ratio:g}",
                },
                priority=60,
            )
    return None


# --- liver, pregnancy, concurrent withdrawal, taper -----------------------------------------


@rule(
    id="liver_injury_signs",
    title="Signs of liver injury (jaundice, dark urine, pale stools)",
    severity="urgent",
    actions=("seek_urgent_care", "contact_clinician"),
    person_message=(
        "You noted {cues}. These can be signs of liver injury, which has been reported with kratom. Please "
        "see a doctor today, or go to urgent care, and tell them about everything you have taken, including "
        "kratom."
    ),
    clinician_message=(
        "Possible liver injury signs ({cues}) from {where}. Check liver tests; review kratom exposure."
    ),
    rationale=(
        "Case reports describe mostly cholestatic liver injury (jaundice, itching, high bilirubin) days to "
        "weeks after starting kratom; the kratom note's safety notes list liver symptoms for urgent care."
    ),
    source=sources.K50_K53_LIVER,
)
def liver_injury_signs(ctx: SafetyContext) -> Hit | None:
    """A liver cue in the journal (within the lookback) or in the reported conditions."""
    journal = _cues(ctx, LIVER_CUES, ctx.config.lookback)
    profile = [condition for condition in ctx.profile.conditions if normalise(condition) in LIVER_CUES]
    if not journal and not profile:
        return None
    cues = [normalise(finding.name) for finding in journal] + [normalise(c) for c in profile]
    where = " and ".join(
        label
        for label, present in (("the journal", bool(journal)), ("the profile", bool(profile)))
        if present
    )
    return Hit(details={"cues": _listed(cue.replace("_", " ") for cue in cues), "where": where}, priority=10)


@rule(
    id="pregnancy",
    title="Pregnancy during withdrawal or kratom use",
    severity="warning",
    actions=("contact_clinician",),
    person_message=(
        "You told us you are pregnant. Withdrawal during pregnancy needs expert care: it may raise the risk "
        "of miscarriage early in pregnancy and of early birth later on. Babies exposed to kratom before "
        "birth have had withdrawal after birth. Please talk to your clinician or maternity team before you "
        "change any opioid or kratom use."
    ),
    clinician_message="Patient reports pregnancy. Withdrawal management in pregnancy needs expert input.",
    rationale=(
        "Opioid withdrawal is not dangerous except in very frail patients or during pregnancy (miscarriage "
        "risk in the first trimester, preterm delivery in the third). 5 of 7 neonatal kratom exposures in US "
        "poison-centre data had withdrawal."
    ),
    source=f"{sources.SA_STG}; {sources.K57_POST}",
)
def pregnancy(ctx: SafetyContext) -> Hit | None:
    """The profile says the person is pregnant."""
    return Hit(priority=20) if ctx.profile.pregnant is True else None


@rule(
    id="concurrent_alcohol_or_benzodiazepine_withdrawal",
    title="Also withdrawing from alcohol or a benzodiazepine",
    severity="warning",
    actions=("contact_clinician", "seek_urgent_care"),
    person_message=(
        "You are also stopping {what}. Stopping alcohol or benzodiazepines can cause seizures and confusion, "
        "and it makes opioid withdrawal harder to manage. Please talk to a clinician before you stop. Seek "
        "urgent care if you have a seizure, become confused, or see or hear things that are not there."
    ),
    clinician_message=(
        "Concurrent withdrawal reported: {what}. Consult an expert (seizure and delirium risk)."
    ),
    rationale=(
        "Concurrent alcohol or benzodiazepine withdrawal 'may complicate withdrawal, consult an expert' "
        "(seizure and delirium risk from those withdrawals)."
    ),
    source=sources.SA_STG,
)
def concurrent_alcohol_or_benzodiazepine_withdrawal(ctx: SafetyContext) -> Hit | None:
    """The profile reports alcohol or benzodiazepine withdrawal, or lists either among what is stopped."""
    conditions = {normalise(c) for c in ctx.profile.conditions} & CONCURRENT_WITHDRAWAL_CONDITIONS
    substances = {normalise(s) for s in ctx.profile.withdrawing_from} & CONCURRENT_WITHDRAWAL_SUBSTANCES
    if not conditions and not substances:
        return None
    what: set[str] = set()
    if "alcohol_withdrawal" in conditions or substances & interactions.ALCOHOL.substances:
        what.add("alcohol")
    if "benzodiazepine_withdrawal" in conditions or substances & interactions.BENZODIAZEPINES.substances:
        what.add("a benzodiazepine")
    return Hit(details={"what": " and ".join(sorted(what))}, priority=15)


@rule(
    id="taper_dose_above_plan",
    title="Taper dose above the plan for that day",
    severity="info",
    actions=("contact_clinician",),
    person_message=(
        "On {day} you logged {taken_mg} mg of {substance}; your taper plan for that day was {planned_mg} mg. "
        "That happens, and it is useful to know. Your clinician can see it and may adjust the plan with you."
    ),
    clinician_message="{substance} on {day}: {taken_mg} mg logged vs {planned_mg} mg planned.",
    rationale=(
        "Taking more than planned can mean the taper step is too steep. Fast tapers have been linked to "
        "serious withdrawal, distress and suicide (FDA 2019); the plan is reviewed, never enforced."
    ),
    source=sources.FDA_DSC_2019_TAPER,
    condition_key_doc="'taper_dose_above_plan:<substance code>:<YYYY-MM-DD>': one flag per substance and day",
)
def taper_dose_above_plan(ctx: SafetyContext) -> list[Hit]:
    """For a day with a taper plan, the logged total of that substance is above the planned total."""
    by_day: dict[tuple[str, str], list[DoseRecord]] = {}
    for dose in _doses(ctx, 7 * DAY):
        if dose.taper_planned_mg is not None:
            by_day.setdefault((normalise(dose.substance), dose.day.isoformat()), []).append(dose)
    hits: list[Hit] = []
    for (code, day), doses in sorted(by_day.items()):
        taken = sum(dose.amount_mg for dose in doses if dose.amount_mg is not None)
        planned = min(dose.taper_planned_mg for dose in doses if dose.taper_planned_mg is not None)
        if taken > planned + 1e-9:
            hits.append(
                Hit(
                    key=f"{code}:{day}",
                    details={
                        "day": day,
                        "substance": doses[0].substance,
                        "taken_mg": f"{taken:g}",
                        "planned_mg": f"{planned:g}",
                    },
                    priority=70,
                )
            )
    return hits


# --- follow-up and red flags ----------------------------------------------------------------


def _severe_assessments(ctx: SafetyContext) -> list[tuple[AssessmentRecord, str]]:
    severe: list[tuple[AssessmentRecord, str]] = []
    for assessment in _assessments(ctx, "cows"):
        if assessment.total > COWS_SEVERE_ABOVE:
            severe.append((assessment, f"COWS {assessment.total}"))
    for assessment in _assessments(ctx, "sows"):
        if assessment.total >= ctx.config.sows_threshold:
            severe.append((assessment, f"SOWS {assessment.total}"))
    for assessment in _assessments(ctx, "phq9"):
        value = assessment.answers.get(PHQ9_ITEM9)
        if value is not None and value > 0:
            severe.append((assessment, f"PHQ-9 item 9 = {value}"))
    return sorted(severe, key=lambda pair: pair[0].taken_at)


@rule(
    id="no_checkin_after_severe_score",
    title="No check-in after a severe score",
    severity="warning",
    actions=("contact_clinician",),
    person_message=(
        "We have not heard from you since {taken_at}, when your score was high. If you can, please do a "
        "short check-in, or contact your clinician. If you feel unsafe, the crisis lines are shown here."
    ),
    clinician_message=(
        "No check-in for {hours} h after {score} on {taken_at} (configured window {window_hours} h). "
        "Consider reaching out."
    ),
    rationale=(
        "Severe scores are COWS > 36, SOWS at or above the configured threshold, or PHQ-9 item 9 > 0. "
        "Silence after a severe score is a reason to reach out; the window (default 24 h) is a convention."
    ),
    source=f"{sources.WESSON_LING_2003}; {sources.CTN0094_CONVENTION}; {sources.SIMON_2013}",
    condition_key_doc="'no_checkin_after_severe_score:<ISO instant of the severe assessment>'",
)
def no_checkin_after_severe_score(ctx: SafetyContext) -> Hit | None:
    """No assessment of any kind since the latest severe score, for at least `no_checkin_window`."""
    severe = _severe_assessments(ctx)
    if not severe:
        return None
    assessment, score = severe[-1]
    later = [a for a in ctx.assessments if assessment.taken_at < a.taken_at <= ctx.now]
    silence = ctx.now - assessment.taken_at
    if later or silence < ctx.config.no_checkin_window:
        return None
    return Hit(
        key=assessment.taken_at.astimezone(UTC).isoformat(),
        details={
            "score": score,
            "taken_at": when(assessment.taken_at),
            "hours": f"{silence.total_seconds() / 3600:.0f}",
            "window_hours": _hours(ctx.config.no_checkin_window),
        },
        priority=20,
    )


@rule(
    id="precipitated_withdrawal_signs",
    title="Withdrawal rising sharply after buprenorphine, naltrexone or naloxone",
    severity="urgent",
    actions=("seek_urgent_care", "contact_clinician"),
    person_message=(
        "Your withdrawal got much worse after {medicine} ({instrument} {before} to {after}). This can be "
        "precipitated withdrawal, which can be dangerous. Please contact your clinician now; if you cannot "
        "reach them or you feel very unwell, go to an emergency department."
    ),
    clinician_message=(
        "{medicine} at {dose_at}; {instrument} rose {before} -> {after} by {after_at} (rise >= {rise}, a "
        "convention). Possible precipitated withdrawal."
    ),
    rationale=(
        "Sudden severe withdrawal after buprenorphine, naltrexone or naloxone (precipitated withdrawal) is a "
        "listed red flag and potentially life-threatening; intractable cases go to the ED. The score rise "
        "that triggers the rule (COWS +5, SOWS +10 within 6 h against a score in the 24 h before) is a "
        "convention."
    ),
    source=sources.PRECIPITATED_RED_FLAG,
    condition_key_doc="'precipitated_withdrawal_signs:<ISO instant of the medicine dose>'",
)
def precipitated_withdrawal_signs(ctx: SafetyContext) -> Hit | None:
    """A COWS or SOWS within 6 h after buprenorphine/naltrexone/naloxone rose by the configured amount."""
    config = ctx.config
    rises = {"cows": config.precipitated_rise_cows, "sows": config.precipitated_rise_sows}
    for dose in reversed(_doses(ctx)):
        if normalise(dose.substance) not in PRECIPITANT_CODES:
            continue
        for instrument, rise in rises.items():
            series = _assessments(ctx, instrument)
            before = [
                a
                for a in series
                if dose.taken_at - config.precipitated_baseline_window <= a.taken_at <= dose.taken_at
            ]
            after = [
                a for a in series if dose.taken_at < a.taken_at <= dose.taken_at + config.precipitated_window
            ]
            if not before or not after:
                continue
            baseline = before[-1]
            peak = max(after, key=lambda a: a.total)
            if peak.total - baseline.total >= rise:
                return Hit(
                    key=dose.taken_at.astimezone(UTC).isoformat(),
                    details={
                        "medicine": dose.substance,
                        "dose_at": when(dose.taken_at),
                        "instrument": instrument.upper(),
                        "before": str(baseline.total),
                        "after": str(peak.total),
                        "after_at": when(peak.taken_at),
                        "rise": str(rise),
                    },
                    priority=5,
                )
    return None


@rule(
    id="alpha2_agonist_low_blood_pressure_signs",
    title="Dizziness, fainting or slow pulse while taking lofexidine or clonidine",
    severity="warning",
    actions=("contact_clinician", "seek_urgent_care"),
    person_message=(
        "You noted {cues} while taking {medicine}. This medicine can lower blood pressure and slow the "
        "heart. Please sit or lie down, and contact your clinician before the next dose. If you faint or "
        "feel very unwell, seek urgent care."
    ),
    clinician_message=(
        "{medicine} in the last 24 h with {cues} reported ({noted_at}). Check blood pressure and pulse."
    ),
    rationale=(
        "Lofexidine may lead to hypotension, bradycardia or syncope (label warning); clonidine is the same "
        "class."
    ),
    source=sources.LUCEMYRA_LABEL,
)
def alpha2_agonist_low_blood_pressure_signs(ctx: SafetyContext) -> Hit | None:
    """Lofexidine or clonidine in the last 24 h and a journal cue of dizziness, fainting or slow pulse."""
    medicines = [dose for dose in _doses(ctx, DAY) if normalise(dose.substance) in ALPHA2_AGONIST_CODES]
    found = _cues(ctx, LOW_BLOOD_PRESSURE_CUES, DAY)
    if not medicines or not found:
        return None
    return Hit(
        details={
            "medicine": _listed(dose.substance for dose in medicines),
            "cues": _listed(normalise(f.name).replace("_", " ") for f in found),
            "noted_at": when(found[-1].noted_at),
        },
        priority=20,
    )


@rule(
    id="return_to_opioid_use_after_break",
    title="Opioid use after a break (lower tolerance, overdose risk)",
    severity="warning",
    actions=("contact_clinician", "show_treatment_options"),
    person_message=(
        "You logged {substance} after {gap_days} days without opioids. After a break, tolerance drops, so an "
        "amount you used before can now cause an overdose. Please make sure you are not alone, keep naloxone "
        "near you if you can, and call your emergency number if someone is hard to wake or breathing slowly. "
        "Your clinician can help, and treatment is available."
    ),
    clinician_message=(
        "{substance} at {taken_at} after {gap_days} days without opioid use (gap >= {gap_threshold} days, a "
        "convention). Overdose risk from lost tolerance."
    ),
    rationale=(
        "After opioid detoxification or discontinuation, tolerance is reduced and previously tolerated doses "
        "can cause overdose (lofexidine and naltrexone labels). The gap that counts as a break (default 5 "
        "days) is a convention."
    ),
    source=f"{sources.LUCEMYRA_LABEL}; {sources.VIVITROL_LABEL}",
    condition_key_doc="'return_to_opioid_use_after_break:<ISO instant of the dose>'",
)
def return_to_opioid_use_after_break(ctx: SafetyContext) -> Hit | None:
    """The latest opioid use (not methadone/buprenorphine treatment) follows a break of at least the gap."""
    uses = [
        dose
        for dose in sorted(ctx.doses, key=lambda d: d.taken_at)
        if dose.taken_at <= ctx.now
        and OPIOIDS.contains(dose)
        and normalise(dose.substance) not in OPIOID_TREATMENT_CODES
    ]
    if len(uses) < 2 or not _within(ctx, uses[-1].taken_at, ctx.config.lookback):
        return None
    latest, previous = uses[-1], uses[-2]
    gap = latest.taken_at - previous.taken_at
    if gap < ctx.config.return_to_use_gap:
        return None
    return Hit(
        key=latest.taken_at.astimezone(UTC).isoformat(),
        details={
            "substance": latest.substance,
            "taken_at": when(latest.taken_at),
            "gap_days": f"{gap / DAY:.0f}",
            "gap_threshold": f"{ctx.config.return_to_use_gap / DAY:g}",
        },
        priority=15,
    )


@rule(
    id="overdose_signs",
    title="Signs of overdose reported",
    severity="urgent",
    actions=("seek_urgent_care",),
    person_message=(
        "Your journal mentions {cues}. These can be signs of an overdose. If this is happening now, call "
        "your emergency number at once, and give naloxone if you have it. Stay with the person until help "
        "comes."
    ),
    clinician_message="Journal on {noted_at} mentions possible overdose signs: {cues}.",
    rationale=(
        "Slow or stopped breathing, blue lips and not responding are signs of opioid overdose; the response "
        "is to call emergency services and give naloxone."
    ),
    source=sources.OVERDOSE_SIGNS,
)
def overdose_signs(ctx: SafetyContext) -> Hit | None:
    """A journal cue of overdose (unresponsive, slow or stopped breathing, blue lips)."""
    found = _cues(ctx, OVERDOSE_CUES, ctx.config.recent_findings_window)
    if not found:
        return None
    return Hit(
        details={
            "cues": _listed(normalise(f.name).replace("_", " ") for f in found),
            "noted_at": when(found[-1].noted_at),
        },
        priority=0,
    )


@rule(
    id="seizure_reported",
    title="Seizure reported",
    severity="urgent",
    actions=("seek_urgent_care", "contact_clinician"),
    person_message=(
        "Your journal mentions a seizure. A seizure needs a doctor today. If it is happening now, or lasts "
        "more than a few minutes, call your emergency number. Tell the doctor about everything you have "
        "taken or stopped, including kratom, alcohol and benzodiazepines."
    ),
    clinician_message="Journal on {noted_at} reports a seizure.",
    rationale=(
        "Seizures are reported with kratom and with concentrated 7-OH products (FDA, Health Canada, poison "
        "centres), and with alcohol or benzodiazepine withdrawal."
    ),
    source=f"{sources.K54_FDA_2017}; {sources.K57_POST}; {sources.K60_TEXAS}; {sources.SA_STG}",
)
def seizure_reported(ctx: SafetyContext) -> Hit | None:
    """A journal cue of a seizure within the recent-findings window."""
    found = _cues(ctx, SEIZURE_CUES, ctx.config.recent_findings_window)
    if not found:
        return None
    return Hit(details={"noted_at": when(found[-1].noted_at)}, priority=5)
