"""Extract symptoms, substances, doses and kratom's effect from one passage of free text.

The output follows ``shared/research/extraction-guidelines.md`` exactly; every
finding keeps the character spans of its evidence so a page can highlight it.
Pure standard library, regular expressions compiled once at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from easeoff.nlp.doses import DoseFinding, find_doses
from easeoff.nlp.effect import EffectFinding, find_kratom_effect
from easeoff.nlp.substances import find_substances
from easeoff.nlp.symptoms import SymptomFinding, analyse_symptoms
from easeoff.nlp.text import normalise, segment

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SubstanceFinding:
    """A canonical substance name and the spans of every mention of it."""

    name: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Highlight:
    """One stretch of the input to highlight: offsets into the original text, a kind and a label."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one passage.

    ``symptoms`` holds at most one finding per canonical symptom; ``substances`` is
    in order of first mention; ``kratom_effect`` is one of helped, not_helped,
    worse or none. Spans are (start, end) offsets into the text given to ``extract``.
    """

    symptoms: tuple[SymptomFinding, ...]
    substances: tuple[SubstanceFinding, ...]
    doses: tuple[DoseFinding, ...]
    kratom_effect: str
    kratom_effect_spans: tuple[Span, ...] = ()

    def to_json(self, id: str | int) -> dict[str, Any]:
        """Return the guidelines' record for this passage (a JSON-ready dict, spans left out)."""
        return to_record(id, self)

    def highlights(self) -> list[tuple[int, int, str, str]]:
        """Return (start, end, kind, label) for every piece of evidence, in text order.

        Kinds are ``symptom`` (label "name:status"), ``substance`` (canonical name),
        ``dose`` ("value unit substance") and ``kratom_effect`` (the label).
        """
        out: list[Highlight] = []
        for symptom in self.symptoms:
            out.extend(
                Highlight(s, e, "symptom", f"{symptom.name}:{symptom.status}") for s, e in symptom.spans
            )
        for substance in self.substances:
            out.extend(Highlight(s, e, "substance", substance.name) for s, e in substance.spans)
        for dose in self.doses:
            out.append(Highlight(*dose.span, "dose", f"{dose.value} {dose.unit} {dose.substance}"))
        out.extend(Highlight(s, e, "kratom_effect", self.kratom_effect) for s, e in self.kratom_effect_spans)
        out.sort(key=lambda h: (h.start, h.end, h.kind))
        return [(h.start, h.end, h.kind, h.label) for h in out]


def to_record(id: str | int, extraction: Extraction) -> dict[str, Any]:
    """Return exactly the guidelines' schema: id, symptoms, substances, doses, kratom_effect."""
    return {
        "id": id,
        "symptoms": [{"name": s.name, "status": s.status} for s in extraction.symptoms],
        "substances": [s.name for s in extraction.substances],
        "doses": [{"value": d.value, "unit": d.unit, "substance": d.substance} for d in extraction.doses],
        "kratom_effect": extraction.kratom_effect,
    }


def extract(text: str) -> Extraction:
    """Extract the author's symptoms, the substances, the doses and kratom's effect from ``text``."""
    norm = normalise(text)
    seg = segment(norm)
    mentions = find_substances(norm)
    symptoms = analyse_symptoms(norm, seg)
    substances: dict[str, list[Span]] = {}
    for mention in mentions:
        if not mention.is_class_word:
            substances.setdefault(mention.name, []).append((mention.start, mention.end))
    doses = find_doses(norm, seg, mentions)
    effect: EffectFinding = find_kratom_effect(norm, seg, mentions, symptoms.relief_cues, doses)
    return Extraction(
        symptoms=symptoms.findings,
        substances=tuple(SubstanceFinding(name, tuple(spans)) for name, spans in substances.items()),
        doses=tuple(doses),
        kratom_effect=effect.label,
        kratom_effect_spans=effect.spans,
    )
