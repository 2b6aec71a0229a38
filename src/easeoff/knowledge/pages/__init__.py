"""Knowledge pages: short Markdown pages for a person in withdrawal, every claim cited.

Format of each `<slug>.md` (no front matter):

    # Title
    <paragraphs, optional "## Subheading" lines; each paragraph or list item cites [n]>
    ## References
    1. <full citation with a URL or DOI>
    2. ...

`load_page(slug)` parses a page and checks that every paragraph carries a citation marker
that resolves to a numbered reference; `PageFormatError` names the page and the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

REFERENCES_HEADING = "## References"
_MARKER = re.compile(r"\[(\d+)\]")
_REFERENCE = re.compile(r"^(\d+)\. (.+)$")


class PageFormatError(ValueError):
    """A knowledge page breaks the format; the message names the page and the problem."""


@dataclass(frozen=True, slots=True)
class Page:
    """One parsed page. `paragraphs` excludes headings and the reference list."""

    slug: str
    title: str
    markdown: str
    paragraphs: tuple[str, ...]
    references: dict[int, str]

    def citations(self, paragraph: str) -> tuple[int, ...]:
        """Return the reference numbers cited in a paragraph, in order."""
        return tuple(int(number) for number in _MARKER.findall(paragraph))


def _blocks(body: str) -> list[str]:
    """Split a body into paragraphs; each list item counts as its own paragraph."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("#") for line in lines):
            continue
        if lines and lines[0].lstrip().startswith(("- ", "* ")):
            items: list[str] = []
            for line in lines:
                if line.lstrip().startswith(("- ", "* ")):
                    items.append(line.strip())
                elif items:
                    items[-1] += " " + line.strip()
            blocks.extend(items)
        elif lines:
            blocks.append(" ".join(line.strip() for line in lines if not line.startswith("#")))
    return [block for block in blocks if block]


def parse_page(slug: str, markdown: str) -> Page:
    """Parse and check one page; raise PageFormatError naming every problem."""
    problems: list[str] = []
    lines = markdown.splitlines()
    if not lines or not lines[0].startswith("# ") or not lines[0][2:].strip():
        raise PageFormatError(f"{slug}: the first line must be '# Title'")
    title = lines[0][2:].strip()
    text = "\n".join(lines[1:])
    if REFERENCES_HEADING not in text:
        raise PageFormatError(f"{slug}: no '{REFERENCES_HEADING}' section")
    body, reference_text = text.split(REFERENCES_HEADING, 1)
    references: dict[int, str] = {}
    for line in reference_text.strip().splitlines():
        if not line.strip():
            continue
        match = _REFERENCE.match(line.strip())
        if match is None:
            problems.append(f"reference line is not '<n>. <citation>': {line.strip()[:60]!r}")
            continue
        number, citation = int(match.group(1)), match.group(2)
        if number in references:
            problems.append(f"reference {number} is listed twice")
        if "http" not in citation and "doi" not in citation.lower():
            problems.append(f"reference {number} has no URL or DOI")
        references[number] = citation
    paragraphs = tuple(_blocks(body))
    if not paragraphs:
        problems.append("the page has no paragraphs")
    cited: set[int] = set()
    for paragraph in paragraphs:
        numbers = [int(number) for number in _MARKER.findall(paragraph)]
        if not numbers:
            problems.append(f"paragraph without a citation: {paragraph[:70]!r}")
        missing = [number for number in numbers if number not in references]
        if missing:
            problems.append(f"paragraph cites {missing} with no such reference: {paragraph[:50]!r}")
        cited.update(numbers)
    unused = sorted(set(references) - cited)
    if unused:
        problems.append(f"references never cited: {unused}")
    if problems:
        raise PageFormatError(f"{slug}: " + "; ".join(problems))
    return Page(slug, title, markdown, paragraphs, references)


def list_pages() -> tuple[str, ...]:
    """Return the slugs of every packaged page, sorted."""
    folder = resources.files(__name__)
    return tuple(sorted(entry.name[:-3] for entry in folder.iterdir() if entry.name.endswith(".md")))


def load_page(slug: str) -> Page:
    """Return the parsed page; raise KeyError for an unknown slug, PageFormatError if malformed."""
    if slug not in list_pages():
        raise KeyError(f"no knowledge page {slug!r}")
    markdown = resources.files(__name__).joinpath(f"{slug}.md").read_text(encoding="utf-8")
    return parse_page(slug, markdown)
