"""Journal pages: write an entry, see the extracted symptoms highlighted, pre-fill a SOWS check-in."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from easeoff.services import journal
from easeoff.services.doses import record_dose
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.web.core.decorators import patient_required


@require_http_methods(["GET", "POST"])
@patient_required
def journal_index(request: HttpRequest) -> HttpResponse:
    """Write a new entry; list earlier ones."""
    errors: dict[str, str] = {}
    text = ""
    status = 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            entry = journal.write_entry(
                actor=request.user, person=request.user, text=text, now=timezone.now()
            )
        except InvalidInput as exc:
            errors, status = exc.problems, 422
        else:
            return redirect("journal_entry", entry_id=entry.pk)
    entries = journal.list_entries(viewer=request.user, person=request.user)[:50]
    return render(
        request, "journal/index.html", {"entries": entries, "errors": errors, "text": text}, status=status
    )


@require_GET
@patient_required
def journal_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Show an entry with its findings highlighted, and what it suggests for a SOWS check-in."""
    try:
        entry = journal.get_entry(viewer=request.user, entry_id=entry_id)
    except NotAllowed:
        raise Http404("no such entry") from None
    suggestions = journal.sows_suggestions(entry)
    body = mark_safe(journal.highlighted_html(entry.text, entry.highlights))  # noqa: S308 -- escaped by the service
    return render(
        request,
        "journal/entry.html",
        {
            "entry": entry,
            "body": body,
            "suggestions": suggestions,
            "found": journal.describe(entry.extraction),
            "dose_suggestions": journal.dose_suggestions(entry),
        },
    )


@require_POST
@patient_required
def journal_add_dose(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Add a dose found in the entry to the dose log, as the person confirmed it on the page."""
    try:
        entry = journal.get_entry(viewer=request.user, entry_id=entry_id)
    except NotAllowed:
        raise Http404("no such entry") from None
    try:
        dose = record_dose(
            actor=request.user,
            person=request.user,
            substance=request.POST.get("substance", ""),
            amount=request.POST.get("amount", ""),
            unit=request.POST.get("unit", ""),
            taken_at=entry.written_at,
            note=f"from journal entry of {entry.written_on}",
            now=timezone.now(),
        )
    except InvalidInput as exc:
        messages.error(request, "Not added: " + "; ".join(f"{k}: {v}" for k, v in exc.problems.items()))
    else:
        messages.success(
            request, f"Added to your dose log: {dose.amount.normalize():f} {dose.unit} {dose.substance}."
        )
    return redirect("journal_entry", entry_id=entry.pk)
