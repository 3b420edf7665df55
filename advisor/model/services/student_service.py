"""Students: list, look up one with their progress, import the roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from advisor.model.coursera_membership import COURSERA_FILTERS, INVITED, MISSING, NOT_JOINED
from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.import_claim import claim_imports
from advisor.model.importing.field_values import Problems
from advisor.model.importing.import_log import file_sha256, record_import
from advisor.model.importing.roster_import import (
    RosterImportResult,
    import_roster_rows,
    read_roster,
)
from advisor.model.name_search import near_match
from advisor.model.roles import Role, mask_cnic
from advisor.model.schema import (
    Course,
    CourseProgress,
    CourseraMember,
    Degree,
    Program,
    ProgramCertificate,
    Student,
)
from advisor.model.services.service_base import Service
from advisor.model.store.students import filtered_students


@dataclass(frozen=True)
class StudentRow:
    roll_no: str
    name: str
    degree: str
    intake: str
    semester: int
    email: str
    coursera: str = MISSING  # joined | invited | removed | missing (ProgramActivity membership)
    coursera_program: str = ""  # the Program Name ProgramActivity gave (may say it is archived)


@dataclass(frozen=True)
class CourseProgressRow:
    slug: str
    title: str
    status: str
    progress: float
    grade: float | None
    completed_on: date | None
    certificate: str


@dataclass(frozen=True)
class ProgramCertificateRow:
    slug: str
    title: str
    completed_on: date | None
    certificate: str


@dataclass(frozen=True)
class StudentDetail:
    roll_no: str
    name: str
    father_name: str
    gender: str
    cnic: str
    email: str
    degree: str
    intake: str
    semester: int
    advisor_notes: str
    courses: tuple[CourseProgressRow, ...]
    program_certificates: tuple[ProgramCertificateRow, ...]
    cnic_masked: bool = False  # the signed-in role does not see CNICs in full


def student_row(s: Student, coursera: str | None = None, program: str | None = None) -> StudentRow:
    return StudentRow(
        s.roll_no,
        s.name,
        s.degree.code,
        f"{s.intake_term} {s.intake_year}",
        s.semester,
        s.email,
        coursera or MISSING,
        program or "",
    )


def with_membership(query: Select[Student], coursera: str | None) -> Select[Any]:
    """The students with their Coursera membership state, optionally only those in one state."""
    joined = query.outerjoin(CourseraMember, CourseraMember.student_id == Student.id).add_columns(
        CourseraMember.state, CourseraMember.program_name
    )
    if coursera is None:
        return joined
    if coursera not in COURSERA_FILTERS:
        raise ValidationError(
            f"'{coursera}' is not a Coursera membership state; use one of "
            f"{', '.join(COURSERA_FILTERS)}."
        )
    if coursera == MISSING:
        return joined.where(CourseraMember.id.is_(None))
    if coursera == NOT_JOINED:
        return joined.where(or_(CourseraMember.id.is_(None), CourseraMember.state == INVITED))
    return joined.where(CourseraMember.state == coursera)


@dataclass(frozen=True)
class StudentMatches:
    """What a search found. `near`: nothing matched exactly, so these are near misses of the
    words (a mistyped name); `search` is the text as typed, for saying what was searched."""

    rows: tuple[StudentRow, ...]
    search: str
    near: bool = False


class StudentService(Service):
    def list(
        self,
        degree: str | None = None,
        intake: str | None = None,
        search: str | None = None,
        coursera: str | None = None,
    ) -> list[StudentRow]:
        """Students by degree, intake, search words and Coursera membership (COURSERA_FILTERS)."""
        with self._db.read() as session:
            query = with_membership(filtered_students(degree, intake, search), coursera)
            return [student_row(*row) for row in session.execute(query)]

    def find(
        self,
        degree: str | None = None,
        intake: str | None = None,
        search: str | None = None,
        coursera: str | None = None,
    ) -> StudentMatches:
        """`list`, and when the search words match nobody exactly, the students whose name,
        roll number or email has words near them ('fatma' finds Fatima)."""
        text = (search or "").strip()
        with self._db.read() as session:
            query = with_membership(filtered_students(degree, intake, text), coursera)
            rows = tuple(student_row(*row) for row in session.execute(query))
            if rows or not text:
                return StudentMatches(rows, text)
            everyone = with_membership(filtered_students(degree, intake), coursera)
            near = tuple(
                row
                for row in (student_row(*found) for found in session.execute(everyone))
                if near_match(text, row.name, row.roll_no, row.email)
            )
            return StudentMatches(near, text, near=bool(near))

    def show(self, roll_no: str) -> StudentDetail:
        with self._db.read() as session:
            s = session.scalar(
                select(Student)
                .where(func.lower(Student.roll_no) == roll_no.strip().lower())
                .options(selectinload(Student.degree))
            )
            if s is None:
                raise NotFoundError(f"There is no student with roll number {roll_no.strip()}.")
            courses = session.execute(
                select(CourseProgress, Course.slug, Course.title)
                .join(Course, Course.id == CourseProgress.course_id)
                .where(CourseProgress.student_id == s.id)
                .order_by(
                    CourseProgress.completed_on.is_(None), CourseProgress.completed_on, Course.slug
                )
            ).all()
            certificates = session.execute(
                select(ProgramCertificate, Program.slug, Program.title)
                .join(Program, Program.id == ProgramCertificate.program_id)
                .where(ProgramCertificate.student_id == s.id)
                .order_by(Program.slug)
            ).all()
            return StudentDetail(
                roll_no=s.roll_no,
                name=s.name,
                father_name=s.father_name,
                gender=s.gender,
                cnic=s.cnic if self._sees_cnic else mask_cnic(s.cnic),
                email=s.email,
                degree=s.degree.code,
                cnic_masked=not self._sees_cnic,
                intake=f"{s.intake_term} {s.intake_year}",
                semester=s.semester,
                advisor_notes=s.advisor_notes,
                courses=tuple(
                    CourseProgressRow(
                        slug, title, p.status, p.progress, p.grade, p.completed_on, p.certificate
                    )
                    for p, slug, title in courses
                ),
                program_certificates=tuple(
                    ProgramCertificateRow(slug, title, c.completed_on, c.certificate)
                    for c, slug, title in certificates
                ),
            )

    def import_roster(self, path: Path) -> RosterImportResult:
        """Add new students and update changed ones; any bad row refuses the whole file."""
        self._require_role(Role.OFFICE, "importing a roster")
        sha = file_sha256(path)
        with self._db.begin() as session:
            claim_imports(session, path.name)
            codes = set(session.scalars(select(Degree.code)))
            problems = Problems(path.name)
            result = import_roster_rows(session, path, read_roster(path, codes, problems), problems)
            record_import(session, "roster", path, sha, result.describe())
            return result
