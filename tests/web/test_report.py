"""The visit report PDF: pages rendered to PNG are not blank, and the printed totals are the stored ones."""

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from easeoff.domain.instruments import INSTRUMENTS
from easeoff.interop.report import build_report, render_report_pdf
from easeoff.services.demo import generate_demo
from easeoff.web.accounts.models import User
from easeoff.web.care.models import ReportRecord
from easeoff.web.tracking.models import Assessment
from tests.conftest import ARTIFACTS, require

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FROM, TO = date(2026, 9, 27), date(2026, 11, 25)


@pytest.fixture
def ana_pdf(tmp_path):
    generate_demo(people=0, days=60, seed=4, now=NOW)
    ana = User.objects.get(username="ana")
    report = build_report(viewer=ana, person=ana, date_from=FROM, date_to=TO, now=NOW)
    path = tmp_path / "visit.pdf"
    path.write_bytes(render_report_pdf(report))
    return ana, path


def ink_share(pgm: Path) -> float:
    """Return the share of pixels darker than near-white in a binary PGM (P5) file."""
    data = pgm.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][-width * height :]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def test_report_pages_are_not_blank_and_kept_as_pngs(ana_pdf):
    require(shutil.which("pdftoppm"), "pdftoppm (apt-get install poppler-utils)")
    _, pdf = ana_pdf
    out = ARTIFACTS / "report"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("visit-*"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / "visit")], check=True)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(out / "visit-gray")], check=True)
    pages = sorted(out.glob("visit-gray-*.pgm"))
    assert len(pages) >= 2
    assert len(sorted(out.glob("visit-*.png"))) == len(pages)
    for page in pages:
        assert ink_share(page) > 0.005, f"{page.name} looks blank"
        page.unlink()


def test_printed_totals_match_the_stored_ones(ana_pdf):
    require(shutil.which("pdftotext"), "pdftotext (apt-get install poppler-utils)")
    ana, pdf = ana_pdf
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    checked = 0
    for code, instrument in INSTRUMENTS.items():
        totals = list(
            Assessment.objects.filter(person=ana, instrument_code=code, taken_on__gte=FROM, taken_on__lte=TO)
            .order_by("taken_at")
            .values_list("total", flat=True)
        )
        if not totals:
            continue
        line = re.search(
            rf"^\s*{re.escape(instrument.name)}\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", text, re.M
        )
        assert line, f"no summary row for {instrument.name}"
        printed = tuple(int(n) for n in line.groups())
        assert printed == (len(totals), totals[0], totals[-1], min(totals), max(totals))
        checked += 1
    assert checked >= 3


def test_the_web_report_is_a_pdf_and_is_remembered(client):
    generate_demo(people=0, days=20, seed=4, now=NOW)
    ana = User.objects.get(username="ana")
    client.force_login(ana)
    response = client.get("/report/", {"from": "2026-11-01", "to": "2026-11-25"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ReportRecord.objects.filter(person=ana, date_from=date(2026, 11, 1)).exists()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "yesterday"}, "from"),
        ({"from": "2026-11-20", "to": "2026-11-01"}, "from"),
        ({"to": "2026-13-01"}, "to"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(client, ana, query, field):
    client.force_login(ana)
    response = client.get("/report/", query)
    assert response.status_code == 422
    assert response.content.decode().startswith(f"{field}:")


def test_the_report_shows_day_n_doses_taper_and_journal(tmp_path):
    require(shutil.which("pdftotext"), "pdftotext (apt-get install poppler-utils)")
    from easeoff.services.doses import record_dose
    from easeoff.services.journal import write_entry
    from easeoff.services.taper import TaperRequest, save_taper

    generate_demo(people=0, days=10, seed=4, now=NOW)
    ana = User.objects.get(username="ana")
    record_dose(
        actor=ana,
        person=ana,
        substance="oxycodone",
        amount="30",
        unit="mg",
        now=NOW,
        taken_at=NOW.replace(day=22),
    )
    record_dose(actor=ana, person=ana, substance="kratom", amount="4", unit="g", now=NOW)
    write_entry(
        actor=ana, person=ana, text="Sweating all night, no nausea. 4g kratom helped the cravings.", now=NOW
    )
    save_taper(
        actor=ana,
        person=ana,
        request=TaperRequest(
            substance="kratom", start="12g", reduce="10%", every_days="7", floor="2g", start_on="2026-11-20"
        ),
        now=NOW,
    )
    report = build_report(viewer=ana, person=ana, date_from=date(2026, 11, 16), date_to=TO, now=NOW)
    path = tmp_path / "visit.pdf"
    path.write_bytes(render_report_pdf(report))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Day 3 since last opioid use" in text
    assert "Doses per day" in text and "Kratom" in text and "Oxycodone" in text
    assert "Taper plan against actual" in text and "Not yet approved" in text
    assert "Journal highlights" in text and "Sweating" in text
