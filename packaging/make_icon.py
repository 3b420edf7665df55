"""Draw Sanad's icon (a green seal with an S) into resources/icons/: sanad.png for the window
and sanad.ico (PNG images at the sizes Windows asks for) for the .exe files and the installer.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPen

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
GREEN = QColor("#0b5d3b")  # the letters' accent colour (advisor/reports/stylesheet.py)


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.04
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(GREEN)
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    if size >= 32:  # the seal's inner ring: at 16 and 24 pixels it is only a blur
        ring = size * 0.12
        painter.setPen(QPen(QColor("white"), max(1.0, size * 0.025)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(ring, ring, size - 2 * ring, size - 2 * ring))
    font = QFont(family)
    font.setBold(True)
    font.setPixelSize(round(size * 0.58))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size * 0.98), Qt.AlignmentFlag.AlignCenter, "S")
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ico(images: list[bytes]) -> bytes:
    """An ICO file whose entries are PNG images (read by Windows Vista and later, and NSIS)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(SIZES, images, strict=True):
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(ROOT / "resources/fonts/DejaVuSans-Bold.ttf"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    images = [png_bytes(draw(size, family)) for size in SIZES]
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "sanad.png").write_bytes(images[-1])
    (ICONS / "sanad.ico").write_bytes(ico(images))
    return 0


if __name__ == "__main__":
    sys.exit(main())
