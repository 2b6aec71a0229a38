"""The withdrawal course as a server-rendered SVG, with the person's scores drawn over it.

Same conventions as easeoff.web.charts: no script, escaped text, a <title> and <desc>
for screen readers, and the same numbers shown as a table on the page.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from html import escape

from easeoff.domain.timeline import Course, Span
from easeoff.web.charts import TEXT

# Onset, peak and end of the acute phase: light fills that stay readable under the line.
MILESTONE_FILLS = (("Onset", "#fdf5e2"), ("Peak", "#fbdada"), ("Acute phase ends", "#e3eefa"))
# The x axis shows at least a week, and at most this many days of the course ahead.
MIN_DAYS, MAX_DAYS = 7, 30


def _days(hours: Decimal | float) -> float:
    return float(hours) / 24


def course_chart(
    course: Course,
    *,
    last_use_at: datetime,
    now: datetime,
    points: Sequence[tuple[datetime, int]],
    y_min: int,
    y_max: int,
    title: str,
    width: int = 640,
    height: int = 240,
) -> str:
    """Return an SVG of the expected course (shaded ranges) with `points` (totals over time).

    The x axis is elapsed days since the last use; ranges the course has no source for
    are not drawn. `points` must be in time order.
    """
    ident = "t" + hashlib.sha1(f"{title}|{len(points)}".encode(), usedforsecurity=False).hexdigest()[:10]
    left, right, top, bottom = 36, 10, 22, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    elapsed = (now - last_use_at).total_seconds() / 86_400
    spans: list[tuple[str, str, Span]] = []
    for (label, fill), milestone in zip(
        MILESTONE_FILLS, (course.onset, course.peak, course.acute_end), strict=True
    ):
        if milestone.span is not None:
            spans.append((label, fill, milestone.span))
    course_end = max((_days(s.high_hours) for _, _, s in spans), default=0.0)
    x_max = min(
        max(math.ceil(elapsed) + 1, math.ceil(course_end) + 1, MIN_DAYS),
        max(MAX_DAYS, math.ceil(elapsed) + 1),
    )
    span_y = max(y_max - y_min, 1)

    def x(days: float) -> float:
        return left + max(0.0, min(days, x_max)) / x_max * plot_w

    def y(value: float) -> float:
        return top + plot_h - (value - y_min) / span_y * plot_h

    shaded = ", ".join(f"{label} {s.text}" for label, _, s in spans) or "no sourced ranges"
    parts = [
        f'<svg class="chart course-chart" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}t {ident}d">'
        f'<title id="{ident}t">{escape(title)}</title>'
        f'<desc id="{ident}d">{len(points)} totals over {x_max} days since last use; '
        f"shaded: {escape(shaded)}</desc>"
    ]
    for row, (label, fill, span) in enumerate(spans):
        x0, x1 = x(_days(span.low_hours)), x(_days(span.high_hours))
        # Labels on staggered rows: adjacent ranges (onset then peak) would otherwise overlap.
        label_y = top - 8 if row == 0 else top + 12 * row
        parts.append(
            f'<rect x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 2):.1f}" height="{plot_h}" fill="{fill}" '
            f'fill-opacity="0.85" class="milestone">'
            f"<title>{escape(label)}: {escape(span.text)}</title></rect>"
            f'<text x="{x0 + 3:.1f}" y="{label_y}" class="band-label" {TEXT}>{escape(label)}</text>'
        )
    for tick in sorted({y_min, y_min + span_y // 2, y_max}):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid" '
            f'stroke="#d6ddd9"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" class="tick" {TEXT}>{tick}</text>'
        )
    every = 1 if x_max <= 10 else 2 if x_max <= 20 else 5
    for day in range(0, x_max + 1, every):
        parts.append(
            f'<text x="{x(day):.1f}" y="{height - 10}" text-anchor="middle" class="tick" {TEXT}>{day}</text>'
        )
    parts.append(
        f'<text x="{width - right}" y="{height}" text-anchor="end" class="tick" {TEXT}>'
        "days since last use</text>"
    )
    now_x = x(elapsed)
    parts.append(
        f'<line x1="{now_x:.1f}" x2="{now_x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#1a5fb4" '
        f'stroke-dasharray="4 3" class="now"/>'
        f'<text x="{now_x - 3:.1f}" y="{top + plot_h - 4}" text-anchor="end" class="tick" {TEXT}>now</text>'
    )
    if points:
        coords = [(x((moment - last_use_at).total_seconds() / 86_400), y(value)) for moment, value in points]
        parts.append(
            '<polyline points="'
            + " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
            + '" class="line" fill="none" stroke="#1f6f5c" stroke-width="2.5"/>'
        )
        for (cx, cy), (moment, value) in zip(coords, points, strict=True):
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" class="dot" fill="#1f6f5c">'
                f"<title>{escape(moment.strftime('%-d %b %H:%M'))}: {value}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)
