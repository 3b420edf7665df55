"""Where one student stands in one program: complete?, verified?, completed when?, and why.

DESIGN.md §4: a program is complete when every required course (and k of each elective group)
is completed with grade ≥ the policy minimum (a completed course without a grade meets it), or
when a program certificate is recorded. It is verified by a program certificate, or when every
counted course has a certificate or was verified by a person. Its completion date is the
program certificate's date, else the latest of its counted courses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from advisor.model.audit.inputs import (
    Catalog,
    CatalogProgram,
    CourseRecordInput,
    ExceptionInput,
    ProgramCertificateInput,
)


class CourseStanding(NamedTuple):
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


class ProgramStanding(NamedTuple):
    """A NamedTuple: made for every active program of every student in a cohort audit."""

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
    min_grade: float | None = None,
) -> dict[str, CourseStanding]:
    """Merge progress rows, 'mark course complete' exceptions and planned completions. A
    planned course replaces a record that does not count: not completed, or completed below
    the policy's minimum grade (a planned retake)."""
    out: dict[str, CourseStanding] = {}
    make = CourseStanding
    for course, status, _progress, grade, on, certificate, verified_by in rows:
        verified = bool(verified_by) or bool(certificate) and not certificate.isspace()
        if status == "completed":
            future = on is not None and on > today
            standing = make(course, not future, on, grade, verified, True, False, False, future)
        else:
            standing = make(course, False, None, grade, verified, True, False, False, False)
        previous = out.get(course)
        # Two rows for one course cannot come from the store (unique key); by hand, keep the
        # better one so that the result never depends on row order.
        if previous is None or _rank(standing) > _rank(previous):
            out[course] = standing
    for exc in sorted(exceptions, key=lambda e: e.id):
        if exc.kind != "course_complete" or not exc.course:
            continue
        previous = out.get(exc.course)
        when = previous.completed_on if previous and previous.completed_on else exc.created_on
        out[exc.course] = CourseStanding(exc.course, True, when, None, True, True, by_advisor=True)
    for course, end in planned.items():
        previous = out.get(course)
        if previous is None or not _counts(previous, min_grade):
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
    # Written for speed: a cohort audit calls this for every active program of every student.
    hours = catalog.hours_of.get
    counted: list[CourseStanding] = []
    missing_hours = 0.0
    met = True
    get = courses.get
    for slug in program.required_courses:
        course = get(slug)
        if (
            course is not None
            and course.completed
            and (min_grade is None or course.grade is None or course.grade >= min_grade)
        ):
            counted.append(course)
        else:
            met = False
            missing_hours += hours(slug, 0.0)
    for group in program.elective_groups:
        need = min(group.choose, len(group.courses))
        done = sorted(
            (courses[s] for s in group.courses if _counts(courses.get(s), min_grade)),
            key=_pick_order,
        )[:need]
        counted.extend(done)
        if len(done) < need:
            met = False
            taken = {c.slug for c in done}
            left = sorted(hours(s, 0.0) for s in group.courses if s not in taken)
            missing_hours += sum(left[: need - len(done)])
    present = [c for s in program.courses if (c := get(s)) is not None]
    low = (
        tuple(
            (c.slug, c.grade)
            for c in present
            if c.completed and c.grade is not None and c.grade < min_grade
        )
        if min_grade is not None
        else ()
    )
    cert_text = certificate.certificate.strip() if certificate else ""
    has_certificate = certificate is not None and bool(cert_text or certificate.completed_on)
    complete = met or has_certificate
    if has_certificate and certificate and certificate.completed_on:
        completed_on: date | None = certificate.completed_on
    elif complete:
        completed_on = max((c.completed_on for c in counted if c.completed_on), default=None)
    else:
        completed_on = None
    unverified = grade_unknown = by_advisor = 0
    any_planned = False
    hours_done = 0.0
    for c in counted:
        hours_done += hours(c.slug, 0.0)
        if not c.verified:
            unverified += 1
        if c.grade is None and not c.planned:
            grade_unknown += 1
        if c.by_advisor:
            by_advisor += 1
        if c.planned:
            any_planned = True
    return ProgramStanding(
        program=program,
        complete=complete,
        verified=complete and (bool(cert_text) or (met and unverified == 0)),
        completed_on=completed_on,
        courses_done=len(counted),
        courses_required=program.courses_needed,
        hours_done=hours_done,
        hours_total=hours_done + missing_hours,
        started=has_certificate or bool(present),
        certificate=cert_text,
        via_certificate=has_certificate and not met,
        low_grades=low,
        grade_unknown=grade_unknown,
        unverified=unverified,
        by_advisor=by_advisor,
        planned=complete and not has_certificate and any_planned,
        future_dated=tuple(c.slug for c in present if c.future_date),
    )
