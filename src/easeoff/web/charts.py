"""Server-rendered SVG charts: no script, so they work under the CSP and in the PDF report."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any

from easeoff.domain.instruments import INSTRUMENTS, Instrument

TEXT = 'font-size="11" fill="#56625c" font-family="DejaVu Sans, sans-serif"'
BAND_FILLS = ("#eef6f2", "#fdf5e2", "#fde9d9", "#fbdada", "#f6caca")


@dataclass(frozen=True)
class ShadedBand:
    low: int
    high: int
    label: str


def line_chart(
    points: Sequence[tuple[datetime | date, int]],
    *,
    y_max: int,
    y_min: int = 0,
    bands: Sequence[ShadedBand] = (),
    title: str,
    width: int = 640,
    height: int = 220,
) -> str:
    """Return an accessible SVG line chart of totals over time, with band shading.

    `points` must be in time order. The SVG carries a <title> and <desc> so a screen
    reader announces what it shows; the page also shows the same numbers as a table.
    """
    ident = (
        "c" + hashlib.sha1(f"{title}|{len(points)}|{y_max}".encode(), usedforsecurity=False).hexdigest()[:10]
    )
    left, right, top, bottom = 36, 10, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(y_max - y_min, 1)

    def y(value: float) -> float:
        return top + plot_h - (value - y_min) / span * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="{ident}t {ident}d"><title id="{ident}t">{escape(title)}</title>'
        f'<desc id="{ident}d">{len(points)} totals, scale {y_min} to {y_max}</desc>'
    ]
    for index, band in enumerate(bands):
        y_top, y_bottom = y(min(band.high + 0.5, y_max)), y(max(band.low - 0.5, y_min))
        fill = BAND_FILLS[index % len(BAND_FILLS)]
        parts.append(
            f'<rect x="{left}" y="{y_top:.1f}" width="{plot_w}" height="{max(y_bottom - y_top, 0):.1f}" '
            f'fill="{fill}"><title>{escape(band.label)} {band.low}-{band.high}</title></rect>'
            f'<text x="{width - right - 4}" y="{y_top + 12:.1f}" text-anchor="end" class="band-label" {TEXT}>'
            f"{escape(band.label)}</text>"
        )
    for tick in sorted({y_min, y_min + span // 2, y_max}):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid" '
            f'stroke="#d6ddd9"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" class="tick" {TEXT}>{tick}</text>'
        )
    if points:
        first, last = points[0][0], points[-1][0]
        t0 = _as_seconds(first)
        t_span = max(_as_seconds(last) - t0, 1.0)

        # Within one hour, time spacing would stack the points; space them evenly instead.
        by_index = t_span < 3600

        def x(index: int, moment: datetime | date) -> float:
            if len(points) == 1:
                return left + plot_w / 2
            if by_index:
                return left + index / (len(points) - 1) * plot_w
            return left + (_as_seconds(moment) - t0) / t_span * plot_w

        coords = " ".join(f"{x(i, moment):.1f},{y(value):.1f}" for i, (moment, value) in enumerate(points))
        parts.append(
            f'<polyline points="{coords}" class="line" fill="none" stroke="#1f6f5c" stroke-width="2.5"/>'
        )
        for i, (moment, value) in enumerate(points):
            parts.append(
                f'<circle cx="{x(i, moment):.1f}" cy="{y(value):.1f}" r="3.5" class="dot" fill="#1f6f5c">'
                f"<title>{escape(_label(moment))}: {value}</title></circle>"
            )
        parts.append(f'<text x="{left}" y="{height - 6}" class="tick" {TEXT}>{escape(_label(first))}</text>')
        if len(points) > 1:
            parts.append(
                f'<text x="{width - right}" y="{height - 6}" text-anchor="end" class="tick" {TEXT}>'
                f"{escape(_label(last))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def grouped_by_instrument(rows: Sequence[Any]) -> list[tuple[Instrument, list[Any]]]:
    """Group assessment rows (in time order) by instrument, in the instruments' display order."""
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row.instrument_code, []).append(row)
    return [(instrument, groups[code]) for code, instrument in INSTRUMENTS.items() if code in groups]


def instrument_chart(instrument: Instrument, rows: Sequence[Any], *, title: str, **size: int) -> str:
    """Return the line chart of one instrument's totals (rows in time order), shaded by its bands."""
    return line_chart(
        [(r.taken_at, r.total) for r in rows],
        y_min=instrument.min_total,
        y_max=instrument.max_total,
        bands=[ShadedBand(b.low, b.high, b.label) for b in instrument.bands],
        title=title,
        **size,
    )


def sparkline(values: Sequence[int], *, y_max: int, width: int = 96, height: int = 24) -> str:
    """Return a tiny SVG trend line for a table cell (no axes)."""
    if not values:
        return ""
    step = width / max(len(values) - 1, 1)
    coords = " ".join(
        f"{i * step:.1f},{height - 2 - (v / max(y_max, 1)) * (height - 4):.1f}" for i, v in enumerate(values)
    )
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f"<title>trend of {len(values)} totals, latest {values[-1]}</title>"
        f'<polyline points="{coords}" fill="none" stroke="#1f6f5c" stroke-width="1.5"/></svg>'
    )


def _as_seconds(moment: datetime | date) -> float:
    if isinstance(moment, datetime):
        return moment.timestamp()
    return datetime(moment.year, moment.month, moment.day).timestamp()


def _label(moment: datetime | date) -> str:
    return moment.strftime("%-d %b")
