"""QR codes drawn straight onto the canvas from ReportLab's own encoder (no new dependency).

Three costs dominate a batch of a thousand letters, and each is avoided here:
- ReportLab's encoder tries all eight mask patterns to pick the "best". Every mask gives a
  standard, decodable symbol (the penalty score only avoids patterns that may be marginally
  harder to scan), so we encode with one fixed mask.
- It rebuilds the Reed-Solomon generator polynomial for every symbol; the polynomial depends only
  on the number of error-correction codewords, so it is computed once per size and kept.
- The widget turns each dark run into a shape and each coordinate into a formatted float; we
  write the runs as integer rectangles in module units, under one scaling transform.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white border the standard asks for
FIXED_MASK = 0
_DARK_RUN = re.compile("1+")

_generator_polynomial = lru_cache(maxsize=None)(qrencoder.QRUtil.getErrorCorrectPolynomial)


class _Remainder(qrencoder.QRPolynomial):
    """ReportLab's polynomial, whose remainder (the error-correction codewords) is computed by
    one in-place long division over GF(256) instead of a new list per step."""

    def mod(self, e: qrencoder.QRPolynomial) -> qrencoder.QRPolynomial:
        num, gen = list(self.num), e.num
        if len(num) < len(gen):
            return self
        log, exp = qrencoder.LOG_TABLE, qrencoder.EXP_TABLE
        steps = len(num) - len(gen) + 1
        for i in range(steps):
            coefficient = num[i]
            if coefficient:
                ratio = log[coefficient] - log[gen[0]]
                for j in range(1, len(gen)):
                    if gen[j]:
                        num[i + j] ^= exp[(log[gen[j]] + ratio) % 255]
        return qrencoder.QRPolynomial(num[steps:], 0)


def _codewords(code: qrencoder.QRCode) -> list[int]:
    """The data and error-correction codewords. ReportLab's createData looks its helpers up by
    name, so lend it the cached generator and the faster remainder for the call."""
    original = qrencoder.QRUtil.getErrorCorrectPolynomial, qrencoder.QRPolynomial
    qrencoder.QRUtil.getErrorCorrectPolynomial = _generator_polynomial
    qrencoder.QRPolynomial = _Remainder
    try:
        return qrencoder.QRCode.createData(code.version, code.errorCorrectLevel, code.dataList)
    finally:
        qrencoder.QRUtil.getErrorCorrectPolynomial, qrencoder.QRPolynomial = original


def qr_modules(payload: str) -> list[list[bool]]:
    """The symbol's dark/light modules, row by row from the top, error correction level M."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.dataCache = _codewords(code)
    code.makeImpl(False, FIXED_MASK)
    return [[bool(m) for m in row] for row in code.modules]


def qr_operators(modules: list[list[bool]]) -> str:
    """PDF path operators for the dark runs, in module units with y growing upwards."""
    count = len(modules)
    ops = []
    for r, row in enumerate(modules):
        y = count - 1 - r
        # a hair taller than a module, so anti-aliasing leaves no seams between rows
        ops += [
            f"{m.start()} {y} {m.end() - m.start()} 1.04 re"
            for m in _DARK_RUN.finditer("".join("1" if dark else "0" for dark in row))
        ]
    ops.append("f")
    return "\n".join(ops)


def draw_qr(canvas: Canvas, modules: list[list[bool]], x: float, y: float, size: float) -> None:
    """Draw the symbol (with its quiet zone) in the square whose lower-left corner is (x, y)."""
    box = size / (len(modules) + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x + QUIET_ZONE * box, y + QUIET_ZONE * box)
    canvas.scale(box, box)
    canvas.addLiteral(qr_operators(modules))
    canvas.restoreState()
