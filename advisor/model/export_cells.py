"""Cells of the CSV and XLSX files Sanad writes, safe to open in a spreadsheet.

A roster name such as `=HYPERLINK("http://…","Ali")` would run as a formula when an office opens
the export in Excel or LibreOffice. Every text cell that a spreadsheet would read as a formula
(starting with = + - @, a tab or a carriage return) is written with a leading apostrophe, which
spreadsheets show as plain text (OWASP's advice for CSV injection).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: object) -> object:
    """The value to write: numbers as they are, text that could start a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutral_row(row: dict[str, object]) -> dict[str, object]:
    return {key: neutral_cell(value) for key, value in row.items()}
