"""A degree's cohort at a glance: programs completed, in progress and not started (a stacked
bar chart), and each student's certified and pending credit hours."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from advisor.reports import geometry as g
from advisor.reports.documents import CohortSummaryData, Letterhead
from advisor.reports.mixed_script import paragraph
from advisor.reports.page_templates import Unit, build_pdf
from advisor.reports.printed_values import long_date, markup
from advisor.reports.student_block import document_opening
from advisor.reports.stylesheet import (
    DONE,
    INK,
    NOT_YET,
    REGULAR,
    WORKING,
    data_table_style,
    stylesheet,
)

STUDENT_COLUMNS = (25 * mm, 40 * mm, 19 * mm, 17 * mm, 17 * mm, 18 * mm, 17 * mm, 17 * mm)
CHART_LABEL_WIDTH = 70 * mm
BAR_HEIGHT = 7 * mm
SERIES = (("completed", DONE), ("in progress", WORKING), ("not started", NOT_YET))


def _short(title: str, limit: int = 46) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def programs_chart(summary: CohortSummaryData) -> Drawing:
    """Students per program, stacked: completed, in progress, not started."""
    rows = summary.programs
    plot_height = BAR_HEIGHT * len(rows)
    height = plot_height + 22 * mm
    d = Drawing(g.CONTENT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x = CHART_LABEL_WIDTH
    chart.y = 16 * mm
    chart.width = g.CONTENT_WIDTH - CHART_LABEL_WIDTH - 4 * mm
    chart.height = plot_height
    # The chart draws categories bottom-up; reverse them so the first program is on top.
    ordered = list(reversed(rows))
    chart.data = [
        [r.completed for r in ordered],
        [r.in_progress for r in ordered],
        [r.not_started for r in ordered],
    ]
    chart.categoryAxis.categoryNames = [_short(r.program) for r in ordered]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    total = max((r.completed + r.in_progress + r.not_started for r in rows), default=1)
    chart.valueAxis.valueMax = max(total, 1)
    chart.valueAxis.valueStep = max(1, -(-total // 10))
    chart.barSpacing = 0
    chart.groupSpacing = 2.5
    for i, (_, colour) in enumerate(SERIES):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x = 40 * mm
    legend.y = 1 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = REGULAR
    legend.fontSize = 7
    legend.fillColor = INK
    legend.boxAnchor = "sw"
    legend.deltax = 42 * mm
    legend.dxTextSpace = 3
    legend.colorNamePairs = [(colour, f"{name} (students)") for name, colour in SERIES]
    d.add(legend)
    return d


def _students_table(summary: CohortSummaryData) -> Table:
    s = stylesheet()
    head = [
        "Roll No.",
        "Name",
        "Completed",
        "In progress",
        "Not started",
        "Certified",
        "Pending",
        "Letter",
    ]
    numeric = (2, 3, 4, 5, 6)
    rows: list[list[object]] = [
        [
            Paragraph(h, s["CellHeadRight" if i in numeric else "CellHead"])
            for i, h in enumerate(head)
        ]
    ]
    for st in summary.students:
        rows.append(
            [
                Paragraph(markup(st.roll_no), s["Cell"]),
                paragraph(markup(st.name), s["Cell"]),
                *(
                    Paragraph(str(v), s["CellRight"])
                    for v in (
                        st.completed,
                        st.in_progress,
                        st.not_started,
                        st.eligible_credits,
                        st.pending_credits,
                    )
                ),
                Paragraph("yes" if st.letter else "—", s["Cell"]),
            ]
        )
    rows.append(
        [
            Paragraph("<b>Total</b>", s["Cell"]),
            Paragraph(f"<b>{len(summary.students)} students</b>", s["Cell"]),
            *(
                Paragraph(
                    f"<b>{sum(getattr(st, f) for st in summary.students)}</b>", s["CellRight"]
                )
                for f in (
                    "completed",
                    "in_progress",
                    "not_started",
                    "eligible_credits",
                    "pending_credits",
                )
            ),
            Paragraph(f"<b>{sum(1 for st in summary.students if st.letter)}</b>", s["Cell"]),
        ]
    )
    table = Table(rows, colWidths=STUDENT_COLUMNS, repeatRows=1)
    table.setStyle(data_table_style(len(rows), numeric_columns=numeric, total_row=True))
    return table


def _caps(summary: CohortSummaryData) -> str:
    """One cap when every student has the same; else each cap with its intakes."""
    caps = summary.caps
    if len(caps) <= 1:
        return f"{caps[0][0] if caps else 0} credit hours"
    return "; ".join(f"{cap} credit hours ({markup(', '.join(intakes))})" for cap, intakes in caps)


def _summary_story(summary: CohortSummaryData) -> list[Flowable]:
    s = stylesheet()
    with_letter = sum(1 for st in summary.students if st.letter)
    all_done = sum(1 for st in summary.students if st.eligible_credits >= st.credit_cap > 0)
    pairs = [
        ("Degree", f"{markup(summary.degree_title)} ({markup(summary.degree)})"),
        ("Intake", markup(summary.intake)),
        ("Students", str(len(summary.students))),
        ("Credit cap", _caps(summary)),
        ("Certified", f"<b>{summary.eligible_total}</b> credit hours in all"),
        ("Pending", f"{summary.pending_total} credit hours awaiting verification"),
        ("Letters", f"{with_letter} student(s) hold a valid letter"),
        ("At the cap", f"{all_done} student(s)"),
    ]
    story = document_opening(
        "Cohort certification summary", f"As of {long_date(summary.printed_on)}", pairs
    )
    if summary.programs:
        story += [
            KeepTogether(
                [
                    Paragraph("Programs the credit policy accepts", s["Heading"]),
                    programs_chart(summary),
                ]
            )
        ]
    story += [Paragraph("Students", s["Heading"])]
    story.append(
        _students_table(summary)
        if summary.students
        else Paragraph("No student of this degree and intake is on the roster.", s["Body"])
    )
    return story


def render_cohort_summary(summary: CohortSummaryData, head: Letterhead) -> bytes:
    unit = Unit(
        story=_summary_story(summary),
        running_title=f"Cohort summary — {summary.degree}, {summary.intake}",
        footer_note=f"Cohort summary · {summary.degree} · {summary.intake} · "
        f"{long_date(summary.printed_on)}",
    )
    return build_pdf(
        [unit],
        head,
        title=f"Cohort summary {summary.degree} {summary.intake}",
        subject="Cohort summary",
    )
