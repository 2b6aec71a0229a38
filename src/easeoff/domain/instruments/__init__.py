"""Validated instruments as data: COWS, SOWS, OOWS, SOWS-Gossop, PHQ-9, GAD-7, craving and KUD.

Each instrument lives in its own module with the citation for every item, option set
and band. Look one up with `get_instrument(code)`; score answers with
`easeoff.domain.scoring.score`. Imports only the standard library.
"""

from easeoff.domain.instruments.model import (
    PUBLISHED,
    AdministeredBy,
    Band,
    Instrument,
    Item,
    Option,
    ResearchConvention,
    Variant,
    check_instrument,
)
from easeoff.domain.instruments.registry import INSTRUMENTS, UnknownInstrument, get_instrument

__all__ = [
    "INSTRUMENTS",
    "PUBLISHED",
    "AdministeredBy",
    "Band",
    "Instrument",
    "Item",
    "Option",
    "ResearchConvention",
    "UnknownInstrument",
    "Variant",
    "check_instrument",
    "get_instrument",
]
