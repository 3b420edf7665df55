"""Coursera admin exports (CSV or XLSX): which report a file is, and its rows as plain records.

Two reports, recognised by their headers (never by position): the course-level Usage /
CourseActivity report (old headers 'External Id', new 'External ID', …) and the Specialization
report. Note that Coursera's 'Program Slug'/'Program Name' columns name the university's
enterprise programme (e.g. dist-coursera-2023), not a certification: they are not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Self

from advisor.model.errors import ValidationError
from advisor.model.importing.field_values import Problems, percent, timestamp_date, yes_no
from advisor.model.importing.header_match import Columns, header_key, match_columns, parse_cell
from advisor.model.importing.tabular_reader import Row, TableFile

COURSE_REPORT = "course report"
SPECIALIZATION_REPORT = "specialization report"

_LEARNER = {
    "email": ("Email", "Email Address", "E-mail"),
    "external_id": ("External Id", "External User Id", "Roll No"),
    "university": ("University", "Partner", "Partner Name"),
    "completed": ("Completed", "Is Completed"),
    "removed": ("Removed From Program",),
}
COURSE_ALIASES: dict[str, tuple[str, ...]] = {
    **_LEARNER,
    "title": ("Course", "Course Name"),
    "course_id": ("Course ID",),
    "slug": ("Course Slug",),
    "progress": ("Overall Progress", "Progress", "Course Progress"),
    "completion_time": ("Completion Time", "Course Completion Time"),
    "grade": ("Course Grade", "Grade"),
    "certificate": ("Course Certificate URL", "Certificate URL", "Course Certificate"),
}
SPECIALIZATION_ALIASES: dict[str, tuple[str, ...]] = {
    **_LEARNER,
    "title": ("Specialization", "Specialization Name"),
    "slug": ("Specialization Slug",),
    "completion_time": ("Specialization Completion Time", "Completion Time"),
    "certificate": ("Specialization Certificate URL", "Certificate URL"),
}
MAX_CERTIFICATE = 300  # the column's size in the database
REQUIRED = (("email", "external_id"), ("slug", "title"), "completed")


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One row: who (email, external id), what (slug, course id, title, university), how far."""

    line: int
    email: str
    external_id: str
    slug: str
    course_id: str
    title: str
    university: str
    completed: bool
    progress: float | None
    grade: float | None
    completed_on: date | None
    certificate: str
    removed: bool = False  # 'Removed From Program' = Yes: the record is kept, and said


def report_kind(header: list[str]) -> str | None:
    keys = {header_key(h) for h in header}
    if keys & {"course slug", "course", "course name"}:
        return COURSE_REPORT
    if keys & {"specialization slug", "specialization", "specialization name"}:
        return SPECIALIZATION_REPORT
    return None


class CourseraExport:
    """`with CourseraExport(path) as export:` then `export.kind` and `for row in export.rows(problems)`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._table = TableFile(path)
        self.kind = ""
        self._cols: Columns | None = None

    def __enter__(self) -> Self:
        table = self._table.__enter__()
        try:
            kind = report_kind(table.header)
            if kind is None:
                raise ValidationError(
                    f"{self.path.name}, line {table.header_line} (the header): this is not a "
                    "Coursera course or Specialization report (no 'Course' or 'Specialization' "
                    "column); nothing was imported.",
                    nothing_changed=True,
                )
            self.kind = kind
            aliases = COURSE_ALIASES if kind == COURSE_REPORT else SPECIALIZATION_ALIASES
            self._cols = match_columns(
                table.header,
                aliases,
                required=REQUIRED,
                file_name=self.path.name,
                what=f"Coursera {kind}",
                line=table.header_line,
            )
        except BaseException:
            self._table.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._table.__exit__(*exc)

    @property
    def header(self) -> list[str]:
        return self._table.header

    def rows(
        self, problems: Problems, on_row: Callable[[Row], None] | None = None
    ) -> Iterator[ExportRow]:
        """Every row with good values; a bad cell goes to `problems` and its row is skipped.
        `on_row` sees every row of the file as read, before its cells are parsed."""
        cols = self._cols
        assert cols is not None
        width = len(self._table.header)
        # A field the file lacks reads the blank cell appended to every row (index -1).
        at = {f: cols.positions.get(f, -1) for f in COURSE_ALIASES}
        email, external, slug, course_id, title, university, certificate_at = (
            at["email"],
            at["external_id"],
            at["slug"],
            at["course_id"],
            at["title"],
            at["university"],
            at["certificate"],
        )
        completed_at, progress_at, grade_at, time_at, removed_at = (
            at["completed"],
            at["progress"],
            at["grade"],
            at["completion_time"],
            at["removed"],
        )
        for row in self._table.rows():
            if on_row is not None:
                on_row(row)
            cells = row.cells
            if len(cells) < width:  # a workbook row without its trailing blank cells
                cells = cells + [""] * (width - len(cells))
            cells.append("")
            bad = problems.count
            line = row.line
            # By position, as the cells above (Columns.parsed looks each field up): every row.
            completed = parse_cell(
                cells[completed_at].strip(), yes_no, cols, "completed", line, problems
            )
            progress = parse_cell(
                cells[progress_at].strip(), percent, cols, "progress", line, problems
            )
            grade = parse_cell(cells[grade_at].strip(), percent, cols, "grade", line, problems)
            completed_on = parse_cell(
                cells[time_at].strip(), timestamp_date, cols, "completion_time", line, problems
            )
            removed = parse_cell(cells[removed_at].strip(), yes_no, cols, "removed", line, problems)
            certificate = cells[certificate_at].strip()
            if len(certificate) > MAX_CERTIFICATE:
                problems.add(line, cols.where("certificate"), "the certificate URL is too long")
            if problems.count != bad:
                continue
            if completed is None:  # blank 'Completed': a completion time says it all
                completed = completed_on is not None
            yield ExportRow(
                line=line,
                email=cells[email].strip().casefold(),
                external_id=cells[external].strip(),
                slug=cells[slug].strip().casefold(),
                course_id=cells[course_id].strip(),
                title=cells[title].strip(),
                university=cells[university].strip(),
                completed=completed,
                progress=progress,
                grade=grade,
                completed_on=completed_on,
                certificate=certificate,
                removed=bool(removed),
            )
