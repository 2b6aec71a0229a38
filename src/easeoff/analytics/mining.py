"""Summarise a mined corpus of experience reports: symptom statuses by substance, kratom effects.

Input is the JSONL that `easeoff extract` writes (the extraction guidelines' records). Pure
standard library; the chart is SVG (and PNG through Pillow when asked).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

STATUSES = ("present", "relieved", "negated")
EFFECTS = ("helped", "not_helped", "worse", "none")


@dataclass
class MiningSummary:
    passages: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    symptoms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_substance: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter))
    )
    effects: Counter[str] = field(default_factory=Counter)
    substances: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "skipped_lines": self.skipped_lines,
            "symptoms": {name: dict(counts) for name, counts in sorted(self.symptoms.items())},
            "by_substance": {
                substance: {name: dict(counts) for name, counts in sorted(symptoms.items())}
                for substance, symptoms in sorted(self.by_substance.items())
            },
            "kratom_effect": {effect: self.effects.get(effect, 0) for effect in EFFECTS},
            "substances": dict(self.substances.most_common()),
        }


def summarise(lines: Iterable[str]) -> MiningSummary:
    """Count, over the records, each symptom's statuses overall and per substance named, and effects."""
    summary = MiningSummary()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            symptoms = [(s["name"], s["status"]) for s in record.get("symptoms", [])]
            substances = [str(s) for s in record.get("substances", [])]
            effect = str(record.get("kratom_effect", "none"))
        except (json.JSONDecodeError, AttributeError, KeyError, TypeError):
            summary.skipped_lines.append(number)
            continue
        summary.passages += 1
        summary.effects[effect] += 1
        for substance in set(substances):
            summary.substances[substance] += 1
        for name, status in symptoms:
            summary.symptoms[name][status] += 1
            for substance in set(substances):
                summary.by_substance[substance][name][status] += 1
    return summary


def chart_svg(summary: MiningSummary) -> str:
    """Return an SVG with two panels: symptoms present vs relieved, and kratom effects."""
    names = sorted(summary.symptoms, key=lambda n: -sum(summary.symptoms[n].values()))
    row, left, width = 22, 190, 760
    bar_area = width - left - 80
    top = 40
    height = top + row * (len(names) + len(EFFECTS)) + 90
    biggest = max([*(c["present"] + c["relieved"] for c in summary.symptoms.values()), 1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="22" font-size="15" font-weight="bold">'
        f"Symptoms reported in {summary.passages} passages</text>",
        f'<text x="{left}" y="36" fill="#b35c00">present</text>'
        f'<text x="{left + 70}" y="36" fill="#1f6f5c">relieved</text>',
    ]
    y = top
    for name in names:
        present, relieved = summary.symptoms[name]["present"], summary.symptoms[name]["relieved"]
        w_present = present / biggest * bar_area
        w_relieved = relieved / biggest * bar_area
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w_present:.1f}" height="14" fill="#f0a35e"/>')
        relieved_x = left + w_present
        parts.append(
            f'<rect x="{relieved_x:.1f}" y="{y + 4}" width="{w_relieved:.1f}" height="14" fill="#1f6f5c"/>'
        )
        parts.append(
            f'<text x="{left + w_present + w_relieved + 6:.1f}" y="{y + 15}">{present} / {relieved}</text>'
        )
        y += row
    y += 30
    parts.append(f'<text x="10" y="{y}" font-size="15" font-weight="bold">What writers say kratom did</text>')
    y += 8
    most = max([*summary.effects.values(), 1])
    for effect in EFFECTS:
        count = summary.effects.get(effect, 0)
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(effect)}</text>')
        parts.append(
            f'<rect x="{left}" y="{y + 4}" width="{count / most * bar_area:.1f}" height="14" fill="#5b7fbf"/>'
        )
        parts.append(f'<text x="{left + count / most * bar_area + 6:.1f}" y="{y + 15}">{count}</text>')
        y += row
    parts.append("</svg>")
    return "".join(parts)


def chart_png(summary: MiningSummary, path: Path) -> None:
    """Draw the same chart as a PNG with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    names = sorted(summary.symptoms, key=lambda n: -sum(summary.symptoms[n].values()))
    row, left, width, top = 22, 190, 760, 40
    height = top + row * (len(names) + len(EFFECTS)) + 90
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 12)
        bold = ImageFont.truetype("DejaVuSans-Bold.ttf", 15)
    except OSError:
        font = bold = ImageFont.load_default()
    bar_area = width - left - 80
    biggest = max([*(c["present"] + c["relieved"] for c in summary.symptoms.values()), 1])
    draw.text((10, 8), f"Symptoms reported in {summary.passages} passages", fill="black", font=bold)
    draw.text((left, 26), "present", fill="#b35c00", font=font)
    draw.text((left + 70, 26), "relieved", fill="#1f6f5c", font=font)
    y = top
    for name in names:
        present, relieved = summary.symptoms[name]["present"], summary.symptoms[name]["relieved"]
        w_present, w_relieved = present / biggest * bar_area, relieved / biggest * bar_area
        draw.text((left - 8, y + 3), name, fill="black", font=font, anchor="ra")
        draw.rectangle((left, y + 4, left + w_present, y + 18), fill="#f0a35e")
        draw.rectangle((left + w_present, y + 4, left + w_present + w_relieved, y + 18), fill="#1f6f5c")
        draw.text(
            (left + w_present + w_relieved + 6, y + 3), f"{present} / {relieved}", fill="black", font=font
        )
        y += row
    y += 16
    draw.text((10, y), "What writers say kratom did", fill="black", font=bold)
    y += 22
    most = max([*summary.effects.values(), 1])
    for effect in EFFECTS:
        count = summary.effects.get(effect, 0)
        draw.text((left - 8, y + 3), effect, fill="black", font=font, anchor="ra")
        draw.rectangle((left, y + 4, left + count / most * bar_area, y + 18), fill="#5b7fbf")
        draw.text((left + count / most * bar_area + 6, y + 3), str(count), fill="black", font=font)
        y += row
    image.save(path, "PNG")
