"""Importing a LearningPathActivity export: badges complete programs, rows' courses complete courses.

The same forward-only merges as the course and Specialization reports (never a downgrade), in
the caller's one transaction: all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.importing.badge_match import BadgeMatcher, CourseTitleMatcher, split_provider
from advisor.model.importing.field_values import Problems
from advisor.model.importing.learning_path_export import BadgeRow, LearningPathExport
from advisor.model.importing.progress_merge import CertificateState, CourseState
from advisor.model.importing.seen_items import SeenRecorder, course_key
from advisor.model.schema import Course, ProgramCourse
from advisor.model.services.progress_service import (
    PROGRESS_EVERY,
    Progress,
    ProgressImportResult,
    UnmatchedRow,
    _CertificateMerge,
    _CourseMerge,
)


def course_state(row: BadgeRow) -> CourseState | None:
    """A completed course counts as completed; an enrolled one as enrolled; else nothing."""
    if row.course_completed:
        return CourseState("completed", 100.0, None, row.course_completed_on, "")
    if row.course_enrolled:
        return CourseState("enrolled", 0.0, None, None, "")
    return None


def _see(
    seen: SeenRecorder, student: int, row: BadgeRow, program: int | None, course: int | None
) -> None:
    """Keep what the catalog lacks: the badge as a program (with the row's course in its list),
    the course when the catalog has no course of that title."""
    provider = split_provider(row.badge_title)
    if program is None:
        if row.badge_completed:
            state = CourseState("completed", 100.0, None, row.badge_completed_on, row.badge_link)
        else:
            progress = row.badge_progress or 0.0
            state = CourseState("in_progress" if progress else "enrolled", progress, None, None, "")
        listed = {"key": course_key("", "", row.course_title), "title": row.course_title}
        seen.program(
            student,
            slug=row.badge_slug,
            title=row.badge_title,
            provider=provider,
            state=state,
            course_count=row.course_count,
            course=listed if row.course_title else None,
        )
    new_course = course_state(row)
    if course is None and row.course_title and new_course is not None:
        seen.course(
            student,
            course_id="",
            slug="",
            title=row.course_title,
            provider=provider,
            state=new_course,
        )


def _badge_said(row: BadgeRow) -> str:
    parts = [f"badge slug {row.badge_slug}" if row.badge_slug else "", f"'{row.badge_title}'"]
    return ", ".join(p for p in parts if p and p != "''")


def import_learning_path(
    session: Session, path: Path, *, dry_run: bool, progress: Progress | None
) -> ProgressImportResult:
    courses = _CourseMerge(session, path, dry_run)
    programs = _CertificateMerge(session, path, dry_run)
    badges = BadgeMatcher(programs.items())
    titles = CourseTitleMatcher(
        session.execute(select(Course.id, Course.title)).all(),
        session.execute(select(ProgramCourse.program_id, ProgramCourse.course_id)).all(),
    )
    by_email = courses.matcher.by_email
    problems = Problems(path.name)
    notes: list[str] = []
    unmatched: list[UnmatchedRow] = []
    rows = matched = updated = 0
    with LearningPathExport(path) as export:
        for row in export.rows(problems, notes):
            rows += 1
            if progress is not None and rows % PROGRESS_EVERY == 0:
                progress(rows, 0, f"{rows:,} rows read")
            student = by_email.get(row.email) if row.email else None
            if student is None:
                said = f"email {row.email}" if row.email else "no email given"
                unmatched.append(UnmatchedRow(row.line, f"student not on the roster ({said})"))
                continue
            program = badges.find(row.badge_slug, row.badge_title)
            course = titles.find(row.course_title, program) if row.course_title else None
            missing = []
            if program is None:
                missing.append(f"program not in the catalog ({_badge_said(row)})")
            if course is None and row.course_title:
                missing.append(f"course not in the catalog ('{row.course_title}')")
            if missing:
                unmatched.append(UnmatchedRow(row.line, "; ".join(missing)))
                _see(courses.seen, student, row, program, course)
            if program is None and course is None:
                continue
            matched += 1
            changed = False
            if program is not None and row.badge_completed:
                state = CertificateState(row.badge_link, row.badge_completed_on)
                changed |= programs.offer((student, program), state)
            new_course = course_state(row) if course is not None else None
            if course is not None and new_course is not None:
                changed |= courses.offer((student, course), new_course)
            updated += changed
    rows += problems.count
    problems.raise_if_any("LearningPathActivity file")
    course_added, course_changed = courses.finish()
    if not dry_run:
        courses.seen.finish()
    program_added, program_changed = programs.finish()
    return ProgressImportResult(
        file_name=path.name,
        kind=export.kind,
        rows=rows,
        matched=matched,
        updated=updated,
        unchanged=matched - updated,
        records_added=course_added + program_added,
        records_changed=course_changed + program_changed,
        unmatched=tuple(unmatched),
        dry_run=dry_run,
        notes=tuple(notes),
    )
