"""The credit audit of one student or a whole cohort, and its what-if and look-ahead variants."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import select

from advisor.model.audit.comparison import AuditComparison, compare_audits
from advisor.model.audit.inputs import (
    Catalog,
    DegreeSpec,
    StudentInput,
)
from advisor.model.audit.result import AuditResult
from advisor.model.audit.student_audit import audit_loaded, require_degree
from advisor.model.roles import Role
from advisor.model.schema import Student
from advisor.model.services.service_base import Service
from advisor.model.store.audit_inputs import (
    audit_one,
    current_plan_id,
    load_catalog,
    load_degrees,
    load_students,
    planned_completions,
)
from advisor.model.store.students import filtered_students, require_student_id
from advisor.speed_tricks import gc_paused


def _audits(
    students: list[StudentInput], catalog: Catalog, degrees: dict[str, DegreeSpec], today: date
) -> Iterator[AuditResult]:
    with gc_paused():  # the audit makes many small objects and no cycles
        for student in students:
            yield audit_loaded(student, catalog, degrees, today=today)


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
                session,
                sid,
                today=today,
                what_if_degree=what_if_degree,
                what_if_policy=what_if_policy,
                planned=planned,
            )

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
            student,
            catalog,
            degrees,
            today=today,
            what_if_degree=degree,
            what_if_policy=policy_year,
        )
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
