"""The credit-eligibility letter (DESIGN.md §6): one A4 page normally, numbered, signed,
tamper-evident through its QR code and printed verification code."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from advisor.reports import geometry as g
from advisor.reports.documents import LetterData, Letterhead
from advisor.reports.page_templates import PageHook, Unit, build_pdf
from advisor.reports.printed_values import credit_hours, long_date, markup, short_date
from advisor.reports.qr_drawing import draw_qr
from advisor.reports.signature_blocks import signature_table
from advisor.reports.student_block import facts_table, student_pairs
from advisor.reports.stylesheet import (
    BOLD,
    INK,
    MUTED,
    REGULAR,
    WATERMARK,
    data_table_style,
    stylesheet,
)

# #, certification, provider, completed, certificate, requirement, credit hours (170 mm).
LINE_COLUMNS = (6 * mm, 41 * mm, 22 * mm, 20 * mm, 25 * mm, 42 * mm, 14 * mm)
DUPLICATE_RED = (0.7, 0.1, 0.1)


def _reference_row(letter: LetterData) -> Table:
    s = stylesheet()
    ref = f"<b>Ref. No.</b> {markup(letter.reference)}"
    if letter.duplicate:
        ref += '   <font color="#b31a1a"><b>DUPLICATE COPY</b></font>'
    table = Table(
        [[Paragraph(ref, s["Body"]), Paragraph(f"<b>Date:</b> {long_date(letter.issued_on)}", s["Body"])]],
        colWidths=(g.CONTENT_WIDTH * 0.7, g.CONTENT_WIDTH * 0.3),
    )
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _lines_table(letter: LetterData) -> Table:
    s = stylesheet()
    head = ["#", "Certification", "Provider", "Completed", "Certificate code", "Requirement", "Credit hours"]
    rows: list[list[object]] = [[Paragraph(h, s["CellHeadRight" if i == 6 else "CellHead"]) for i, h in enumerate(head)]]
    for i, line in enumerate(letter.lines, start=1):
        slot = f"<b>{markup(line.slot)}</b>"
        if line.slot_title:
            slot += f"<br/>{markup(line.slot_title)}"
        rows.append([
            Paragraph(str(i), s["Cell"]),
            Paragraph(markup(line.program), s["Cell"]),
            Paragraph(markup(line.provider), s["Cell"]),
            Paragraph(short_date(line.completed_on), s["Cell"]),
            # A code breaks anywhere; a note ("course certificates on file") wraps at spaces.
            Paragraph(markup(line.certificate) or "—", s["Cell" if " " in line.certificate else "CellCode"]),
            Paragraph(slot, s["Cell"]),
            Paragraph(str(line.credits), s["CellRight"]),
        ])
    rows.append(["", Paragraph("<b>Total credit hours</b>", s["Cell"]), "", "", "", "",
                 Paragraph(f"<b>{letter.total_credits}</b>", s["CellRight"])])
    table = Table(rows, colWidths=LINE_COLUMNS, repeatRows=1)
    style = data_table_style(len(rows), numeric_columns=(6,), total_row=True)
    style.add("SPAN", (1, len(rows) - 1), (5, len(rows) - 1))
    table.setStyle(style)
    return table


def _conditions(letter: LetterData) -> list[Flowable]:
    s = stylesheet()
    policy = f" for the {markup(letter.student.intake)} intake" if letter.student.intake else ""
    if letter.policy_year:
        policy += f" (credit policy of catalog year {letter.policy_year})"
    items = [
        f"The {credit_hours(letter.total_credits)} above are to be recorded on the transcript as "
        "<b>transferred credit</b> (TR) toward the degree named above.",
        "Transferred credit <b>does not enter the CGPA</b>; no grade points are awarded for it.",
        f"The credit is granted under the department's credit policy{policy}, in line with HEC's "
        "advisory of September 2025 on industry certifications; it does not exceed that policy's cap.",
        "Each certification was verified by the department against its certificate or by an "
        "authorised person. This letter is void if it has been altered or revoked in the register.",
    ]
    out: list[Flowable] = [Paragraph("Conditions", s["Heading"])]
    out += [Paragraph(text, s["Condition"], bulletText=f"{i}.") for i, text in enumerate(items, 1)]
    return out


def _letter_story(letter: LetterData, head: Letterhead) -> list[Flowable]:
    s = stylesheet()
    st = letter.student
    parentage = f" {markup(st.parentage)}" if st.parentage else ""
    addressee = f"To,<br/>{markup(letter.addressee)},<br/>{markup(head.name)}."
    subject = (f"Subject: Credit-eligibility of industry certifications — {markup(st.name)} "
               f"({markup(st.roll_no)})")
    body = (
        f"This is to certify that <b>{markup(st.name)}</b>{parentage}, Roll No. "
        f"<b>{markup(st.roll_no)}</b>, a student of {markup(st.degree_title)} ({markup(st.intake)} "
        "intake), has completed the following industry certifications through the HEC–Coursera "
        "Digital Learning &amp; Skills Enrichment Initiative. The department has verified them and "
        f"finds them eligible for <b>{credit_hours(letter.total_credits)}</b> toward the degree, "
        "as set out below."
    )
    story: list[Flowable] = [
        _reference_row(letter),
        Spacer(1, 3 * mm),
        Paragraph(addressee, s["Addressee"]),
        Paragraph(subject, s["Subject"]),
        Paragraph("Sir/Madam,", s["Body"]),
        Spacer(1, 2 * mm),
        Paragraph(body, s["BodyJustified"]),
        Spacer(1, 2 * mm),
        facts_table(student_pairs(letter.student)),
        Spacer(1, 3 * mm),
        _lines_table(letter),
        Spacer(1, 1 * mm),
    ]
    story += _conditions(letter)
    story += [CondPageBreak(36 * mm), Spacer(1, 6 * mm),
              KeepTogether([signature_table(head.signatories, g.CONTENT_WIDTH)])]
    return story


def _watermark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFont(BOLD, 92)
    canvas.translate(g.PAGE_WIDTH / 2, g.PAGE_HEIGHT / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -30, "DUPLICATE")
    canvas.restoreState()


def _verification_block(letter: LetterData) -> PageHook:
    def draw(canvas: Canvas) -> None:
        x = g.MARGIN_LEFT
        y = g.MARGIN_BOTTOM + 7 * mm
        draw_qr(canvas, letter.qr_payload, g.PAGE_WIDTH - g.MARGIN_RIGHT - g.QR_SIZE, y - 2 * mm, g.QR_SIZE)
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(x, y + 18 * mm, "VERIFICATION")
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 13)
        canvas.drawString(x, y + 12 * mm, letter.verification_code)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        text = canvas.beginText(x, y + 7.5 * mm)
        text.setLeading(9.5)
        text.textLine(f"Registered as {letter.reference} in the department's letter register.")
        text.textLine("To check this letter, give its reference and verification code to the department")
        text.textLine("office; the code is checked offline against the register (scan the QR code).")
        if letter.duplicate:
            text.setFillColorRGB(*DUPLICATE_RED)
            text.textLine("DUPLICATE: a reprint of the letter issued on " + long_date(letter.issued_on) + ".")
        canvas.drawText(text)
        canvas.restoreState()

    return draw


def letter_unit(letter: LetterData, head: Letterhead) -> Unit:
    return Unit(
        story=_letter_story(letter, head),
        running_title=f"{letter.reference} — {letter.student.name} (continued)",
        footer_note=f"{letter.reference} · {letter.student.roll_no}"
        + (" · DUPLICATE" if letter.duplicate else ""),
        behind_each_page=_watermark if letter.duplicate else None,
        on_last_page=_verification_block(letter),
        number_single_page=False,
    )


def render_letters(letters: Sequence[LetterData], head: Letterhead) -> bytes:
    """Many letters in one PDF for the printer; each starts on a new page with the letterhead."""
    units = [letter_unit(letter, head) for letter in letters]
    title = letters[0].reference if len(letters) == 1 else f"{len(letters)} credit-eligibility letters"
    return build_pdf(units, head, title=title, subject="Credit-eligibility letter",
                     frame_bottom=g.LETTER_FRAME_BOTTOM)


def render_letter(letter: LetterData, head: Letterhead) -> bytes:
    """Plain data in, PDF bytes out: no database, no Qt."""
    return render_letters([letter], head)
