"""Score extracted records against hand-labelled ones, field by field.

Symptoms are scored as (name, status) pairs, substances as names, doses as
(value, unit, substance) triples with numbers normalised (4 == 4.0, "4.0-6" ==
"4-6"); all three are micro-averaged precision, recall and F1 over passages.

The kratom effect is one label per passage, so it gets accuracy and macro-F1
over the four labels, and also precision/recall/F1 that treat every label
other than "none" as a positive: a true positive is an exact non-"none" match, a
false positive a non-"none" prediction that is wrong, a false negative a
non-"none" gold label that was missed. That last triple is the one the table
shows in the P/R/F1 columns, because "none" dominates real data and accuracy
alone rewards saying "none".

Run ``python -m easeoff.nlp.evaluate GOLD.jsonl [PREDICTED.jsonl]``; without a
predictions file the passages are extracted on the spot.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from easeoff.nlp.extract import extract
from easeoff.nlp.lexicon import CORE_SUBSTANCES, EFFECTS

Record = Mapping[str, Any]


@dataclass(slots=True)
class FieldScore:
    """Counts for one field, with precision, recall and F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> None:
        """Count one passage's gold and predicted items as multisets."""
        g, p = Counter(gold), Counter(predicted)
        overlap = sum((g & p).values())
        self.tp += overlap
        self.fp += sum(p.values()) - overlap
        self.fn += sum(g.values()) - overlap


@dataclass(slots=True)
class Report:
    """Scores for every field over a set of passages."""

    passages: int = 0
    symptoms: FieldScore = field(default_factory=FieldScore)
    substances: FieldScore = field(default_factory=FieldScore)
    doses: FieldScore = field(default_factory=FieldScore)
    kratom_effect: FieldScore = field(default_factory=FieldScore)
    effect_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def effect_accuracy(self) -> float:
        total = sum(self.effect_confusion.values())
        right = sum(n for (g, p), n in self.effect_confusion.items() if g == p)
        return right / total if total else 1.0

    @property
    def effect_macro_f1(self) -> float:
        """Mean F1 over the labels that occur in gold or predictions."""
        labels = {g for g, _ in self.effect_confusion} | {p for _, p in self.effect_confusion}
        scores = []
        for label in sorted(labels):
            tp = self.effect_confusion[(label, label)]
            fp = sum(n for (g, p), n in self.effect_confusion.items() if p == label and g != label)
            fn = sum(n for (g, p), n in self.effect_confusion.items() if g == label and p != label)
            scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
        return sum(scores) / len(scores) if scores else 1.0


def normalise_value(value: Any) -> str:
    """Render a dose value so that equal amounts compare equal: 4 == 4.0 == "4", "4.0-6" == "4-6"."""
    text = str(value).strip().replace(" ", "")
    plus = text.endswith("+")
    text = text.rstrip("+")
    parts = [_normalise_number(p) for p in text.split("-")] if not text.startswith("-") else [text]
    return "-".join(parts) + ("+" if plus else "")


def _normalise_number(text: str) -> str:
    if "/" in text:
        return text
    try:
        number = Fraction(text)
    except ValueError:
        return text.lower()
    return str(number.numerator) if number.denominator == 1 else format(float(number), "g")


def _symptoms(record: Record) -> list[tuple[str, str]]:
    return [(s["name"], s["status"]) for s in record.get("symptoms", [])]


def _substances(record: Record, core_only: bool) -> list[str]:
    names = list(record.get("substances", []))
    return [n for n in names if n in CORE_SUBSTANCES] if core_only else names


def _doses(record: Record) -> list[tuple[str, str, str]]:
    return [(normalise_value(d["value"]), d["unit"], d["substance"]) for d in record.get("doses", [])]


def evaluate(
    gold_records: Iterable[Record], predicted_records: Iterable[Record], *, core_only: bool = False
) -> Report:
    """Score ``predicted_records`` against ``gold_records``, matched by ``id``.

    A gold passage with no prediction counts as an empty prediction (effect "none").
    With ``core_only`` substances are filtered to the guidelines' core list first.
    """
    predicted = {p["id"]: p for p in predicted_records}
    report = Report()
    for gold in gold_records:
        pred = predicted.get(gold["id"], {"id": gold["id"], "kratom_effect": "none"})
        report.passages += 1
        report.symptoms.add(_symptoms(gold), _symptoms(pred))
        report.substances.add(_substances(gold, core_only), _substances(pred, core_only))
        report.doses.add(_doses(gold), _doses(pred))
        g_effect, p_effect = gold.get("kratom_effect", "none"), pred.get("kratom_effect", "none")
        report.effect_confusion[(g_effect, p_effect)] += 1
        if g_effect != "none" and g_effect == p_effect:
            report.kratom_effect.tp += 1
        else:
            report.kratom_effect.fp += p_effect != "none" and p_effect != g_effect
            report.kratom_effect.fn += g_effect != "none" and p_effect != g_effect
    return report


def format_report(report: Report) -> str:
    """Render the report as a plain-text table."""
    lines = [
        f"passages: {report.passages}",
        f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for name in ("symptoms", "substances", "doses", "kratom_effect"):
        score: FieldScore = getattr(report, name)
        lines.append(
            f"{name:<14}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
            f"{score.tp:>6}{score.fp:>6}{score.fn:>6}"
        )
    lines.append(
        f"kratom_effect accuracy {report.effect_accuracy:.3f}, macro-F1 {report.effect_macro_f1:.3f} "
        "(P/R/F1 above: non-'none' labels as positives)"
    )
    return "\n".join(lines)


def print_report(report: Report) -> None:
    """Print the table to standard output."""
    print(format_report(report))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read one JSON object per non-blank line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _differences(gold: Sequence[Record], predicted: Mapping[str, Record]) -> Iterable[str]:
    for g in gold:
        p = predicted[g["id"]]
        parts = []
        for key, getter in (("symptoms", _symptoms), ("doses", _doses)):
            missing = sorted(set(getter(g)) - set(getter(p)))
            extra = sorted(set(getter(p)) - set(getter(g)))
            if missing or extra:
                parts.append(f"  {key}: missing {missing} extra {extra}")
        gs, ps = _substances(g, False), _substances(p, False)
        if set(gs) != set(ps):
            parts.append(
                f"  substances: missing {sorted(set(gs) - set(ps))} extra {sorted(set(ps) - set(gs))}"
            )
        if g.get("kratom_effect") != p.get("kratom_effect"):
            parts.append(f"  kratom_effect: gold {g.get('kratom_effect')} predicted {p.get('kratom_effect')}")
        if parts:
            yield f"{g['id']}: {g.get('text', '')!r}\n" + "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate a gold file against predictions (or against the extractor) and print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m easeoff.nlp.evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("gold", type=Path, help="hand-labelled JSONL with a 'text' field")
    parser.add_argument("predicted", type=Path, nargs="?", help="predicted JSONL; default: run the extractor")
    parser.add_argument("--core", action="store_true", help="score substances on the core list only")
    parser.add_argument("--errors", action="store_true", help="also list every passage that differs")
    args = parser.parse_args(argv)
    gold = read_jsonl(args.gold)
    if args.predicted is not None:
        predicted = read_jsonl(args.predicted)
    else:
        predicted = [extract(g["text"]).to_json(g["id"]) for g in gold]
    report = evaluate(gold, predicted, core_only=args.core)
    if args.errors:
        by_id = {p["id"]: p for p in predicted}
        for block in _differences(gold, by_id):
            print(block)
        print()
    print_report(report)
    return 0


__all__ = [
    "EFFECTS",
    "FieldScore",
    "Report",
    "evaluate",
    "format_report",
    "main",
    "normalise_value",
    "print_report",
]

if __name__ == "__main__":
    sys.exit(main())
