"""Knowledge pages and the legality lookup, for a person in withdrawal: public, every claim cited."""

from __future__ import annotations

import re
from html import escape

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from easeoff.knowledge.legality import candidates, known_places, lookup
from easeoff.knowledge.pages import Page, list_pages, load_page

_CITE = re.compile(r"\[(\d+)\]")
_URL = re.compile(r"(https?://[^\s<]+[^\s<.,;)])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str) -> str:
    """Escape text, then render **bold** and citation markers [n] as links to the reference."""
    html = _BOLD.sub(r"<strong>\1</strong>", escape(text, quote=False))
    return _CITE.sub(r'<sup><a href="#ref-\1" aria-label="reference \1">[\1]</a></sup>', html)


def link_urls(escaped: str) -> str:
    """Turn the URLs in already-escaped text into links."""
    return _URL.sub(r'<a href="\1" rel="noreferrer">\1</a>', escaped)


def render_page(page: Page) -> SafeString:
    """Render a knowledge page's Markdown subset (headings, paragraphs, lists) to safe HTML."""
    body = page.markdown.split("\n", 1)[1].split("## References", 1)[0]
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            parts.append(f"<h2>{escape(lines[0][3:])}</h2>")
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].lstrip().startswith(("- ", "* ")):
            items: list[str] = []
            for line in lines:
                if line.lstrip().startswith(("- ", "* ")):
                    items.append(line.lstrip()[2:])
                elif items:
                    items[-1] += " " + line.strip()
            parts.append("<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>")
        else:
            parts.append(f"<p>{inline(' '.join(lines))}</p>")
    references = "".join(
        f'<li id="ref-{number}" value="{number}">{link_urls(escape(text))}</li>'
        for number, text in sorted(page.references.items())
    )
    parts.append(f'<h2>References</h2><ol class="references">{references}</ol>')
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text above is escaped


@require_GET
def learn_index(request: HttpRequest) -> HttpResponse:
    """List the knowledge pages."""
    pages = [load_page(slug) for slug in list_pages()]
    return render(request, "learn/index.html", {"pages": pages})


@require_GET
def learn_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show one knowledge page with its references."""
    if slug not in list_pages():
        raise Http404("no such page")
    page = load_page(slug)
    return render(request, "learn/page.html", {"page": page, "body": render_page(page)})


@require_GET
def legal(request: HttpRequest) -> HttpResponse:
    """Look up kratom's legal status for a place (?place=TH, US-AL or a name)."""
    place = request.GET.get("place", "").strip()[:80]
    status = lookup(place) if place else None
    options = candidates(place) if place and status is None else ()
    countries = [p for p in known_places() if p.kind == "country"]
    return render(
        request,
        "learn/legal.html",
        {
            "place": place,
            "status": status,
            "options": options,
            "countries": countries,
            "count": len(known_places()),
        },
    )
