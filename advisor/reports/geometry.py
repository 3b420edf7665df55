"""Page geometry shared by every document, in named millimetre constants (A4 portrait)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

PAGE_WIDTH, PAGE_HEIGHT = A4

MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm

CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

# The letterhead band on a document's first page; later pages get a slim running header.
LETTERHEAD_HEIGHT = 27 * mm
LOGO_SIZE = 20 * mm
RUNNING_HEADER_HEIGHT = 12 * mm

# The footer band: page numbers, the letter's verification block.
FOOTER_HEIGHT = 10 * mm
VERIFY_BLOCK_HEIGHT = 28 * mm
QR_SIZE = 26 * mm

# Frames: where the flowing content goes on first and later pages.
FIRST_FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP - LETTERHEAD_HEIGHT
LATER_FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP - RUNNING_HEADER_HEIGHT
FRAME_BOTTOM = MARGIN_BOTTOM + FOOTER_HEIGHT
LETTER_FRAME_BOTTOM = MARGIN_BOTTOM + VERIFY_BLOCK_HEIGHT

SIGNATURE_LINE_WIDTH = 60 * mm
TIMELINE_HEIGHT_PER_ROW = 6 * mm
CHART_HEIGHT = 70 * mm
