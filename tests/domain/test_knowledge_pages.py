"""Knowledge pages: every paragraph cites a reference that exists; the pages the issue asks for exist."""

from __future__ import annotations

import re

import pytest

from easeoff.knowledge.pages import PageFormatError, list_pages, load_page, parse_page

REQUIRED_PAGES = {
    "what-is-kratom",
    "how-kratom-acts",
    "kratom-for-opioid-withdrawal-evidence",
    "kratom-dependence-and-withdrawal",
    "kratom-interactions",
    "evidence-based-treatment",
    "when-to-seek-urgent-care",
}
PAGES = list_pages()


def test_the_required_pages_exist() -> None:
    assert set(PAGES) >= REQUIRED_PAGES


@pytest.mark.parametrize("slug", PAGES)
def test_every_paragraph_cites_a_reference_that_exists(slug: str) -> None:
    page = load_page(slug)
    assert page.title
    for paragraph in page.paragraphs:
        numbers = page.citations(paragraph)
        assert numbers, f"{slug}: paragraph without a citation: {paragraph[:60]!r}"
        assert all(number in page.references for number in numbers)


@pytest.mark.parametrize("slug", PAGES)
def test_every_reference_is_cited_and_has_a_link(slug: str) -> None:
    page = load_page(slug)
    cited = {number for paragraph in page.paragraphs for number in page.citations(paragraph)}
    assert cited == set(page.references)
    assert sorted(page.references) == list(range(1, len(page.references) + 1))
    for citation in page.references.values():
        assert "http" in citation


@pytest.mark.parametrize("slug", PAGES)
def test_pages_never_recommend_starting_kratom(slug: str) -> None:
    text = load_page(slug).markdown.lower()
    for phrase in (
        "you should take kratom",
        "try kratom",
        "start kratom",
        "recommended dose",
        "safe dose of kratom",
    ):
        assert phrase not in text


@pytest.mark.parametrize("slug", PAGES)
def test_sentences_are_short(slug: str) -> None:
    page = load_page(slug)
    body = " ".join(page.paragraphs)
    body = re.sub(r"\[\d+\]", "", body)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if s.strip()]
    long_ones = [s for s in sentences if len(s.split()) > 45]
    assert not long_ones, long_ones


def test_treatment_page_names_every_evidence_based_medicine_and_how_to_find_help() -> None:
    text = load_page("evidence-based-treatment").markdown
    for word in (
        "buprenorphine",
        "methadone",
        "naltrexone",
        "lofexidine",
        "clonidine",
        "findtreatment.gov",
        "1-800-662",
    ):
        assert word.lower() in text.lower()


def test_unknown_page_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        load_page("no-such-page")


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        ("No title\n\nText [1].\n\n## References\n\n1. A https://x", "first line must be '# Title'"),
        ("# T\n\nText [1].\n", "no '## References' section"),
        ("# T\n\nText without a marker.\n\n## References\n\n1. A https://x", "paragraph without a citation"),
        ("# T\n\nText [2].\n\n## References\n\n1. A https://x", "cites [2] with no such reference"),
        (
            "# T\n\nText [1].\n\n## References\n\n1. A https://x\n2. B https://y",
            "references never cited: [2]",
        ),
        ("# T\n\nText [1].\n\n## References\n\n1. A book with no link", "reference 1 has no URL or DOI"),
        (
            "# T\n\n- item [1]\n- item without\n\n## References\n\n1. A https://x",
            "paragraph without a citation",
        ),
    ],
)
def test_page_format_errors_name_the_problem(markdown: str, problem: str) -> None:
    with pytest.raises(PageFormatError) as error:
        parse_page("sample", markdown)
    assert problem in str(error.value)
