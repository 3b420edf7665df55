"""The credit audit of one student or a whole cohort, and its what-if and look-ahead variants."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.audit.comparison import AuditComparison, compare_audits
from advisor.model.audit.engine import audit_as_planned, run_audit
from advisor.model.audit.inputs import (
    AuditRequest,
    Catalog,
    DegreeSpec,
    StudentInput,
    choose_policy,
)
from advisor.model.audit.loading import (
    current_plan_id,
    gc_paused,
    load_catalog,
    load_degrees,
    load_students,
    planned_completions,
)
from advisor.model.audit.result import AuditResult
from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.planner import current_semester
from advisor.model.roles import Role
from advisor.model.schema import Student
from advisor.model.services.service_base import Service
from advisor.model.services.student_service import filtered_students


def require_student_id(session: Session, roll_no: str) -> int:
    sid = session.scalar(select(Student.id).where(Student.roll_no == roll_no.strip()))
    if sid is None:
        raise NotFoundError(f"There is no student with roll number '{roll_no.strip()}'.")
    return sid


def require_degree(degrees: dict[str, DegreeSpec], code: str) -> DegreeSpec:
    wanted = code.strip().upper()
    if wanted not in degrees:
        known = ", ".join(sorted(degrees)) or "none yet (import a policy file)"
        raise NotFoundError(f"There is no degree '{code.strip()}'. Degrees: {known}.")
    return degrees[wanted]


def audit_one(
    session: Session,
    student_id: int,
    *,
    today: date,
    what_if_degree: str | None = None,
    what_if_policy: int | None = None,
    planned: dict[str, date] | None = None,
) -> AuditResult:
    """The audit inside an open transaction (letters and plans call this in theirs)."""
    catalog = load_catalog(session)
    degrees = load_degrees(session)
    (student,) = load_students(session, select(Student.id).where(Student.id == student_id))
    return audit_loaded(
        student, catalog, degrees, today=today, what_if_degree=what_if_degree,
        what_if_policy=what_if_policy, planned=planned,
    )  # fmt: skip


def _audits(
    students: list[StudentInput], catalog: Catalog, degrees: dict[str, DegreeSpec], today: date
) -> Iterator[AuditResult]:
    with gc_paused():  # the audit makes many small objects and no cycles
        for student in students:
            yield audit_loaded(student, catalog, degrees, today=today)


def audit_loaded(
    student: StudentInput,
    catalog: Catalog,
    degrees: dict[str, DegreeSpec],
    *,
    today: date,
    what_if_degree: str | None = None,
    what_if_policy: int | None = None,
    planned: dict[str, date] | None = None,
    as_planned: bool = False,
) -> AuditResult:
    """With `planned`: today's audit plus projections; with `as_planned` too: the audit as if
    the planned courses were done (what plans use to say which slot a target would fill)."""
    degree = require_degree(degrees, what_if_degree or student.degree)
    # One semester rule everywhere: the semester today falls in, counted from the intake (the
    # roster's semester column goes stale; the plan's deadlines count from the intake too).
    student = replace(student, semester=current_semester(student.intake_start(), today))
    labels = []
    if what_if_degree and degree.code != student.degree:
        labels.append(f"degree {degree.code} instead of {student.degree}")
    if what_if_policy is not None:
        if not 1950 <= what_if_policy <= 2100:
            raise ValidationError(f"{what_if_policy} is not a policy year.")
        own, _ = choose_policy(degree, student.intake_year)
        other, _ = choose_policy(degree, what_if_policy)
        if other is not None and (own is None or other.catalog_year != own.catalog_year):
            labels.append(
                f"the {degree.code} policy of {other.catalog_year}"
                + (f" instead of {own.catalog_year}" if own else "")
                + f" (intake {student.intake} kept)"
            )
    request = AuditRequest(
        student, degree, catalog, policy_year=what_if_policy, planned=planned,
        what_if=("What-if: " + ", ".join(labels)) if labels else None,
    )  # fmt: skip
    return audit_as_planned(request, today=today) if as_planned else run_audit(request, today=today)


class AuditService(Service):
    def audit_student(
        self,
        roll_no: str,
        *,
        today: date,
        what_if_degree: str | None = None,
        what_if_policy: int | None = None,
        with_plan: bool = False,
    ) -> AuditResult:
        """One student's audit; what-if against another degree or the policy of another year
        (the student's own intake date kept); with the current plan's planned completions
        (approved, else the newest draft) as a look-ahead."""
        if what_if_degree or what_if_policy:
            self._require_role(Role.ADVISOR, "a what-if audit")
        with self._db.read() as session:
            sid = require_student_id(session, roll_no)
            planned = (
                planned_completions(session, current_plan_id(session, sid)) if with_plan else None
            )
            return audit_one(
                session, sid, today=today, what_if_degree=what_if_degree,
                what_if_policy=what_if_policy, planned=planned,
            )  # fmt: skip

    def what_if(
        self,
        roll_no: str,
        *,
        today: date,
        degree: str | None = None,
        policy_year: int | None = None,
    ) -> AuditComparison:
        """The student's own audit beside a what-if one (another degree, another year's
        policy), with what changes between them; both read in one transaction."""
        self._require_role(Role.ADVISOR, "a what-if audit")
        with self._db.read() as session:
            sid = require_student_id(session, roll_no)
            catalog = load_catalog(session)
            degrees = load_degrees(session)
            (student,) = load_students(session, select(Student.id).where(Student.id == sid))
        own = audit_loaded(student, catalog, degrees, today=today)
        other = audit_loaded(
            student, catalog, degrees, today=today, what_if_degree=degree,
            what_if_policy=policy_year,
        )  # fmt: skip
        return compare_audits(own, other)

    def audit_cohort(
        self, degree: str | None = None, intake: str | None = None, *, today: date
    ) -> list[AuditResult]:
        """Every selected student (degree code; intake 'Fall 2023' or a year), by roll number."""
        return list(self.stream_cohort(degree, intake, today=today))

    def stream_cohort(
        self, degree: str | None = None, intake: str | None = None, *, today: date
    ) -> Iterator[AuditResult]:
        """`audit_cohort` one student at a time, for writing a large cohort out as it goes. The
        cohort is loaded (and the degree checked) here, in one query pass; each student is
        audited when the iterator reaches them (the audit needs no database)."""
        with self._db.read() as session, gc_paused():
            catalog = load_catalog(session)
            degrees = load_degrees(session)
            if degree:
                require_degree(degrees, degree)
            selection = filtered_students(degree, intake).with_only_columns(Student.id)
            students = load_students(session, selection.order_by(None))
        return _audits(students, catalog, degrees, today)
