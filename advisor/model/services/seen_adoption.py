"""Moving the progress kept on seen items into the records once they are catalog entries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.importing.progress_merge import (
    CertificateState,
    CourseState,
    merge_certificate,
    merge_course,
)
from advisor.model.importing.seen_items import progress_state
from advisor.model.schema import (
    Course,
    CourseProgress,
    Program,
    ProgramCertificate,
    SeenItem,
    SeenProgress,
    utcnow,
)


def move_seen_progress(
    session: Session,
    program: tuple[SeenItem, str] | None,
    courses: list[tuple[SeenItem, str]],
) -> tuple[int, int]:
    """Record the completions kept on a seen `program` (item, its catalog slug) and the states
    kept on seen `courses` (item, catalog slug), never downgrading what is recorded; then drop
    the seen rows. Returns (students touched, records written)."""
    students: set[int] = set()
    records = 0
    if program is not None:
        item, slug = program
        program_id = session.scalar(select(Program.id).where(Program.slug == slug))
        for p in _progress(session, item):
            if p.status != "completed":
                continue  # progress toward a program comes from its courses
            _record_certificate(session, p, program_id, f"adopted: {item.source}"[:300])
            students.add(p.student_id)
            records += 1
        session.delete(item)
    for item, slug in courses:
        course_id = session.scalar(select(Course.id).where(Course.slug == slug))
        for p in _progress(session, item):
            _record_course(session, p, course_id, f"adopted: {item.source}"[:300])
            students.add(p.student_id)
            records += 1
        session.delete(item)
    return len(students), records


def _progress(session: Session, item: SeenItem) -> list[SeenProgress]:
    return list(session.scalars(select(SeenProgress).where(SeenProgress.item_id == item.id)))


def _record_certificate(
    session: Session, p: SeenProgress, program_id: int | None, source: str
) -> None:
    row = session.scalar(
        select(ProgramCertificate).where(
            ProgramCertificate.student_id == p.student_id,
            ProgramCertificate.program_id == program_id,
        )
    )
    old = CertificateState(row.certificate, row.completed_on) if row is not None else None
    merged = merge_certificate(old, CertificateState(p.certificate, p.completed_on))
    if row is None:
        row = ProgramCertificate(student_id=p.student_id, program_id=program_id)
        session.add(row)
    row.certificate, row.completed_on, row.source = merged.certificate, merged.completed_on, source
    row.updated_at = utcnow()


def _record_course(session: Session, p: SeenProgress, course_id: int | None, source: str) -> None:
    row = session.scalar(
        select(CourseProgress).where(
            CourseProgress.student_id == p.student_id, CourseProgress.course_id == course_id
        )
    )
    old = None
    if row is not None:
        old = CourseState(row.status, row.progress, row.grade, row.completed_on, row.certificate)
    merged = merge_course(old, progress_state(p))
    if row is None:
        row = CourseProgress(student_id=p.student_id, course_id=course_id)
        session.add(row)
    row.status, row.progress, row.grade = merged.status, merged.progress, merged.grade
    row.completed_on, row.certificate = merged.completed_on, merged.certificate
    row.source, row.updated_at = source, utcnow()
