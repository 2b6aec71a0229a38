"""Time the visit report PDF for a generated person with 60 days of data (target: under 2 s).

    .venv/bin/python bench/report_pdf.py [--runs 5]

Prints the median and slowest of the runs for building the report (queries), rendering the
HTML, and WeasyPrint's PDF, and as a baseline the time WeasyPrint takes for a one-line PDF in
the same run, so a slow machine shows as a slow baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("EASEOFF_DATA_DIR", tempfile.mkdtemp(prefix="easeoff-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "easeoff.web.settings")
    sys.path.insert(0, ROOT)
    import django

    django.setup()
    from django.core.management import call_command
    from weasyprint import HTML

    from easeoff.interop.report import build_report, render_report_html, render_report_pdf
    from easeoff.services.demo import generate_demo
    from easeoff.web.accounts.models import User
    from easeoff.web.tracking.models import Assessment

    call_command("migrate", verbosity=0)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    generate_demo(people=0, days=60, seed=7, now=now, force=True)
    ana = User.objects.get(username="ana")
    start, end = date(2026, 9, 27), date(2026, 11, 25)
    count = Assessment.objects.filter(person=ana).count()
    totals: list[float] = []
    baseline: list[float] = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        HTML(string="<p>baseline</p>").write_pdf()
        baseline.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report = build_report(viewer=ana, person=ana, date_from=start, date_to=end, now=now)
        render_report_html(report)
        pdf = render_report_pdf(report)
        totals.append(time.perf_counter() - t0)
    pages = len(HTML(string=render_report_html(report)).render().pages)
    print(f"person with 60 days: {count} assessments; PDF {len(pdf) // 1024} KiB, {pages} pages")
    print(
        f"visit report: median {statistics.median(totals):.2f} s, slowest {max(totals):.2f} s (target < 2 s)"
    )
    print(f"baseline one-line PDF: median {statistics.median(baseline):.3f} s")
    print(f"ratio report / baseline: {statistics.median(totals) / statistics.median(baseline):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
