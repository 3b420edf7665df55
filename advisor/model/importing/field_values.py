"""Cell values of imported files: yes/no, percentages, timestamps, and the list of problems.

Each parser takes the cell's text and raises ValueError with words a clerk understands; the
caller adds the line and column.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from advisor.model.errors import Problem, ValidationError

FIRST_YEAR, LAST_YEAR = 2012, 2099  # Coursera gave its first certificates in 2012
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def yes_no(text: str) -> bool | None:
    """'Yes'/'No' (and true/false, 1/0); blank -> None (not said)."""
    if not text:
        return None
    key = text.strip().lower()
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(f"'{text}' is not Yes or No")


def number(text: str) -> float:
    """The number a person wrote ('88.5', '100%'). Python's float() also reads '8_8' as 88 and
    'inf' or 'nan': in a spreadsheet cell those are damage, not numbers."""
    body = text.strip().rstrip("%").strip()
    try:
        value = float(body)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if "_" in body:
        raise ValueError(f"'{text}' is not a number")
    return value


def percent(text: str) -> float | None:
    """A number from 0 to 100 ('88.5', '100%'); blank -> None."""
    if not text:
        return None
    value = number(text)
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"{text} is not between 0 and 100")
    return value


def timestamp_date(text: str) -> date | None:
    """The calendar day of '2024-02-01T14:30:00.000Z', '2024-02-01 14:30:00' or '2024-02-01'
    as written (the export's own clock); blank -> None."""
    if not text:
        return None
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        day = datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"'{text}' is not a date and time like 2024-02-01T14:30:00.000Z") from None
    # The earliest completion date of a record is kept: a year-1 date would stick for good.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"'{text}' is not a date of a Coursera record (years {FIRST_YEAR} to {LAST_YEAR})"
        )
    return day


class Problems:
    """Every bad cell of a file, in file order; the file is refused if there is any."""

    KEEP = 20_000  # as data, for "Save the problems as CSV": a whole refused file

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.found: list[Problem] = []
        self.count = 0

    def add(self, line: int, where: str, message: str) -> None:
        self.add_found(Problem(message, line, where))

    def add_found(self, problem: Problem) -> None:
        self.count += 1
        if len(self.found) < self.KEEP:
            self.found.append(problem)

    def raise_if_any(self, what: str) -> None:
        if not self.count:
            return
        raise ValidationError(
            f"{self.file_name}: the {what} was not imported, nothing changed; "
            f"{self.count} problem(s) to correct (the first are listed):",
            self.found,
            nothing_changed=True,
        )
