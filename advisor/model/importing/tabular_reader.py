"""Rows of a CSV or XLSX file as text, each with the file's own line number (header = line 1).

CSV is streamed (a 100,000-row export never sits in memory); a record with newlines inside a
quoted field carries the physical line where it starts. XLSX cells are turned into the text a
CSV would have held (numbers without a trailing .0, dates in ISO form), so one set of parsers
serves both. Anything unreadable becomes a ValidationError naming the file and line.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, Self

from advisor.model.errors import ValidationError
from advisor.model.importing.json_input import CONTROL, control_character, text_encoding_problem
from advisor.model.importing.special_files import refuse_special_file

XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_FIELD = 100_000  # characters; a longer cell is damage, not data
MAX_ROWS = 2_000_000  # more than any university's roster or Coursera export
MAX_COLUMNS = 300
HEAD_BYTES = 4096  # read first: the kind of file (zip, old Excel, UTF-16, binary)
# openpyxl reads a workbook's shared text whole: a small file can unpack to gigabytes (one huge
# cell, or a zip bomb). Refuse before reading; a larger sheet can still come as CSV.
MAX_XLSX_TEXT_BYTES = 64 * 1024 * 1024
MAX_XLSX_RATIO = 200  # unpacked / packed size of any part of the workbook


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class TableFile:
    """`with TableFile(path) as table:` then `table.header` and `for row in table.rows():`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: list[str] = []
        self.header_line = 1
        self.delimiter = ","  # a CSV's, as sniffed from its header line
        self._handle: IO[str] | None = None
        self._rows: Iterator[Row] = iter(())

    def __enter__(self) -> Self:
        refuse_special_file(self.path)
        try:
            start = _head(self.path)
        except OSError as exc:
            raise ValidationError(f"Cannot read {self.path}: {exc.strerror or exc}.") from exc
        if self.path.suffix.lower() in XLSX_SUFFIXES or start.startswith(b"PK\x03\x04"):
            self._rows = _xlsx_rows(self.path)
        elif self.path.suffix.lower() == ".xls" or start.startswith(b"\xd0\xcf\x11\xe0"):
            raise ValidationError(
                f"{self.path.name} is an old Excel (.xls) file: save it as .xlsx or as CSV UTF-8."
            )
        else:
            encoding = text_encoding_problem(start)
            if encoding is not None:
                excel = " (Excel's 'Unicode Text')" if encoding == "UTF-16" else ""
                raise ValidationError(
                    f"{self.path.name} is saved as {encoding}{excel}: "
                    "save it as 'CSV UTF-8 (comma delimited)' and import that."
                )
            if _looks_binary(start):
                raise ValidationError(
                    f"{self.path.name} is not a CSV file: it holds binary data, not lines of "
                    "text. In Excel, open the sheet and save it as 'CSV UTF-8 (comma delimited)' "
                    "or as an Excel workbook (.xlsx), and import that."
                )
            self._handle = self.path.open("r", encoding="utf-8-sig", newline="")
            self.delimiter = _sniff_delimiter(self._handle)
            self._rows = self._csv_rows(self._handle)
        for row in self._rows:
            self.header, self.header_line = row.cells, row.line
            break
        else:
            raise ValidationError(f"{self.path.name} is empty: it has no header line.")
        return self

    def __exit__(self, *exc: object) -> None:
        close = getattr(self._rows, "close", None)
        if close is not None:
            close()  # a workbook left half-read is closed too
        if self._handle is not None:
            self._handle.close()

    def rows(self) -> Iterator[Row]:
        return self._rows

    def _csv_rows(self, handle: IO[str]) -> Iterator[Row]:
        reader = csv.reader(handle, delimiter=self.delimiter)
        name = self.path.name
        done = 0  # physical lines consumed so far; the next record starts on done + 1
        width: int | None = None
        while True:
            start = done + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                # the reader decodes ahead in blocks: its line count says where the block starts
                raise ValidationError(
                    f"{name}, line {_first_undecodable_line(self.path)}: the file is not UTF-8 "
                    "text (it may be saved as Windows-1252 or UTF-16). Save it as 'CSV UTF-8' and "
                    "import it again."
                ) from exc
            except csv.Error as exc:
                column = self._long_cell_column(start)
                if column is not None:  # past the csv module's own limit (131,072)
                    raise ValidationError(
                        f"{name}, line {start}, column {column}: a cell holds more than "
                        f"{MAX_FIELD:,} characters; the file looks damaged."
                    ) from exc
                raise ValidationError(
                    f"{name}, line {start}: the CSV cannot be read ({exc})."
                ) from exc
            done = reader.line_num
            if done > MAX_ROWS:
                _refuse_too_many_rows(name)
            if not any(c.strip() for c in cells):
                continue
            if width is None:
                width = len(cells)
            elif len(cells) != width:
                # a cut-off or hand-edited file: every CSV row has as many cells as the header
                raise ValidationError(
                    f"{name}, line {start}: this row has {len(cells)} cells but the header has "
                    f"{width}; the file may be cut off or damaged. Nothing was imported.",
                    nothing_changed=True,
                )
            if max(map(len, cells)) > MAX_FIELD or CONTROL.search("".join(cells)):
                _refuse_damaged_cell(name, start, cells)
            yield Row(start, cells)

    def _long_cell_column(self, line: int) -> str | None:
        """The column of the first cell longer than MAX_FIELD in the record that starts on
        `line`, found by walking its text as the reader does (a quote toggles quoting)."""
        with self.path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            for _ in range(line - 1):
                handle.readline()
            column, length, quoted = 0, 0, False
            while chunk := handle.read(65536):
                for char in chunk:
                    if char == '"':
                        quoted = not quoted
                    elif not quoted and char == self.delimiter:
                        column, length = column + 1, 0
                        continue
                    elif not quoted and char in "\r\n":
                        return None
                    length += 1
                    if length > MAX_FIELD:
                        return column_letter(column)
        return None


def _refuse_too_many_rows(name: str) -> None:
    raise ValidationError(
        f"{name} has more than {MAX_ROWS:,} lines, more than Sanad imports from one file: "
        "split it into smaller files."
    )


def _refuse_damaged_cell(name: str, line: int, cells: list[str]) -> None:
    for i, cell in enumerate(cells):
        if len(cell) > MAX_FIELD:
            raise ValidationError(
                f"{name}, line {line}, column {column_letter(i)}: a cell holds {len(cell):,} "
                "characters; the file looks damaged."
            )
        control = control_character(cell)
        if control is not None:
            raise ValidationError(
                f"{name}, line {line}, column {column_letter(i)}: a cell holds {control}; "
                "this is not a text file."
            )


def _first_undecodable_line(path: Path) -> int:
    """The line (ended by \\n, \\r\\n or a lone \\r, as the CSV reader counts them) that holds
    the file's first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, ended_with_cr = 1, False
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            pending = len(decoder.getstate()[0])  # a character cut by the last block: no newline
            try:
                decoder.decode(chunk)
                good = chunk
            except UnicodeDecodeError as exc:
                good = chunk[: max(exc.start - pending, 0)]
            line += good.count(b"\n") + good.count(b"\r") - good.count(b"\r\n")
            if ended_with_cr and good.startswith(b"\n"):
                line -= 1  # a \r\n cut in two by the block boundary is one line end
            if good is not chunk:
                return line
            ended_with_cr = chunk.endswith(b"\r")
    return line


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEAD_BYTES)


# Control bytes no text file holds (tab, newlines and form feed excepted); UTF-16's NULs are told
# apart before this is asked.
_BINARY = bytes(range(0, 9)) + bytes((11,)) + bytes(range(14, 32)) + b"\x7f"


def _looks_binary(head: bytes) -> bool:
    return any(byte in _BINARY for byte in head)


DELIMITERS = (",", ";", "\t", "|")


def _sniff_delimiter(handle: IO[str]) -> str:
    """The header line's separator: Excel writes "CSV" with semicolons where the decimal mark is
    a comma (much of Europe, and many PCs set up from there); a tab from "Text" exports. The one
    that splits the first line most wins; a comma when none does."""
    try:
        first = handle.readline(MAX_FIELD)
    except UnicodeDecodeError:
        first = ""  # reading the rows reports it, with its line
    handle.seek(0)
    unquoted = "".join(part for i, part in enumerate(first.split('"')) if i % 2 == 0)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _check_xlsx_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            f"{path.name} is not a readable Excel (.xlsx) workbook ({exc})."
        ) from exc
    for part in parts:
        text = part.filename.endswith("sharedStrings.xml") and part.file_size > MAX_XLSX_TEXT_BYTES
        bomb = part.file_size > 1024 * 1024 and part.file_size > MAX_XLSX_RATIO * max(
            part.compress_size, 1
        )
        if text or bomb:
            raise ValidationError(
                f"{path.name}: the workbook unpacks to {part.file_size / 1e6:,.0f} MB of "
                f"{'text' if text else 'data'}, more than Sanad reads from a workbook (it may "
                "hold a damaged or enormous cell). Save the sheet as 'CSV UTF-8' and import that."
            )


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook

    _check_xlsx_size(path)
    # Given a path, openpyxl refuses any name but .xlsx: a workbook renamed "export.csv" is read
    # by its content, like every file here.
    with path.open("rb") as handle:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises its own kinds for damaged workbooks
            raise ValidationError(
                f"{path.name} is not a readable Excel (.xlsx) workbook ({exc})."
            ) from exc
        try:
            sheet = book.worksheets[0]
            read = False
            for line, values in enumerate(sheet.iter_rows(values_only=True), 1):
                if line > MAX_ROWS:
                    _refuse_too_many_rows(path.name)
                cells = [_cell_text(v) for v in values[: MAX_COLUMNS + 1]]
                while cells and not cells[-1]:
                    cells.pop()
                if len(cells) > MAX_COLUMNS:
                    raise ValidationError(
                        f"{path.name}, line {line}: more than {MAX_COLUMNS} columns; the workbook "
                        "looks damaged."
                    )
                if any(len(c) > MAX_FIELD or CONTROL.search(c) for c in cells):
                    _refuse_damaged_cell(path.name, line, cells)
                if cells and any(c.strip() for c in cells):
                    read = True
                    yield Row(line, cells)
            if not read and len(book.worksheets) > 1:
                raise ValidationError(
                    f"{path.name}: its first sheet ('{sheet.title}') is empty, and Sanad reads "
                    "the first sheet of a workbook. Move the table to the first sheet (drag its "
                    "tab to the left), or save the table's sheet as 'CSV UTF-8'."
                )
        except ValidationError:
            raise
        except Exception as exc:
            raise ValidationError(f"{path.name} is a damaged Excel workbook ({exc}).") from exc
        finally:
            book.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
