"""A plan's courses as a Gantt-like timeline (ReportLab graphics): one bar per course, coloured
by the target program it serves, month ticks, and the graduation date as a red rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from advisor.reports import geometry as g
from advisor.reports.documents import PlanCourseRow
from advisor.reports.stylesheet import BOLD, INK, MUTED, REGULAR, RULE, ZEBRA

LABEL_WIDTH = 58 * mm
AXIS_HEIGHT = 7 * mm
LEGEND_HEIGHT = 5 * mm
LEGEND_PER_ROW = 3
ROWS_PER_CHART = 28  # a longer plan continues in a second chart, so no chart outgrows a page
PALETTE = [
    colors.HexColor(c)
    for c in (
        "#0b5d3b",
        "#2b6cb0",
        "#b7791f",
        "#805ad5",
        "#c53030",
        "#2c7a7b",
        "#6b46c1",
        "#975a16",
    )
]
GRADUATION_RED = colors.HexColor("#c53030")


def _months(start: date, end: date) -> list[date]:
    first = date(start.year, start.month, 1)
    out = []
    while first <= end:
        out.append(first)
        first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return out


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline_drawings(
    courses: Sequence[PlanCourseRow],
    programs: Sequence[str],
    graduation: date | None,
    width: float = g.CONTENT_WIDTH,
    row_height: float = g.TIMELINE_HEIGHT_PER_ROW,
) -> list[Drawing]:
    """One drawing per ROWS_PER_CHART courses, all on the same date axis."""
    if not courses:
        return []
    start = min(c.start for c in courses)
    end = max(c.end for c in courses)
    if graduation and start <= graduation <= end + timedelta(days=120):
        end = max(end, graduation)
    start = date(start.year, start.month, 1)
    span = max((end - start).days + 1, 28)
    colour = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(programs)}
    chunks = [courses[i : i + ROWS_PER_CHART] for i in range(0, len(courses), ROWS_PER_CHART)]
    return [
        _drawing(
            chunk,
            start,
            span,
            colour,
            graduation,
            width,
            # One program needs no key: the targets table names it.
            legend=(i == len(chunks) - 1 and len(programs) > 1),
            first_number=1 + i * ROWS_PER_CHART,
            row=row_height,
        )
        for i, chunk in enumerate(chunks)
    ]


def _drawing(
    courses: Sequence[PlanCourseRow],
    start: date,
    span: int,
    colour: dict[str, colors.Color],
    graduation: date | None,
    width: float,
    *,
    legend: bool,
    first_number: int,
    row: float,
) -> Drawing:
    legend_rows = -(-len(colour) // LEGEND_PER_ROW) if legend else 0
    legend_height = LEGEND_HEIGHT * legend_rows
    height = AXIS_HEIGHT + row * len(courses) + legend_height
    plot_width = width - LABEL_WIDTH
    d = Drawing(width, height)

    def x_of(day: date) -> float:
        return LABEL_WIDTH + plot_width * (day - start).days / span

    top = height - AXIS_HEIGHT
    for i, course in enumerate(courses):
        y = top - (i + 1) * row
        if i % 2:
            d.add(Rect(0, y, width, row, fillColor=ZEBRA, strokeColor=None))
        d.add(
            String(
                2,
                y + row * 0.32,
                _clip(f"{first_number + i}. {course.course}", 40),
                fontName=REGULAR,
                fontSize=7,
                fillColor=INK,
            )
        )
        fill = colour.get(course.programs[0], MUTED) if course.programs else MUTED
        x0, x1 = x_of(course.start), x_of(course.end + timedelta(days=1))
        d.add(
            Rect(x0, y + row * 0.2, max(x1 - x0, 1.5), row * 0.6, fillColor=fill, strokeColor=None)
        )
    months = _months(start, start + timedelta(days=span - 1))
    step = max(1, len(months) // 12)  # at most ~12 labels, whatever the plan's length
    for i, month in enumerate(months):
        x = x_of(month)
        d.add(Line(x, top - row * len(courses), x, top + 1, strokeColor=RULE, strokeWidth=0.3))
        if i % step == 0:
            d.add(
                String(
                    x + 1,
                    top + 2,
                    f"{month:%b %y}",
                    fontName=REGULAR,
                    fontSize=6.5,
                    fillColor=MUTED,
                )
            )
    if graduation and start <= graduation <= start + timedelta(days=span):
        x = x_of(graduation)
        d.add(
            Line(
                x,
                top - row * len(courses),
                x,
                top + AXIS_HEIGHT - 1,
                strokeColor=GRADUATION_RED,
                strokeWidth=1,
                strokeDashArray=[2, 1.5],
            )
        )
        d.add(
            String(
                x - 1,
                top + AXIS_HEIGHT - 3.5 * mm,
                "graduation",
                fontName=BOLD,
                fontSize=6,
                fillColor=GRADUATION_RED,
                textAnchor="end",
            )
        )
    column = width / LEGEND_PER_ROW
    for i, (program, fill) in enumerate(colour.items() if legend else ()):
        x = column * (i % LEGEND_PER_ROW)
        y = legend_height - LEGEND_HEIGHT * (i // LEGEND_PER_ROW + 1) + 1.5
        d.add(Rect(x, y, 3 * mm, 2.5 * mm, fillColor=fill, strokeColor=None))
        d.add(
            String(
                x + 4 * mm, y + 1, _clip(program, 44), fontName=REGULAR, fontSize=6.5, fillColor=INK
            )
        )
    return d
