"""The registry of instruments easeoff offers, checked once at import."""

from easeoff.domain.instruments.cows import COWS
from easeoff.domain.instruments.craving import CRAVING
from easeoff.domain.instruments.gad7 import GAD7
from easeoff.domain.instruments.kud import KUD
from easeoff.domain.instruments.model import Instrument, check_instrument
from easeoff.domain.instruments.oows import OOWS
from easeoff.domain.instruments.phq9 import PHQ9
from easeoff.domain.instruments.sows import SOWS
from easeoff.domain.instruments.sows_gossop import SOWS_GOSSOP


class UnknownInstrument(KeyError):
    """Raised by get_instrument for a code that is not registered; the message lists known codes."""

    def __init__(self, code: str, known: tuple[str, ...]) -> None:
        super().__init__(code, known)
        self.code = code
        self.known = known

    def __str__(self) -> str:
        return f"unknown instrument {self.code!r}; known instruments: {', '.join(self.known)}"


# The 3-item Opioid Craving Scale (McHugh 2014) and the Kratom Dependence Scale are not
# registered: their item wording could not be verified (see the instruments research note).
_ORDER = (COWS, SOWS, OOWS, SOWS_GOSSOP, PHQ9, GAD7, CRAVING, KUD)

for _instrument in _ORDER:
    check_instrument(_instrument)

# In display order. Treat as read-only: an instrument changes by editing its module.
INSTRUMENTS: dict[str, Instrument] = {i.code: i for i in _ORDER}


def get_instrument(code: str) -> Instrument:
    """Return the instrument with this code; raise UnknownInstrument listing the known codes."""
    try:
        return INSTRUMENTS[code]
    except (KeyError, TypeError):
        raise UnknownInstrument(code, tuple(INSTRUMENTS)) from None
