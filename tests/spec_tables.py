"""Spec tables for the instruments, shared by the domain, service, API and CLI tests.

Band boundaries and worked examples come from the published sources (instruments research
note); none of the sources gives an item-level worked example, so those are hand-computed.
"""

from functools import cache

from easeoff.domain.instruments import Instrument, get_instrument


def answers_with_total(instrument: Instrument, total: int) -> dict[str, int]:
    """Return one valid answer set for the required items whose scored total is `total`."""
    items = [item for item in instrument.items if item.required]

    @cache
    def reachable(index: int, remaining: int) -> bool:
        if index == len(items):
            return remaining == 0
        values = items[index].allowed_values if items[index].scored else (items[index].allowed_values[0],)
        return any(reachable(index + 1, remaining - (v if items[index].scored else 0)) for v in values)

    assert reachable(0, total), f"{instrument.code} cannot reach {total}"
    answers: dict[str, int] = {}
    remaining = total
    for index, item in enumerate(items):
        for value in sorted(item.allowed_values, reverse=True):
            used = value if item.scored else 0
            if reachable(index + 1, remaining - used):
                answers[item.id] = value
                remaining -= used
                break
    return answers


# (instrument, total, expected band label or None). Each band's low and high end appear,
# so every boundary is tested from both sides (e.g. COWS 4 | 5, 12 | 13).
BAND_TABLE = [
    ("cows", 0, "below mild threshold"),
    ("cows", 4, "below mild threshold"),
    ("cows", 5, "mild"),
    ("cows", 12, "mild"),
    ("cows", 13, "moderate"),
    ("cows", 24, "moderate"),
    ("cows", 25, "moderately severe"),
    ("cows", 36, "moderately severe"),
    ("cows", 37, "severe"),
    ("cows", 48, "severe"),
    ("phq9", 0, "none to minimal"),
    ("phq9", 4, "none to minimal"),
    ("phq9", 5, "mild"),
    ("phq9", 9, "mild"),
    ("phq9", 10, "moderate"),
    ("phq9", 14, "moderate"),
    ("phq9", 15, "moderately severe"),
    ("phq9", 19, "moderately severe"),
    ("phq9", 20, "severe"),
    ("phq9", 27, "severe"),
    ("gad7", 0, "minimal"),
    ("gad7", 4, "minimal"),
    ("gad7", 5, "mild"),
    ("gad7", 9, "mild"),
    ("gad7", 10, "moderate"),
    ("gad7", 14, "moderate"),
    ("gad7", 15, "severe"),
    ("gad7", 21, "severe"),
    ("kud", 0, "below threshold"),
    ("kud", 1, "below threshold"),
    ("kud", 2, "mild"),
    ("kud", 3, "mild"),
    ("kud", 4, "moderate"),
    ("kud", 5, "moderate"),
    ("kud", 6, "severe"),
    ("kud", 11, "severe"),
    ("sows", 0, None),
    ("sows", 10, None),
    ("sows", 21, None),
    ("sows", 64, None),
    ("oows", 0, None),
    ("oows", 4, None),
    ("oows", 13, None),
    ("sows_gossop", 0, None),
    ("sows_gossop", 11, None),
    ("sows_gossop", 30, None),
    ("craving", 0, None),
    ("craving", 10, None),
]


# Worked examples: answers by item number, expected total and band.
WORKED = [
    ("cows", [2, 1, 3, 1, 2, 1, 2, 1, 1, 2, 3], 19, "moderate"),
    ("cows", [1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0], 5, "mild"),
    ("cows", [4, 4, 5, 5, 4, 4, 5, 4, 4, 4, 0], 43, "severe"),
    ("sows", [2, 1, 0, 1, 1, 0, 0, 1, 1, 3, 2, 1, 0, 1, 2, 4], 20, None),
    ("oows", [1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1], 6, None),
    ("sows_gossop", [1, 2, 0, 3, 1, 0, 2, 1, 1, 3], 14, None),
    ("phq9", [1, 2, 1, 2, 0, 1, 1, 0, 0], 8, "mild"),
    ("phq9", [3, 3, 2, 2, 1, 1, 1, 0, 0], 13, "moderate"),
    ("gad7", [2, 2, 2, 1, 1, 1, 1], 10, "moderate"),
    ("craving", [7], 7, None),
    ("kud", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], 2, "mild"),
    ("kud", [1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1], 5, "moderate"),
]


def worked_answers(code: str, values: list[int]) -> dict[str, int]:
    """Return the answers mapping for a worked example given as values in item order."""
    instrument = get_instrument(code)
    return {item.id: value for item, value in zip(instrument.scored_items, values, strict=True)}


def spec_cases() -> list[tuple[str, dict[str, int], int, str | None]]:
    """Return (code, answers, total, band) for every band-table row and worked example."""
    cases = [
        (code, answers_with_total(get_instrument(code), total), total, label)
        for code, total, label in BAND_TABLE
    ]
    cases += [(code, worked_answers(code, values), total, label) for code, values, total, label in WORKED]
    return cases
