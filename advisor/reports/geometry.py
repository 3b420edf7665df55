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

# The footer band: page numbers, and on letters the reference and verification code.
FOOTER_HEIGHT = 10 * mm
FOOTER_SECOND_LINE = 3.2 * mm  # below the footer's baseline: the signing key's fingerprint

# The letter's closing block (signatures, verification code, QR code), kept together on the
# letter's last page. The QR square holds a signed payload of up to ~1,100 Base45 characters
# (version ~20-22 at level M: up to 105 modules + 8 of quiet zone): 46 mm keeps each module
# >= 0.4 mm, so it decodes from a 150-dpi scan.
QR_SIZE = 46 * mm
QR_GAP = 6 * mm  # between the signatures / verification text and the QR square

# Frames: where the flowing content goes on first and later pages.
FIRST_FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP - LETTERHEAD_HEIGHT
LATER_FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP - RUNNING_HEADER_HEIGHT
FRAME_BOTTOM = MARGIN_BOTTOM + FOOTER_HEIGHT

SIGNATURE_LINE_WIDTH = 60 * mm
TIMELINE_HEIGHT_PER_ROW = 6 * mm
CHART_HEIGHT = 70 * mm
