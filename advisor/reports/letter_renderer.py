"""The credit-eligibility letter (DESIGN.md §6): one A4 page for up to six lines, numbered,
signed, tamper-evident through its QR code and printed verification code.

A letter is laid out at the normal density when it fits one page, else condensed (the table and
the conditions, never the names), else with its course certificate codes moved to an annex;
only then does it run onto more pages, and its closing block (signatures, code, QR) always ends
it, with the conditions, on the last page of the letter itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from advisor.reports import geometry as g
from advisor.reports.documents import LetterData, Letterhead
from advisor.reports.letter_closing import (
    DUPLICATE_RED,
    ClosingBlock,
    footer_note,
    footer_small,
    signatories_of,
)
from advisor.reports.letter_table import (
    COMPACT,
    NORMAL,
    Density,
    annex,
    has_course_codes,
    lines_table,
)
from advisor.reports.letter_wording import fill, wording_of
from advisor.reports.measured import MeasuredParagraph
from advisor.reports.mixed_script import shaped_style
from advisor.reports.page_templates import Unit, build_pdf, diagonal_mark
from advisor.reports.printed_values import long_date, markup
from advisor.reports.shared_block import BlockCache
from advisor.reports.student_block import facts_table, student_pairs
from advisor.reports.stylesheet import BOLD, INK, REGULAR, stylesheet

SHARED_TABLE_MAX_LINES = 4  # taller tables may need to run onto a next page
FIT_MARGIN = 1.5 * mm  # measured layouts are trusted only with this much room to spare


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


def _certifications(
    letter: LetterData, d: Density, codes_inline: bool, blocks: BlockCache
) -> Flowable:
    """The table, shared by every letter of the batch that certifies the same programs (a cohort
    repeats a few combinations); a long table stays a plain one so it can run onto a next page."""
    if len(letter.lines) > SHARED_TABLE_MAX_LINES:
        return lines_table(letter, d, codes_inline=codes_inline)
    key = repr((letter.lines, letter.total_credits, d.name, codes_inline))
    return blocks.block("lines" + key, lambda: [lines_table(letter, d, codes_inline=codes_inline)])


def _condition_style(d: Density) -> ParagraphStyle:
    base = stylesheet()["Condition"]
    if d is NORMAL:
        return base
    return ParagraphStyle("ConditionCompact", parent=base, fontSize=7.6, leading=9.3)


def _conditions(letter: LetterData, d: Density, blocks: BlockCache) -> Flowable:
    items = tuple(fill(text, letter) for text in wording_of(letter).conditions)

    def build() -> list[Flowable]:
        s = stylesheet()
        style = _condition_style(d)
        heading = s["Heading" if d is NORMAL else "HeadingDense"]
        return [Paragraph("Conditions", heading)] + [
            Paragraph(text, style, bulletText=f"{i}.") for i, text in enumerate(items, 1)
        ]

    return blocks.block("conditions" + d.name + "|".join(items), build)


def _superseding(letter: LetterData) -> list[Flowable]:
    if not letter.supersedes:
        return []
    replaced = ", ".join(markup(ref) for ref in letter.supersedes)
    text = (
        f"This letter <b>supersedes letter {replaced}</b>, which is withdrawn: it certifies the "
        "credit hours of that letter together with any earned since."
    )
    return [Spacer(1, 1.5 * mm), Paragraph(text, stylesheet()["BodyJustified"])]


def _opening(
    letter: LetterData, head: Letterhead, d: Density, blocks: BlockCache
) -> list[Flowable]:
    s = stylesheet()
    st = letter.student
    addressee = f"To,<br/>{markup(letter.addressee)},<br/>{markup(head.name)}."
    subject = (
        f"Subject: Credit-eligibility of industry certifications — {markup(st.name)} "
        f"({markup(st.roll_no)})"
    )
    body = fill(wording_of(letter).body, letter)
    gap = 2 * mm if d is NORMAL else 1.2 * mm
    dense = "" if d is NORMAL else "Dense"
    return [
        _ReferenceLine(letter),
        Spacer(1, gap + 1 * mm),
        blocks.block(
            "addressee" + dense + addressee,
            lambda: [Paragraph(addressee, s["Addressee" + dense])],
        ),
        MeasuredParagraph(subject, shaped_style(subject, s["Subject" + dense])),
        blocks.block("salutation", lambda: [Paragraph("Sir/Madam,", s["Body"])]),
        Spacer(1, gap),
        MeasuredParagraph(body, shaped_style(body, s["BodyJustified" + dense])),
        *_superseding(letter),
        Spacer(1, gap),
        facts_table(student_pairs(letter.student)),
        Spacer(1, gap + 1 * mm),
    ]


def _layout(
    letter: LetterData, head: Letterhead, d: Density, codes_inline: bool, blocks: BlockCache
) -> tuple[list[Flowable], list[Flowable], list[Flowable]]:
    """The letter's opening and table; its end (conditions and closing block, kept together:
    the last page is never signatures alone); its annex (empty when the codes are inline)."""
    body = _opening(letter, head, d, blocks) + [
        _certifications(letter, d, codes_inline, blocks),
        Spacer(1, 1 * mm),
    ]
    end = [
        _conditions(letter, d, blocks),
        Spacer(1, 4 * mm if d is NORMAL else 2 * mm),
        ClosingBlock(letter, signatories_of(letter, head.signatories), blocks),
    ]
    extra = annex(letter) if has_course_codes(letter) and not codes_inline else []
    return body, end, extra


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, g.PAGE_HEIGHT)
        total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0.0)
    return total


def letter_story(letter: LetterData, head: Letterhead, blocks: BlockCache) -> list[Flowable]:
    """The densest layout needed for one page, tried in order: normal, condensed, condensed with
    the course codes in an annex; a letter that fits none runs on, condensed. `blocks`: the
    PDF's shared blocks."""
    room = g.FIRST_FRAME_TOP - g.FRAME_BOTTOM - FIT_MARGIN
    tries = [(NORMAL, True), (COMPACT, True)]
    if has_course_codes(letter):
        tries.append((COMPACT, False))
    for d, inline in tries:
        body, end, extra = _layout(letter, head, d, inline, blocks)
        if _height(body + end, g.CONTENT_WIDTH) <= room:
            break
    return body + [KeepTogether(end)] + ([PageBreak(), *extra] if extra else [])


DUPLICATE_MARK = diagonal_mark("DUPLICATE", 92)


def letter_unit(letter: LetterData, head: Letterhead, blocks: BlockCache) -> Unit:
    return Unit(
        story=letter_story(letter, head, blocks),
        running_title=f"{letter.reference} — {letter.student.name} (continued)",
        footer_note=footer_note(letter),
        footer_small=footer_small(letter),
        behind_each_page=DUPLICATE_MARK if letter.duplicate else None,
    )


def render_letters(letters: Sequence[LetterData], head: Letterhead) -> bytes:
    """Many letters in one PDF for the printer; each starts on a new page with the letterhead."""
    blocks = BlockCache()  # this PDF's own: nothing is remembered between two renders
    units = [letter_unit(letter, head, blocks) for letter in letters]
    title = (
        letters[0].reference if len(letters) == 1 else f"{len(letters)} credit-eligibility letters"
    )
    return build_pdf(units, head, title=title, subject="Credit-eligibility letter")


def render_letter(letter: LetterData, head: Letterhead) -> bytes:
    """Plain data in, PDF bytes out: no database, no Qt."""
    return render_letters([letter], head)
