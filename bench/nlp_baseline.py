"""Baseline extractor for the NLP benchmark: medspaCy's TargetMatcher and ConText, easeoff's vocabulary.

    .venv/bin/python bench/nlp_baseline.py IN.jsonl OUT.jsonl [--sentences sentencizer|pyrush] [--text-once]

Reads JSON Lines of {"id", "text"} and writes one record per line in the schema of
``easeoff.nlp.to_record`` (id, symptoms, substances, doses, kratom_effect), so
``easeoff.nlp.evaluate`` scores it exactly as it scores easeoff.

The pipeline is the textbook medspaCy one, with no model download: ``spacy.blank("en")``
with medspaCy's tokenizer, a sentence splitter, TargetMatchers and ConText. The splitter is
spaCy's rule-based ``sentencizer`` by default: on the development set it gives the same
records as medspaCy's default PyRuSH (``--sentences pyrush``) at about three times the
speed, so it is the stronger baseline. ``--text-once`` is not stock medspaCy: it patches
the RegexMatcher so it builds the Doc's text once instead of once per pattern (same
records, much faster), to show how much of the gap is that one inefficiency.

* Targets: one TargetRule (a regular expression, medspaCy's RegexMatcher) per symptom
  surface form and per substance in ``easeoff.nlp.lexicon``, the same vocabulary easeoff
  uses, with the same word boundaries; opioid class words are targets too (for doses).
  Symptoms go to ``doc.ents`` (ConText's targets); substances and class words to a span
  group of their own, so a substance inside a symptom phrase ("cravings for fentanyl")
  is not lost to spaCy's one-entity-per-token rule.
* Status: ConText's default English rules, plus the small rule set below: RELIEVED
  modifiers ("went away", "no more", "helped with", "eased", ...), NOT_HELPED ("didn't
  help") and WORSE ("made it worse"). A symptom modified by RELIEVED is ``relieved``, by
  NEGATED_EXISTENCE ``negated``, otherwise ``present``; a surface form whose status is
  part of the phrase ("no sleep", "slept well", "sleeping better") keeps it, unless a
  RELIEVED modifier applies. Targets that ConText marks FAMILY or HYPOTHETICAL are not
  the author's and are dropped. The last mention of a symptom gives its final status.
* Doses: a regular expression for number (or range) plus unit, tied to the nearest
  substance or class-word target; a class word gives ``unspecified_opioid``.
* Kratom effect: in a sentence that names kratom, a NOT_HELPED modifier gives
  ``not_helped``, else WORSE gives ``worse``, else RELIEVED gives ``helped``; otherwise
  ``none``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load_lexicon() -> Any:
    """Load easeoff's vocabulary module on its own, without importing the extractor beside it."""
    path = ROOT / "src" / "easeoff" / "nlp" / "lexicon.py"
    spec = importlib.util.spec_from_file_location("easeoff_lexicon_for_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LEXICON = _load_lexicon()

# (category, direction, literal phrases) for ConTextRules added to the default rules.
EXTRA_CONTEXT_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "RELIEVED",
        "FORWARD",
        (
            "no more",
            "no longer",
            "helped with",
            "helps with",
            "help with",
            "helped",
            "helps",
            "relief from",
            "relieved",
            "relieves",
            "got rid of",
            "took away",
            "takes away",
            "took care of",
            "less",
            "not as much",
            "eased",
            "eases",
            "stopped",
            "stops",
            "cured",
        ),
    ),
    (
        "RELIEVED",
        "BACKWARD",
        (
            "went away",
            "gone",
            "disappeared",
            "eased up",
            "eased off",
            "subsided",
            "stopped",
            "is better",
            "are better",
            "got better",
            "improved",
            "is improving",
            "calmed down",
            "was relieved",
            "were relieved",
        ),
    ),
    (
        "NOT_HELPED",
        "BIDIRECTIONAL",
        (
            "didn't help",
            "didnt help",
            "did not help",
            "doesn't help",
            "doesnt help",
            "does not help",
            "didn't work",
            "didnt work",
            "did not work",
            "doesn't work",
            "doesnt work",
            "did nothing",
            "does nothing",
            "no help",
        ),
    ),
    ("WORSE", "BIDIRECTIONAL", ("made it worse", "made things worse", "made them worse", "worse")),
)

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUMBER = r"\d+(?:\.\d+)?|\d+/\d+|\.\d+|" + "|".join(_NUMBER_WORDS)
_UNITS = {
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "g": "g",
    "gr": "g",
    "gram": "g",
    "grams": "g",
    "gs": "g",
    "gpd": "g/day",
    "pill": "pills",
    "pills": "pills",
    "tab": "tablets",
    "tabs": "tablets",
    "tablet": "tablets",
    "tablets": "tablets",
    "cap": "capsules",
    "caps": "capsules",
    "capsule": "capsules",
    "capsules": "capsules",
    "tbsp": "tbsp",
    "tablespoon": "tbsp",
    "tablespoons": "tbsp",
    "tsp": "tsp",
    "teaspoon": "tsp",
    "teaspoons": "tsp",
    "bag": "bags",
    "bags": "bags",
    "bottle": "bottles",
    "bottles": "bottles",
    "quarter sheet": "quarter sheets",
    "quarter sheets": "quarter sheets",
}
_DOSE_RE = re.compile(
    rf"(?<![\w.])(?P<low>{_NUMBER})(?:\s*(?:-|to)\s*(?P<high>{_NUMBER}))?(?P<plus>\+)?\s*"
    rf"(?P<unit>{'|'.join(sorted(map(re.escape, _UNITS), key=len, reverse=True))})\b"
    r"(?P<day>\s*(?:/\s*day|a day|per day|daily|/d\b))?",
    re.IGNORECASE,
)
SUBSTANCE_GROUP = "substances"
_STRAIGHTEN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


class _TextOnce:
    """A Doc as medspaCy's RegexMatcher sees it, with ``text_with_ws`` built once.

    The stock RegexMatcher rebuilds ``doc.text_with_ws`` (a join over every token) for
    each of its patterns: about a third of this baseline's processing time with easeoff's
    ~80 patterns.
    """

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self.text_with_ws = doc.text_with_ws

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)

    def __len__(self) -> int:
        return len(self._doc)

    def __getitem__(self, index: Any) -> Any:
        return self._doc[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._doc)


def build_text_once_matcher() -> None:
    """Patch medspaCy's RegexMatcher to build the text once per Doc (same matches, faster)."""
    from medspacy.common.regex_matcher import RegexMatcher

    stock = RegexMatcher.__call__

    def call(self: Any, doc: Any) -> Any:
        return stock(self, _TextOnce(doc))

    RegexMatcher.__call__ = call  # type: ignore[method-assign]


def build_nlp(sentences: str = "sentencizer") -> Any:
    """Return the medspaCy pipeline over ``spacy.blank("en")``; ``sentences``: sentencizer or pyrush."""
    import medspacy  # registers the medspaCy factories and extensions
    import spacy
    from medspacy.context import ConTextRule
    from medspacy.custom_tokenizer import create_medspacy_tokenizer
    from medspacy.target_matcher import TargetRule

    nlp = spacy.blank("en")
    nlp.tokenizer = create_medspacy_tokenizer(nlp)
    if sentences == "pyrush":
        from loguru import logger

        logger.disable("PyRuSH")  # it logs every sentence boundary at DEBUG level otherwise
        rush_rules = Path(medspacy.__file__).resolve().parents[1] / "resources" / "en" / "rush_rules.tsv"
        nlp.add_pipe("medspacy_pyrush", config={"rules_path": str(rush_rules)})
    elif sentences == "sentencizer":
        nlp.add_pipe("sentencizer")
    else:
        raise ValueError(f"unknown sentence splitter {sentences!r}")
    symptom_rules = [
        TargetRule(
            f"{name}:{inherent}",
            "SYMPTOM",
            pattern=rf"(?<![\w'])(?:{pattern})(?![\w'])",
            metadata={"name": name, "inherent": inherent},
        )
        for name, inherent, pattern in LEXICON.SYMPTOM_PATTERNS
    ]
    nlp.add_pipe("medspacy_target_matcher").add(symptom_rules)
    named = [*LEXICON.SUBSTANCE_PATTERNS, ("heroin", r"(?-i:H)"), ("oxycodone", r"(?-i:OC'?s?)")]
    substance_rules = [
        TargetRule(name, "SUBSTANCE", pattern=rf"(?<![\w'-])(?:{pattern})(?!\w)", metadata={"name": name})
        for name, pattern in named
    ]
    substance_rules.append(
        TargetRule(
            LEXICON.UNSPECIFIED_OPIOID,
            "OPIOID_CLASS",
            pattern=rf"(?<![\w'-])(?:{LEXICON.OPIOID_CLASS_WORDS})(?!\w)",
            metadata={"name": LEXICON.UNSPECIFIED_OPIOID},
        )
    )
    nlp.add_pipe(
        "medspacy_target_matcher",
        name="medspacy_substance_matcher",
        config={"result_type": "group", "span_group_name": SUBSTANCE_GROUP},
    ).add(substance_rules)
    context = nlp.add_pipe("medspacy_context")  # default rules; targets: doc.ents (the symptoms)
    context.add(
        [
            ConTextRule(literal, category, direction=direction)
            for category, direction, literals in EXTRA_CONTEXT_RULES
            for literal in literals
        ]
    )
    return nlp


def _number(text: str) -> float | int | str:
    text = text.lower()
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    if "/" in text:
        return text
    value = float(text)
    return int(value) if value.is_integer() else value


def _doses(text: str, anchors: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Number + unit, tied to the nearest substance or class-word target (by character distance)."""
    out = []
    for match in _DOSE_RE.finditer(text):
        if not anchors:
            break
        unit = _UNITS[match["unit"].lower()]
        if match["day"] and unit in ("mg", "g"):
            unit += "/day"
        low, high = match["low"], match["high"]
        value: float | int | str
        if high:
            value = f"{_number(low)}-{_number(high)}"
        elif match["plus"]:
            value = f"{_number(low)}+"
        else:
            value = _number(low)
        substance = min(anchors, key=lambda anchor: abs(anchor[0] - match.start()))[1]
        out.append({"value": value, "unit": unit, "substance": substance})
    return out


def _symptom_status(ent: Any) -> str | None:
    """The ConText status of one symptom target, or None when it is not the author's."""
    if ent._.is_family or ent._.is_hypothetical:
        return None
    categories = {modifier.category for modifier in ent._.modifiers}
    inherent = ent._.target_rule.metadata["inherent"]
    if "RELIEVED" in categories:
        return "relieved"
    if inherent is not None:
        return str(inherent)
    return "negated" if "NEGATED_EXISTENCE" in categories else "present"


def to_record(passage_id: Any, doc: Any) -> dict[str, Any]:
    """Turn one processed Doc into the guidelines' record (the shape of ``easeoff.nlp.to_record``)."""
    symptoms: dict[str, str] = {}
    for ent in doc.ents:  # in text order: the last mention gives the final state
        status = _symptom_status(ent)
        if status is not None:
            symptoms[ent._.target_rule.metadata["name"]] = status
    mentions = sorted(doc.spans[SUBSTANCE_GROUP], key=lambda span: span.start)
    substances: list[str] = []
    for span in mentions:
        if span.label_ == "SUBSTANCE" and span._.target_rule.literal not in substances:
            substances.append(span._.target_rule.literal)
    anchors = [(span.start_char, span._.target_rule.metadata["name"]) for span in mentions]
    return {
        "id": passage_id,
        "symptoms": [{"name": name, "status": status} for name, status in symptoms.items()],
        "substances": substances,
        "doses": _doses(doc.text, anchors),
        "kratom_effect": _kratom_effect(doc, mentions),
    }


def _kratom_effect(doc: Any, mentions: list[Any]) -> str:
    """A NOT_HELPED, WORSE or RELIEVED modifier (in that precedence) in a sentence naming kratom."""
    kratom_sentences = {span.sent.start for span in mentions if span._.target_rule.literal == "kratom"}
    if not kratom_sentences:
        return "none"
    categories = {
        modifier.category
        for modifier in doc._.context_graph.modifiers
        if doc[modifier.modifier_span[0]].sent.start in kratom_sentences
    }
    for category, label in (("NOT_HELPED", "not_helped"), ("WORSE", "worse"), ("RELIEVED", "helped")):
        if category in categories:
            return label
    return "none"


def extract_records(nlp: Any, items: Iterable[tuple[Any, str]]) -> Iterator[dict[str, Any]]:
    """Yield a record for every (id, text), processing the texts in batches with ``nlp.pipe``."""
    items = list(items)
    texts = (text.translate(_STRAIGHTEN) for _, text in items)
    for (passage_id, _), doc in zip(items, nlp.pipe(texts, batch_size=256), strict=True):
        yield to_record(passage_id, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help='JSON Lines of {"id", "text"}')
    parser.add_argument("target", type=Path, help="where to write the records (JSON Lines)")
    parser.add_argument(
        "--sentences",
        choices=("sentencizer", "pyrush"),
        default="sentencizer",
        help="spaCy's rule-based sentencizer (default) or medspaCy's PyRuSH",
    )
    parser.add_argument(
        "--text-once",
        action="store_true",
        help="not stock medspaCy: let its RegexMatcher build the Doc's text once, not once per pattern",
    )
    args = parser.parse_args(argv)
    if args.text_once:
        build_text_once_matcher()
    with args.source.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    items = [(row["id"], row["text"]) for row in rows]
    nlp = build_nlp(args.sentences)
    with args.target.open("w", encoding="utf-8") as out:
        for record in extract_records(nlp, items):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
