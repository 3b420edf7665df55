"""The registrar's roster (CSV or XLSX): read and check every row, then add or update students.

Reading is pure over the file and the known degree codes; `apply_roster` writes in the caller's
transaction. A missing optional column leaves that field of existing students as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.importing.field_values import Problems
from advisor.model.importing.header_match import match_columns
from advisor.model.importing.tabular_reader import TableFile
from advisor.model.intake import parse_intake
from advisor.model.schema import Degree, Student

ROSTER_ALIASES: dict[str, tuple[str, ...]] = {
    "roll_no": (
        "roll_no", "roll no", "roll number", "roll #", "roll", "registration no", "registration number",
        "registration #", "registration", "reg no", "reg number", "reg #", "student id",
    ),
    "name": ("name", "student name", "full name", "student"),
    "father_name": ("father_name", "father name", "fathers name", "father", "guardian name"),
    "gender": ("gender", "sex"),
    "cnic": ("cnic", "cnic no", "cnic number", "cnic #", "nic", "b form", "cnic b form"),
    "email": ("email", "e-mail", "email address", "e-mail address", "university email"),
    "degree": ("degree", "program", "programme", "degree program", "degree code"),
    "intake": ("intake", "session", "batch", "admission session"),
    "semester": ("semester", "current semester", "sem"),
}  # fmt: skip
REQUIRED = ("roll_no", "name", "degree", "intake")
CNIC = re.compile(r"^\d{5}-\d{7}-\d$")
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
GENDERS = {"m": "M", "male": "M", "f": "F", "female": "F"}
LIMITS = {"roll_no": 60, "name": 200, "father_name": 200, "email": 254}


@dataclass(frozen=True)
class RosterEntry:
    """One student as the file gives them; None = the file has no such column."""

    line: int
    roll_no: str
    name: str
    degree: str
    intake_term: str
    intake_year: int
    father_name: str | None = None
    gender: str | None = None
    cnic: str | None = None
    email: str | None = None
    semester: int | None = None


@dataclass(frozen=True)
class RosterImportResult:
    rows: int
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int

    def describe(self) -> str:
        return (
            f"Roster imported: {self.rows} rows; {len(self.added)} added, {len(self.updated)} "
            f"updated, {self.unchanged} unchanged."
        )


def read_roster(path: Path, degree_codes: set[str]) -> list[RosterEntry]:
    """Every row checked; any problem refuses the whole file (ValidationError, line and column)."""
    problems = Problems(path.name)
    entries: list[RosterEntry] = []
    first_line: dict[str, int] = {}
    with TableFile(path) as table:
        cols = match_columns(
            table.header, ROSTER_ALIASES, required=REQUIRED, file_name=path.name, what="roster",
            line=table.header_line,
        )  # fmt: skip
        for row in table.rows():
            bad_before = problems.count

            def fail(field: str, message: str) -> None:
                problems.add(row.line, cols.where(field), message)  # noqa: B023

            values = {f: cols.cell(row.cells, f) for f in ROSTER_ALIASES if f in cols}
            for field, limit in LIMITS.items():
                if len(values.get(field, "")) > limit:
                    fail(field, f"longer than {limit} characters")
                    values[field] = ""
            roll = values["roll_no"]
            if not roll:
                fail("roll_no", "the roll number is empty")
            elif roll.lower() in first_line:
                fail("roll_no", f"roll number {roll} is already on line {first_line[roll.lower()]}")
            else:
                first_line[roll.lower()] = row.line
            if not values["name"]:
                fail("name", "the name is empty")
            degree = values["degree"].upper()
            if degree not in degree_codes:
                known = ", ".join(sorted(degree_codes)) or "none yet: import the policy first"
                fail("degree", f"'{values['degree']}' is not a degree code (known: {known})")
            term, year = "", 0
            try:
                term, year = parse_intake(values["intake"])
            except ValueError as exc:
                fail("intake", str(exc).rstrip("."))
            entry = RosterEntry(row.line, roll, values["name"], degree, term, year)
            entry = _optional_fields(entry, values, fail)
            if problems.count == bad_before:
                entries.append(entry)
    problems.raise_if_any("roster")
    _check_emails_unique(entries, problems, cols.where("email") if "email" in cols else "")
    problems.raise_if_any("roster")
    return entries


def _optional_fields(
    entry: RosterEntry, values: dict[str, str], fail: Callable[[str, str], None]
) -> RosterEntry:
    changes: dict[str, object] = {}
    if "father_name" in values:
        changes["father_name"] = values["father_name"]
    if "gender" in values:
        gender = GENDERS.get(values["gender"].lower(), None if values["gender"] else "")
        if gender is None:
            fail("gender", f"'{values['gender']}' is not M or F (Male or Female)")
        changes["gender"] = gender or ""
    if "cnic" in values:
        cnic = values["cnic"]
        if cnic.isdigit() and len(cnic) == 13:  # Excel drops the dashes
            cnic = f"{cnic[:5]}-{cnic[5:12]}-{cnic[12]}"
        if cnic and not CNIC.match(cnic):
            fail("cnic", f"'{values['cnic']}' is not a CNIC like 35202-1234567-1")
        changes["cnic"] = cnic
    if "email" in values:
        email = values["email"].lower()
        if email and not EMAIL.match(email):
            fail("email", f"'{values['email']}' is not an email address")
        changes["email"] = email
    if "semester" in values:
        text = values["semester"]
        semester = int(text) if text.isdigit() else 0
        if not 1 <= semester <= 12:
            fail("semester", f"'{text}' is not a semester from 1 to 12")
        changes["semester"] = semester
    return replace(entry, **changes)  # type: ignore[arg-type]


def _check_emails_unique(entries: list[RosterEntry], problems: Problems, where: str) -> None:
    """Progress is matched by email first: two students with one email would mix records."""
    seen: dict[str, int] = {}
    for e in entries:
        if not e.email:
            continue
        if e.email in seen:
            problems.add(e.line, where, f"{e.email} is already the email of line {seen[e.email]}")
        seen.setdefault(e.email, e.line)


FIELDS = (
    "name",
    "father_name",
    "gender",
    "cnic",
    "email",
    "intake_term",
    "intake_year",
    "semester",
)


def apply_roster(session: Session, path: Path, entries: list[RosterEntry]) -> RosterImportResult:
    degrees = {d.code: d for d in session.scalars(select(Degree))}
    students = {s.roll_no.lower(): s for s in session.scalars(select(Student))}
    in_file = {e.roll_no.lower() for e in entries}
    # Students in the file get the file's emails (already checked unique); the others keep theirs.
    email_owner = {s.email: key for key, s in students.items() if s.email and key not in in_file}
    problems = Problems(path.name)
    added: list[str] = []
    updated: list[str] = []
    for e in entries:
        owner = email_owner.get(e.email or "")
        if owner and owner != e.roll_no.lower():
            problems.add(
                e.line,
                "the Email column",
                f"{e.email} is the email of {students[owner].roll_no} already",
            )
            continue
        row = students.get(e.roll_no.lower())
        if row is None:
            row = Student(roll_no=e.roll_no, degree=degrees[e.degree])
            session.add(row)
            _set_fields(row, e)
            added.append(e.roll_no)
            continue
        before = ([getattr(row, f) for f in FIELDS], row.degree_id)
        _set_fields(row, e)
        row.degree = degrees[e.degree]
        if before != ([getattr(row, f) for f in FIELDS], row.degree.id):
            updated.append(row.roll_no)
    problems.raise_if_any("roster")
    return RosterImportResult(
        len(entries), tuple(added), tuple(updated), len(entries) - len(added) - len(updated)
    )


def _set_fields(row: Student, e: RosterEntry) -> None:
    row.name, row.intake_term, row.intake_year = e.name, e.intake_term, e.intake_year
    for field in ("father_name", "gender", "cnic", "email", "semester"):
        value = getattr(e, field)
        if value is not None:
            setattr(row, field, value)
        elif getattr(row, field) is None:
            setattr(row, field, 1 if field == "semester" else "")
