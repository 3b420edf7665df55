"""Printed documents other than letters: a student's progress report and a cohort summary
(the plan printouts live in plan_printing.py). Each method reads in one transaction, then
renders plain data to PDF bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.audit.loading import load_catalog, load_degrees, load_students
from advisor.model.audit.result import AuditResult
from advisor.model.database import Database
from advisor.model.errors import NotFoundError
from advisor.model.schema import Letter, Student
from advisor.model.services.audit_service import audit_loaded, audit_one, require_degree
from advisor.model.services.printed_facts import letterhead_of, student_facts
from advisor.model.services.student_service import filtered_students
from advisor.reports.cohort_summary_renderer import render_cohort_summary
from advisor.reports.documents import (
    CohortProgramRow,
    CohortStudentRow,
    CohortSummaryData,
    ProgressProgramRow,
    ProgressReportData,
    ProgressRequirementRow,
    StudentFacts,
)
from advisor.reports.progress_report_renderer import render_progress_report


@dataclass(frozen=True)
class RenderedDocument:
    """A finished PDF and the file name an office would give it."""

    file_name: str
    pdf: bytes
    pages_of: str  # who or what it is about, for messages: a roll number, "BSCS Fall 2023"


def progress_data(audit: AuditResult, facts: StudentFacts, semester: int, today: date) -> ProgressReportData:
    title = {p.slug: p.title for p in audit.programs}
    return ProgressReportData(
        student=facts, semester=semester, printed_on=today, policy_year=audit.policy_year,
        policy_note=audit.policy_note, credit_cap=audit.credit_cap,
        eligible_credits=audit.eligible_credits, pending_credits=audit.pending_credits,
        requirements=tuple(
            ProgressRequirementRow(r.id, r.title, r.kind, r.credits, r.status,
                                   tuple(title.get(s, s) for s in r.satisfied_by), r.reason)
            for r in audit.requirements
        ),
        programs=tuple(
            ProgressProgramRow(p.title, p.provider, p.status, p.verified, p.courses_done, p.courses_required,
                               p.completed_on, p.counted_for, p.credits, p.credit_status, p.reason)
            for p in audit.programs
        ),
    )  # fmt: skip


def cohort_data(audits: list[AuditResult], letters: dict[str, str], *, degree: str, degree_title: str,
                intake: str, today: date) -> CohortSummaryData:
    """Count the cohort per student and per program the policy (or policies) accept."""
    accepted: dict[str, str] = {}
    for audit in audits:
        titles = {p.slug: p.title for p in audit.programs}
        for r in audit.requirements:
            for slug in r.options:
                accepted.setdefault(slug, titles.get(slug, slug))
    programs = []
    for slug, title in accepted.items():
        states = [(a.program(slug).status if a.program(slug) else "not_started") for a in audits]
        programs.append(CohortProgramRow(title, states.count("completed"), states.count("in_progress"),
                                         states.count("not_started")))
    students = tuple(
        CohortStudentRow(
            a.roll_no, a.student_name,
            sum(1 for p in a.programs if p.status == "completed"),
            sum(1 for p in a.programs if p.status == "in_progress"),
            sum(1 for slug in accepted if (a.program(slug) is None or a.program(slug).status == "not_started")),
            a.eligible_credits, a.pending_credits, letters.get(a.roll_no, ""),
        )  # fmt: skip
        for a in audits
    )
    cap = max((a.credit_cap for a in audits), default=0)
    return CohortSummaryData(degree, degree_title, intake, today, students, tuple(programs), cap)


def _valid_letters(session: Session) -> dict[str, str]:
    """Roll number -> the reference of the student's newest valid letter."""
    rows = session.execute(
        select(Student.roll_no, Letter.reference).join(Letter, Letter.student_id == Student.id)
        .where(Letter.status == "issued").order_by(Letter.year, Letter.serial)
    )  # fmt: skip
    return {roll_no: reference for roll_no, reference in rows}


class DocumentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def progress_report(self, roll_no: str, *, today: date) -> RenderedDocument:
        with self._db.begin() as session:
            head, _ = letterhead_of(session)
            student = session.scalars(
                select(Student).options(selectinload(Student.degree)).where(Student.roll_no == roll_no.strip())
            ).first()
            if student is None:
                raise NotFoundError(f"There is no student with roll number '{roll_no.strip()}'.")
            audit = audit_one(session, student.id, today=today)
            data = progress_data(audit, student_facts(student), student.semester, today)
        return RenderedDocument(f"progress-{student.roll_no}.pdf", render_progress_report(data, head),
                                student.roll_no)

    def cohort_summary(self, degree: str, intake: str | None = None, *, today: date) -> RenderedDocument:
        with self._db.begin() as session:
            head, _ = letterhead_of(session)
            degrees = load_degrees(session)
            spec = require_degree(degrees, degree)
            catalog = load_catalog(session)
            selection = filtered_students(spec.code, intake).with_only_columns(Student.id).order_by(None)
            audits = [audit_loaded(s, catalog, degrees, today=today) for s in load_students(session, selection)]
            letters = _valid_letters(session)
        label = intake.strip() if intake else "all intakes"
        data = cohort_data(audits, letters, degree=spec.code, degree_title=spec.title, intake=label, today=today)
        name = f"cohort-{spec.code}-{label.replace(' ', '-')}.pdf"
        return RenderedDocument(name, render_cohort_summary(data, head), f"{spec.code} {label}")
