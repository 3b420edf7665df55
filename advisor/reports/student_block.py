"""The student as every document shows them: a shaded block of label/value pairs."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from advisor.reports.documents import StudentFacts
from advisor.reports.printed_values import markup
from advisor.reports.stylesheet import facts_table_style, stylesheet

FACT_COLUMNS = (26 * mm, 59 * mm, 26 * mm, 59 * mm)


def facts_table(pairs: Sequence[tuple[str, str]]) -> Table:
    """Label/value pairs two to a row; values are plain text (escaped here)."""
    s = stylesheet()["Body"]
    cells = [[label, Paragraph(value or "—", s)] for label, value in pairs]
    rows = []
    for i in range(0, len(cells), 2):
        left = cells[i]
        right = cells[i + 1] if i + 1 < len(cells) else ["", ""]
        rows.append([*left, *right])
    table = Table(rows, colWidths=FACT_COLUMNS)
    table.setStyle(facts_table_style())
    return table


def student_pairs(student: StudentFacts) -> list[tuple[str, str]]:
    return [
        ("Name", f"<b>{markup(student.name)}</b>"),
        ("Father's name", markup(student.father_name)),
        ("Roll No.", markup(student.roll_no)),
        ("CNIC", markup(student.cnic)),
        ("Degree", f"{markup(student.degree_title)} ({markup(student.degree)})"),
        ("Intake", markup(student.intake)),
    ]
