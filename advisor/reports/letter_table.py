"""The letter's table of counted certifications, in two densities, and its annex of course
certificates.

Codes and provider names are tokens a receiving office types into a verify page: they never
break inside (a token wider than its column prints smaller instead). Where credit rests on
course certificates, each course's code is listed under the program's line, or in the annex
when the letter would not fit one page with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from advisor.reports.documents import LetterData, LetterLine
from advisor.reports.measured import MeasuredTable
from advisor.reports.printed_values import markup, short_date
from advisor.reports.stylesheet import BOLD, MUTED, REGULAR, ZEBRA, data_table_style, stylesheet

CELL_PADDING = 4  # points each side, as data_table_style sets
SMALLEST_TOKEN_SIZE = 5.5  # a token is printed down to this size before it may overflow
ANNEX_COLUMNS = (6 * mm, 56 * mm, 70 * mm, 38 * mm)
MUTED_HEX = "#" + MUTED.hexval()[2:]


@dataclass(frozen=True)
class Density:
    """How tight the table and the conditions are set. Condensed, a line's requirement title,
    how it was verified and its course codes go in a small row of their own beneath it, so
    that six lines fit one page; names and codes keep their size."""

    name: str
    # #, certification, [provider,] completed, certificate code, requirement, credit hours:
    # 170 mm; condensed, the provider is named in the row beneath
    columns: tuple[float, ...]
    cell_size: float
    cell_leading: float
    note_size: float  # how a line was verified, the course codes
    padding: float
    details_below: bool


NORMAL = Density(
    "normal",
    (6 * mm, 41 * mm, 21 * mm, 20 * mm, 33 * mm, 37 * mm, 12 * mm),
    8.3,
    10.2,
    6.6,
    3,
    details_below=False,
)
COMPACT = Density(
    "compact",
    (6 * mm, 76 * mm, 19 * mm, 33 * mm, 25 * mm, 11 * mm),
    7.4,
    8.8,
    6.2,
    1.6,
    details_below=True,
)


def _style(name: str, size: float, leading: float, *, font: str = REGULAR) -> ParagraphStyle:
    base = stylesheet()["Cell"]
    # Wrap only at spaces: a long word moves to the next line whole, never split mid-token.
    return ParagraphStyle(
        name, parent=base, fontName=font, fontSize=size, leading=leading, splitLongWords=0
    )


def token_size(text: str, font: str, size: float, width: float) -> float:
    """The largest size <= `size` at which every space-separated token of `text` fits `width`."""
    widest = max((stringWidth(t, font, 1) for t in text.split()), default=0.0)
    if widest * size <= width:
        return size
    return max(SMALLEST_TOKEN_SIZE, int(width / widest * 10) / 10) if widest else size


def _fitted(text: str, column: float, size: float, *, font: str = REGULAR) -> str:
    """Markup that prints `text` whole-token at the largest size its column allows."""
    fit = token_size(text, font, size, column - 2 * CELL_PADDING)
    body = markup(text)
    if fit < size:
        body = f'<font size="{fit}">{body}</font>'
    return body


def _note(text: str, d: Density) -> str:
    return f'<font size="{d.note_size}" color="{MUTED_HEX}">{text}</font>'


def _certificate_cell(line: LetterLine, d: Density, codes_inline: bool) -> str:
    if line.certificate:
        code = _fitted(line.certificate, d.columns[-3], d.cell_size, font=BOLD)
        text = f"<b>{code}</b>"
    elif line.courses:
        where = "below" if codes_inline else "annex"
        text = f"{len(line.courses)} courses ({where})"
    else:
        text = "—"
    if line.verified_how and not d.details_below:
        text += "<br/>" + _note(markup(line.verified_how), d)
    return text


def _requirement_cell(line: LetterLine, d: Density) -> str:
    slot = f"<b>{markup(line.slot)}</b>"
    if line.slot_title and not d.details_below:
        slot += f"<br/>{markup(line.slot_title)}"
    return slot


def _details(line: LetterLine, d: Density, codes_inline: bool) -> str:
    """The small row beneath a line: its requirement's title and how it was verified when
    condensed, its course certificates when they are listed on the letter."""
    parts = []
    if d.details_below:
        parts.append(markup(line.provider))
        if line.slot_title:
            parts.append(f"{markup(line.slot)}: {markup(line.slot_title)}")
        if line.verified_how:
            parts.append(f"Verified: {markup(line.verified_how)}")
    text = _note(" · ".join(parts), d) if parts else ""
    if line.courses and codes_inline:
        text += ("<br/>" if text else "") + _note(_course_codes(line), d)
    return text


def _course_codes(line: LetterLine) -> str:
    """'Course certificates: Technical Support Fundamentals 7QX2M9PLK4RT; …' (codes whole)."""
    parts = [
        f"{markup(c.course)} <b>{markup(c.code)}</b>" if c.code else f"{markup(c.course)} (checked)"
        for c in line.courses
    ]
    return "<b>Course certificates:</b> " + "; ".join(parts)


def lines_table(letter: LetterData, d: Density, *, codes_inline: bool) -> Table:
    cell = _style(f"LetterCell{d.name}", d.cell_size, d.cell_leading)
    note = _style(f"LetterNote{d.name}", d.note_size, d.note_size * 1.2)
    provider = not d.details_below
    last = len(d.columns) - 1
    head: list[object] = ["#", "Certification", *(["Provider"] if provider else [])]
    head += [
        "Completed",
        "Certificate code",
        "Requirement",
        "Credit\nhours" if provider else "Credits",
    ]
    rows: list[list[object]] = [head]
    details: list[int] = []
    blank = [""] * (last - 1)
    for i, line in enumerate(letter.lines, start=1):
        row: list[object] = [str(i), Paragraph(markup(line.program), cell)]
        if provider:
            row.append(Paragraph(_fitted(line.provider, d.columns[2], d.cell_size), cell))
        row += [
            short_date(line.completed_on),
            Paragraph(_certificate_cell(line, d, codes_inline), cell),
            Paragraph(_requirement_cell(line, d), cell),
            str(line.credits),
        ]
        rows.append(row)
        below = _details(line, d, codes_inline)
        if below:
            details.append(len(rows))
            rows.append(["", Paragraph(below, note), *blank])
    rows.append(["", "Total credit hours", *blank[1:], str(letter.total_credits)])
    table = MeasuredTable(rows, colWidths=d.columns, repeatRows=1)
    style = data_table_style(len(rows), numeric_columns=(last,), total_row=True)
    style.add("SPAN", (1, len(rows) - 1), (last - 1, len(rows) - 1))
    style.add("FONTSIZE", (0, 1), (-1, -1), d.cell_size)
    style.add("LEADING", (0, 1), (-1, -1), d.cell_leading)
    style.add("TOPPADDING", (0, 0), (-1, -1), d.padding)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), d.padding)
    number = 0
    for at in range(1, len(rows) - 1):
        if at not in details:
            number += 1
        band = ZEBRA if number % 2 == 0 else colors.white
        style.add("BACKGROUND", (0, at), (-1, at), band)
        if at in details:
            # the details belong to the line above: its band, its rule painted over
            style.add("SPAN", (1, at), (last - 1, at))
            style.add("LINEBELOW", (0, at - 1), (-1, at - 1), 0.6, band)
            style.add("TOPPADDING", (0, at), (-1, at), 0)
    table.setStyle(style)
    return table


def has_course_codes(letter: LetterData) -> bool:
    return any(line.courses for line in letter.lines)


def annex(letter: LetterData) -> list[Flowable]:
    """Every course certificate the letter's credit rests on, under the letter's reference and
    verification code (the running header and the footer carry them too)."""
    s = stylesheet()
    cell = _style("AnnexCell", 8, 10)
    rows: list[list[object]] = [["#", "Certification", "Course", "Certificate code"]]
    for i, line in enumerate(letter.lines, start=1):
        for course in line.courses:
            code = _fitted(course.code, ANNEX_COLUMNS[3], 8, font=BOLD) or "checked by a person"
            rows.append(
                [
                    str(i),
                    Paragraph(markup(line.program), cell),
                    Paragraph(markup(course.course), cell),
                    Paragraph(f"<b>{code}</b>" if course.code else code, cell),
                ]
            )
    table = Table(rows, colWidths=ANNEX_COLUMNS, repeatRows=1)
    table.setStyle(data_table_style(len(rows)))
    intro = (
        f"Annex to letter <b>{markup(letter.reference)}</b> (verification code "
        f"<b>{markup(letter.verification_code)}</b>): the course certificates on which the "
        "credit of each certification rests, where no program certificate is recorded."
    )
    return [
        Paragraph("Annex: course certificates", s["Heading"]),
        Paragraph(intro, s["Body"]),
        table,
    ]
