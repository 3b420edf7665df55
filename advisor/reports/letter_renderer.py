"""The credit-eligibility letter (DESIGN.md §6): one A4 page normally, numbered, signed,
tamper-evident through its QR code and printed verification code."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from advisor.reports import geometry as g
from advisor.reports.documents import LetterData, Letterhead
from advisor.reports.page_templates import PageHook, Unit, build_pdf
from advisor.reports.printed_values import credit_hours, long_date, markup, short_date
from advisor.reports.qr_drawing import draw_qr, qr_rows
from advisor.reports.shared_block import SharedBlock
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
SHARED_TABLE_MAX_LINES = 4  # taller tables may need to run onto a next page


class _ReferenceLine(Flowable):
    """'Ref. No. …' on the left, 'Date: …' on the right: drawn directly, it is on every letter."""

    HEIGHT = 12

    def __init__(self, letter: LetterData) -> None:
        super().__init__()
        self._letter = letter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.HEIGHT

    def draw(self) -> None:
        c, letter, y = self.canv, self._letter, 3
        c.setFillColor(INK)
        c.setFont(BOLD, 9.5)
        c.drawString(0, y, "Ref. No.")
        c.setFont(REGULAR, 9.5)
        x = stringWidth("Ref. No. ", BOLD, 9.5)
        c.drawString(x, y, letter.reference)
        if letter.duplicate:
            c.setFillColorRGB(*DUPLICATE_RED)
            c.setFont(BOLD, 9.5)
            c.drawString(
                x + stringWidth(letter.reference + "   ", REGULAR, 9.5), y, "DUPLICATE COPY"
            )
            c.setFillColor(INK)
        date_text = long_date(letter.issued_on)
        c.setFont(REGULAR, 9.5)
        c.drawRightString(self.width, y, date_text)
        c.setFont(BOLD, 9.5)
        c.drawRightString(self.width - stringWidth(" " + date_text, REGULAR, 9.5), y, "Date:")


def _lines_table(letter: LetterData) -> Table:
    # Plain strings where nothing needs wrapping: a batch lays out thousands of these cells.
    s = stylesheet()
    head: list[object] = [
        "#",
        "Certification",
        "Provider",
        "Completed",
        "Certificate\ncode",
        "Requirement",
        "Credit\nhours",
    ]
    rows: list[list[object]] = [head]
    for i, line in enumerate(letter.lines, start=1):
        slot = f"<b>{markup(line.slot)}</b>"
        if line.slot_title:
            slot += f"<br/>{markup(line.slot_title)}"
        rows.append(
            [
                str(i),
                Paragraph(markup(line.program), s["Cell"]),
                Paragraph(markup(line.provider), s["Cell"]),
                short_date(line.completed_on),
                # A code breaks anywhere; a note ("course certificates on file") wraps at spaces.
                Paragraph(
                    markup(line.certificate) or "—",
                    s["Cell" if " " in line.certificate else "CellCode"],
                ),
                Paragraph(slot, s["Cell"]),
                str(line.credits),
            ]
        )
    rows.append(["", "Total credit hours", "", "", "", "", str(letter.total_credits)])
    table = Table(rows, colWidths=LINE_COLUMNS, repeatRows=1)
    style = data_table_style(len(rows), numeric_columns=(6,), total_row=True)
    style.add("SPAN", (1, len(rows) - 1), (5, len(rows) - 1))
    table.setStyle(style)
    return table


def _certifications(letter: LetterData) -> Flowable:
    """The table, shared by every letter of the batch that certifies the same programs (a cohort
    repeats a few combinations); a long table stays a plain one so it can run onto a next page."""
    if len(letter.lines) > SHARED_TABLE_MAX_LINES:
        return _lines_table(letter)
    return SharedBlock(
        "lines" + repr((letter.lines, letter.total_credits)), lambda: [_lines_table(letter)]
    )


def _conditions(letter: LetterData) -> SharedBlock:
    policy = f" for the {markup(letter.student.intake)} intake" if letter.student.intake else ""
    if letter.policy_year:
        policy += f" (credit policy of catalog year {letter.policy_year})"
    items = (
        f"The {credit_hours(letter.total_credits)} above are to be recorded on the transcript as "
        "<b>transferred credit</b> (TR) toward the degree named above.",
        "Transferred credit <b>does not enter the CGPA</b>; no grade points are awarded for it.",
        f"The credit is granted under the department's credit policy{policy}, in line with HEC's "
        "advisory of September 2025 on industry certifications; it does not exceed that policy's "
        "cap.",
        "Each certification was verified by the department against its certificate or by an "
        "authorised person. This letter is void if it has been altered or revoked in the register.",
    )

    def build() -> list[Flowable]:
        s = stylesheet()
        return [Paragraph("Conditions", s["Heading"])] + [
            Paragraph(text, s["Condition"], bulletText=f"{i}.") for i, text in enumerate(items, 1)
        ]

    return SharedBlock("conditions" + "|".join(items), build)


def _superseding(letter: LetterData) -> list[Flowable]:
    if not letter.supersedes:
        return []
    replaced = ", ".join(markup(ref) for ref in letter.supersedes)
    text = (
        f"This letter <b>supersedes letter {replaced}</b>, which is withdrawn: it certifies the "
        "credit hours of that letter together with any earned since."
    )
    return [Spacer(1, 1.5 * mm), Paragraph(text, stylesheet()["BodyJustified"])]


def _letter_story(letter: LetterData, head: Letterhead) -> list[Flowable]:
    s = stylesheet()
    st = letter.student
    parentage = f" {markup(st.parentage)}" if st.parentage else ""
    addressee = f"To,<br/>{markup(letter.addressee)},<br/>{markup(head.name)}."
    subject = (
        f"Subject: Credit-eligibility of industry certifications — {markup(st.name)} "
        f"({markup(st.roll_no)})"
    )
    body = (
        f"This is to certify that <b>{markup(st.name)}</b>{parentage}, Roll No. "
        f"<b>{markup(st.roll_no)}</b>, a student of {markup(st.degree_title)} ({markup(st.intake)} "
        "intake), has completed the following industry certifications through the HEC–Coursera "
        "Digital Learning &amp; Skills Enrichment Initiative. The department has verified them and "
        f"finds them eligible for <b>{credit_hours(letter.total_credits)}</b> toward the degree, "
        "as set out below."
    )
    people = head.signatories
    story: list[Flowable] = [
        _ReferenceLine(letter),
        Spacer(1, 3 * mm),
        SharedBlock("addressee" + addressee, lambda: [Paragraph(addressee, s["Addressee"])]),
        Paragraph(subject, s["Subject"]),
        SharedBlock("salutation", lambda: [Paragraph("Sir/Madam,", s["Body"])]),
        Spacer(1, 2 * mm),
        Paragraph(body, s["BodyJustified"]),
        *_superseding(letter),
        Spacer(1, 2 * mm),
        facts_table(student_pairs(letter.student)),
        Spacer(1, 3 * mm),
        _certifications(letter),
        Spacer(1, 1 * mm),
        _conditions(letter),
        CondPageBreak(36 * mm),
        Spacer(1, 6 * mm),
        SharedBlock(
            "signatures" + repr(people), lambda: [signature_table(people, g.CONTENT_WIDTH)]
        ),
    ]
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
        _attach_seal(canvas, letter.qr_payload)
        draw_qr(
            canvas,
            qr_rows(letter.qr_payload),
            g.PAGE_WIDTH - g.MARGIN_RIGHT - g.QR_SIZE,
            y - 2 * mm,
            g.QR_SIZE,
        )
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
        text.textLine(
            "The QR code carries this letter's content signed with the institution's key: any"
        )
        text.textLine("office holding the institution's public key checks it offline with Sanad.")
        if letter.duplicate:
            text.setFillColorRGB(*DUPLICATE_RED)
            text.textLine(
                "DUPLICATE: a reprint of the letter issued on " + long_date(letter.issued_on) + "."
            )
        canvas.drawText(text)
        canvas.restoreState()

    return draw


def _attach_seal(canvas: Canvas, seal: str) -> None:
    """The seal as a hidden annotation too, so `letter verify --pdf` reads it without a scan."""
    # each annotation needs its own object name in the PDF: the page number gives one
    name = f"SanadSeal{canvas.getPageNumber()}"
    canvas.textAnnotation(seal, Rect=(0, 0, 1, 1), F=2, name=name)


def letter_unit(letter: LetterData, head: Letterhead) -> Unit:
    return Unit(
        story=_letter_story(letter, head),
        running_title=f"{letter.reference} — {letter.student.name} (continued)",
        footer_note=f"{letter.reference} · {letter.student.roll_no}"
        + (" · DUPLICATE" if letter.duplicate else "")
        + (f" · signed with key {letter.key_fingerprint}" if letter.key_fingerprint else ""),
        behind_each_page=_watermark if letter.duplicate else None,
        on_last_page=_verification_block(letter),
        number_single_page=False,
    )


def render_letters(letters: Sequence[LetterData], head: Letterhead) -> bytes:
    """Many letters in one PDF for the printer; each starts on a new page with the letterhead."""
    units = [letter_unit(letter, head) for letter in letters]
    title = (
        letters[0].reference if len(letters) == 1 else f"{len(letters)} credit-eligibility letters"
    )
    return build_pdf(
        units,
        head,
        title=title,
        subject="Credit-eligibility letter",
        frame_bottom=g.LETTER_FRAME_BOTTOM,
    )


def render_letter(letter: LetterData, head: Letterhead) -> bytes:
    """Plain data in, PDF bytes out: no database, no Qt."""
    return render_letters([letter], head)
