"""The one stylesheet of every document: the bundled Unicode font, named paragraph and table
styles, and the house colours. Documents ask for styles by name, never build their own."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from advisor.model import paths

FONTS = paths.resource("fonts")

# DejaVu Sans prints Urdu-romanised and accented names (Zoë, Ş, ñ) that Helvetica cannot.
REGULAR = "SanadSans"
BOLD = "SanadSans-Bold"

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#0b5d3b")  # the deep green of Pakistani official stationery
RULE = colors.HexColor("#9aa5b1")
BAND = colors.HexColor("#e8f1ec")
ZEBRA = colors.HexColor("#f5f7fa")
WATERMARK = colors.Color(0.75, 0.1, 0.1, alpha=0.13)
DONE = colors.HexColor("#2f855a")
WORKING = colors.HexColor("#d69e2e")
NOT_YET = colors.HexColor("#cbd2d9")
PENDING = colors.HexColor("#90cdf4")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the bundled TTFs once per process (parsing them costs ~50 ms)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


@lru_cache(maxsize=1)
def stylesheet() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName=REGULAR, fontSize=9.5, leading=13.5, textColor=INK)
    sheet.add(base)
    sheet.add(ParagraphStyle("BodyJustified", parent=base, alignment=TA_JUSTIFY))
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8, leading=10.5, textColor=MUTED))
    sheet.add(ParagraphStyle("SmallRight", parent=sheet["Small"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=8.3, leading=10.2))
    sheet.add(ParagraphStyle("CellRight", parent=sheet["Cell"], alignment=TA_RIGHT))
    # Certificate codes are long unbroken tokens: let them break anywhere.
    sheet.add(ParagraphStyle("CellCode", parent=sheet["Cell"], fontSize=7.5, wordWrap="CJK"))
    sheet.add(
        ParagraphStyle(
            "CellHead",
            parent=sheet["Cell"],
            fontName=BOLD,
            fontSize=7.5,
            leading=9,
            textColor=colors.white,
        )
    )
    sheet.add(ParagraphStyle("CellHeadRight", parent=sheet["CellHead"], alignment=TA_RIGHT))
    sheet.add(
        ParagraphStyle(
            "Title",
            parent=base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceAfter=2,
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading",
            parent=base,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=3,
        )
    )
    sheet.add(
        ParagraphStyle(
            "Subject",
            parent=base,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=6,
        )
    )
    sheet.add(ParagraphStyle("Addressee", parent=base, leading=13))
    sheet.add(
        ParagraphStyle(
            "Condition",
            parent=base,
            fontSize=8.5,
            leading=11,
            leftIndent=12,
            bulletIndent=0,
            bulletFontSize=8.5,
            alignment=TA_LEFT,
        )
    )
    sheet.add(
        ParagraphStyle(
            "Warning",
            parent=base,
            fontSize=8.8,
            leading=12,
            leftIndent=12,
            textColor=colors.HexColor("#9b2c2c"),
        )
    )
    sheet.add(
        ParagraphStyle("Signature", parent=base, fontSize=9, leading=11.5, alignment=TA_CENTER)
    )
    sheet.add(ParagraphStyle("Centered", parent=base, alignment=TA_CENTER))
    return sheet


def data_table_style(
    rows: int, *, numeric_columns: tuple[int, ...] = (), total_row: bool = False
) -> TableStyle:
    """A header band, light zebra rows, hairline rules; an optional bold total row at the end."""
    last = rows - 1
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8.3),
        ("LEADING", (0, 0), (-1, -1), 10.2),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),  # header cells given as plain strings
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, 0), 7.5),
        ("LEADING", (0, 0), (-1, 0), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
    ]
    for column in numeric_columns:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    body_end = last - 1 if total_row else last
    for row in range(2, body_end + 1, 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    if total_row:
        commands += [
            ("BACKGROUND", (0, last), (-1, last), BAND),
            ("FONTNAME", (0, last), (-1, last), BOLD),
            ("LINEABOVE", (0, last), (-1, last), 0.8, ACCENT),
        ]
    return TableStyle(commands)


def facts_table_style() -> TableStyle:
    """Label/value pairs (the student block): muted labels, no rules."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), 9.5),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
            ("LEFTPADDING", (0, 0), (0, -1), 6),
        ]
    )
