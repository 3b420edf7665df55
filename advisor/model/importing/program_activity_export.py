"""Coursera's ProgramActivity export: who joined the university's Coursera program, who was only
invited. It holds no progress; Sanad reads it as membership, and learns each learner's email and
External ID from it (a roster email and a Coursera login often differ).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Self

from advisor.model.coursera_membership import membership_state
from advisor.model.importing.coursera_kinds import PROGRAM_REPORT
from advisor.model.importing.field_values import Problems
from advisor.model.importing.header_match import Columns, match_columns
from advisor.model.importing.learning_path_export import export_timestamp, whole_number
from advisor.model.importing.tabular_reader import TableFile

PROGRAM_ACTIVITY_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("Name", "User Name"),
    "email": ("Email", "Email Address"),
    "external_id": ("External ID", "External Id"),
    "program_name": ("Program Name",),
    "program_slug": ("Program Slug",),
    "enrolled_courses": ("# Enrolled Courses", "Enrolled Courses"),
    "completed_courses": ("# Completed Courses", "Completed Courses"),
    "member_state": ("Member State",),
    "join_date": ("Join Date",),
    "invitation_date": ("Invitation Date",),
}
REQUIRED = (("email", "external_id"), "member_state")


@dataclass(frozen=True, slots=True)
class MemberRow:
    line: int
    name: str
    email: str
    external_id: str
    program_name: str
    program_slug: str
    member_state: str
    state: str  # joined | invited | removed
    joined_on: date | None
    invited_on: date | None
    enrolled_courses: int | None
    completed_courses: int | None


class ProgramActivityExport:
    """`with ProgramActivityExport(path) as export:` then `for row in export.rows(problems)`."""

    kind = PROGRAM_REPORT

    def __init__(self, path: Path) -> None:
        self.path = path
        self._table = TableFile(path)
        self._cols: Columns | None = None

    def __enter__(self) -> Self:
        table = self._table.__enter__()
        try:
            self._cols = match_columns(
                table.header,
                PROGRAM_ACTIVITY_ALIASES,
                required=REQUIRED,
                file_name=self.path.name,
                what="Coursera ProgramActivity",
                line=table.header_line,
            )
        except BaseException:
            self._table.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._table.__exit__(*exc)

    def rows(self, problems: Problems) -> Iterator[MemberRow]:
        cols = self._cols
        assert cols is not None
        parsers = (
            ("join_date", export_timestamp),
            ("invitation_date", export_timestamp),
            ("enrolled_courses", whole_number),
            ("completed_courses", whole_number),
        )
        for row in self._table.rows():
            bad = problems.count
            values: dict[str, object] = {}
            for field, parse in parsers:
                text = cols.cell(row.cells, field)
                try:
                    values[field] = parse(text) if text else None
                except ValueError as exc:
                    problems.add(row.line, cols.where(field), str(exc))
            email = cols.cell(row.cells, "email").casefold()
            external = cols.cell(row.cells, "external_id")
            if not email and not external:
                where = cols.where("email" if "email" in cols else "external_id")
                problems.add(row.line, where, "neither an email nor an External ID is given")
            if problems.count != bad:
                continue
            joined: date | None = values["join_date"]  # type: ignore[assignment]
            said = cols.cell(row.cells, "member_state")
            yield MemberRow(
                row.line,
                cols.cell(row.cells, "name"),
                email,
                external,
                cols.cell(row.cells, "program_name"),
                cols.cell(row.cells, "program_slug"),
                said,
                membership_state(said, joined),
                joined,
                values["invitation_date"],  # type: ignore[arg-type]
                values["enrolled_courses"],  # type: ignore[arg-type]
                values["completed_courses"],  # type: ignore[arg-type]
            )
