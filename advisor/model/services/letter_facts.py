"""What a letter states about each counted certification besides the audit's line: the course
certificates its credit rests on (when no program certificate is recorded) and, in words that
are true, how it was verified — a Coursera record imported on a date, a code entered by hand,
a person's check, or an advisor's exception.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.certificate_code import certificate_code
from advisor.model.schema import (
    Course,
    CourseProgress,
    Program,
    ProgramCertificate,
    ProgramCourse,
    StudentException,
)
from advisor.model.services.certificate_desk import CheckFacts, latest_checks_of
from advisor.reports.documents import CourseCertificate, LetterLine
from advisor.reports.printed_values import short_date

MANUAL_SOURCES = {"", "manual"}


def _day(value: datetime | date | None) -> str:
    if value is None:
        return "a date not recorded"
    return short_date(value.date() if isinstance(value, datetime) else value)


def _how_recorded(source: str, at: datetime | None, what: str) -> str:
    """'Coursera certificate record imported on 15 Jan 2026' / '… entered by hand on …'."""
    if (source or "").strip().lower() in MANUAL_SOURCES:
        return f"{what} entered by hand on {_day(at)}"
    return f"Coursera {what} imported on {_day(at)}"


def _course_how(row: CourseProgress | None, exception: StudentException | None) -> str:
    if exception is not None:
        who = exception.approved_by or exception.created_by
        return f"marked complete by {who} on {_day(exception.created_at)}"
    if row is None:
        return "not recorded"
    if row.verified_by:
        return f"checked by {row.verified_by} on {_day(row.verified_at)}"
    return _how_recorded(row.source, row.updated_at, "course certificate record")


def _summary(phrases: list[str]) -> str:
    """One phrase when every course was verified alike, else each way with its count."""
    counts = Counter(phrases)
    if len(counts) == 1:
        return phrases[0].replace("course certificate record ", "course certificate records ", 1)
    return "; ".join(f"{n} course{'s' if n > 1 else ''} {how}" for how, n in counts.items())


@dataclass(frozen=True)
class RecordFacts:
    """The records some students' letters draw on, read in one pass (a batch reads its whole
    cohort once; one letter reads its student's)."""

    programs: dict[str, int]  # slug -> id
    members: dict[int, list[tuple[int, str]]]  # program id -> (course id, title), in order
    certificates: dict[tuple[int, int], ProgramCertificate]  # (student id, program id)
    progress: dict[int, dict[int, CourseProgress]]  # student id -> course id -> record
    marked: dict[int, dict[int | None, StudentException]]  # student id -> course -> exception
    program_checks: dict[int, dict[int, CheckFacts]]  # student id -> program id -> check


def read_record_facts(
    session: Session, student_ids: Sequence[int], slugs: Sequence[str] | None = None
) -> RecordFacts:
    """One query per kind of record, whatever the number of students and lines; `slugs`
    limits the programs read (None: every program, for a cohort)."""
    found = select(Program.slug, Program.id)
    if slugs is not None:
        found = found.where(Program.slug.in_(slugs))
    programs: dict[str, int] = dict(session.execute(found).all())
    ids = list(student_ids)
    certificates = {
        (c.student_id, c.program_id): c
        for c in session.scalars(
            select(ProgramCertificate).where(
                ProgramCertificate.student_id.in_(ids),
                ProgramCertificate.program_id.in_(programs.values()),
            )
        )
    }
    members: dict[int, list[tuple[int, str]]] = {}
    for program_id, course_id, title in session.execute(
        select(ProgramCourse.program_id, Course.id, Course.title)
        .join(Course, Course.id == ProgramCourse.course_id)
        .where(ProgramCourse.program_id.in_(programs.values()))
        .order_by(ProgramCourse.program_id, ProgramCourse.position)
    ):
        members.setdefault(program_id, []).append((course_id, title))
    progress: dict[int, dict[int, CourseProgress]] = {}
    for p in session.scalars(select(CourseProgress).where(CourseProgress.student_id.in_(ids))):
        progress.setdefault(p.student_id, {})[p.course_id] = p
    marked: dict[int, dict[int | None, StudentException]] = {}
    for e in session.scalars(
        select(StudentException).where(
            StudentException.student_id.in_(ids),
            StudentException.kind == "course_complete",
            StudentException.removed_at.is_(None),
        )
    ):
        marked.setdefault(e.student_id, {})[e.course_id] = e
    checks = {sid: programs_ for sid, (_, programs_) in latest_checks_of(session, ids).items()}
    return RecordFacts(programs, members, certificates, progress, marked, checks)


def with_certificate_facts(
    session: Session, student_id: int, lines: tuple[LetterLine, ...], slugs: tuple[str, ...]
) -> tuple[LetterLine, ...]:
    """The lines with their course codes and how each was verified, from the student's
    records."""
    if not lines:
        return lines
    return lines_with_facts(
        read_record_facts(session, [student_id], slugs), student_id, lines, slugs
    )


def lines_with_facts(
    facts: RecordFacts, student_id: int, lines: tuple[LetterLine, ...], slugs: tuple[str, ...]
) -> tuple[LetterLine, ...]:
    """`with_certificate_facts` from records read before (`read_record_facts`)."""
    progress = facts.progress.get(student_id, {})
    marked = facts.marked.get(student_id, {})
    program_checks = facts.program_checks.get(student_id, {})
    out = []
    for line, slug in zip(lines, slugs, strict=True):
        program_id = facts.programs.get(slug, -1)
        certificate = facts.certificates.get((student_id, program_id))
        if certificate is not None and certificate.certificate.strip():
            check = program_checks.get(program_id)
            if check is not None and check.code == certificate_code(certificate.certificate):
                how = f"checked by {check.checked_by} on {_day(check.checked_on)}"
            else:
                how = _how_recorded(
                    certificate.source, certificate.updated_at, "certificate record"
                )
            out.append(
                replace(
                    line,
                    certificate=certificate_code(certificate.certificate),
                    courses=(),
                    verified_how=how,
                )
            )
            continue
        courses, phrases = [], []
        for course_id, title in facts.members.get(program_id, []):
            row, exception = progress.get(course_id), marked.get(course_id)
            done = exception is not None or (row is not None and row.status == "completed")
            if not done:
                continue  # an elective the student did not take: not part of the credit
            code = (
                certificate_code(row.certificate) if row is not None and exception is None else ""
            )
            courses.append(CourseCertificate(title, code))
            phrases.append(_course_how(row, exception))
        out.append(
            replace(
                line,
                certificate="",
                courses=tuple(courses),
                verified_how=_summary(phrases) if phrases else "",
            )
        )
    return tuple(out)
