"""Coursera's LearningPathActivity export: one row per learner, badge and course of the badge.

A badge is a certification program (Professional Certificates appear here and nowhere else);
its Badge Link (a Credly URL) is the program's certificate. There is no External ID and no
course slug: learners match by email, courses by title. Every field is quoted, with a BOM and
CRLF line ends as Coursera writes it; headers are matched by name, never by position.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Self

from advisor.model.importing.coursera_export import MAX_CERTIFICATE
from advisor.model.importing.coursera_kinds import LEARNING_PATH_REPORT
from advisor.model.importing.field_values import Problems, number, timestamp_date, yes_no
from advisor.model.importing.header_match import Columns, match_columns
from advisor.model.importing.tabular_reader import TableFile

LEARNING_PATH_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("User Name", "Name"),
    "email": ("Email", "Email Address"),
    "badge_title": ("Badge Title",),
    "badge_slug": ("Badge Slug",),
    "badge_link": ("Badge Link",),
    "course_count": ("Number of Courses",),
    "badge_progress": ("Progress in Badge (%)", "Progress in Badge"),
    "course_title": ("Course Name",),
    "course_enrolled": ("Course Enrollment Date",),
    "course_completed": ("Is Course Completed",),
    "course_completion_time": ("Course Completion Timestamp",),
    "badge_completed": ("Badge Completed",),
    "badge_completion_time": ("Badge Completion Timestamp",),
}
REQUIRED = ("email", ("badge_slug", "badge_title"), "badge_completed")


@dataclass(frozen=True, slots=True)
class BadgeRow:
    """One row: the learner, the badge (a program) and one course of it."""

    line: int
    name: str
    email: str
    badge_slug: str
    badge_title: str
    badge_link: str
    course_count: int | None
    badge_progress: float | None
    badge_completed: bool
    badge_completed_on: date | None
    course_title: str
    course_enrolled: bool
    course_completed: bool
    course_completed_on: date | None


def export_timestamp(text: str) -> date | None:
    """Like `timestamp_date`, also taking the '2026-05-04 17:33:53 UTC' form of this export."""
    value = text.strip()
    if value.upper().endswith(" UTC"):
        value = value[:-4].rstrip()
    return timestamp_date(value)


def any_percent(text: str) -> float | None:
    """A number, as written; the caller clamps it (Coursera writes 104 % now and then)."""
    if not text:
        return None
    value = number(text)
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a number")
    return value


def whole_number(text: str) -> int | None:
    if not text:
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise ValueError(f"'{text}' is not a whole number (digits 0-9, at most 9 of them)")
    return int(value)


class LearningPathExport:
    """`with LearningPathExport(path) as export:` then `for row in export.rows(problems, notes)`."""

    kind = LEARNING_PATH_REPORT

    def __init__(self, path: Path) -> None:
        self.path = path
        self._table = TableFile(path)
        self._cols: Columns | None = None

    def __enter__(self) -> Self:
        table = self._table.__enter__()
        try:
            self._cols = match_columns(
                table.header,
                LEARNING_PATH_ALIASES,
                required=REQUIRED,
                file_name=self.path.name,
                what="Coursera LearningPathActivity",
                line=table.header_line,
            )
        except BaseException:
            self._table.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._table.__exit__(*exc)

    def rows(self, problems: Problems, notes: list[str]) -> Iterator[BadgeRow]:
        """Every row with good values; a bad cell goes to `problems` and its row is skipped.
        A badge progress outside 0–100 is clamped and said in `notes`."""
        cols = self._cols
        assert cols is not None
        for row in self._table.rows():
            bad = problems.count
            cells, line = row.cells, row.line
            badge_completed = cols.parsed(cells, "badge_completed", yes_no, line, problems)
            badge_done = cols.parsed(
                cells, "badge_completion_time", export_timestamp, line, problems
            )
            course_completed = cols.parsed(cells, "course_completed", yes_no, line, problems)
            course_done = cols.parsed(
                cells, "course_completion_time", export_timestamp, line, problems
            )
            enrolled = cols.parsed(cells, "course_enrolled", export_timestamp, line, problems)
            progress = cols.parsed(cells, "badge_progress", any_percent, line, problems)
            course_count = cols.parsed(cells, "course_count", whole_number, line, problems)
            link = cols.cell(cells, "badge_link")
            if len(link) > MAX_CERTIFICATE:
                problems.add(line, cols.where("badge_link"), "the badge link is too long")
            if problems.count != bad:
                continue
            if progress is not None and not 0 <= progress <= 100:
                clamped = min(100.0, max(0.0, progress))
                notes.append(
                    f"line {line}, {cols.where('badge_progress')}: {progress:g} is outside "
                    f"0–100, read as {clamped:g}."
                )
                progress = clamped
            yield BadgeRow(
                line=line,
                name=cols.cell(cells, "name"),
                email=cols.cell(cells, "email").casefold(),
                badge_slug=cols.cell(cells, "badge_slug").casefold(),
                badge_title=cols.cell(cells, "badge_title"),
                badge_link=link,
                course_count=course_count,
                badge_progress=progress,
                badge_completed=bool(badge_completed),
                badge_completed_on=badge_done,
                course_title=cols.cell(cells, "course_title"),
                course_enrolled=enrolled is not None,
                course_completed=bool(course_completed),
                course_completed_on=course_done,
            )
