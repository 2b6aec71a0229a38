"""Dose units, conversion to mg, validation and alkaloid estimates."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from easeoff.domain.doses import (
    InvalidDose,
    InvalidProduct,
    Product,
    estimate_alkaloid_range,
    estimate_alkaloids,
    format_amount,
    normalise_amount,
)
from easeoff.domain.substances import get_substance

LEAF = Product("Green leaf", "kratom", "leaf_powder", "g", measurable_step=D("0.1"))
CAPS = Product("Caps 500", "kratom", "capsules", "capsules", mg_per_unit=D(500), measurable_step=D(1))
CAPS_UNKNOWN = Product("Caps", "kratom", "capsules", "capsules")
SHOT = Product("Shot", "kratom", "liquid_shot", "ml", mg_per_unit=D(20))
TEA = Product("Tea", "kratom", "tea", "g")
OXY = Product("Oxy 10", "oxycodone", "tablet_ir", "tablets", mg_per_unit=D(10))
FENT = Product("Powder", "fentanyl", "powder", "mcg")
BEER = Product("Beer", "alcohol", "drink", "drinks")
SEVEN_OH = Product("7-OH tabs", "kratom", "concentrated_7oh", "tablets", mg_per_unit=D(15))


@pytest.mark.parametrize(
    ("product", "amount", "unit", "expected_mg", "approximate"),
    [
        (LEAF, D("2.5"), "g", D(2500), False),
        (LEAF, 750, "mg", D(750), False),
        (LEAF, D("0.1"), "g", D(100), False),
        (LEAF, 1, "tsp", D(2500), True),  # 2.5 g per level teaspoon: a convention (VENDOR-TSP)
        (LEAF, D("0.5"), "tsp", D(1250), True),
        (LEAF, 1, "tbsp", D(7500), True),  # 1 tablespoon = 3 teaspoons (NIST SP 430)
        (CAPS, 4, "capsules", D(2000), False),  # 4 x 500 mg per capsule (label)
        (CAPS, D("1.5"), "g", D(1500), False),
        (SHOT, 2, "ml", D(40), False),
        (SHOT, 20, "drops", D(20), True),  # 20 drops x 0.05 ml (USP <1101>) x 20 mg/ml
        (OXY, 2, "tablets", D(20), False),
        (OXY, 15, "mg", D(15), False),
        (FENT, 50, "mcg", D("0.050"), False),
        (SEVEN_OH, 2, "tablets", D(30), False),  # tablets sold as 15 mg 7-OH [K61]
        (BEER, 2, "drinks", None, False),
        (TEA, 200, "ml", None, False),
        (CAPS_UNKNOWN, 2, "capsules", None, False),
    ],
)
def test_normalise_amount_converts_to_mg(
    product: Product, amount: Any, unit: str, expected_mg: D | None, approximate: bool
) -> None:
    quantity = normalise_amount(amount, unit, product)
    assert quantity.amount_mg == expected_mg
    assert quantity.is_approximate is approximate
    assert quantity.unit == unit
    assert quantity.basis


@pytest.mark.parametrize(
    ("product", "unit", "fragments"),
    [
        (LEAF, "tsp", ("approximate", "2.5 g per level teaspoon", "VENDOR-TSP")),
        (LEAF, "g", ("exact",)),
        (CAPS, "capsules", ("500 mg per capsule", "Caps 500 label")),
        (SHOT, "drops", ("approximate", "0.05 ml", "USP <1101>")),
        (BEER, "drinks", ("not converted",)),
        (CAPS_UNKNOWN, "capsules", ("no mg per capsule",)),
    ],
)
def test_normalise_amount_states_its_basis(product: Product, unit: str, fragments: tuple[str, ...]) -> None:
    basis = normalise_amount(1, unit, product).basis
    for fragment in fragments:
        assert fragment in basis


def test_normalise_amount_says_what_the_mass_measures() -> None:
    assert normalise_amount(1, "g", LEAF).measures == "leaf powder"
    assert normalise_amount(1, "tablets", OXY).measures == "drug (labelled strength)"


@pytest.mark.parametrize(
    ("product", "amount", "unit", "field", "fragment"),
    [
        (LEAF, -1, "g", "amount", "negative"),
        (LEAF, 0, "g", "amount", "greater than 0"),
        (LEAF, float("nan"), "g", "amount", "finite"),
        (LEAF, float("inf"), "g", "amount", "finite"),
        (LEAF, "3", "g", "amount", "must be a number"),
        (LEAF, True, "g", "amount", "must be a number"),
        (LEAF, 2, "kg", "unit", "unknown unit 'kg'; allowed: g, mg, mcg"),
        (LEAF, 2, "capsules", "unit", "does not fit leaf powder; allowed: g, mg, tsp, tbsp"),
        (CAPS, 2, "tsp", "unit", "allowed: capsules, g, mg"),
        (OXY, 2, "ml", "unit", "allowed: tablets, mg"),
        (BEER, 2, "g", "unit", "allowed: drinks, ml"),
        (LEAF, 300, "g", "amount", "plausibility limit of 250 g per dose"),
        (LEAF, 300_000, "mg", "amount", "plausibility limit of 250000 mg"),
        (LEAF, 101, "tsp", "amount", "plausibility limit of 100 tsp"),
        (CAPS, 201, "capsules", "amount", "plausibility limit of 200 capsules"),
        (BEER, 51, "drinks", "amount", "plausibility limit of 50 drinks"),
    ],
)
def test_normalise_amount_rejects_invalid_dose_naming_the_field(
    product: Product, amount: Any, unit: str, field: str, fragment: str
) -> None:
    with pytest.raises(InvalidDose) as excinfo:
        normalise_amount(amount, unit, product)
    assert fragment in excinfo.value.problems[field]
    assert isinstance(excinfo.value, ValueError)


def test_normalise_amount_rejects_a_converted_mass_above_the_limit() -> None:
    big = Product("Big caps", "kratom", "capsules", "capsules", mg_per_unit=D(2000))
    with pytest.raises(InvalidDose) as excinfo:
        normalise_amount(150, "capsules", big)
    assert "works out at 300 g" in excinfo.value.problems["amount"]


def test_normalise_amount_reports_every_bad_field_at_once() -> None:
    with pytest.raises(InvalidDose) as excinfo:
        normalise_amount(-1, "kg", LEAF)
    assert set(excinfo.value.problems) == {"amount", "unit"}


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"substance": "krattom"}, "substance", "unknown substance 'krattom'"),
        ({"kind": "resin"}, "kind", "allowed: leaf_powder, capsules, extract"),
        ({"unit": "drops"}, "unit", "does not fit leaf powder"),
        ({"unit": "ounces"}, "unit", "unknown unit"),
        ({"name": " "}, "name", "must not be empty"),
        ({"unit": "g", "mg_per_unit": D(500)}, "mg_per_unit", "only to count units"),
        ({"kind": "capsules", "unit": "capsules", "mg_per_unit": D(0)}, "mg_per_unit", "greater than 0"),
        ({"mitragynine_pct": D(101)}, "mitragynine_pct", "between 0 and 100"),
        ({"seven_oh_pct": D(-1)}, "seven_oh_pct", "between 0 and 100"),
        ({"mitragynine_pct": D(60), "seven_oh_pct": D(50)}, "seven_oh_pct", "at most 100"),
        ({"measurable_step": D(0)}, "measurable_step", "greater than 0"),
    ],
)
def test_product_rejects_invalid_fields(kwargs: dict[str, Any], field: str, fragment: str) -> None:
    fields: dict[str, Any] = {"name": "Leaf", "substance": "kratom", "kind": "leaf_powder", "unit": "g"}
    fields.update(kwargs)
    with pytest.raises(InvalidProduct) as excinfo:
        Product(**fields)
    assert fragment in excinfo.value.problems[field]


def test_product_coerces_plain_numbers_to_decimal() -> None:
    product = Product("Caps", "kratom", "capsules", "capsules", mg_per_unit=500, measurable_step=1)  # type: ignore[arg-type]
    assert product.mg_per_unit == D(500) and isinstance(product.mg_per_unit, D)
    assert product.kind_info.code == "capsules"
    assert product.substance_info.code == "kratom"


@pytest.mark.parametrize(
    ("quantity_mg", "mg_pct", "oh_pct", "mitragynine_mg", "seven_oh_mg"),
    [
        (1000, D("1.5"), D("0.02"), D("15.00"), D("0.20")),
        # Tanna 2022 [K25]: 2 g of a 1.95 % powder is 39 mg mitragynine (the dose the study reports).
        (2000, D("1.95"), None, D("39.00"), None),
        # Huestis 2024 [K24]: 4000 mg of a 1.33 % leaf powder is 53.2 mg mitragynine.
        (4000, D("1.33"), None, D("53.20"), None),
        (D("500"), None, None, None, None),
        (15, None, D(100), None, D("15.00")),
        (0, D(1), D(1), D("0.00"), D("0.00")),
    ],
)
def test_estimate_alkaloids(
    quantity_mg: Any, mg_pct: D | None, oh_pct: D | None, mitragynine_mg: D | None, seven_oh_mg: D | None
) -> None:
    estimate = estimate_alkaloids(quantity_mg, mg_pct, oh_pct)
    assert estimate.mitragynine_mg == mitragynine_mg
    assert estimate.seven_oh_mg == seven_oh_mg
    assert estimate.is_estimate is True
    assert estimate.basis.startswith("estimate")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((-1, 1, 0), "quantity_mg"),
        ((100, 101, 0), "mitragynine_pct"),
        ((100, 1, -0.1), "seven_oh_pct"),
        ((100, 70, 40), "seven_oh_pct"),
        ((100, "1", None), "mitragynine_pct"),
    ],
)
def test_estimate_alkaloids_rejects_invalid_input(args: tuple[Any, Any, Any], field: str) -> None:
    with pytest.raises(InvalidDose) as excinfo:
        estimate_alkaloids(*args)
    assert field in excinfo.value.problems


@pytest.mark.parametrize(
    ("kind", "quantity_mg", "mitragynine", "seven_oh", "fragment"),
    [
        ("leaf_powder", 2000, (D("20.00"), D("40.00")), (D("0.00"), D("0.80")), "typical"),
        ("capsules", 500, (D("5.00"), D("10.00")), (D("0.00"), D("0.20")), "typical"),
        ("extract", 1000, (D("0.00"), D("270.00")), None, "Log labelled mg"),
        ("liquid_shot", 1000, None, None, "no content range"),
    ],
)
def test_estimate_alkaloid_range_uses_the_kind_content(
    kind: str,
    quantity_mg: int,
    mitragynine: tuple[D, D] | None,
    seven_oh: tuple[D, D] | None,
    fragment: str,
) -> None:
    estimate = estimate_alkaloid_range(quantity_mg, get_substance("kratom").form(kind))
    assert estimate.mitragynine_mg == mitragynine
    assert estimate.seven_oh_mg == seven_oh
    assert fragment in estimate.basis
    assert estimate.is_estimate is True


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("7.30"), "7.3"), (D("1E+2"), "100"), (D("0.0"), "0"), (D("-0"), "0"), (D("0.05"), "0.05")],
)
def test_format_amount(value: D, text: str) -> None:
    assert format_amount(value) == text
