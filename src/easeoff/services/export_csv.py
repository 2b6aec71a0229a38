"""The export as CSV files in a zip: one UTF-8 CSV with a header row per kind of record.

Made from the JSON export (easeoff.services.export), so both always hold the same values:
profile.csv (one row), assessments.csv, journal.csv, flags.csv, products.csv, doses.csv,
taper_plans.csv. Lists and objects (answers, steps, ...) are JSON text in their cell;
null is an empty cell; true/false are "true"/"false". Described in docs/export.md.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from typing import Any

from easeoff.services.export import export_person

FILES: dict[str, tuple[str, str | None]] = {
    # file name -> (section, or "other_records" with the model label)
    "profile.csv": ("profile", None),
    "assessments.csv": ("assessments", None),
    "journal.csv": ("journal_entries", None),
    "flags.csv": ("flags", None),
    "products.csv": ("other_records", "doses.Product"),
    "doses.csv": ("other_records", "doses.Dose"),
    "taper_plans.csv": ("other_records", "doses.TaperPlan"),
}


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_text(rows: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(name for name in row if name not in columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in columns])
    return buffer.getvalue()


def export_csv_zip(viewer: Any, person: Any, now: datetime | None = None) -> bytes:
    """Return the person's export as a zip of CSV files (only the person may export it)."""
    from django.utils import timezone

    document = export_person(viewer=viewer, person=person, now=now or timezone.now())
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, (section, label) in FILES.items():
            found = document.get(section) if label is None else document["other_records"].get(label, [])
            rows = [found] if isinstance(found, dict) else list(found or [])
            archive.writestr(name, csv_text(rows).encode("utf-8"))
    return data.getvalue()
