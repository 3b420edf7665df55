"""What a letter states about each counted certification besides the audit's line: the course
certificates its credit rests on (when no program certificate is recorded) and, in words that
are true, how it was verified — a Coursera record imported on a date, a code entered by hand,
a person's check, or an advisor's exception.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
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
from advisor.model.services.certificate_desk import latest_checks
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


def with_certificate_facts(
    session: Session, student_id: int, lines: tuple[LetterLine, ...], slugs: tuple[str, ...]
) -> tuple[LetterLine, ...]:
    """The lines with their course codes and how each was verified, from the student's
    records (one query per kind of record, whatever the number of lines)."""
    if not lines:
        return lines
    programs: dict[str, int] = dict(
        session.execute(select(Program.slug, Program.id).where(Program.slug.in_(slugs))).all()
    )
    certificates = {
        c.program_id: c
        for c in session.scalars(
            select(ProgramCertificate).where(
                ProgramCertificate.student_id == student_id,
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
    progress = {
        p.course_id: p
        for p in session.scalars(
            select(CourseProgress).where(CourseProgress.student_id == student_id)
        )
    }
    marked = {
        e.course_id: e
        for e in session.scalars(
            select(StudentException).where(
                StudentException.student_id == student_id,
                StudentException.kind == "course_complete",
                StudentException.removed_at.is_(None),
            )
        )
    }
    _, program_checks = latest_checks(session, student_id)
    out = []
    for line, slug in zip(lines, slugs, strict=True):
        program_id = programs.get(slug, -1)
        certificate = certificates.get(program_id)
        if certificate is not None and certificate.certificate.strip():
            check = program_checks.get(program_id)
            if check is not None and check.code == certificate_code(certificate.certificate):
                how = f"checked by {check.checked_by} on {_day(check.checked_on)}"
            else:
                how = _how_recorded(
                    certificate.source, certificate.updated_at, "certificate record"
                )
            out.append(replace(line, certificate=certificate_code(certificate.certificate),
                               courses=(), verified_how=how))  # fmt: skip
            continue
        courses, phrases = [], []
        for course_id, title in members.get(program_id, []):
            row, exception = progress.get(course_id), marked.get(course_id)
            done = exception is not None or (row is not None and row.status == "completed")
            if not done:
                continue  # an elective the student did not take: not part of the credit
            code = (
                certificate_code(row.certificate) if row is not None and exception is None else ""
            )
            courses.append(CourseCertificate(title, code))
            phrases.append(_course_how(row, exception))
        out.append(replace(line, certificate="", courses=tuple(courses),
                           verified_how=_summary(phrases) if phrases else ""))  # fmt: skip
    return tuple(out)
