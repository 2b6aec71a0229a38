"""A real forms client scores the exported Questionnaires the way easeoff does.

LHC-Forms (npm `lforms`, the build in node_modules/lforms/dist/lforms, served from this
machine: no CDN) renders each Questionnaire in Debian's Chromium. The test clicks the
answers like a person would, reads the total LHC-Forms computes from the
Questionnaire's own calculatedExpression (on screen and in the QuestionnaireResponse it
produces) and compares it with `easeoff.domain.scoring.score`.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from easeoff.domain.instruments import get_instrument
from easeoff.domain.scoring import score
from easeoff.interop.fhir_questionnaire import questionnaire_json, total_link_id
from tests.interop.conftest import find_items

pytestmark = pytest.mark.browser

# The load order LHC-Forms documents (dist/lforms/README.md, "Using the LHC-Forms Web
# Component"); the scripts go after the container because main.js appends to <body>.
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>easeoff LHC-Forms check</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/webcomponent/styles.css">
</head><body><div id="form"></div>
<script src="/webcomponent/assets/lib/zone.min.js"></script>
<script src="/webcomponent/runtime.js"></script>
<script src="/webcomponent/polyfills.js"></script>
<script src="/webcomponent/main.js"></script>
<script src="/fhir/R4/lformsFHIR.min.js"></script>
</body></html>
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in ("/", "/index.html"):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def lforms_url(lforms_dist: Path) -> Iterator[str]:
    """Serve the LHC-Forms build and a page that loads it, on a free loopback port."""
    handler = functools.partial(_Handler, directory=str(lforms_dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _cows(*values: int) -> dict[str, int]:
    return {f"cows_{number}": value for number, value in enumerate(values, start=1)}


# (instrument, answers, keep a screenshot). COWS values are not contiguous (pulse 0/1/2/4,
# gooseflesh 0/3/5): a form that scored by position instead of weight would be caught.
CASES = {
    "phq9-mixed-with-difficulty": (
        "phq9",
        {
            **{f"phq9_{n}": v for n, v in enumerate((3, 2, 1, 0, 2, 3, 1, 1, 1), start=1)},
            "phq9_difficulty": 2,
        },
        True,
    ),
    "phq9-all-nearly-every-day": ("phq9", {f"phq9_{n}": 3 for n in range(1, 10)}, False),
    "gad7-item2-more-than-half-the-days": (
        "gad7",
        {f"gad7_{n}": v for n, v in enumerate((3, 2, 1, 0, 2, 3, 1), start=1)},
        True,
    ),
    "gad7-all-not-at-all": ("gad7", {f"gad7_{n}": 0 for n in range(1, 8)}, False),
    "cows-high": ("cows", _cows(4, 3, 5, 5, 4, 4, 5, 4, 4, 4, 3), True),
    "cows-mixed": ("cows", _cows(2, 0, 3, 1, 2, 0, 1, 2, 1, 2, 5), False),
    "sows-mixed": ("sows", {f"sows_{n}": (n * 3) % 5 for n in range(1, 17)}, True),
    "sows-all-extremely": ("sows", {f"sows_{n}": 4 for n in range(1, 17)}, False),
}


def _option_coding(question: dict[str, Any], allowed: tuple[int, ...], value: int) -> dict[str, Any]:
    coding: dict[str, Any] = question["answerOption"][allowed.index(value)]["valueCoding"]
    return coding


@pytest.mark.parametrize(("code", "answers", "keep_screenshot"), CASES.values(), ids=CASES.keys())
def test_lforms_total_equals_domain_score(
    page: Any,
    lforms_url: str,
    artifacts: Path,
    code: str,
    answers: dict[str, int],
    keep_screenshot: bool,
) -> None:
    instrument = get_instrument(code)
    expected = score(instrument, answers).total
    questionnaire = json.loads(questionnaire_json(code))
    questions = {item["linkId"]: item for item in find_items(questionnaire["item"], "choice")}
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(lforms_url)
    page.wait_for_function(
        "() => !!(window.LForms && LForms.Util && LForms.Util.convertFHIRQuestionnaireToLForms)"
    )
    # allowHTML lets LHC-Forms show rendering-xhtml (the GAD-7 anchor "More than half the days").
    page.evaluate(
        "q => LForms.Util.addFormToPage(q, 'form', {fhirVersion: 'R4', allowHTML: true})", questionnaire
    )
    total = page.locator(f'[id="{total_link_id(instrument)}/1"]')
    expect(total).to_have_value("")

    answered = [item for item in instrument.items if item.id in answers]
    last_scored = [item.id for item in answered if item.scored][-1]
    for item in answered:
        if item.id == last_scored:
            # Every scored item but one is answered: LHC-Forms must not show a partial total.
            expect(total).to_have_value("")
        coding = _option_coding(questions[item.id], item.allowed_values, answers[item.id])
        page.locator(f'label.lhc-answer[id^="{item.id}/"][id$="|{coding["code"]}"]').click()

    expect(total).to_have_value(str(expected))
    if keep_screenshot:
        page.mouse.move(0, 0)  # no hover ring on the last answer
        page.screenshot(path=str(artifacts / f"lforms-{code}.png"), full_page=True, animations="disabled")

    response = page.evaluate(
        "() => LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form'))"
    )
    by_link_id = {item["linkId"]: item for item in find_items(response["item"])}
    assert by_link_id[total_link_id(instrument)]["answer"] == [{"valueInteger": expected}]
    # The response LHC-Forms writes maps back to the same answers through the codes alone.
    returned = {}
    for item in answered:
        (answer,) = by_link_id[item.id]["answer"]
        offered = [o["valueCoding"]["code"] for o in questions[item.id]["answerOption"]]
        returned[item.id] = item.allowed_values[offered.index(answer["valueCoding"]["code"])]
    assert returned == answers
    assert score(instrument, returned).total == expected
    assert errors == []


def test_lforms_shows_the_official_gad7_anchor_for_la18938_3(page: Any, lforms_url: str) -> None:
    page.goto(lforms_url)
    page.wait_for_function(
        "() => !!(window.LForms && LForms.Util && LForms.Util.convertFHIRQuestionnaireToLForms)"
    )
    page.evaluate(
        "q => LForms.Util.addFormToPage(q, 'form', {fhirVersion: 'R4', allowHTML: true})",
        json.loads(questionnaire_json("gad7")),
    )
    label = page.locator('label.lhc-answer[id^="gad7_2/"][id$="|LA18938-3"]')
    expect(label).to_contain_text("More than half the days")
