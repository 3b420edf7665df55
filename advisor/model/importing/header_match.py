"""Finding columns by their header names, whatever case, punctuation or spacing a spreadsheet used.

'Reg. No', 'REG NO' and 'reg_no' are one header; "Father's Name" and 'Fathers Name' too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from advisor.model.errors import ValidationError
from advisor.model.importing.field_values import Problems
from advisor.model.importing.tabular_reader import column_letter

T = TypeVar("T")

_APOSTROPHES = re.compile(r"['’`]")
_PUNCTUATION = re.compile(r"[^\w#]+", re.UNICODE)


def header_key(text: str) -> str:
    """The comparable form of a header: 'Father’s  Name.' -> 'fathers name'."""
    text = _APOSTROPHES.sub("", text.replace("\ufeff", "").strip().lower())
    return " ".join(_PUNCTUATION.sub(" ", text).replace("_", " ").split())


@dataclass(frozen=True)
class Columns:
    """Where each known field sits in the header row: field -> 0-based position."""

    positions: Mapping[str, int]
    header: Sequence[str]

    def __contains__(self, field: str) -> bool:
        return field in self.positions

    def where(self, field: str) -> str:
        """'column F (Email)': how a clerk finds the cell in Excel."""
        i = self.positions[field]
        return f"column {column_letter(i)} ({self.header[i].strip()})"

    def cell(self, cells: Sequence[str], field: str) -> str:
        i = self.positions.get(field)
        if i is None or i >= len(cells):
            return ""
        return cells[i].strip()

    def parsed(
        self,
        cells: Sequence[str],
        field: str,
        parse: Callable[[str], T],
        line: int,
        problems: Problems,
    ) -> T | None:
        """The field's cell of a row as `parse_cell` reads it."""
        return parse_cell(self.cell(cells, field), parse, self, field, line, problems)


def parse_cell(
    text: str,
    parse: Callable[[str], T],
    cols: Columns,
    field: str,
    line: int,
    problems: Problems,
) -> T | None:
    """`text` (the stripped cell of `field`) as `parse` reads it, None when blank; a value
    `parse` refuses (ValueError) goes to `problems` with its line and column, and reads None."""
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        problems.add(line, cols.where(field), str(exc))
        return None


def match_columns(
    header: Sequence[str],
    aliases: Mapping[str, Sequence[str]],
    *,
    required: Sequence[str | tuple[str, ...]],
    file_name: str,
    what: str,
    line: int = 1,
) -> Columns:
    """Map each field to its column. `required` items may be tuples: at least one of them.
    A field named by two columns, or a required one missing, is an error naming the header line."""
    lookup = {header_key(alias): field for field, names in aliases.items() for alias in names}
    positions: dict[str, int] = {}
    problems: list[str] = []
    for i, text in enumerate(header):
        field = lookup.get(header_key(text))
        if field is None:
            continue
        if field in positions:
            first = positions[field]
            problems.append(
                f"columns {column_letter(first)} ({header[first].strip()}) and {column_letter(i)} "
                f"({text.strip()}) both hold the {field.replace('_', ' ')}."
            )
            continue
        positions[field] = i
    for need in required:
        options = need if isinstance(need, tuple) else (need,)
        if not any(o in positions for o in options):
            names = " or ".join(f"'{aliases[o][0]}'" for o in options)
            also = ", ".join(a for o in options for a in aliases[o][1:3])
            problems.append(f"no {names} column" + (f" (also accepted: {also})." if also else "."))
    if problems:
        raise ValidationError(
            f"{file_name}, line {line} (the header): this is not a {what} file Sanad can read; "
            "nothing was imported:",
            problems,
            nothing_changed=True,
        )
    return Columns(positions, header)
