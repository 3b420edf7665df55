"""The page machinery every document shares: letterhead on a unit's first page, a running
header on later pages, and a footer with "Page x of y" counted per unit.

A *unit* is one document inside a PDF: one letter of a batch, one plan of a cohort printout.
Pages are numbered within their unit, so letter 317 of a batch still reads "Page 1 of 2".
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.rl_accel import asciiBase85Decode
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from advisor.reports import geometry as g
from advisor.reports.documents import Letterhead
from advisor.reports.mixed_script import draw_text, text_width
from advisor.reports.stylesheet import (
    ACCENT,
    BOLD,
    INK,
    MUTED,
    REGULAR,
    RULE,
    WATERMARK,
    register_fonts,
)

PageHook = Callable[[Canvas], None]


def diagonal_mark(word: str, size: float) -> PageHook:
    """A pale word across the middle of every page, under the content (DRAFT, DUPLICATE)."""

    def draw(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColor(WATERMARK)
        canvas.setFont(BOLD, size)
        canvas.translate(g.PAGE_WIDTH / 2, g.PAGE_HEIGHT / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -size / 3, word)
        canvas.restoreState()

    return draw


@dataclass
class Unit:
    """One document of a PDF: its flowables and what its pages carry besides them."""

    story: list[Flowable]
    running_title: str  # later pages' header, e.g. "DIST/CERT/2026/0001 (continued)"
    footer_note: str = ""  # left of the footer, every page
    footer_small: str = ""  # a second, smaller footer line (a letter's signing key)
    behind_each_page: PageHook | None = None  # drawn under the content (a watermark)
    on_last_page: PageHook | None = None  # drawn on the unit's last page (verification block)
    number_single_page: bool = True  # "Page 1 of 1" is noise on a one-page letter


class _UnitCanvas(Canvas):
    """Holds every page until save, so each unit's page count is known for "Page x of y".

    Its streams are compressed and stay binary: ReportLab's default ASCII85 layer on top only
    makes files a quarter larger; every PDF reader takes binary. This is set on this canvas's
    own document (ReportLab's page compression off, the document's default filter Flate), not
    in ReportLab's process-wide `rl_config`."""

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "pageCompression": 0})
        self._doc.defaultStreamFilters = [PDFZCompress]
        self._units = units
        self._held: list[tuple[dict[str, Any], int]] = []
        self.unit_index = -1

    def drawImage(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802 (ReportLab's name)
        """An image (the logo) binary too: ReportLab encodes it as the global setting says."""
        drawn = super().drawImage(*args, **kwargs)
        for found in self._doc.idToObject.values():
            if isinstance(found, PDFImageXObject) and getattr(found, "_filters", ())[:1] == (
                "ASCII85Decode",
            ):
                found.streamContent = asciiBase85Decode(found.streamContent)
                found._filters = found._filters[1:]
        return drawn

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held.append((dict(self.__dict__), self.unit_index))
        self._startPage()

    def save(self) -> None:
        counts = Counter(index for _, index in self._held)
        seen: Counter[int] = Counter()
        for state, index in self._held:
            self.__dict__.update(state)
            seen[index] += 1
            unit = self._units[index]
            _draw_footer(self, unit, seen[index], counts[index])
            if seen[index] == counts[index] and unit.on_last_page is not None:
                unit.on_last_page(self)
            Canvas.showPage(self)
        Canvas.save(self)


def _draw_footer(canvas: Canvas, unit: Unit, page: int, pages: int) -> None:
    y = g.MARGIN_BOTTOM
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(g.MARGIN_LEFT, y + 3.2 * mm, g.PAGE_WIDTH - g.MARGIN_RIGHT, y + 3.2 * mm)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    if unit.footer_note:
        canvas.drawString(g.MARGIN_LEFT, y, unit.footer_note)
    if pages > 1 or unit.number_single_page:
        canvas.drawRightString(g.PAGE_WIDTH - g.MARGIN_RIGHT, y, f"Page {page} of {pages}")
    if unit.footer_small:
        canvas.setFont(REGULAR, 6)
        canvas.drawString(g.MARGIN_LEFT, y - g.FOOTER_SECOND_LINE, unit.footer_small)
    canvas.restoreState()


def _letterhead_form_name(head: Letterhead) -> str:
    digest = hashlib.sha1(
        repr((head.name, head.address, head.code, head.logo)).encode()
    ).hexdigest()
    return "letterhead" + digest[:12]


def _fit_font_size(text: str, font: str, size: float, width: float) -> float:
    while size > 9 and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _draw_monogram(canvas: Canvas, head: Letterhead, x: float, y: float) -> None:
    """No logo on file: a seal with the institution's code, so the head still looks official."""
    r = g.LOGO_SIZE / 2
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.4)
    canvas.circle(x + r, y + r, r, stroke=1, fill=0)
    canvas.setLineWidth(0.5)
    canvas.circle(x + r, y + r, r - 2 * mm, stroke=1, fill=0)
    letters = (head.code or "".join(w[0] for w in head.name.split() if w[:1].isalpha()))[:4].upper()
    size = _fit_font_size(letters, BOLD, 13, 2 * r - 6 * mm)
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(x + r, y + r - size * 0.35, letters)


def _draw_letterhead(canvas: Canvas, head: Letterhead) -> None:
    top = g.PAGE_HEIGHT - g.MARGIN_TOP
    logo_y = top - g.LOGO_SIZE
    if head.logo:
        image = ImageReader(io.BytesIO(head.logo))
        canvas.drawImage(
            image,
            g.MARGIN_LEFT,
            logo_y,
            g.LOGO_SIZE,
            g.LOGO_SIZE,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )
    else:
        _draw_monogram(canvas, head, g.MARGIN_LEFT, logo_y)
    text_x = g.MARGIN_LEFT + g.LOGO_SIZE + 5 * mm
    width = g.PAGE_WIDTH - g.MARGIN_RIGHT - text_x
    size = _fit_font_size(head.name, BOLD, 16, width)
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, size)
    canvas.drawString(text_x, top - 8 * mm, head.name)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8.5)
    for i, line in enumerate(head.address.splitlines()[:3] or [""]):
        canvas.drawString(text_x, top - 13.5 * mm - i * 3.8 * mm, line)
    rule_y = top - g.LETTERHEAD_HEIGHT + 4 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.6)
    canvas.line(g.MARGIN_LEFT, rule_y, g.PAGE_WIDTH - g.MARGIN_RIGHT, rule_y)
    canvas.setLineWidth(0.5)
    canvas.line(g.MARGIN_LEFT, rule_y - 1.1 * mm, g.PAGE_WIDTH - g.MARGIN_RIGHT, rule_y - 1.1 * mm)


def draw_letterhead(canvas: Canvas, head: Letterhead) -> None:
    """Drawn once per PDF as a form XObject and referenced from each first page: a 1,000-letter
    batch carries one copy of the logo and the head, not a thousand."""
    name = _letterhead_form_name(head)
    if not canvas.hasForm(name):
        canvas.beginForm(name)
        _draw_letterhead(canvas, head)
        canvas.endForm()
    canvas.doForm(name)


HEADER_GAP = 6 * mm  # between the institution's name and the running title
HEADER_SMALLEST = 6.5  # type size below which a running-header text is shortened instead


def fit_text(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """`text` at the largest size down to HEADER_SMALLEST that fits `width`; if it still does
    not fit, shortened with an ellipsis at that size. Never wider than `width`."""
    while size > HEADER_SMALLEST and text_width(text, font, size) > width:
        size -= 0.25
    if text_width(text, font, size) <= width:
        return text, size
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def _draw_running_header(canvas: Canvas, head: Letterhead, title: str) -> None:
    """The institution's name on the left and the document's title on the right, each in its
    own share of the width (the title gets what the name leaves, at least half): a long
    student name shrinks or is shortened, it never runs over the institution's name."""
    y = g.PAGE_HEIGHT - g.MARGIN_TOP - 5 * mm
    room = g.CONTENT_WIDTH - HEADER_GAP
    name_width = min(text_width(head.name, BOLD, 9), room / 2)
    name, name_size = fit_text(head.name, BOLD, 9, name_width)
    title_text, title_size = fit_text(title, REGULAR, 8.5, room - name_width)
    canvas.setFont(BOLD, name_size)
    canvas.setFillColor(ACCENT)
    draw_text(canvas, g.MARGIN_LEFT, y, name)
    canvas.setFont(REGULAR, title_size)
    canvas.setFillColor(INK)
    draw_text(canvas, g.PAGE_WIDTH - g.MARGIN_RIGHT, y, title_text, right=True)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(g.MARGIN_LEFT, y - 2.5 * mm, g.PAGE_WIDTH - g.MARGIN_RIGHT, y - 2.5 * mm)


def _frame(name: str, top: float, bottom: float) -> Frame:
    """The content width between the margins, from `top` down to `bottom`, with no padding."""
    return Frame(
        g.MARGIN_LEFT,
        bottom,
        g.CONTENT_WIDTH,
        top - bottom,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


class _UnitDocTemplate(BaseDocTemplate):
    def __init__(
        self,
        buffer: io.BytesIO,
        units: Sequence[Unit],
        head: Letterhead,
        frame_bottom: float,
        **info: Any,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=(g.PAGE_WIDTH, g.PAGE_HEIGHT),
            leftMargin=g.MARGIN_LEFT,
            rightMargin=g.MARGIN_RIGHT,
            topMargin=g.MARGIN_TOP,
            bottomMargin=g.MARGIN_BOTTOM,
            **info,
        )
        self._units = units
        self._head = head
        first = _frame("first", g.FIRST_FRAME_TOP, frame_bottom)
        later = _frame("later", g.LATER_FRAME_TOP, frame_bottom)
        self.addPageTemplates(
            [
                PageTemplate(
                    "first", [first], onPage=self._first_page, autoNextPageTemplate="later"
                ),
                PageTemplate("later", [later], onPage=self._later_page),
            ]
        )

    def _first_page(self, canvas: _UnitCanvas, _doc: object) -> None:
        # Each unit starts on exactly one "first" page, so this page opens the next unit.
        canvas.unit_index += 1
        unit = self._units[canvas.unit_index]
        if unit.behind_each_page:
            unit.behind_each_page(canvas)
        draw_letterhead(canvas, self._head)

    def _later_page(self, canvas: _UnitCanvas, _doc: object) -> None:
        unit = self._units[canvas.unit_index]
        if unit.behind_each_page:
            unit.behind_each_page(canvas)
        _draw_running_header(canvas, self._head, unit.running_title)


def build_pdf(
    units: Sequence[Unit],
    head: Letterhead,
    *,
    title: str,
    subject: str = "",
    frame_bottom: float = g.FRAME_BOTTOM,
) -> bytes:
    """Lay out the units one after another (each from a fresh first page) and return the PDF."""
    if not units:
        raise ValueError("a document needs at least one unit")
    register_fonts()
    buffer = io.BytesIO()
    doc = _UnitDocTemplate(
        buffer,
        units,
        head,
        frame_bottom,
        title=title,
        author=head.name,
        subject=subject,
        creator="Sanad",
    )
    story: list[Flowable] = []
    for i, unit in enumerate(units):
        if i:
            story += [NextPageTemplate("first"), PageBreak()]
        story += unit.story
    doc.build(story, canvasmaker=lambda *a, **k: _UnitCanvas(*a, units=units, **k))
    return buffer.getvalue()
