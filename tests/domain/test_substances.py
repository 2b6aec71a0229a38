"""The substance catalogue: data with sources, validated at load."""

from __future__ import annotations

import pytest

from easeoff.domain.substances import (
    KRATOM_PRODUCT_KINDS,
    UNIT_CODES,
    CatalogueError,
    UnknownSubstance,
    get_substance,
    load_catalogue,
    parse_catalogue,
)

REQUIRED = {
    "kratom": "kratom",
    "heroin": "opioid",
    "fentanyl": "opioid",
    "oxycodone": "opioid",
    "hydrocodone": "opioid",
    "morphine": "opioid",
    "hydromorphone": "opioid",
    "codeine": "opioid",
    "tramadol": "opioid",
    "methadone": "opioid",
    "buprenorphine": "opioid",
    "opium": "opioid",
    "clonidine": "withdrawal_medication",
    "lofexidine": "withdrawal_medication",
    "loperamide": "withdrawal_medication",
    "gabapentin": "withdrawal_medication",
    "pregabalin": "withdrawal_medication",
    "ondansetron": "withdrawal_medication",
    "hydroxyzine": "withdrawal_medication",
    "naltrexone": "withdrawal_medication",
    "alcohol": "cns_depressant",
    "benzodiazepine": "cns_depressant",
}


@pytest.mark.parametrize(("code", "category"), sorted(REQUIRED.items()))
def test_catalogue_has_substance_with_category(code: str, category: str) -> None:
    substance = get_substance(code)
    assert substance.code == code
    assert substance.category == category


@pytest.mark.parametrize(
    ("code", "form", "opioid_class"),
    [
        ("heroin", None, "short_acting"),
        ("oxycodone", "tablet_ir", "short_acting"),
        ("oxycodone", "tablet_er", "long_acting"),
        ("morphine", "tablet_er", "long_acting"),
        ("methadone", None, "long_acting"),
        ("buprenorphine", None, "buprenorphine"),
        ("fentanyl", "powder", "fentanyl"),
        ("kratom", None, None),
        ("clonidine", None, None),
    ],
)
def test_opioid_class_takes_the_form_override(code: str, form: str | None, opioid_class: str | None) -> None:
    assert get_substance(code).opioid_class_for(form) == opioid_class


def test_every_opioid_has_a_class_and_its_basis() -> None:
    for substance in load_catalogue().substances.values():
        if substance.category == "opioid":
            assert substance.opioid_class is not None, substance.code
            assert substance.opioid_class_basis, substance.code
        else:
            assert substance.opioid_class is None, substance.code


def test_every_entry_cites_defined_sources() -> None:
    catalogue = load_catalogue()
    for substance in catalogue.substances.values():
        cited = list(substance.sources)
        for note in substance.cyp:
            assert note.sources, (substance.code, note.note)
            cited += note.sources
        for form in substance.forms:
            assert form.sources, (substance.code, form.code)
            cited += form.sources + form.g_per_tsp_sources
            for content in (form.mitragynine, form.seven_oh):
                if content is not None:
                    assert content.sources, (substance.code, form.code)
                    cited += content.sources
        assert substance.sources, substance.code
        assert set(cited) <= set(catalogue.sources), set(cited) - set(catalogue.sources)
    for source in catalogue.sources.values():
        assert source.citation and source.certainty and source.research, source.key


def test_kratom_has_the_six_product_kinds_with_units() -> None:
    kratom = get_substance("kratom")
    assert [k.code for k in kratom.product_kinds] == list(KRATOM_PRODUCT_KINDS)
    for kind in kratom.product_kinds:
        assert kind.units and set(kind.units) <= set(UNIT_CODES)


@pytest.mark.parametrize(
    ("kind", "low", "high", "typical"),
    [
        ("leaf_powder", "0.31", "4.94", ("1.0", "2.0")),  # [K31]; typical 1-2 % (kratom.md §1.1 take-away)
        ("capsules", "0.31", "4.94", ("1.0", "2.0")),
        ("tea", "0.31", "4.94", ("1.0", "2.0")),
        ("extract", None, "27.0", (None, None)),  # up to 270 mg/g [K34]
    ],
)
def test_kratom_mitragynine_content_ranges_match_the_research(
    kind: str, low: str | None, high: str, typical: tuple[str | None, str | None]
) -> None:
    content = get_substance("kratom").form(kind).mitragynine
    assert content is not None
    assert (str(content.low_pct) if content.low_pct is not None else None) == low
    assert str(content.high_pct) == high
    assert (
        str(content.typical_low_pct) if content.typical_low_pct is not None else None,
        str(content.typical_high_pct) if content.typical_high_pct is not None else None,
    ) == typical


def test_leaf_7oh_is_a_trace_and_concentrated_products_are_logged_by_label() -> None:
    kratom = get_substance("kratom")
    leaf = kratom.form("leaf_powder").seven_oh
    assert leaf is not None and str(leaf.high_pct) == "0.04"  # [K32]
    concentrated = kratom.form("concentrated_7oh")
    assert concentrated.log_by_label
    assert concentrated.seven_oh is not None and str(concentrated.seven_oh.high_pct) == "98.0"  # [K60]
    assert kratom.form("extract").log_by_label and kratom.form("liquid_shot").log_by_label


def test_spoon_units_carry_an_approximate_basis_with_sources() -> None:
    leaf = get_substance("kratom").form("leaf_powder")
    assert "tsp" in leaf.units and "tbsp" in leaf.units
    assert leaf.g_per_tsp is not None
    assert leaf.g_per_tsp_basis is not None and leaf.g_per_tsp_basis.startswith("approximate")
    assert "VENDOR-TSP" in leaf.g_per_tsp_sources


@pytest.mark.parametrize(
    ("code", "flag"),
    [
        ("gabapentin", "is_gabapentinoid"),
        ("pregabalin", "is_gabapentinoid"),
        ("clonidine", "is_alpha2_agonist"),
        ("lofexidine", "is_alpha2_agonist"),
        ("naltrexone", "is_opioid_antagonist"),
        ("kratom", "is_respiratory_depressant"),
        ("alcohol", "is_respiratory_depressant"),
        ("benzodiazepine", "is_respiratory_depressant"),
        ("heroin", "is_respiratory_depressant"),
    ],
)
def test_flags_for_safety_rules(code: str, flag: str) -> None:
    assert getattr(get_substance(code), flag) is True


@pytest.mark.parametrize("code", ["ondansetron", "loperamide", "hydroxyzine", "naltrexone"])
def test_substances_without_a_sourced_breathing_warning_are_not_flagged(code: str) -> None:
    assert get_substance(code).is_respiratory_depressant is False


def test_kratom_cyp_notes_separate_clinical_from_in_vitro_evidence() -> None:
    kratom = get_substance("kratom")
    assert kratom.is_cyp3a4_inhibitor
    assert {n.evidence for n in kratom.cyp_notes("CYP3A4", "inhibitor")} == {"clinical", "in_vitro"}
    assert {n.evidence for n in kratom.cyp_notes("CYP2D6")} == {"in_vitro"}
    assert any("K21" in n.sources for n in kratom.cyp_notes("CYP3A4", "inhibitor"))


@pytest.mark.parametrize("code", ["oxycodone", "fentanyl", "methadone", "buprenorphine", "benzodiazepine"])
def test_cyp3a4_substrates_are_labelled_as_inference(code: str) -> None:
    substance = get_substance(code)
    assert substance.is_cyp3a4_substrate
    assert {n.evidence for n in substance.cyp_notes("CYP3A4", "substrate")} == {"inference"}


def test_load_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_get_substance_rejects_unknown_code_listing_known() -> None:
    with pytest.raises(UnknownSubstance, match="known: alcohol"):
        get_substance("Kratom")


def test_unknown_form_names_the_allowed_forms() -> None:
    with pytest.raises(KeyError, match="leaf_powder"):
        get_substance("kratom").form("resin")


VALID = """
[sources.S1]
citation = "A source"
certainty = "HIGH"
research = "kratom.md §1"

[[substances]]
code = "heroin"
name = "Heroin"
category = "opioid"
opioid_class = "short_acting"
opioid_class_basis = "WHO"
sources = ["S1"]

[[substances.forms]]
code = "powder"
name = "Powder"
units = ["mg", "g"]
measures = "powder"
sources = ["S1"]
"""


def test_parse_accepts_a_minimal_valid_catalogue() -> None:
    catalogue = parse_catalogue(VALID)
    assert catalogue.get("heroin").form("powder").units == ("mg", "g")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'sources = ["S1"]\n\n[[substances.forms]]',
            'sources = ["NOPE"]\n\n[[substances.forms]]',
            "'NOPE' is not defined",
        ),
        (
            'opioid_class_basis = "WHO"\nsources = ["S1"]',
            'opioid_class_basis = "WHO"',
            "at least one source key",
        ),
        ('category = "opioid"', 'category = "stimulant"', "'stimulant' is not one of"),
        ('opioid_class = "short_acting"\n', "", "an opioid needs one of"),
        ('units = ["mg", "g"]', 'units = ["mg", "kg"]', "'kg' is not a known unit"),
        ('units = ["mg", "g"]', 'units = ["mg", "tsp"]', "spoon units need g_per_tsp"),
        ('code = "heroin"', 'code = "Heroin"', "lowercase generic name"),
        ('citation = "A source"\n', "", "sources.S1.citation: required"),
        (
            'measures = "powder"',
            'measures = "powder"\nmitragynine = { high_pct = 120, sources = ["S1"] }',
            "between 0 and 100",
        ),
        (
            'measures = "powder"',
            'measures = "powder"\nmitragynine = { low_pct = 3, high_pct = 2, sources = ["S1"] }',
            "low_pct is above high_pct",
        ),
        ("[[substances]]", "[[substances]", "not valid TOML"),
    ],
)
def test_parse_rejects_invalid_catalogue(old: str, new: str, problem: str) -> None:
    assert old in VALID
    with pytest.raises(CatalogueError) as excinfo:
        parse_catalogue(VALID.replace(old, new, 1))
    assert any(problem in p for p in excinfo.value.problems), excinfo.value.problems


def test_parse_rejects_duplicate_codes_and_class_on_non_opioid() -> None:
    second = VALID[VALID.index("[[substances]]") :].replace(
        'category = "opioid"', 'category = "cns_depressant"'
    )
    text = VALID + "\n" + second
    with pytest.raises(CatalogueError) as excinfo:
        parse_catalogue(text)
    problems = "\n".join(excinfo.value.problems)
    assert "duplicate code 'heroin'" in problems
    assert "only opioids have an opioid class" in problems
