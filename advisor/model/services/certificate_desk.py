"""What the verification desk shows: a student's programs with each course's certificate code
and who verified it, and a cohort's list of everything waiting for verification."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.audit.inputs import Catalog
from advisor.model.audit.result import AuditResult
from advisor.model.certificate_code import certificate_code
from advisor.model.schema import (
    CertificateCheck,
    Course,
    CourseProgress,
    Program,
    ProgramCertificate,
    StudentException,
)
from advisor.model.store.audit_inputs import load_catalog


@dataclass(frozen=True)
class CheckFacts:
    """The latest person's check of one course or program."""

    code: str
    checked_by: str
    checked_on: date
    note: str

    def describe(self) -> str:
        return f"checked by {self.checked_by} on {self.checked_on.isoformat()}"


@dataclass(frozen=True)
class CourseLine:
    """One course of a program, as the Progress tab lists it under the program."""

    slug: str
    title: str
    hours: float
    status: str  # completed | in_progress | enrolled | not_started
    progress: float
    completed_on: date | None
    code: str  # the certificate's code ("" when none is recorded)
    verified_how: str  # "Coursera record", "checked by NAME on DATE", "marked complete by …", ""
    note: str  # the check's note

    @property
    def verified(self) -> bool:
        return bool(self.verified_how)


@dataclass(frozen=True)
class ProgramCourses:
    slug: str
    code: str  # the program certificate's code, "" when none
    verified_how: str  # the program certificate's: "Coursera record" or a person's check
    note: str
    courses: tuple[CourseLine, ...]


@dataclass(frozen=True)
class PendingItem:
    """A completed program of a student that waits for a certificate check."""

    roll_no: str
    name: str
    degree: str
    intake: str
    program: str  # slug
    title: str
    completed_on: date | None
    counts_for: str | None  # the requirement it fills (its credits are pending), else None
    credits: int
    reason: str


def latest_checks(
    session: Session, student_id: int
) -> tuple[dict[int, CheckFacts], dict[int, CheckFacts]]:
    """(course id -> check, program id -> check): the newest check of each item."""
    return latest_checks_of(session, [student_id]).get(student_id, ({}, {}))


def latest_checks_of(
    session: Session, student_ids: Iterable[int]
) -> dict[int, tuple[dict[int, CheckFacts], dict[int, CheckFacts]]]:
    """`latest_checks` of many students in one query (a letter batch), by student id."""
    found: dict[int, tuple[dict[int, CheckFacts], dict[int, CheckFacts]]] = {}
    for row in session.scalars(
        select(CertificateCheck)
        .where(CertificateCheck.student_id.in_(list(student_ids)))
        .order_by(CertificateCheck.id)
    ):
        courses, programs = found.setdefault(row.student_id, ({}, {}))
        facts = CheckFacts(row.code, row.created_by, row.checked_on, row.note)
        if row.course_id is not None:
            courses[row.course_id] = facts
        elif row.program_id is not None:
            programs[row.program_id] = facts
    return found


def program_courses(
    session: Session, student_id: int, program_slugs: Iterable[str]
) -> tuple[ProgramCourses, ...]:
    """Each program's courses in program order, with their codes and how each was verified."""
    catalog = load_catalog(session)
    course_ids = dict(session.execute(select(Course.slug, Course.id)).all())
    program_ids = dict(session.execute(select(Program.slug, Program.id)).all())
    records = {
        row.course_id: row
        for row in session.scalars(
            select(CourseProgress).where(CourseProgress.student_id == student_id)
        )
    }
    certificates = {
        row.program_id: row
        for row in session.scalars(
            select(ProgramCertificate).where(ProgramCertificate.student_id == student_id)
        )
    }
    marked = {
        row.course_id: row
        for row in session.scalars(
            select(StudentException).where(
                StudentException.student_id == student_id,
                StudentException.kind == "course_complete",
                StudentException.removed_at.is_(None),
                StudentException.approved_by.is_not(None),
            )
        )
    }
    course_checks, program_checks = latest_checks(session, student_id)
    out = []
    for slug in program_slugs:
        program = catalog.programs.get(slug)
        if program is None:
            continue
        pid = program_ids.get(slug, -1)
        certificate = certificates.get(pid)
        check = program_checks.get(pid)
        code = certificate_code(certificate.certificate) if certificate else ""
        how = (check.describe() if check else "Coursera record") if code else ""
        lines = tuple(
            _course_line(catalog, s, course_ids.get(s, -1), records, marked, course_checks)
            for s in program.courses
        )
        out.append(ProgramCourses(slug, code, how, check.note if check else "", lines))
    return tuple(out)


def _course_line(
    catalog: Catalog,
    slug: str,
    course_id: int,
    records: dict[int, CourseProgress],
    marked: dict[int | None, StudentException],
    checks: dict[int, CheckFacts],
) -> CourseLine:
    course = catalog.courses.get(slug)
    title, hours = (course.title, course.hours) if course else (slug, 0.0)
    row, exception, check = records.get(course_id), marked.get(course_id), checks.get(course_id)
    if row is None and exception is None:
        return CourseLine(slug, title, hours, "not_started", 0.0, None, "", "", "")
    code = certificate_code(row.certificate) if row is not None else ""
    if exception is not None:
        who = exception.approved_by or exception.created_by
        how = f"marked complete by {who} (exception #{exception.id})"
        status, progress = "completed", 100.0
        done_on = row.completed_on if row is not None else None
    else:
        assert row is not None
        status, progress, done_on = row.status, row.progress, row.completed_on
        if check is not None and row.verified_by:
            how = check.describe()
        elif row.verified_by:
            how = f"checked by {row.verified_by}"
        else:
            how = "Coursera record" if code else ""
    return CourseLine(
        slug, title, hours, status, progress, done_on, code, how, check.note if check else ""
    )


def pending_items(audits: Iterable[AuditResult]) -> list[PendingItem]:
    """Every completed, unverified program of the audited students; those whose credits wait
    for it first."""
    out = []
    for audit in audits:
        name, intake = audit.student_name, audit.intake
        for p in audit.programs:
            if p.status == "completed" and not p.verified:
                out.append(
                    PendingItem(
                        roll_no=audit.roll_no,
                        name=name,
                        degree=audit.degree,
                        intake=intake,
                        program=p.slug,
                        title=p.title,
                        completed_on=p.completed_on,
                        counts_for=p.counted_for,
                        credits=p.credits,
                        reason=p.reason,
                    )
                )
    out.sort(key=lambda i: (i.counts_for is None, i.roll_no, i.title))
    return out
