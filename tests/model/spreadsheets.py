"""Writing test files: a CSV as an office would save it, or the same table as XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_to_xlsx(source: Path, target: Path, *, numbers: bool = True) -> Path:
    """The same table as a workbook; numeric-looking cells become numbers, as Excel would."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    for r, row in enumerate(rows):
        sheet.append([_number(c) if numbers and r else c for c in row])
    book.save(target)
    return target


def _number(text: str) -> object:
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() and "." not in text else value
