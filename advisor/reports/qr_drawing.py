"""QR codes drawn straight onto the canvas: the symbol comes from `qr_encoding` (ReportLab's
tables, fast arithmetic), and its dark runs are written as integer rectangles in module units
under one scaling transform, instead of a shape and formatted floats per module.
"""

from __future__ import annotations

import re

from reportlab.pdfgen.canvas import Canvas

from advisor.reports.qr_encoding import FIXED_MASK, qr_rows

QUIET_ZONE = 4  # modules of white border the standard asks for
_DARK_RUN = re.compile("1+")

__all__ = ["FIXED_MASK", "QUIET_ZONE", "draw_qr", "qr_modules", "qr_operators", "qr_rows"]


def qr_modules(payload: str) -> list[list[bool]]:
    """The symbol's dark/light modules, row by row from the top, error correction level M."""
    return [[cell == "1" for cell in row] for row in qr_rows(payload)]


def qr_operators(rows: list[str]) -> str:
    """PDF path operators for the dark runs, in module units with y growing upwards."""
    count = len(rows)
    ops = []
    for r, row in enumerate(rows):
        y = count - 1 - r
        # a hair taller than a module, so anti-aliasing leaves no seams between rows
        ops += [f"{m.start()} {y} {m.end() - m.start()} 1.04 re" for m in _DARK_RUN.finditer(row)]
    ops.append("f")
    return "\n".join(ops)


def qr_image_mask(rows: list[str]) -> str:
    """The symbol as a PDF inline image mask: one bit a module (1 = dark is painted), each row
    padded to whole bytes, hex-encoded — a fraction of the bytes of one rectangle per run."""
    count = len(rows)
    padding = "0" * (-count % 8)
    data = "".join(f"{int(row + padding, 2):0{(count + 7) // 8 * 2}X}" for row in rows)
    return f"BI /IM true /W {count} /H {count} /BPC 1 /D [1 0] /F /AHx ID\n{data}>\nEI"


def draw_qr(canvas: Canvas, rows: list[str], x: float, y: float, size: float) -> None:
    """Draw the symbol (rows of '1'/'0', with its quiet zone) in the square whose lower-left
    corner is (x, y)."""
    box = size / (len(rows) + 2 * QUIET_ZONE)
    modules = len(rows) * box
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x + QUIET_ZONE * box, y + QUIET_ZONE * box)
    canvas.scale(modules, modules)  # an image fills the unit square
    canvas.addLiteral(qr_image_mask(rows))
    canvas.restoreState()
