"""The student as every document shows them: a shaded block of label/value pairs."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from advisor.reports.documents import StudentFacts
from advisor.reports.measured import MeasuredTable
from advisor.reports.mixed_script import paragraph
from advisor.reports.printed_values import markup
from advisor.reports.stylesheet import BOLD, REGULAR, facts_table_style, stylesheet

FACT_COLUMNS = (26 * mm, 59 * mm, 26 * mm, 59 * mm)
VALUE_FITS = 59 * mm - 8  # the column less its padding


def facts_table(pairs: Sequence[tuple[str, str]]) -> Table:
    """Label/value pairs two to a row; values are plain text (escaped here)."""
    s = stylesheet()["Body"]
    # "<b>plain</b>" prints as a bold string cell: no paragraph needed.
    bold = {
        i
        for i, (_, v) in enumerate(pairs)
        if v.startswith("<b>") and v.endswith("</b>") and v.count("<") == 2
    }
    cells = [
        [label, _cell((v[3:-4] if i in bold else v) or "—", s, bold=i in bold)]
        for i, (label, v) in enumerate(pairs)
    ]
    rows = []
    for i in range(0, len(cells), 2):
        left = cells[i]
        right = cells[i + 1] if i + 1 < len(cells) else ["", ""]
        rows.append([*left, *right])
    table = MeasuredTable(rows, colWidths=FACT_COLUMNS)
    style = facts_table_style()
    for r, row in enumerate(rows):
        for c in (1, 3):
            if isinstance(row[c], str) and r * 2 + c // 2 in bold:
                style.add("FONTNAME", (c, r), (c, r), BOLD)
    table.setStyle(style)
    return table


def _cell(value: str, style: ParagraphStyle, *, bold: bool) -> object:
    """Short plain text goes in as a string (cheap: a batch prints thousands); markup or text
    too wide for the column goes in as a wrapping Paragraph."""
    font = BOLD if bold else REGULAR
    if (
        "<" not in value
        and "&" not in value
        and stringWidth(value, font, style.fontSize) < VALUE_FITS
    ):
        return value
    return paragraph(f"<b>{value}</b>" if bold else value, style)


def student_pairs(student: StudentFacts) -> list[tuple[str, str]]:
    return [
        ("Name", f"<b>{markup(student.name)}</b>"),
        ("Father's name", markup(student.father_name)),
        ("Roll No.", markup(student.roll_no)),
        ("CNIC", markup(student.cnic)),
        ("Degree", f"{markup(student.degree_title)} ({markup(student.degree)})"),
        ("Intake", markup(student.intake)),
    ]


def document_opening(title: str, note: str, pairs: Sequence[tuple[str, str]]) -> list[Flowable]:
    """How a report or printout begins: its title, a small dated note, the facts block."""
    s = stylesheet()
    return [
        Paragraph(title, s["Title"]),
        Paragraph(note, s["Small"]),
        Spacer(1, 3 * mm),
        facts_table(pairs),
    ]
