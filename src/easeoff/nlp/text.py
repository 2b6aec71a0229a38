"""Text plumbing shared by the extractors: normalising, sentences, clauses, gaps.

Every function keeps character offsets into the caller's original string, so a
finding can always be highlighted in the text the person wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

# One-to-one replacements only: the normalised text has the same length as the
# original, so offsets found in one are offsets in the other.
_STRAIGHTEN: Final = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)

# A sentence ends at . ! ? (not inside "0.5" or "e.g."), at a line break, and at
# the " [...] " that marks dropped text.
_SENTENCE_END: Final = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bDr)(?<!\bMr)(?<!\bMs)[.!?]+[\"')\]]*(?=\s|$)|\n+|\s\[\.\.\.\]\s|\s\[\u2026\]\s"
)

# Clause boundaries inside a sentence: punctuation that joins clauses and the
# conjunctions that ConText treats as scope terminators.
_CLAUSE_BREAK: Final = re.compile(
    r"[;:()]|\s-\s(?!\d)|,(?=\s*(?:i|i'm|im|i've|ive|my|me|we|but|and then|then|so|because|which|while)\b)"
    r"|(?<=, )so\b|\bso (?=i\b|i'm|im\b|my\b|it\b|now\b|the\b)"
    r"|\b(?:but|however|though|tho|although|except|yet|whereas|while|because|since|and then|then|which"
    r"|until|til|till|unless)\b",
    re.IGNORECASE,
)

_TOKEN: Final = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)?|[^\sa-z\d]", re.IGNORECASE)


_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(norm: str) -> str:
    """Lower-case A-Z only; unlike ``str.lower`` this never changes the length.

    The big vocabularies are matched case-sensitively on this copy: about twice
    as fast as ``re.IGNORECASE``.
    """
    return norm.translate(_ASCII_LOWER)


def normalise(text: str) -> str:
    """Straighten quotes, dashes and odd spaces; the result has the same length."""
    return text.translate(_STRAIGHTEN)


@dataclass(frozen=True, slots=True)
class Segments:
    """Sentence and clause boundaries of one text, as sorted start offsets."""

    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    clause_starts: tuple[int, ...]
    questions: frozenset[int]

    def sentence_of(self, offset: int) -> int:
        """Return the index of the sentence that holds ``offset``."""
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def clause_of(self, offset: int) -> int:
        """Return the index of the clause that holds ``offset``."""
        return max(0, bisect_right(self.clause_starts, offset) - 1)

    def sentence_span(self, index: int) -> tuple[int, int]:
        """Return (start, end) of sentence ``index``."""
        return self.sentence_starts[index], self.sentence_ends[index]

    def clause_span(self, index: int, text_length: int) -> tuple[int, int]:
        """Return (start, end) of clause ``index``."""
        end = self.clause_starts[index + 1] if index + 1 < len(self.clause_starts) else text_length
        return self.clause_starts[index], end


def segment(norm: str) -> Segments:
    """Split ``norm`` into sentences and clauses; a clause never crosses a sentence end."""
    starts = [0]
    ends: list[int] = []
    questions: set[int] = set()
    for match in _SENTENCE_END.finditer(norm):
        ends.append(match.start())
        if "?" in match.group():
            questions.add(len(starts) - 1)
        starts.append(match.end())
    ends.append(len(norm))
    clause_starts = set(starts)
    for match in _CLAUSE_BREAK.finditer(norm):
        clause_starts.add(match.start())
    return Segments(tuple(starts), tuple(ends), tuple(sorted(clause_starts)), frozenset(questions))


def tokens(norm: str, start: int, end: int) -> list[str]:
    """Return the lower-cased tokens of ``norm[start:end]``."""
    return [t.lower() for t in _TOKEN.findall(norm, start, end)]


def is_filler_gap(
    norm: str,
    start: int,
    end: int,
    words: Collection[str],
    *,
    punctuation: str = "",
    max_tokens: int = 6,
    numbers: bool = False,
) -> bool:
    """Say whether ``norm[start:end]`` holds only ``words``, ``punctuation`` and (if allowed) numbers."""
    if end < start:
        return False
    found = tokens(norm, start, end)
    if len(found) > max_tokens:
        return False
    for token in found:
        if token in words or (token in punctuation and len(token) == 1):
            continue
        if numbers and token[0].isdigit():
            continue
        return False
    return True
