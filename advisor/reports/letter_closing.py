"""The end of a letter, one block that never splits: the signatories on the left, the
verification code and how to check it beneath them, the QR code on the right.

It is a flowable at the end of the letter (not a drawing on the last page's bottom margin), so
the signatures, the code and the QR code always stand together with the letter's text: a page
with nothing signed on it cannot be the letter's only page, and a long letter ends with them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from advisor.reports import geometry as g
from advisor.reports.documents import LetterData, Signatory
from advisor.reports.printed_values import long_date
from advisor.reports.qr_drawing import draw_qr, qr_rows
from advisor.reports.shared_block import BlockCache
from advisor.reports.signature_blocks import signature_table
from advisor.reports.stylesheet import BOLD, INK, MUTED, REGULAR

DUPLICATE_RED = (0.7, 0.1, 0.1)
CODE_SIZE = 12.5
NOTE_SIZE = 7.2
NOTE_LEADING = 8.8
VERIFY_TEXT_HEIGHT = 17 * mm  # label, code and three lines of how to check it
SIGNATURES_TO_CODE = 2 * mm


def signatories_of(letter: LetterData, fallback: tuple[Signatory, ...]) -> tuple[Signatory, ...]:
    """The degree's signatories when the letter names them, else the institution's."""
    return letter.signatories or fallback


class ClosingBlock(Flowable):
    def __init__(
        self, letter: LetterData, signatories: tuple[Signatory, ...], blocks: BlockCache
    ) -> None:
        super().__init__()
        self._letter = letter
        people = list(signatories)
        self._signatures = blocks.block(
            "signatures" + repr(people), lambda: [signature_table(people, self._left_width)]
        )
        self._left_width = 0.0
        self._signatures_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._left_width = available_width - g.QR_SIZE - g.QR_GAP
        _, self._signatures_height = self._signatures.wrap(self._left_width, available_height)
        left = self._signatures_height + SIGNATURES_TO_CODE + VERIFY_TEXT_HEIGHT
        if self._letter.duplicate:
            left += NOTE_LEADING
        self.height = max(left, g.QR_SIZE)
        return self.width, self.height

    def draw(self) -> None:
        c, letter = self.canv, self._letter
        self._signatures.drawOn(c, 0, self.height - self._signatures_height)
        attach_seal(c, letter.qr_payload)
        draw_qr(c, qr_rows(letter.qr_payload), self.width - g.QR_SIZE, 0, g.QR_SIZE)
        c.saveState()
        top = self.height - self._signatures_height - SIGNATURES_TO_CODE
        c.setFillColor(MUTED)
        c.setFont(REGULAR, NOTE_SIZE)
        c.drawString(0, top - 2.6 * mm, "VERIFICATION CODE")
        c.setFillColor(INK)
        c.setFont(BOLD, CODE_SIZE)
        c.drawString(0, top - 7.6 * mm, letter.verification_code)
        text = c.beginText(0, top - 11 * mm)
        text.setFont(REGULAR, NOTE_SIZE)
        text.setLeading(NOTE_LEADING)
        text.setFillColor(MUTED)
        text.textLine(f"Registered as {letter.reference} in the department's letter register.")
        text.textLine("The QR code carries this letter's content signed with the institution's")
        text.textLine("key: any office holding its public key checks it offline with Sanad.")
        if letter.duplicate:
            text.setFillColorRGB(*DUPLICATE_RED)
            text.textLine(
                "DUPLICATE: a reprint of the letter issued on " + long_date(letter.issued_on) + "."
            )
        c.drawText(text)
        c.restoreState()


def attach_seal(canvas: Canvas, seal: str) -> None:
    """The seal as a hidden annotation too, so `letter verify --pdf` reads it without a scan."""
    # each annotation needs its own object name in the PDF: the page number gives one
    name = f"SanadSeal{canvas.getPageNumber()}"
    canvas.textAnnotation(seal, Rect=(0, 0, 1, 1), F=2, name=name)


def footer_note(letter: LetterData) -> str:
    """Every page of a letter names it: a page cannot be swapped into another letter unseen."""
    note = f"{letter.reference} · verification code {letter.verification_code}"
    note += f" · {letter.student.roll_no}"
    return note + (" · DUPLICATE" if letter.duplicate else "")


def footer_small(letter: LetterData) -> str:
    return f"Signed with key {letter.key_fingerprint}" if letter.key_fingerprint else ""
