"""Read the audit's plain inputs from the store in one pass: no per-student lazy loads.

The catalog and every degree's policies are read once; then progress, program certificates
and exceptions for *all* selected students with one query each (the selection is a subquery,
so 10,000 students never become 10,000 bound parameters).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, Select, String, select, type_coerce
from sqlalchemy.orm import Session

from advisor.model.audit.inputs import (
    Catalog,
    CatalogCourse,
    CatalogProgram,
    CourseRecordInput,
    DegreeSpec,
    ElectiveGroupSpec,
    ExceptionInput,
    PolicySpec,
    ProgramCertificateInput,
    SlotSpec,
    StudentInput,
)
from advisor.model.audit.result import AuditResult
from advisor.model.audit.student_audit import audit_loaded
from advisor.model.schema import (
    Course,
    CourseProgress,
    CreditPolicy,
    Degree,
    ElectiveGroup,
    ExclusiveGroup,
    ExclusiveGroupProgram,
    Plan,
    PlanItem,
    Program,
    ProgramCertificate,
    ProgramCourse,
    Provider,
    RequirementSlot,
    SlotProgram,
    Student,
    StudentException,
)


def load_catalog(session: Session) -> Catalog:
    courses = {
        slug: CatalogCourse(slug, title, provider, hours, estimated)
        for slug, title, provider, hours, estimated in session.execute(
            select(
                Course.slug, Course.title, Provider.name, Course.hours, Course.hours_estimated
            ).join(Provider, Provider.id == Course.provider_id)
        )
    }
    members: dict[int, list[tuple[int, str, int | None]]] = defaultdict(list)
    for program_id, position, slug, group_id in session.execute(
        select(
            ProgramCourse.program_id,
            ProgramCourse.position,
            Course.slug,
            ProgramCourse.elective_group_id,
        ).join(Course, Course.id == ProgramCourse.course_id)
    ):
        members[program_id].append((position, slug, group_id))
    groups: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
    for gid, program_id, position, title, choose in session.execute(
        select(
            ElectiveGroup.id,
            ElectiveGroup.program_id,
            ElectiveGroup.position,
            ElectiveGroup.title,
            ElectiveGroup.choose,
        )
    ):
        groups[program_id].append((position, gid, title, choose))
    programs: dict[str, CatalogProgram] = {}
    for pid, slug, title, provider, per_week in session.execute(
        select(Program.id, Program.slug, Program.title, Provider.name, Program.hours_per_week).join(
            Provider, Provider.id == Program.provider_id
        )
    ):
        ordered = sorted(members.get(pid, ()))
        elective = tuple(
            ElectiveGroupSpec(g_title, choose, tuple(s for _, s, g in ordered if g == gid))
            for _, gid, g_title, choose in sorted(groups.get(pid, ()))
        )
        programs[slug] = CatalogProgram(
            slug, title, provider, tuple(s for _, s, _ in ordered), elective, per_week
        )
    return Catalog(courses, programs)


def load_degrees(session: Session) -> dict[str, DegreeSpec]:
    slot_options: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for slot_id, position, slug in session.execute(
        select(SlotProgram.slot_id, SlotProgram.position, Program.slug).join(
            Program, Program.id == SlotProgram.program_id
        )
    ):
        slot_options[slot_id].append((position, slug))
    slots: dict[int, list[tuple[int, SlotSpec]]] = defaultdict(list)
    for row in session.execute(
        select(
            RequirementSlot.id,
            RequirementSlot.policy_id,
            RequirementSlot.position,
            RequirementSlot.code,
            RequirementSlot.title,
            RequirementSlot.kind,
            RequirementSlot.credits,
            RequirementSlot.choose,
            RequirementSlot.due_semester,
        )
    ):
        sid, policy_id, position, code, title, kind, credits, choose, due = row
        options = tuple(s for _, s in sorted(slot_options.get(sid, ())))
        slots[policy_id].append(
            (position, SlotSpec(code, title, kind, credits, choose, options, due))
        )
    exclusive: dict[int, dict[tuple[int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for policy_id, position, gid, slug in session.execute(
        select(ExclusiveGroup.policy_id, ExclusiveGroup.position, ExclusiveGroup.id, Program.slug)
        .join(ExclusiveGroupProgram, ExclusiveGroupProgram.group_id == ExclusiveGroup.id)
        .join(Program, Program.id == ExclusiveGroupProgram.program_id)
    ):
        exclusive[policy_id][(position, gid)].append(slug)
    policies: dict[int, list[PolicySpec]] = defaultdict(list)
    for pid, degree_id, year, cap, min_grade in session.execute(
        select(
            CreditPolicy.id,
            CreditPolicy.degree_id,
            CreditPolicy.catalog_year,
            CreditPolicy.credit_cap,
            CreditPolicy.min_grade,
        )
    ):
        groups = tuple(tuple(sorted(g)) for _, g in sorted(exclusive.get(pid, {}).items()))
        policies[degree_id].append(
            PolicySpec(
                year, cap, min_grade, groups, tuple(s for _, s in sorted(slots.get(pid, [])))
            )
        )
    return {
        code: DegreeSpec(
            code, title, total, tuple(sorted(policies.get(did, []), key=lambda p: p.catalog_year))
        )
        for did, code, title, total in session.execute(
            select(Degree.id, Degree.code, Degree.title, Degree.total_credits)
        )
    }


def load_students(session: Session, selection: Select) -> list[StudentInput]:
    """Every student whose id `selection` (a SELECT of Student.id) yields, with their records.

    Rows are read at the Core level with dates as text (SQLite stores ISO strings; parsing them
    through a small memo is several times faster than the ORM's per-row date processing)."""
    ids = select(selection.subquery())
    connection = session.connection()
    day = _DayParser()
    courses: dict[int, list[CourseRecordInput]] = defaultdict(list)
    progress_rows = connection.execute(
        select(
            CourseProgress.student_id,
            Course.slug,
            CourseProgress.status,
            CourseProgress.progress,
            CourseProgress.grade,
            type_coerce(CourseProgress.completed_on, String),
            CourseProgress.certificate,
            CourseProgress.verified_by,
        )
        .join(Course, Course.id == CourseProgress.course_id)
        .where(CourseProgress.student_id.in_(ids))
    )
    # The biggest read (every progress row of the cohort): take the driver's plain tuples in
    # one fetchall; none of these columns needs a type conversion (dates come as text above).
    raw_rows = progress_rows.cursor.fetchall() if progress_rows.cursor else []
    progress_rows.close()
    for sid, slug, status, progress, grade, done_on, cert, verified_by in raw_rows:
        courses[sid].append(
            CourseRecordInput(
                slug, status, progress or 0.0, grade, day(done_on), cert or "", verified_by
            )
        )
    certificates: dict[int, list[ProgramCertificateInput]] = defaultdict(list)
    for sid, slug, cert, done_on in connection.execute(
        select(
            ProgramCertificate.student_id,
            Program.slug,
            ProgramCertificate.certificate,
            type_coerce(ProgramCertificate.completed_on, String),
        )
        .join(Program, Program.id == ProgramCertificate.program_id)
        .where(ProgramCertificate.student_id.in_(ids))
    ):
        certificates[sid].append(ProgramCertificateInput(slug, cert or "", day(done_on)))
    exceptions: dict[int, list[ExceptionInput]] = defaultdict(list)
    for exc, program, course in session.execute(
        select(StudentException, Program.slug, Course.slug)
        .outerjoin(Program, Program.id == StudentException.program_id)
        .outerjoin(Course, Course.id == StudentException.course_id)
        .where(
            StudentException.student_id.in_(ids),
            StudentException.removed_at.is_(None),
            StudentException.approved_by.is_not(None),  # a proposal counts once approved
        )
    ):
        exceptions[exc.student_id].append(exception_input(exc, program, course))
    plans = _approved_plans(connection, ids, day)
    return [
        StudentInput(
            roll_no=roll_no,
            name=name,
            degree=code,
            intake_term=term,
            intake_year=year,
            semester=semester,
            courses=tuple(courses.get(sid, ())),
            program_certificates=tuple(certificates.get(sid, ())),
            exceptions=tuple(exceptions.get(sid, ())),
            father_name=father,
            approved_plan=plans.get(sid, ()),
        )
        for sid, roll_no, name, father, code, term, year, semester in connection.execute(
            select(
                Student.id,
                Student.roll_no,
                Student.name,
                Student.father_name,
                Degree.code,
                Student.intake_term,
                Student.intake_year,
                Student.semester,
            )
            .join(Degree, Degree.id == Student.degree_id)
            .where(Student.id.in_(ids))
            .order_by(Student.roll_no)
        ).all()
    ]


def _approved_plans(
    connection: Connection, ids: Select, day: _DayParser
) -> dict[int, tuple[tuple[str, date], ...]]:
    """Student id -> the planned courses of their approved plan (the newest, should there be
    two), for the audit's Planned status."""
    newest: dict[int, int] = {}
    items: dict[tuple[int, int], list[tuple[str, date]]] = defaultdict(list)
    for sid, version, slug, end in connection.execute(
        select(
            Plan.student_id, Plan.version, Course.slug, type_coerce(PlanItem.planned_end, String)
        )
        .join(PlanItem, PlanItem.plan_id == Plan.id)
        .join(Course, Course.id == PlanItem.course_id)
        .where(Plan.status == "approved", Plan.student_id.in_(ids))
    ):
        newest[sid] = max(newest.get(sid, version), version)
        when = day(end)
        if when is not None:
            items[(sid, version)].append((slug, when))
    return {sid: tuple(items[(sid, version)]) for sid, version in newest.items()}


class _DayParser:
    """ISO date text (or a driver's date) -> date, memoised: a cohort repeats few dates."""

    def __init__(self) -> None:
        self._seen: dict[object, date | None] = {None: None, "": None}

    def __call__(self, value: object) -> date | None:
        try:
            return self._seen[value]
        except KeyError:
            parsed = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
            self._seen[value] = parsed
            return parsed


def exception_input(
    exc: StudentException, program: str | None, course: str | None
) -> ExceptionInput:
    return ExceptionInput(
        id=exc.id,
        kind=exc.kind,
        reason=exc.reason,
        slot=exc.slot_code,
        program=program,
        course=course,
        evidence=exc.evidence or "",
        author=exc.created_by or "",
        created_on=exc.created_at.date() if exc.created_at else None,
    )


def current_plan_id(session: Session, student_id: int) -> int | None:
    """The plan a look-ahead uses: the approved one, else the newest draft."""
    rows = session.execute(
        select(Plan.id, Plan.status)
        .where(Plan.student_id == student_id, Plan.status.in_(("approved", "draft")))
        .order_by(Plan.version.desc())
    ).all()
    approved = [pid for pid, status in rows if status == "approved"]
    return approved[0] if approved else (rows[0][0] if rows else None)


def planned_completions(session: Session, plan_id: int | None) -> dict[str, date]:
    if plan_id is None:
        return {}
    return {
        slug: end
        for slug, end in session.execute(
            select(Course.slug, PlanItem.planned_end)
            .join(Course, Course.id == PlanItem.course_id)
            .where(PlanItem.plan_id == plan_id)
        )
    }


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
        student,
        catalog,
        degrees,
        today=today,
        what_if_degree=what_if_degree,
        what_if_policy=what_if_policy,
        planned=planned,
    )
