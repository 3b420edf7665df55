"""Signature blocks: room for a signature and stamp, a line, the name and title beneath."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from advisor.reports import geometry as g
from advisor.reports.documents import Signatory
from advisor.reports.mixed_script import paragraph
from advisor.reports.printed_values import markup
from advisor.reports.stylesheet import INK, stylesheet

SIGNING_SPACE = 13 * mm


class _SignatureLine(Flowable):
    """A centred rule of the house signature width, with signing space above it."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self._width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        return available_width, SIGNING_SPACE

    def draw(self) -> None:
        line = min(g.SIGNATURE_LINE_WIDTH, self._width)
        left = (self._width - line) / 2
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.7)
        self.canv.line(left, 0, left + line, 0)


def signature_table(
    signatories: Sequence[Signatory], width: float, *, with_date: bool = False
) -> Table:
    """Up to three blocks a row, one per signatory."""
    s = stylesheet()["Signature"]
    people = list(signatories) or [Signatory("", "Authorised signatory")]
    per_row = min(3, len(people))
    column = width / per_row
    cells: list[object] = []
    for person in people:
        text = (
            f"<b>{markup(person.name)}</b><br/>{markup(person.title)}"
            if person.name
            else markup(person.title)
        )
        if with_date:
            text += "<br/>Date: ______________"
        cells.append([_SignatureLine(column), paragraph(text, s)])
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    table = Table(rows, colWidths=[column] * per_row)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
