"""The instrument registry and definitions: counts, ranges, codes, sources, and the start-up checks."""

import ast
import dataclasses
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from easeoff.domain.instruments import (
    INSTRUMENTS,
    PUBLISHED,
    Band,
    Instrument,
    Item,
    Option,
    ResearchConvention,
    UnknownInstrument,
    Variant,
    check_instrument,
    get_instrument,
)

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "easeoff" / "domain"


def test_registry_lists_instruments_in_display_order() -> None:
    assert list(INSTRUMENTS) == ["cows", "sows", "oows", "sows_gossop", "phq9", "gad7", "craving", "kud"]


def test_registry_keys_match_instrument_codes() -> None:
    assert all(code == instrument.code for code, instrument in INSTRUMENTS.items())


@pytest.mark.parametrize("code", ["ocs", "kds"])
def test_registry_leaves_out_unverified_instruments(code: str) -> None:
    assert code not in INSTRUMENTS


def test_get_instrument_returns_registered_instrument() -> None:
    assert get_instrument("phq9") is INSTRUMENTS["phq9"]


@pytest.mark.parametrize("code", ["nope", "COWS", "", "cows "])
def test_get_instrument_rejects_unknown_code_listing_known_codes(code: str) -> None:
    with pytest.raises(UnknownInstrument) as raised:
        get_instrument(code)
    message = str(raised.value)
    assert repr(code) in message
    assert all(known in message for known in INSTRUMENTS)
    assert isinstance(raised.value, KeyError)


def test_unknown_instrument_survives_pickling() -> None:
    error = UnknownInstrument("nope", ("cows", "sows"))
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert str(copy) == str(error)


# code, number of items (scored, all), min_total, max_total, administered_by, recall_period fragment
COUNTS = [
    ("cows", 11, 11, 0, 48, "clinician", "now"),
    ("sows", 16, 16, 0, 64, "self", "now"),
    ("oows", 13, 13, 0, 13, "observer", "timed observation"),
    ("sows_gossop", 10, 10, 0, 30, "self", "previous day"),
    ("phq9", 9, 10, 0, 27, "self", "past 2 weeks"),
    ("gad7", 7, 7, 0, 21, "self", "past 2 weeks"),
    ("craving", 1, 1, 0, 10, "self", "now"),
    ("kud", 11, 11, 0, 11, "clinician", "past 12 months"),
]


@pytest.mark.parametrize(("code", "scored", "items", "low", "high", "by", "recall"), COUNTS)
def test_instrument_has_published_item_count_and_range(
    code: str, scored: int, items: int, low: int, high: int, by: str, recall: str
) -> None:
    instrument = get_instrument(code)
    assert len(instrument.scored_items) == scored
    assert len(instrument.items) == items
    assert (instrument.min_total, instrument.max_total) == (low, high)
    assert instrument.administered_by == by
    assert recall in instrument.recall_period


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=list(INSTRUMENTS))
def test_instrument_passes_start_up_checks(instrument: Instrument) -> None:
    check_instrument(instrument)


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=list(INSTRUMENTS))
def test_every_instrument_item_option_set_and_band_cites_a_source(instrument: Instrument) -> None:
    missing = [f"{instrument.code}.source"] if not instrument.source.strip() else []
    for item in instrument.items:
        if not item.source.strip():
            missing.append(f"{item.id}.source")
        if not item.options_source.strip():
            missing.append(f"{item.id}.options_source")
    for band in instrument.bands:
        if not band.source.strip():
            missing.append(f"band {band.label}")
    for variant in instrument.variants:
        if not variant.source.strip():
            missing.append(f"variant {variant.code}")
    for convention in instrument.research_conventions:
        if not convention.source.strip():
            missing.append(f"convention {convention.code}")
        missing.extend(f"{convention.code} band {b.label}" for b in convention.bands if not b.source.strip())
    assert missing == []


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=list(INSTRUMENTS))
def test_every_instrument_states_copyright_instructions_and_band_note(instrument: Instrument) -> None:
    assert instrument.copyright.strip()
    assert instrument.instructions.strip()
    assert instrument.band_note.strip()
    assert instrument.score_meaning.strip()
    assert all(band.meaning.strip() for band in instrument.bands)


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=list(INSTRUMENTS))
def test_item_ids_are_prefixed_by_instrument_code_and_numbered_in_order(instrument: Instrument) -> None:
    assert all(item.id.startswith(f"{instrument.code}_") for item in instrument.items)
    assert [item.number for item in instrument.items] == list(range(1, len(instrument.items) + 1))


BANDED = [instrument for instrument in INSTRUMENTS.values() if instrument.bands]


@pytest.mark.parametrize("instrument", BANDED, ids=[i.code for i in BANDED])
def test_banded_instruments_cover_their_whole_range_without_gaps(instrument: Instrument) -> None:
    covered = [total for band in instrument.bands for total in range(band.low, band.high + 1)]
    assert covered == list(range(instrument.min_total, instrument.max_total + 1))


# COWS allowed values per item: not contiguous, exactly as printed on the form.
COWS_VALUES = [
    ("cows_1", (0, 1, 2, 4)),
    ("cows_2", (0, 1, 2, 3, 4)),
    ("cows_3", (0, 1, 3, 5)),
    ("cows_4", (0, 1, 2, 5)),
    ("cows_5", (0, 1, 2, 4)),
    ("cows_6", (0, 1, 2, 4)),
    ("cows_7", (0, 1, 2, 3, 5)),
    ("cows_8", (0, 1, 2, 4)),
    ("cows_9", (0, 1, 2, 4)),
    ("cows_10", (0, 1, 2, 4)),
    ("cows_11", (0, 3, 5)),
]


@pytest.mark.parametrize(("item_id", "values"), COWS_VALUES)
def test_cows_item_allows_only_the_published_values(item_id: str, values: tuple[int, ...]) -> None:
    assert get_instrument("cows").item(item_id).allowed_values == values


COWS_ITEMS = [
    ("cows_1", "Resting pulse rate", "sitting or lying for one minute", "Pulse rate greater than 120"),
    ("cows_2", "Sweating", "room temperature or patient activity", "Sweat streaming off face"),
    (
        "cows_3",
        "Restlessness",
        "Observation during assessment",
        "Unable to sit still for more than a few seconds",
    ),
    ("cows_4", "Pupil size", "", "Pupils so dilated that only the rim of the iris is visible"),
    ("cows_5", "Bone or joint aches", "additional component", "unable to sit still because of discomfort"),
    ("cows_6", "Runny nose or tearing", "cold symptoms or allergies", "tears streaming down cheeks"),
    ("cows_7", "GI upset", "Over last 1/2 hour", "Multiple episodes of diarrhea or vomiting"),
    ("cows_8", "Tremor", "outstretched hands", "Gross tremor or muscle twitching"),
    ("cows_9", "Yawning", "Observation during assessment", "Yawning several times/minute"),
    ("cows_10", "Anxiety or irritability", "", "participation in the assessment is difficult"),
    ("cows_11", "Gooseflesh skin", "", "Prominent piloerection"),
]


@pytest.mark.parametrize(("item_id", "text", "help_fragment", "top_anchor"), COWS_ITEMS)
def test_cows_item_keeps_published_wording_and_method(
    item_id: str, text: str, help_fragment: str, top_anchor: str
) -> None:
    item = get_instrument("cows").item(item_id)
    assert item.text == text
    assert help_fragment in item.help
    assert top_anchor in item.options[-1].text


def test_cows_labels_zero_to_four_as_outside_the_original_banding() -> None:
    cows = get_instrument("cows")
    lowest = cows.bands[0]
    assert (lowest.low, lowest.high, lowest.label) == (0, 4, "below mild threshold")
    assert "not part of" in lowest.source
    assert "not part of the original banding" in cows.band_note


def test_no_instrument_uses_the_pain_code_or_wrong_gad7_codes() -> None:
    # Errors seen in public implementations (research note section 0).
    wrong = {"72514-3", "69726-8", "69727-6", "69731-8", "75626-2", "70273-5"}
    used = set()
    for instrument in INSTRUMENTS.values():
        used |= {instrument.loinc_panel, instrument.loinc_total}
        used |= {item.loinc for item in instrument.items}
    assert used.isdisjoint(wrong)


@pytest.mark.parametrize("code", ["cows", "sows", "oows", "sows_gossop", "craving", "kud"])
def test_instruments_without_a_known_loinc_code_carry_none(code: str) -> None:
    instrument = get_instrument(code)
    assert instrument.loinc_panel is None
    assert instrument.loinc_total is None
    assert all(item.loinc is None for item in instrument.items)


LOINC_ITEMS = [
    (
        "phq9",
        "44249-1",
        "44261-6",
        [
            "44250-9",
            "44255-8",
            "44259-0",
            "44254-1",
            "44251-7",
            "44258-2",
            "44252-5",
            "44253-3",
            "44260-8",
            "69722-7",
        ],
    ),
    (
        "gad7",
        "69737-5",
        "70274-6",
        ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"],
    ),
]


@pytest.mark.parametrize(("code", "panel", "total", "items"), LOINC_ITEMS)
def test_loinc_instrument_carries_panel_total_and_item_codes(
    code: str, panel: str, total: str, items: list[str]
) -> None:
    instrument = get_instrument(code)
    assert (instrument.loinc_panel, instrument.loinc_total) == (panel, total)
    assert [item.loinc for item in instrument.items] == items


def test_gad7_item6_is_irritable_and_item7_is_afraid() -> None:
    gad7 = get_instrument("gad7")
    assert (gad7.item("gad7_6").loinc, "irritable" in gad7.item("gad7_6").text) == ("69689-8", True)
    assert (gad7.item("gad7_7").loinc, "afraid" in gad7.item("gad7_7").text) == ("69736-7", True)


@pytest.mark.parametrize("code", ["phq9", "gad7"])
def test_frequency_answers_use_ll358_3_codes_and_not_at_all(code: str) -> None:
    item = get_instrument(code).items[0]
    assert [(o.value, o.text, o.loinc_answer) for o in item.options] == [
        (0, "Not at all", "LA6568-5"),
        (1, "Several days", "LA6569-3"),
        (2, "More than half the days", "LA6570-1"),
        (3, "Nearly every day", "LA6571-9"),
    ]


def test_gad7_item2_value2_is_coded_la18938_3_but_shows_the_form_text() -> None:
    option = get_instrument("gad7").item("gad7_2").option(2)
    assert (option.text, option.loinc_answer, option.loinc_display) == (
        "More than half the days",
        "LA18938-3",
        "More days than not",
    )
    others = [get_instrument("gad7").item(f"gad7_{n}").option(2).loinc_answer for n in (1, 3, 4, 5, 6, 7)]
    assert others == ["LA6570-1"] * 6


def test_phq9_item9_flags_any_answer_above_zero() -> None:
    item = get_instrument("phq9").item("phq9_9")
    assert (item.flag_above, item.flag_code, item.loinc) == (0, "phq9_item9_positive", "44260-8")
    assert item.text == "Thoughts that you would be better off dead or of hurting yourself in some way"


def test_phq9_difficulty_question_is_optional_and_unscored() -> None:
    item = get_instrument("phq9").item("phq9_difficulty")
    assert (item.scored, item.required, item.loinc) == (False, False, "69722-7")
    assert [o.loinc_answer for o in item.options] == ["LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"]


def test_sows_keeps_shooting_up_and_records_using_as_a_variant() -> None:
    sows = get_instrument("sows")
    assert sows.item("sows_16").text == "I feel like shooting up now."
    assert sows.item_text("sows_16") == "I feel like shooting up now."
    assert sows.item_text("sows_16", "using") == "I feel like using now."
    assert sows.item_text("sows_1", "using") == "I feel anxious."
    assert "never pool" in sows.variant("using").note  # type: ignore[union-attr]


def test_instrument_rejects_unknown_variant_naming_known_ones() -> None:
    with pytest.raises(KeyError, match="published, using"):
        get_instrument("sows").variant("injecting")


def test_sows_has_no_bands_and_keeps_ctn0094_as_a_research_convention() -> None:
    sows = get_instrument("sows")
    assert sows.bands == ()
    (convention,) = sows.research_conventions
    assert convention.code == "ctn0094"
    assert [(b.low, b.high) for b in convention.bands] == [(0, 0), (1, 10), (11, 20), (21, 64)]
    assert all("not a validated severity band" in b.meaning for b in convention.bands)


def test_sows_marks_only_the_endpoints_as_published() -> None:
    options = get_instrument("sows").items[0].options
    assert [(o.value, o.text, o.published) for o in options] == [
        (0, "Not at all", True),
        (1, "A little", False),
        (2, "Moderately", False),
        (3, "Quite a bit", False),
        (4, "Extremely", True),
    ]


@pytest.mark.parametrize("code", ["sows", "oows", "sows_gossop", "craving"])
def test_instruments_without_published_bands_say_so(code: str) -> None:
    instrument = get_instrument(code)
    assert instrument.bands == ()
    assert "no" in instrument.band_note.lower()


def test_oows_leaves_the_unverified_observation_period_open() -> None:
    oows = get_instrument("oows")
    assert "5 or 10 minutes" in oows.instructions
    assert any("Observation period unverified" in caveat for caveat in oows.caveats)
    assert all(item.allowed_values == (0, 1) for item in oows.items)


def test_craving_is_a_local_single_0_to_10_rating() -> None:
    craving = get_instrument("craving")
    (item,) = craving.items
    assert item.allowed_values == tuple(range(11))
    assert not any(option.published for option in item.options)
    assert "2019;205:107639" in craving.source
    assert {v.code for v in craving.variants} == {"kratom", "opioids"}


def test_kud_cites_smith_2022_and_counts_symptoms_not_a_diagnosis() -> None:
    kud = get_instrument("kud")
    assert kud.source == (
        "DSM-5 SUD criteria (APA 2013) applied to kratom as in Smith et al., J Addict Med "
        "2022;16(6):666-670; paraphrased"
    )
    assert [(b.low, b.high, b.label) for b in kud.bands] == [
        (0, 1, "below threshold"),
        (2, 3, "mild"),
        (4, 5, "moderate"),
        (6, 11, "severe"),
    ]
    assert all("not a diagnosis" in band.meaning for band in kud.bands)
    assert all(item.allowed_values == (0, 1) for item in kud.items)


def test_kud_keeps_tolerance_and_withdrawal_in_their_own_group() -> None:
    groups = [item.group for item in get_instrument("kud").items]
    assert groups[9:] == ["pharmacological", "pharmacological"]
    assert "pharmacological" not in groups[:9]


def test_instrument_definitions_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_instrument("cows").version = "2099"  # type: ignore[misc]


def test_instruments_are_hashable_and_comparable() -> None:
    assert hash(get_instrument("cows")) == hash(get_instrument("cows"))
    assert get_instrument("cows") != get_instrument("sows")


def _replace_item(index: int, **changes: object) -> Callable[[Instrument], Instrument]:
    def mutate(instrument: Instrument) -> Instrument:
        items = list(instrument.items)
        items[index] = dataclasses.replace(items[index], **changes)  # type: ignore[arg-type]
        return dataclasses.replace(instrument, items=tuple(items))

    return mutate


_BAND = Band(0, 4, "x", "A sentence.", "A source")
BROKEN = [
    ("empty source", lambda i: dataclasses.replace(i, source=" "), "source is empty"),
    ("item without source", _replace_item(0, source=""), "cows_1 has no source"),
    ("option set without source", _replace_item(0, options_source=""), "cows_1 has no options_source"),
    ("repeated id", _replace_item(1, id="cows_1"), "id is empty or repeated"),
    ("wrong number", _replace_item(2, number=7), "is number 7, expected 3"),
    (
        "options out of order",
        _replace_item(0, options=(Option(1, "a"), Option(0, "b"))),
        "strictly ascending",
    ),
    ("bool option", _replace_item(0, options=(Option(0, "a"), Option(True, "b"))), "must be int"),
    ("flag without code", _replace_item(0, flag_above=0), "set together"),
    ("flag never fires", _replace_item(0, flag_above=4, flag_code="x"), "can never fire"),
    ("scored optional item", _replace_item(0, required=False), "scored but optional"),
    (
        "band out of range",
        lambda i: dataclasses.replace(i, bands=(Band(0, 49, "x", "m", "s"),)),
        "outside 0-48",
    ),
    ("overlapping bands", lambda i: dataclasses.replace(i, bands=(_BAND, _BAND)), "overlaps"),
    (
        "band without source",
        lambda i: dataclasses.replace(i, bands=(Band(0, 4, "x", "m", ""),)),
        "lacks source",
    ),
    ("no bands no note", lambda i: dataclasses.replace(i, bands=(), band_note=""), "no band_note"),
    (
        "variant on unknown item",
        lambda i: dataclasses.replace(i, variants=(Variant("v", "n", (("cows_99", "t"),), "s", "n"),)),
        "unknown item cows_99",
    ),
    (
        "reserved variant code",
        lambda i: dataclasses.replace(i, variants=(Variant(PUBLISHED, "n", (), "s", "n"),)),
        "reserved",
    ),
    (
        "convention without source",
        lambda i: dataclasses.replace(i, research_conventions=(ResearchConvention("c", "n", (), "", "n"),)),
        "convention c has no source",
    ),
]


@pytest.mark.parametrize(("mutate", "fragment"), [row[1:] for row in BROKEN], ids=[row[0] for row in BROKEN])
def test_check_instrument_rejects_broken_definition(
    mutate: Callable[[Instrument], Instrument], fragment: str
) -> None:
    with pytest.raises(ValueError, match="instrument cows is invalid") as raised:
        check_instrument(mutate(get_instrument("cows")))
    assert fragment in str(raised.value)


def test_item_option_lookup_rejects_a_value_the_item_does_not_allow() -> None:
    item: Item = get_instrument("cows").item("cows_1")
    assert item.option(4).text == "Pulse rate greater than 120"
    with pytest.raises(KeyError, match="cows_1 does not allow 3"):
        item.option(3)


def test_instrument_item_lookup_names_the_instrument() -> None:
    with pytest.raises(KeyError, match="cows has no item 'cows_12'"):
        get_instrument("cows").item("cows_12")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    [*sorted((DOMAIN / "instruments").glob("*.py")), DOMAIN / "scoring.py"],
    ids=lambda p: p.name,
)
def test_domain_module_imports_only_the_standard_library(path: Path) -> None:
    outside = {
        name
        for name in _imported_modules(path)
        if not name.startswith("easeoff.domain") and name.split(".")[0] not in sys.stdlib_module_names
    }
    assert outside == set()
