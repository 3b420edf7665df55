"""Printed documents other than letters: a student's progress report, a cohort summary, and
plan printouts (one student's, or every approved plan of a cohort). Each reads what it prints,
then renders plain data to PDF bytes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from advisor.model.audit.result import AuditResult
from advisor.model.audit.student_audit import audit_loaded, require_degree
from advisor.model.errors import NotFoundError
from advisor.model.file_names import safe_file_name
from advisor.model.intake import intake_start, parse_intake
from advisor.model.plan_result import PlanDetail
from advisor.model.planner import current_semester
from advisor.model.roles import Role
from advisor.model.schema import Account, Letter, Student
from advisor.model.services.letter_register import is_withdrawn
from advisor.model.services.plan_service import PlanService
from advisor.model.services.printed_facts import letterhead_of, student_facts
from advisor.model.services.service_base import Service
from advisor.model.store.audit_inputs import audit_one, load_catalog, load_degrees, load_students
from advisor.model.store.protocol import Store
from advisor.model.store.students import filtered_students, require_student
from advisor.reports.cohort_summary_renderer import render_cohort_summary
from advisor.reports.documents import (
    CohortProgramRow,
    CohortStudentRow,
    CohortSummaryData,
    Letterhead,
    PlanCourseRow,
    PlanPrintData,
    PlanTargetRow,
    ProgressProgramRow,
    ProgressReportData,
    ProgressRequirementRow,
    StudentFacts,
)
from advisor.reports.plan_renderer import render_plan, render_plans
from advisor.reports.progress_report_renderer import render_progress_report


@dataclass(frozen=True)
class RenderedDocument:
    """A finished PDF and the file name an office would give it."""

    file_name: str
    pdf: bytes
    pages_of: str  # who or what it is about, for messages: a roll number, "BSCS Fall 2023"


def progress_data(
    audit: AuditResult, facts: StudentFacts, semester: int, today: date
) -> ProgressReportData:
    title = {p.slug: p.title for p in audit.programs}
    return ProgressReportData(
        student=facts,
        semester=semester,
        printed_on=today,
        policy_year=audit.policy_year,
        policy_note=audit.policy_note,
        credit_cap=audit.credit_cap,
        eligible_credits=audit.eligible_credits,
        pending_credits=audit.pending_credits,
        requirements=tuple(
            ProgressRequirementRow(
                r.id,
                r.title,
                r.kind,
                r.credits,
                r.status,
                tuple(title.get(s, s) for s in r.satisfied_by),
                r.reason,
            )
            for r in audit.requirements
        ),
        programs=tuple(
            ProgressProgramRow(
                program=p.title,
                provider=p.provider,
                status=p.status,
                verified=p.verified,
                courses_done=p.courses_done,
                courses_required=p.courses_required,
                completed_on=p.completed_on,
                counted_for=p.counted_for,
                credits=p.credits,
                credit_status=p.credit_status,
                reason=p.reason,
            )
            for p in audit.programs
        ),
    )


def cohort_data(
    audits: list[AuditResult],
    letters: dict[str, str],
    *,
    degree: str,
    degree_title: str,
    intake: str,
    today: date,
) -> CohortSummaryData:
    """Count the cohort per student and per program the policy (or policies) accept."""
    accepted: dict[str, str] = {}
    for audit in audits:
        titles = {p.slug: p.title for p in audit.programs}
        for r in audit.requirements:
            for slug in r.options:
                accepted.setdefault(slug, titles.get(slug, slug))
    programs = []
    for slug, title in accepted.items():
        states = [_program_status(a, slug) for a in audits]
        programs.append(
            CohortProgramRow(
                title,
                states.count("completed"),
                states.count("in_progress"),
                states.count("not_started"),
            )
        )
    students = tuple(
        CohortStudentRow(
            roll_no=a.roll_no,
            name=a.student_name,
            completed=sum(1 for p in a.programs if p.status == "completed"),
            in_progress=sum(1 for p in a.programs if p.status == "in_progress"),
            not_started=sum(1 for slug in accepted if _program_status(a, slug) == "not_started"),
            eligible_credits=a.eligible_credits,
            pending_credits=a.pending_credits,
            letter=letters.get(a.roll_no, ""),
            intake=a.intake,
            credit_cap=a.credit_cap,
        )
        for a in audits
    )
    return CohortSummaryData(degree, degree_title, intake, today, students, tuple(programs))


# Approvals of a 0.1 database were recorded as "local", which is no one's name.
ANONYMOUS = {"", "local"}


def _program_status(audit: AuditResult, slug: str) -> str:
    """The program's status in the audit; a program the student never began is "not_started"."""
    found = audit.program(slug)
    return found.status if found else "not_started"


def semester_now(intake: str, today: date) -> int:
    """One semester rule for every document: counted from the intake date to today."""
    term, year = parse_intake(intake)
    return current_semester(intake_start(term, year), today)


def plan_print_data(
    plan: PlanDetail,
    facts: StudentFacts,
    today: date,
    advisor: str = "",
    names: Mapping[str, str] | None = None,
) -> PlanPrintData:
    """`names` turns an approver's user name into the full name printed on the plan."""
    approver = (names or {}).get(plan.approved_by or "", plan.approved_by or "")
    titles = {t.slug: t.title for t in plan.targets}
    return PlanPrintData(
        student=facts,
        semester=semester_now(facts.intake, today),
        version=plan.version,
        status=plan.status,
        printed_on=today,
        start_date=plan.start_date,
        hours_per_week=plan.hours_per_week,
        targets=tuple(
            PlanTargetRow(
                t.title,
                t.provider,
                t.courses_done,
                t.courses_total,
                t.completion,
                t.counts_for,
                t.credits,
            )
            for t in plan.targets
        ),
        courses=tuple(
            PlanCourseRow(
                c.position,
                c.course_title,
                c.provider,
                c.hours,
                c.hours_estimated,
                c.weeks,
                c.start,
                c.end,
                tuple(titles.get(p, p) for p in c.programs),
            )
            for c in plan.items
        ),
        finish_date=plan.finish_date,
        graduation_date=plan.graduation_date,
        warnings=plan.warnings,
        eligible_credits=plan.eligible_credits,
        pending_credits=plan.pending_credits,
        projected_credits=plan.projected_credits,
        credit_cap=plan.credit_cap,
        approved_by=None if approver in ANONYMOUS else approver,
        advisor="" if advisor in ANONYMOUS else advisor,
    )


def _valid_letters(session: Session) -> dict[str, str]:
    """Roll number -> the reference of the student's newest valid letter."""
    rows = session.execute(
        select(Student.roll_no, Letter.reference)
        .join(Letter, Letter.student_id == Student.id)
        .where(~is_withdrawn())
        .order_by(Letter.year, Letter.serial)
    )
    return {roll_no: reference for roll_no, reference in rows}


class DocumentService(Service):
    def __init__(self, db: Store, plans: PlanService) -> None:
        super().__init__(db)
        self._plans = plans

    def progress_report(self, roll_no: str, *, today: date) -> RenderedDocument:
        self._require_role(Role.ADVISOR, "printing a progress report")
        with self._db.read() as session:
            head, _ = letterhead_of(session)
            student = require_student(session, roll_no)
            audit = audit_one(session, student.id, today=today)
            facts = student_facts(student, mask=not self._sees_cnic)
            data = progress_data(audit, facts, semester_now(facts.intake, today), today)
        return RenderedDocument(
            safe_file_name(f"progress-{student.roll_no}", ".pdf"),
            render_progress_report(data, head),
            student.roll_no,
        )

    def cohort_summary(
        self, degree: str, intake: str | None = None, *, today: date
    ) -> RenderedDocument:
        self._require_role(Role.OFFICE, "printing a cohort report")
        with self._db.read() as session:
            head, _ = letterhead_of(session)
            degrees = load_degrees(session)
            spec = require_degree(degrees, degree)
            catalog = load_catalog(session)
            selection = (
                filtered_students(spec.code, intake).with_only_columns(Student.id).order_by(None)
            )
            audits = [
                audit_loaded(s, catalog, degrees, today=today)
                for s in load_students(session, selection)
            ]
            letters = _valid_letters(session)
        label = intake.strip() if intake else "all intakes"
        data = cohort_data(
            audits, letters, degree=spec.code, degree_title=spec.title, intake=label, today=today
        )
        name = safe_file_name(f"cohort-{spec.code}-{label}", ".pdf")
        return RenderedDocument(name, render_cohort_summary(data, head), f"{spec.code} {label}")

    def _printing_context(
        self, roll_nos: list[str]
    ) -> tuple[Letterhead, dict[str, StudentFacts], dict[str, str]]:
        """The letterhead, each student's printed facts, and every account's printed name."""
        with self._db.read() as session:
            head, _ = letterhead_of(session)
            students = session.scalars(
                select(Student)
                .options(selectinload(Student.degree))
                .where(Student.roll_no.in_(roll_nos))
            )
            mask = not self._sees_cnic
            facts = {s.roll_no: student_facts(s, mask=mask) for s in students}
            names = {
                user: full or user
                for user, full in session.execute(select(Account.user_name, Account.full_name))
            }
            return head, facts, names

    def _advisor_name(self, given: str) -> str:
        """The name on an unapproved plan's advisor line: as given, else whoever is signed in."""
        actor = self._db.seat.actor
        if given or actor is None:
            return given
        return actor.full_name or actor.user_name

    def plan(
        self, roll_no: str, *, today: date, version: int | None = None, advisor: str = ""
    ) -> RenderedDocument:
        """The student's current plan (approved, else the newest draft), ready to sign; or one
        version from the history (its status, e.g. superseded, is printed on it). A draft is
        marked DRAFT and has no signature lines; `advisor` is the signed-in advisor, named on
        the advisor's line when nobody has approved the plan."""
        self._require_role(Role.ADVISOR, "printing a plan")
        detail = self._plans.show(roll_no, today=today, version=version)
        head, facts, names = self._printing_context([detail.roll_no])
        advisor = self._advisor_name(advisor)
        data = plan_print_data(detail, facts[detail.roll_no], today, advisor, names)
        return RenderedDocument(
            safe_file_name(f"plan-{detail.roll_no}-v{detail.version}", ".pdf"),
            render_plan(data, head),
            detail.roll_no,
        )

    def cohort_plans(
        self,
        degree: str,
        intake: str | None = None,
        *,
        today: date,
        one_file: bool,
        advisor: str = "",
    ) -> list[RenderedDocument]:
        """Every approved plan of the degree (and intake): in one PDF for the printer, or one
        document per student."""
        self._require_role(Role.ADVISOR, "printing plans")
        approved = [
            p for p in self._plans.cohort(degree, intake, today=today) if p.status == "approved"
        ]
        if not approved:
            where = degree.strip().upper() + (f" {intake.strip()}" if intake else "")
            raise NotFoundError(f"No student of {where} has an approved plan to print.")
        head, facts, names = self._printing_context([p.roll_no for p in approved])
        advisor = self._advisor_name(advisor)
        printed = [
            (p, plan_print_data(p, facts[p.roll_no], today, advisor, names)) for p in approved
        ]
        if one_file:
            name = safe_file_name(f"plans-{degree.strip().upper()}", ".pdf")
            return [
                RenderedDocument(
                    name, render_plans([d for _, d in printed], head), f"{len(printed)} plans"
                )
            ]
        return [
            RenderedDocument(
                safe_file_name(f"plan-{p.roll_no}-v{p.version}", ".pdf"),
                render_plan(d, head),
                p.roll_no,
            )
            for p, d in printed
        ]
