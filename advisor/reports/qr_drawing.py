"""QR codes drawn straight onto the canvas from ReportLab's own encoder (no new dependency).

ReportLab's QrCodeWidget builds a shape per dark run and then tries all eight mask patterns to
pick the "best" one; for a batch of a thousand letters that search is most of the time spent.
Every mask pattern gives a standard, decodable symbol (the penalty score only avoids patterns
that may be marginally harder to scan), so we encode with a fixed one and draw each symbol as a
single filled path.
"""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white border the standard asks for
FIXED_MASK = 0


def qr_modules(payload: str) -> list[list[bool]]:
    """The symbol's dark/light modules, row by row from the top, error correction level M."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, FIXED_MASK)
    return [[bool(m) for m in row] for row in code.modules]


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the symbol (with its quiet zone) in the square whose lower-left corner is (x, y)."""
    modules = qr_modules(payload)
    count = len(modules)
    box = size / (count + 2 * QUIET_ZONE)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + QUIET_ZONE + 1) * box
        c = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                # a hair taller than a module so anti-aliasing leaves no seams between rows
                path.rect(x + (c + QUIET_ZONE) * box, top, length * box, box * 1.04)
            c += length
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
