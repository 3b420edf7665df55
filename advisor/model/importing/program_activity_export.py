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
        for row in self._table.rows():
            bad = problems.count
            cells, line = row.cells, row.line
            joined = cols.parsed(cells, "join_date", export_timestamp, line, problems)
            invited = cols.parsed(cells, "invitation_date", export_timestamp, line, problems)
            enrolled = cols.parsed(cells, "enrolled_courses", whole_number, line, problems)
            completed = cols.parsed(cells, "completed_courses", whole_number, line, problems)
            email = cols.cell(cells, "email").casefold()
            external = cols.cell(cells, "external_id")
            if not email and not external:
                where = cols.where("email" if "email" in cols else "external_id")
                problems.add(line, where, "neither an email nor an External ID is given")
            if problems.count != bad:
                continue
            said = cols.cell(cells, "member_state")
            yield MemberRow(
                line=line,
                name=cols.cell(cells, "name"),
                email=email,
                external_id=external,
                program_name=cols.cell(cells, "program_name"),
                program_slug=cols.cell(cells, "program_slug"),
                member_state=said,
                state=membership_state(said, joined),
                joined_on=joined,
                invited_on=invited,
                enrolled_courses=enrolled,
                completed_courses=completed,
            )
