"""The registrar's roster (CSV or XLSX): read and check every row, then add or update students.

Reading is pure over the file and the known degree codes and streams: `read_roster` yields each
good row as it is read (a 1,000,000-row roster never sits in memory). `import_roster_rows`
writes them in batches in the caller's transaction and raises at the end if any row was bad, so
the caller's rollback keeps the import all-or-nothing. A missing optional column leaves that
field of existing students as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor.model.importing.field_values import Problems
from advisor.model.importing.header_match import match_columns
from advisor.model.importing.tabular_reader import TableFile
from advisor.model.intake import parse_intake
from advisor.model.schema import Degree, Student

ROSTER_ALIASES: dict[str, tuple[str, ...]] = {
    "roll_no": (
        "roll_no",
        "roll no",
        "roll number",
        "roll #",
        "roll",
        "registration no",
        "registration number",
        "registration #",
        "registration",
        "reg no",
        "reg number",
        "reg #",
        "student id",
    ),
    "name": ("name", "student name", "full name", "student"),
    "father_name": ("father_name", "father name", "fathers name", "father", "guardian name"),
    "gender": ("gender", "sex"),
    "cnic": ("cnic", "cnic no", "cnic number", "cnic #", "nic", "b form", "cnic b form"),
    "email": ("email", "e-mail", "email address", "e-mail address", "university email"),
    "degree": ("degree", "program", "programme", "degree program", "degree code"),
    "intake": ("intake", "session", "batch", "admission session"),
    "semester": ("semester", "current semester", "sem"),
}
REQUIRED = ("roll_no", "name", "degree", "intake")
CNIC = re.compile(r"^\d{5}-\d{7}-\d$")
# 3.52025E+12: Excel read a CNIC typed without dashes as a number, showed it in scientific
# notation and saved the CSV that way; its last digits are gone for good.
EXCEL_NUMBER = re.compile(r"^\d+(\.\d+)?E\+?\d+$", re.IGNORECASE)


def excel_changed(text: str, what: str) -> str:
    return (
        f"'{text}' is how Excel shows a long number: Excel turned this {what} into a number and "
        f"dropped its last digits. In Excel, format the {what} column as Text (Home → Number → "
        "Text) and type the numbers again with their dashes, or save the sheet as an Excel "
        "workbook (.xlsx) rather than CSV"
    )


EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
GENDERS = {"m": "M", "male": "M", "f": "F", "female": "F"}
LIMITS = {"roll_no": 60, "name": 200, "father_name": 200, "email": 254}


@dataclass(frozen=True, slots=True)
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
            f"Roster of {_count(self.rows, 'row')}: {_count(len(self.added), 'new student')}, "
            f"{len(self.updated):,} updated and {self.unchanged:,} unchanged."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def read_roster(path: Path, degree_codes: set[str], problems: Problems) -> Iterator[RosterEntry]:
    """Every row checked as it is read; the bad ones go to `problems` (line and column), the
    good ones are yielded. Roll numbers and emails must be unique within the file."""
    first_line: dict[str, int] = {}
    email_line: dict[str, int] = {}
    with TableFile(path) as table:
        cols = match_columns(
            table.header,
            ROSTER_ALIASES,
            required=REQUIRED,
            file_name=path.name,
            what="roster",
            line=table.header_line,
        )
        for row in table.rows():
            bad_before = problems.count

            def fail(field: str, message: str) -> None:
                problems.add(row.line, cols.where(field), message)  # noqa: B023

            values = {f: cols.cell(row.cells, f) for f in ROSTER_ALIASES if f in cols}
            too_long = set()
            for field, limit in LIMITS.items():
                if len(values.get(field, "")) > limit:
                    fail(field, f"longer than {limit} characters")
                    values[field] = ""
                    too_long.add(field)
            roll = values["roll_no"]
            if "roll_no" in too_long:
                pass  # one error per cell: not also "empty"
            elif not roll:
                fail("roll_no", "the roll number is empty")
            elif hidden := _invisible(roll):
                fail(
                    "roll_no",
                    f"roll number {roll} holds an invisible character (U+{ord(hidden):04X}), "
                    "so it would not be the same as the one it looks like: type it again",
                )
            elif roll.lower() in first_line:
                fail("roll_no", f"roll number {roll} is already on line {first_line[roll.lower()]}")
            else:
                first_line[roll.lower()] = row.line
            if _shows_nothing(values["name"]) and "name" not in too_long:
                fail("name", "the name is empty")
            degree = values["degree"].upper()
            if degree not in degree_codes:
                known = ", ".join(sorted(degree_codes)) or "none yet: import the policy first"
                fail("degree", f"'{values['degree'][:60]}' is not a degree code (known: {known})")
            term, year = "", 0
            try:
                term, year = parse_intake(values["intake"])
            except ValueError as exc:
                fail("intake", str(exc).rstrip("."))
            entry = RosterEntry(row.line, roll, values["name"], degree, term, year)
            entry = _optional_fields(entry, values, fail)
            # Progress is matched by email first: two students with one email would mix records.
            if entry.email and entry.email in email_line:
                fail(
                    "email", f"{entry.email} is already the email of line {email_line[entry.email]}"
                )
            elif entry.email:
                email_line[entry.email] = row.line
            if problems.count == bad_before:
                yield entry


# Format and control characters: a zero-width space, a byte-order mark or a direction mark
# pasted with a roll number shows as nothing but makes it another roll number.
_INVISIBLE = ("Cf", "Cc", "Co", "Cn")


def _invisible(text: str) -> str | None:
    return next((c for c in text if unicodedata.category(c) in _INVISIBLE), None)


def _shows_nothing(text: str) -> bool:
    """Blank, or only spaces and invisible characters (an Urdu name's joiners are kept)."""
    return all(c.isspace() or unicodedata.category(c) in _INVISIBLE for c in text)


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
        if cnic.isascii() and cnic.isdigit() and len(cnic) == 13:  # Excel drops the dashes
            cnic = f"{cnic[:5]}-{cnic[5:12]}-{cnic[12]}"
        if EXCEL_NUMBER.match(cnic):
            fail("cnic", excel_changed(cnic, "CNIC"))
        elif cnic and not CNIC.match(cnic):
            fail("cnic", f"'{values['cnic']}' is not a CNIC like 35202-1234567-1")
        changes["cnic"] = cnic
    if "email" in values:
        email = values["email"].lower()
        if email and not EMAIL.match(email):
            fail("email", f"'{values['email']}' is not an email address")
        elif email and (hidden := _invisible(email)):  # Coursera's rows would never match it
            fail("email", f"{email} holds an invisible character (U+{ord(hidden):04X})")
        changes["email"] = email
    if "semester" in values:
        text = values["semester"]
        semester = int(text) if text.isascii() and text.isdigit() and len(text) < 4 else 0
        if not 1 <= semester <= 12:
            fail("semester", f"'{text}' is not a semester from 1 to 12")
        changes["semester"] = semester
    return replace(entry, **changes)  # type: ignore[arg-type]


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


BATCH = 2_000  # rows written and then forgotten by the session: memory stays flat


def import_roster_rows(
    session: Session, path: Path, entries: Iterable[RosterEntry], problems: Problems
) -> RosterImportResult:
    """Add or update the students of `entries` in the caller's transaction, a batch at a time.
    Raises ValidationError at the end if any row (of the file or here) was refused: the caller
    rolls the whole transaction back."""
    degrees = {d.code: d.id for d in session.scalars(select(Degree))}
    known = {
        roll.lower(): sid for sid, roll in session.execute(select(Student.id, Student.roll_no))
    }
    added: list[str] = []
    updated: list[str] = []
    rows = 0
    batch: list[RosterEntry] = []
    email_line: dict[str, tuple[int, str]] = {}
    for entry in entries:
        rows += 1
        if entry.email:
            email_line[entry.email] = (entry.line, entry.roll_no.lower())
        if problems.count:
            continue  # the file is refused anyway: read on only to report every problem
        batch.append(entry)
        if len(batch) >= BATCH:
            _write_batch(session, batch, degrees, known, added, updated)
            batch = []
    if not problems.count:
        _write_batch(session, batch, degrees, known, added, updated)
        _check_emails_unique(session, email_line, problems)
    problems.raise_if_any("roster")
    return RosterImportResult(rows, tuple(added), tuple(updated), rows - len(added) - len(updated))


def _write_batch(
    session: Session,
    batch: list[RosterEntry],
    degrees: dict[str, int],
    known: dict[str, int],
    added: list[str],
    updated: list[str],
) -> None:
    ids = [known[e.roll_no.lower()] for e in batch if e.roll_no.lower() in known]
    existing = {s.id: s for s in session.scalars(select(Student).where(Student.id.in_(ids)))}
    for e in batch:
        sid = known.get(e.roll_no.lower())
        if sid is None:
            row = Student(roll_no=e.roll_no, degree_id=degrees[e.degree])
            _set_fields(row, e)
            session.add(row)
            added.append(e.roll_no)
            continue
        row = existing[sid]
        before = ([getattr(row, f) for f in FIELDS], row.degree_id)
        _set_fields(row, e)
        row.degree_id = degrees[e.degree]
        if before != ([getattr(row, f) for f in FIELDS], row.degree_id):
            updated.append(row.roll_no)
    session.flush()
    session.expunge_all()  # written: the session need not remember them


def _check_emails_unique(
    session: Session, email_line: dict[str, tuple[int, str]], problems: Problems
) -> None:
    """After writing: an email of the file that another student (not in the file) still has."""
    shared = session.execute(
        select(Student.email, func.min(Student.roll_no), func.max(Student.roll_no))
        .where(Student.email != "")
        .group_by(Student.email)
        .having(func.count() > 1)
    )
    for email, first, last in shared:
        if email in email_line:
            line, roll = email_line[email]
            other = last if first.lower() == roll else first
            problems.add(line, "the Email column", f"{email} is the email of {other} already")


def _set_fields(row: Student, e: RosterEntry) -> None:
    row.name, row.intake_term, row.intake_year = e.name, e.intake_term, e.intake_year
    for field in ("father_name", "gender", "cnic", "email", "semester"):
        value = getattr(e, field)
        if value is not None:
            setattr(row, field, value)
        elif getattr(row, field) is None:
            setattr(row, field, 1 if field == "semester" else "")
