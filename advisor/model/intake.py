"""Intakes: 'Spring|Summer|Fall YYYY', starting 1 Feb, 1 Jun or 1 Sep of that year."""

from __future__ import annotations

import re
from datetime import date

TERM_START_MONTH = {"Spring": 2, "Summer": 6, "Fall": 9}
_INTAKE = re.compile(r"^\s*(spring|summer|fall)[\s\-_/]*'?(\d{4}|\d{2})\s*$", re.IGNORECASE)


def parse_intake(text: str) -> tuple[str, int]:
    """'Fall 2023', 'fall-2023', 'FALL 23' -> ('Fall', 2023). ValueError with a plain message."""
    match = _INTAKE.match(text or "")
    if not match:
        raise ValueError(
            f"'{text}' is not an intake: write Spring, Summer or Fall and a year, e.g. Fall 2023."
        )
    digits = match.group(2)
    year = int(digits)
    if len(digits) == 2:  # 'Fall 23'; four digits are the year as written ('0023' is no 2023)
        year += 2000
    if not 1950 <= year <= 2100:
        raise ValueError(f"'{text}': the year {year} is out of range.")
    return match.group(1).capitalize(), year


def intake_start(term: str, year: int) -> date:
    return date(year, TERM_START_MONTH[term], 1)


def format_intake(term: str, year: int) -> str:
    return f"{term} {year}"
