"""Urdu (Arabic-script) text inside English documents: right words in the right order, joined.

Two jobs, each done by a maintained library:
- order: the Unicode bidi algorithm (python-bidi) puts a line's words in visual order, so
  'محمد علی' reads right to left inside a left-to-right line, and a mixed Latin/Urdu line keeps
  its Latin words where they belong;
- shape: HarfBuzz (uharfbuzz, through ReportLab's shaping) joins each word's letters with the
  bundled Noto Naskh Arabic font and emits its glyphs in visual order.

HarfBuzz must see each word's letters in logical order, so after bidi reorders the line each
Arabic-script run is turned back; runs are marked with the Naskh font, and only paragraphs that
contain one are shaped (shaping every English paragraph of a batch would cost time for nothing).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bidi import get_display
from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeFragWord, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from advisor.reports.stylesheet import NASKH, NASKH_BOLD

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_RUN = re.compile(f"[{_ARABIC}]+")
_TAG = f'<font name="{NASKH}">'


def has_rtl(text: str) -> bool:
    return _RUN.search(text) is not None


def visual_order(text: str) -> str:
    """Words in visual (left-to-right drawing) order, each Arabic-script word's letters still in
    logical order for shaping. Text without Arabic script is returned as it is."""
    if not has_rtl(text):
        return text
    shown = get_display(text, base_dir="L")
    return _RUN.sub(lambda m: m.group(0)[::-1], shown)


def mark_runs(escaped: str) -> str:
    """Paragraph markup with each Arabic-script run in the Naskh font (input already escaped
    and in visual order)."""
    return _RUN.sub(lambda m: f"{_TAG}{m.group(0)}</font>", escaped)


@lru_cache(maxsize=64)
def _shaping(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}Shaped", parent=style, shaping=1)


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph that is shaped by HarfBuzz when it holds Arabic-script runs."""
    return Paragraph(text, _shaping(style) if _TAG in text else style)


def shaped_style(text: str, style: ParagraphStyle) -> ParagraphStyle:
    return _shaping(style) if _TAG in text else style


def _runs(text: str, font: str) -> list[tuple[str, str]]:
    """(text, font) pieces of a visually ordered line: Arabic-script runs in Naskh."""
    out: list[tuple[str, str]] = []
    at = 0
    naskh = NASKH_BOLD if "Bold" in font else NASKH
    for m in _RUN.finditer(text):
        if m.start() > at:
            out.append((text[at : m.start()], font))
        out.append((m.group(0), naskh))
        at = m.end()
    if at < len(text):
        out.append((text[at:], font))
    return out


def _width(piece: str, font: str, size: float) -> float:
    if font not in (NASKH, NASKH_BOLD):
        return stringWidth(piece, font, size)
    shaped = shapeFragWord(
        [stringWidth(piece, font, size), (ABag(fontName=font, fontSize=size), piece)]
    )
    return float(shaped[0])


def text_width(text: str, font: str, size: float) -> float:
    """The drawn width of `text` (Arabic-script runs shaped in Naskh), for fitting and
    alignment."""
    if not has_rtl(text):
        return stringWidth(text, font, size)
    return sum(_width(piece, f, size) for piece, f in _runs(visual_order(text), font))


def draw_text(canvas: Canvas, x: float, y: float, text: str, *, right: bool = False) -> None:
    """canvas.drawString (or drawRightString) for text that may hold Urdu: each Arabic-script
    run is drawn shaped in Naskh, the rest in the canvas's current font."""
    font, size = canvas._fontname, canvas._fontsize
    if not has_rtl(text):
        (canvas.drawRightString if right else canvas.drawString)(x, y, text)
        return
    if right:
        x -= text_width(text, font, size)
    for piece, piece_font in _runs(visual_order(text), font):
        canvas.setFont(piece_font, size)
        shaped = piece if piece_font == font else shapeStr(piece, piece_font, size)
        canvas.drawString(x, y, shaped)
        x += _width(piece, piece_font, size)
    canvas.setFont(font, size)
