"""Shared helpers for the interop tests: the Node tools in tests/interop/js and their npm packages.

The JavaScript side (npm `fhir`, `fhirpath`, `lforms`) is installed from the repo's
package-lock.json with `npm ci`; node_modules is never committed. Missing tools skip the
tests locally and fail them in CI (`tests.conftest.require`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from easeoff.domain.instruments import Instrument
from tests.conftest import require

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
JS = Path(__file__).resolve().parent / "js"


def node_command(script: str) -> list[str]:
    """Return the argv running a script in tests/interop/js; skip (fail in CI) without node or packages."""
    node = shutil.which("node")
    require(node, "node not found (apt-get install nodejs npm)")
    for package in ("fhir", "fhirpath"):
        require((NODE_MODULES / package).is_dir(), f"node_modules/{package} missing (run `npm ci`)")
    assert node is not None
    return [node, str(JS / script)]


def run_node(script: str, payload: str) -> tuple[int, Any]:
    """Run a script with `payload` on stdin; return its exit code and its JSON output."""
    result = subprocess.run(
        node_command(script), input=payload, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout, f"{script} printed nothing; stderr: {result.stderr[-2000:]}"
    return result.returncode, json.loads(result.stdout)


def find_items(items: list[dict[str, Any]], item_type: str | None = None) -> list[dict[str, Any]]:
    """Return every item at any depth, in document order, optionally only those of one type."""
    found: list[dict[str, Any]] = []
    for item in items:
        if item_type is None or item["type"] == item_type:
            found.append(item)
        found.extend(find_items(item.get("item", []), item_type))
    return found


def response_for(
    instrument: Instrument, questionnaire: Mapping[str, Any], answers: Mapping[str, int]
) -> dict[str, Any]:
    """Return a QuestionnaireResponse that picks, for each answered item, the option with that score.

    The option is found by its position in the domain item's options, so the Coding sent is
    exactly the one the Questionnaire offers, whatever its code system.
    """
    questions = {item["linkId"]: item for item in find_items(questionnaire["item"], "choice")}
    items = []
    for item in instrument.items:
        if item.id in answers:
            option = questions[item.id]["answerOption"][item.allowed_values.index(answers[item.id])]
            items.append({"linkId": item.id, "answer": [{"valueCoding": option["valueCoding"]}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire['url']}|{questionnaire['version']}",
        "status": "completed",
        "item": items,
    }


@pytest.fixture(scope="session")
def lforms_dist() -> Path:
    """The LHC-Forms build shipped in the npm package (web component and FHIR support libraries)."""
    path = NODE_MODULES / "lforms" / "dist" / "lforms"
    require((path / "webcomponent" / "main.js").is_file(), "node_modules/lforms missing (run `npm ci`)")
    return path
