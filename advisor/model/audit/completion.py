"""Where one student stands in one program: complete?, verified?, completed when?, and why.

DESIGN.md §4: a program is complete when every required course (and k of each elective group)
is completed with grade ≥ the policy minimum (a completed course without a grade meets it), or
when a program certificate is recorded. It is verified by a program certificate, or when every
counted course has a certificate or was verified by a person. Its completion date is the
program certificate's date, else the latest of its counted courses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from advisor.model.audit.inputs import (
    Catalog,
    CatalogProgram,
    CourseRecordInput,
    ExceptionInput,
    ProgramCertificateInput,
)


@dataclass(frozen=True)
class CourseStanding:
    """A course as the audit sees it, after advisor exceptions and planned completions."""

    slug: str
    completed: bool
    completed_on: date | None
    grade: float | None
    verified: bool
    started: bool  # any record at all (enrolled, in progress or completed)
    by_advisor: bool = False  # marked complete by an exception
    planned: bool = False  # a look-ahead completion from the plan
    future_date: bool = False  # a completion dated after today: not counted yet


@dataclass(frozen=True)
class ProgramStanding:
    program: CatalogProgram
    complete: bool
    verified: bool
    completed_on: date | None
    courses_done: int
    courses_required: int
    hours_done: float
    hours_total: float
    started: bool
    certificate: str  # program certificate URL/code
    via_certificate: bool  # complete only because a program certificate is recorded
    low_grades: tuple[tuple[str, float], ...]  # (course slug, grade) below the minimum
    grade_unknown: int  # counted courses without a recorded grade
    unverified: int  # counted courses with neither certificate nor a person's check
    by_advisor: int  # counted courses marked complete by an advisor
    planned: bool  # complete only thanks to planned (look-ahead) courses
    future_dated: tuple[str, ...]  # course slugs whose completion is dated after today

    @property
    def slug(self) -> str:
        return self.program.slug


def course_standings(
    rows: Iterable[CourseRecordInput],
    exceptions: Iterable[ExceptionInput],
    planned: Mapping[str, date],
    *,
    today: date,
) -> dict[str, CourseStanding]:
    """Merge progress rows, 'mark course complete' exceptions and planned completions."""
    out: dict[str, CourseStanding] = {}
    for row in rows:
        done = row.status == "completed"
        future = done and row.completed_on is not None and row.completed_on > today
        previous = out.get(row.course)
        standing = CourseStanding(
            slug=row.course,
            completed=done and not future,
            completed_on=row.completed_on if done else None,
            grade=row.grade,
            verified=bool(row.certificate.strip()) or bool(row.verified_by),
            started=True,
            future_date=future,
        )
        # Two rows for one course cannot come from the store (unique key); by hand, keep the
        # better one so that the result never depends on row order.
        if previous is None or _rank(standing) > _rank(previous):
            out[row.course] = standing
    for exc in sorted(exceptions, key=lambda e: e.id):
        if exc.kind != "course_complete" or not exc.course:
            continue
        previous = out.get(exc.course)
        when = previous.completed_on if previous and previous.completed_on else exc.created_on
        out[exc.course] = CourseStanding(
            exc.course, True, when, None, True, True, by_advisor=True
        )
    for course, end in planned.items():
        previous = out.get(course)
        if previous is None or not previous.completed:
            out[course] = CourseStanding(course, True, end, None, False, True, planned=True)
    return out


def _rank(c: CourseStanding) -> tuple[bool, bool, bool, float, str]:
    return (
        c.completed,
        c.verified,
        c.grade is not None,
        c.grade or 0.0,
        (c.completed_on or date.min).isoformat(),
    )


def _counts(course: CourseStanding | None, min_grade: float | None) -> bool:
    if course is None or not course.completed:
        return False
    return min_grade is None or course.grade is None or course.grade >= min_grade


def _pick_order(c: CourseStanding) -> tuple[bool, bool, date, str]:
    # Within an elective group count real before planned, verified first, then earliest.
    return (c.planned, not c.verified, c.completed_on or date.max, c.slug)


def program_standing(
    program: CatalogProgram,
    courses: Mapping[str, CourseStanding],
    certificate: ProgramCertificateInput | None,
    catalog: Catalog,
    min_grade: float | None,
) -> ProgramStanding:
    counted: list[CourseStanding] = []
    missing_hours = 0.0
    met = True
    for slug in program.required_courses:
        course = courses.get(slug)
        if _counts(course, min_grade):
            counted.append(course)  # type: ignore[arg-type]
        else:
            met = False
            missing_hours += catalog.course_hours(slug)
    for group in program.elective_groups:
        need = min(group.choose, len(group.courses))
        done = sorted(
            (courses[s] for s in group.courses if _counts(courses.get(s), min_grade)),
            key=_pick_order,
        )[:need]
        counted.extend(done)
        if len(done) < need:
            met = False
            left = sorted(
                catalog.course_hours(s) for s in group.courses if s not in {c.slug for c in done}
            )
            missing_hours += sum(left[: need - len(done)])
    low = tuple(
        (s, courses[s].grade)  # type: ignore[misc]
        for s in program.courses
        if s in courses
        and courses[s].completed
        and courses[s].grade is not None
        and min_grade is not None
        and courses[s].grade < min_grade  # type: ignore[operator]
    )
    cert_text = certificate.certificate.strip() if certificate else ""
    has_certificate = certificate is not None and bool(cert_text or certificate.completed_on)
    complete = met or has_certificate
    course_dates = [c.completed_on for c in counted if c.completed_on]
    if has_certificate and certificate and certificate.completed_on:
        completed_on: date | None = certificate.completed_on
    elif complete and course_dates:
        completed_on = max(course_dates)
    else:
        completed_on = None
    unverified = sum(1 for c in counted if not c.verified)
    verified = complete and (bool(cert_text) or (met and unverified == 0))
    hours_done = sum(catalog.course_hours(c.slug) for c in counted)
    return ProgramStanding(
        program=program,
        complete=complete,
        verified=verified,
        completed_on=completed_on,
        courses_done=len(counted),
        courses_required=program.courses_needed,
        hours_done=hours_done,
        hours_total=hours_done + missing_hours,
        started=has_certificate or any(s in courses for s in program.courses),
        certificate=cert_text,
        via_certificate=has_certificate and not met,
        low_grades=low,
        grade_unknown=sum(1 for c in counted if c.grade is None and not c.planned),
        unverified=unverified,
        by_advisor=sum(1 for c in counted if c.by_advisor),
        planned=complete and not has_certificate and any(c.planned for c in counted),
        future_dated=tuple(s for s in program.courses if s in courses and courses[s].future_date),
    )
