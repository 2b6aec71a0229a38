"""Template filters for amounts: Decimals without trailing zeros or exponents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from easeoff.domain.doses import format_amount

register = template.Library()


@register.filter
def amount(value: Any, places: int | None = None) -> str:
    """Show a Decimal as typed ('2.5', '500'), rounded to `places` decimals if given; '-' for None."""
    if value is None or value == "":
        return "-"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        number = round(number, int(places))
    return format_amount(number)
