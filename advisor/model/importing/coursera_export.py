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
from advisor.model.importing.header_match import Columns, header_key, match_columns
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
        parsed_fields = [
            (f, at[f], parse)
            for f, parse in (
                ("completed", yes_no),
                ("progress", percent),
                ("grade", percent),
                ("completion_time", timestamp_date),
                ("removed", yes_no),
            )
        ]
        email, external, slug, course_id, title, university, certificate_at = (
            at["email"],
            at["external_id"],
            at["slug"],
            at["course_id"],
            at["title"],
            at["university"],
            at["certificate"],
        )
        for row in self._table.rows():
            if on_row is not None:
                on_row(row)
            cells = row.cells
            if len(cells) < width:  # a workbook row without its trailing blank cells
                cells = cells + [""] * (width - len(cells))
            cells.append("")
            bad = problems.count
            values: list[object] = []
            for field, i, parse in parsed_fields:
                text = cells[i].strip()
                try:
                    values.append(parse(text) if text else None)
                except ValueError as exc:
                    problems.add(row.line, cols.where(field), str(exc))
            certificate = cells[certificate_at].strip()
            if len(certificate) > MAX_CERTIFICATE:
                problems.add(row.line, cols.where("certificate"), "the certificate URL is too long")
            if problems.count != bad:
                continue
            completed, progress, grade, completed_on, removed = values
            if completed is None:  # blank 'Completed': a completion time says it all
                completed = completed_on is not None
            yield ExportRow(
                row.line,
                cells[email].strip().casefold(),
                cells[external].strip(),
                cells[slug].strip().casefold(),
                cells[course_id].strip(),
                cells[title].strip(),
                cells[university].strip(),
                bool(completed),
                progress,  # type: ignore[arg-type]
                grade,  # type: ignore[arg-type]
                completed_on,  # type: ignore[arg-type]
                certificate,
                bool(removed),
            )
