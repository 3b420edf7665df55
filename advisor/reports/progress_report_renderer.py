"""One student's progress report: every requirement slot and certification program with its
status and reason, and the credit hours certified and pending."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from advisor.reports.documents import Letterhead, ProgressReportData
from advisor.reports.page_templates import Unit, build_pdf
from advisor.reports.printed_values import long_date, markup, short_date
from advisor.reports.student_block import document_opening, student_pairs
from advisor.reports.stylesheet import data_table_style, stylesheet

REQUIREMENT_COLUMNS = (26 * mm, 42 * mm, 16 * mm, 22 * mm, 64 * mm)
PROGRAM_COLUMNS = (48 * mm, 22 * mm, 16 * mm, 16 * mm, 19 * mm, 22 * mm, 27 * mm)
STATUS_WORDS = {
    "satisfied": '<font color="#2f855a"><b>satisfied</b></font>',
    "pending": '<font color="#b7791f"><b>pending</b></font>',
    "unsatisfied": '<font color="#9b2c2c">not yet</font>',
    "waived": "waived",
    "completed": '<font color="#2f855a"><b>completed</b></font>',
    "in_progress": '<font color="#b7791f">in progress</font>',
    "not_started": "not started",
}


def _requirements(report: ProgressReportData) -> Table:
    s = stylesheet()
    head = ["Requirement", "Title", "Credits", "Status", "Filled by / why"]
    rows: list[list[object]] = [
        [Paragraph(h, s["CellHeadRight" if i == 2 else "CellHead"]) for i, h in enumerate(head)]
    ]
    for r in report.requirements:
        filled = ", ".join(r.satisfied_by)
        detail = (f"<b>{markup(filled)}</b><br/>" if filled else "") + markup(r.reason)
        rows.append(
            [
                Paragraph(f"<b>{markup(r.slot)}</b><br/>{markup(r.kind)}", s["Cell"]),
                Paragraph(markup(r.title), s["Cell"]),
                Paragraph(str(r.credits), s["CellRight"]),
                Paragraph(STATUS_WORDS.get(r.status, markup(r.status)), s["Cell"]),
                Paragraph(detail, s["Cell"]),
            ]
        )
    table = Table(rows, colWidths=REQUIREMENT_COLUMNS, repeatRows=1)
    table.setStyle(data_table_style(len(rows), numeric_columns=(2,)))
    return table


def _programs(report: ProgressReportData) -> Table:
    s = stylesheet()
    head = ["Certification", "Status", "Courses", "Verified", "Completed", "Credits", "Counts for"]
    rows: list[list[object]] = [
        [Paragraph(h, s["CellHeadRight" if i == 5 else "CellHead"]) for i, h in enumerate(head)]
    ]
    for p in report.programs:
        credit = str(p.credits) + (f" {p.credit_status}" if p.credits and p.credit_status else "")
        rows.append(
            [
                Paragraph(
                    f"{markup(p.program)}<br/>"
                    f"<font size='7' color='#52606d'>{markup(p.reason)}</font>",
                    s["Cell"],
                ),
                Paragraph(STATUS_WORDS.get(p.status, markup(p.status)), s["Cell"]),
                Paragraph(f"{p.courses_done} of {p.courses_required}", s["Cell"]),
                Paragraph("yes" if p.verified else "no", s["Cell"]),
                Paragraph(short_date(p.completed_on), s["Cell"]),
                Paragraph(credit, s["CellRight"]),
                Paragraph(markup(p.counted_for or "—"), s["Cell"]),
            ]
        )
    table = Table(rows, colWidths=PROGRAM_COLUMNS, repeatRows=1)
    table.setStyle(data_table_style(len(rows), numeric_columns=(5,)))
    return table


def _progress_story(report: ProgressReportData) -> list[Flowable]:
    s = stylesheet()
    policy = f"catalog year {report.policy_year}" if report.policy_year else "no credit policy"
    pairs = student_pairs(report.student) + [
        ("Semester", str(report.semester)),
        ("Policy", markup(policy)),
        ("Certified", f"<b>{report.eligible_credits}</b> credit hours"),
        ("Pending", f"{report.pending_credits} credit hours (cap {report.credit_cap})"),
    ]
    story = document_opening(
        "Certification progress report", f"As of {long_date(report.printed_on)}", pairs
    )
    if report.policy_note:
        story += [Spacer(1, 1.5 * mm), Paragraph(markup(report.policy_note), s["Small"])]
    story += [Paragraph("Requirements of the credit policy", s["Heading"])]
    story.append(
        _requirements(report)
        if report.requirements
        else Paragraph("The degree has no credit policy yet.", s["Body"])
    )
    story += [Paragraph("Certification programs", s["Heading"])]
    story.append(
        _programs(report)
        if report.programs
        else Paragraph("No certification program has been started.", s["Body"])
    )
    story += [
        Spacer(1, 3 * mm),
        Paragraph(
            "Certified credit hours come from completed certifications whose certificates are "
            "verified; pending credit hours become certified once the department verifies the "
            "certificate.",
            s["Small"],
        ),
    ]
    return story


def render_progress_reports(reports: Sequence[ProgressReportData], head: Letterhead) -> bytes:
    units = [
        Unit(
            story=_progress_story(r),
            running_title=f"Progress of {r.student.name} ({r.student.roll_no})",
            footer_note=f"Progress report · {r.student.roll_no} · {long_date(r.printed_on)}",
        )
        for r in reports
    ]
    return build_pdf(units, head, title="Certification progress report", subject="Progress report")


def render_progress_report(report: ProgressReportData, head: Letterhead) -> bytes:
    return render_progress_reports([report], head)
