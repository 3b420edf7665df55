"""The plan printout a student takes home: targets, the course table, a timeline, projected
completion and credits, and lines for the student and the advisor to sign."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from advisor.reports import geometry as g
from advisor.reports.documents import Letterhead, PlanPrintData, Signatory
from advisor.reports.page_templates import Unit, build_pdf, diagonal_mark
from advisor.reports.printed_values import credit_hours, hours, long_date, markup, short_date
from advisor.reports.signature_blocks import signature_table
from advisor.reports.student_block import document_opening, student_pairs
from advisor.reports.stylesheet import data_table_style, stylesheet
from advisor.reports.timeline_chart import timeline_drawings

TARGET_COLUMNS = (56 * mm, 28 * mm, 20 * mm, 24 * mm, 26 * mm, 16 * mm)
COURSE_COLUMNS = (7 * mm, 53 * mm, 18 * mm, 14 * mm, 13 * mm, 19 * mm, 19 * mm, 27 * mm)
# One target: no Provider or Toward column (the targets table says both), so titles and dates
# take one line each and a one-program plan, signatures included, fits on one page.
ONE_TARGET_COLUMNS = (7 * mm, 88 * mm, 14 * mm, 13 * mm, 24 * mm, 24 * mm)
ONE_TARGET_ROW = 4.5 * mm  # the timeline's rows, one program (no key, no colours to tell apart)
FIRST_PAGE_ROOM = g.FIRST_FRAME_TOP - g.FRAME_BOTTOM - 4 * mm  # 4 mm for rounding and padding


def _plan_pairs(plan: PlanPrintData) -> list[tuple[str, str]]:
    finish = long_date(plan.finish_date) if plan.finish_date else "nothing left to plan"
    credits = (
        f"{plan.eligible_credits} certified, {plan.pending_credits} pending; "
        f"<b>{plan.projected_credits}</b> projected (cap {plan.credit_cap})"
    )
    return [
        ("Semester", str(plan.semester)),
        (
            "Plan",
            f"version {plan.version}, {markup(plan.status)}"
            + (f" by {markup(plan.approved_by)}" if plan.approved_by else ""),
        ),
        ("Starts", long_date(plan.start_date)),
        ("Study time", f"{plan.hours_per_week:g} hours a week"),
        ("Completion", f"<b>{finish}</b>"),
        ("Graduation", long_date(plan.graduation_date)),
        ("Credit hours", credits),
    ]


def _targets_table(plan: PlanPrintData) -> Table:
    s = stylesheet()
    head = [
        "Target certification",
        "Provider",
        "Courses done",
        "Completion",
        "Counts for",
        "Credits",
    ]
    rows: list[list[object]] = [
        [Paragraph(h, s["CellHeadRight" if i == 5 else "CellHead"]) for i, h in enumerate(head)]
    ]
    for t in plan.targets:
        rows.append(
            [
                Paragraph(markup(t.program), s["Cell"]),
                Paragraph(markup(t.provider), s["Cell"]),
                Paragraph(f"{t.courses_done} of {t.courses_total}", s["Cell"]),
                Paragraph(short_date(t.completion), s["Cell"]),
                Paragraph(markup(t.counts_for or "not counted"), s["Cell"]),
                Paragraph(str(t.credits), s["CellRight"]),
            ]
        )
    rows.append(
        [
            "",
            "",
            "",
            "",
            Paragraph("<b>Projected</b>", s["Cell"]),
            Paragraph(f"<b>{plan.projected_credits}</b>", s["CellRight"]),
        ]
    )
    table = Table(rows, colWidths=TARGET_COLUMNS, repeatRows=1)
    table.setStyle(data_table_style(len(rows), numeric_columns=(5,), total_row=True))
    return table


def _courses_table(plan: PlanPrintData) -> Table:
    s = stylesheet()
    several = len(plan.targets) > 1
    # One target: its provider is in the targets table and every course is toward it.
    keep = range(8) if several else (0, 1, 3, 4, 5, 6)
    head = ["#", "Course", "Provider", "Hours", "Weeks", "Start", "End", "Toward"]
    numeric = {keep.index(3), keep.index(4)}
    rows: list[list[object]] = [
        [
            Paragraph(head[i], s["CellHeadRight" if n in numeric else "CellHead"])
            for n, i in enumerate(keep)
        ]
    ]
    for number, c in enumerate(plan.courses, start=1):
        estimated = " *" if c.hours_estimated else ""
        cells = [
            Paragraph(str(number), s["Cell"]),
            Paragraph(markup(c.course), s["Cell"]),
            Paragraph(markup(c.provider), s["Cell"]),
            Paragraph(hours(c.hours) + estimated, s["CellRight"]),
            Paragraph(str(c.weeks), s["CellRight"]),
            Paragraph(short_date(c.start), s["Cell"]),
            Paragraph(short_date(c.end), s["Cell"]),
            Paragraph(markup(", ".join(_short_program(p) for p in c.programs)), s["Cell"]),
        ]
        rows.append([cells[i] for i in keep])
    total = sum(c.hours for c in plan.courses)
    totals: list[object] = [
        "",
        Paragraph(f"<b>{len(plan.courses)} courses</b>", s["Cell"]),
        "",
        Paragraph(f"<b>{hours(total)}</b>", s["CellRight"]),
        Paragraph(f"<b>{sum(c.weeks for c in plan.courses)}</b>", s["CellRight"]),
        "",
        "",
        "",
    ]
    rows.append([totals[i] for i in keep])
    widths = COURSE_COLUMNS if several else ONE_TARGET_COLUMNS
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(data_table_style(len(rows), numeric_columns=tuple(numeric), total_row=True))
    if not several:  # one line a course: tighter rows keep a 12-course program on one page
        table.setStyle(
            [("TOPPADDING", (0, 1), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5)]
        )
    return table


def _short_program(title: str) -> str:
    """'IBM Data Science Professional Certificate' -> 'IBM Data Science' for a narrow column."""
    for suffix in (" Professional Certificate", " Specialization", " Certificate"):
        if title.endswith(suffix):
            return title[: -len(suffix)]
    return title


def _plan_story(plan: PlanPrintData) -> list[Flowable]:
    s = stylesheet()
    st = plan.student
    story = document_opening(
        "Certification plan" + (" — DRAFT" if plan.status == "draft" else ""),
        f"Printed {long_date(plan.printed_on)}",
        student_pairs(st) + _plan_pairs(plan),
    )
    story += [Paragraph("Targets", s["Heading"]), _targets_table(plan)]
    one_target = len(plan.targets) == 1
    drawings = timeline_drawings(
        plan.courses,
        [t.program for t in plan.targets],
        plan.graduation_date,
        row_height=ONE_TARGET_ROW if one_target else g.TIMELINE_HEIGHT_PER_ROW,
    )
    timeline: list[Flowable] = []
    if drawings:
        timeline += [CondPageBreak(45 * mm), Paragraph("Timeline", s["Heading"])]
        timeline += [KeepTogether([d, Spacer(1, 2 * mm)]) for d in drawings]
    rest = _courses_and_closing(plan)
    if one_target and timeline and _height(story + timeline + rest) > FIRST_PAGE_ROOM:
        # One program's bars only repeat the table's dates: a long program (IBM Data Science
        # has 12 courses) drops the chart so that the plan, signatures and all, is one page.
        timeline = []
    return story + timeline + rest


def _height(story: list[Flowable]) -> float:
    """How tall the story stands in one column (what one page must hold)."""
    scratch = Canvas(BytesIO())  # some flowables measure text on a canvas
    total = 0.0
    for flowable in story:
        if isinstance(flowable, CondPageBreak):
            continue
        if isinstance(flowable, KeepTogether):  # its own wrap() asks for a split, on purpose
            total += _height(list(flowable._content))
            continue
        total += flowable.wrapOn(scratch, g.CONTENT_WIDTH, g.PAGE_HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _courses_and_closing(plan: PlanPrintData) -> list[Flowable]:
    s = stylesheet()
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        Paragraph("Courses, in the order to take them", s["Heading"]),
    ]
    if plan.courses:
        story.append(_courses_table(plan))
        if any(c.hours_estimated for c in plan.courses):
            story.append(
                Paragraph(
                    "* hours estimated: Coursera does not publish them for this course.", s["Small"]
                )
            )
    else:
        story.append(Paragraph("Every course of the targets is already complete.", s["Body"]))
    if plan.warnings:
        story.append(
            KeepTogether(
                [Paragraph("Please note", s["Heading"])]
                + [Paragraph(markup(w), s["Warning"], bulletText="•") for w in plan.warnings]
            )
        )
    story += _closing(plan)
    return story


def _closing(plan: PlanPrintData) -> list[Flowable]:
    """An approved plan ends with the agreement and both signature lines, kept together (never
    a page of signature lines alone); a draft is marked as such and has nothing to sign."""
    s = stylesheet()
    if plan.status == "draft":
        return [
            Spacer(1, 5 * mm),
            Paragraph(
                "<b>DRAFT</b> — this plan is not approved and is not for signature. Approve it "
                "(Plan tab, or <i>plan approve</i>) and print it again to sign.",
                s["Warning"],
            ),
        ]
    agreement = (
        f"We agree on this plan of {plan.hours_per_week:g} hours a week. Credit hours are granted "
        f"only for completed, verified certifications, up to the policy's cap of "
        f"{credit_hours(plan.credit_cap)}."
    )
    people = [Signatory(plan.student.name, "Student"), Signatory(plan.advisor_name, "Advisor")]
    return [
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                Paragraph(agreement, s["Body"]),
                Spacer(1, 4 * mm),
                signature_table(people, g.CONTENT_WIDTH, with_date=True),
            ]
        ),
    ]


DRAFT_MARK = diagonal_mark("DRAFT", 110)


def plan_unit(plan: PlanPrintData) -> Unit:
    st = plan.student
    draft = plan.status == "draft"
    return Unit(
        story=_plan_story(plan),
        running_title=f"Plan of {st.name} ({st.roll_no}), version {plan.version}"
        + (" — DRAFT" if draft else ""),
        footer_note=f"Certification plan · {st.roll_no} · version {plan.version} · "
        + ("DRAFT · " if draft else "")
        + f"printed {long_date(plan.printed_on)}",
        behind_each_page=DRAFT_MARK if draft else None,
    )


def render_plans(plans: Sequence[PlanPrintData], head: Letterhead) -> bytes:
    """Every plan from a fresh first page, each numbered on its own."""
    title = "Certification plan" if len(plans) == 1 else f"{len(plans)} certification plans"
    return build_pdf([plan_unit(p) for p in plans], head, title=title, subject="Certification plan")


def render_plan(plan: PlanPrintData, head: Letterhead) -> bytes:
    return render_plans([plan], head)
