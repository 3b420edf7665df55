"""Certification plans: create (edits the current draft, or starts the next version), approve
(locks it), show, history, suggest targets. The schedule comes from the pure planner; credits
from the audit's look-ahead.

Versions: a student has at most one draft, and `create` edits it until it is approved. Once the
current version is approved, the next `create` starts a new draft version and keeps the approved
one, marked superseded. An approved plan is never edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from advisor.model.audit.inputs import Catalog, DegreeSpec, StudentInput, choose_policy
from advisor.model.audit.result import AuditResult
from advisor.model.audit.student_audit import audit_loaded, require_degree
from advisor.model.errors import ConflictError, NotFoundError, ValidationError
from advisor.model.plan_result import PlanDetail, PlannedCourse, PlannedProgram
from advisor.model.planner import (
    Deadline,
    PlanRequest,
    ProgramSchedule,
    current_semester,
    degree_semesters,
    make_plan,
    plan_warnings,
    semester_end,
)
from advisor.model.roles import Role
from advisor.model.schema import Course, Plan, PlanItem, PlanTarget, Program, Student, utcnow
from advisor.model.services.plan_targets import (
    PlanSuggestion,
    TargetChoice,
    completed_programs,
    suggestions,
    target_choices,
)
from advisor.model.services.service_base import Service
from advisor.model.store.audit_inputs import load_catalog, load_degrees, load_students
from advisor.model.store.students import filtered_students, require_student_id

DEFAULT_HOURS_PER_WEEK = 10.0
MAX_HOURS_PER_WEEK = 60.0


@dataclass(frozen=True)
class PlanVersion:
    version: int
    status: str
    start_date: date
    hours_per_week: float
    targets: tuple[str, ...]
    created_at: datetime
    created_by: str
    approved_at: datetime | None
    approved_by: str | None


@dataclass(frozen=True)
class PlanContext:
    """One student's inputs, read once per action."""

    student_id: int
    student: StudentInput
    catalog: Catalog
    degrees: dict[str, DegreeSpec]

    @property
    def degree(self) -> DegreeSpec:
        return require_degree(self.degrees, self.student.degree)

    def audit(self, today: date, planned: dict[str, date] | None = None) -> AuditResult:
        """Today's audit, or with `planned` the audit as if those courses were done then."""
        return audit_loaded(
            self.student,
            self.catalog,
            self.degrees,
            today=today,
            planned=planned,
            as_planned=planned is not None,
        )

    def completed_courses(self, today: date) -> dict[str, date | None]:
        """Courses that need no retake: completed at or above the policy's minimum grade."""
        policy, _ = choose_policy(self.degree, self.student.intake_year)
        minimum = policy.min_grade if policy else None
        done: dict[str, date | None] = {
            c.course: c.completed_on
            for c in self.student.courses
            if c.status == "completed"
            and (c.completed_on is None or c.completed_on <= today)
            and (minimum is None or c.grade is None or c.grade >= minimum)
        }
        for e in self.student.exceptions:
            if e.kind == "course_complete" and e.course:
                done.setdefault(e.course, e.created_on)
        return done

    def graduation(self) -> date:
        return semester_end(
            self.student.intake_start(), degree_semesters(self.degree.total_credits)
        )

    def deadlines(self, projected: AuditResult, targets: Sequence[str]) -> tuple[Deadline, ...]:
        out = []
        for slug in targets:
            program = projected.program(slug)
            req = (
                projected.requirement(program.counted_for)
                if program and program.counted_for
                else None
            )
            if req and req.due_semester:
                due = semester_end(self.student.intake_start(), req.due_semester)
                out.append(Deadline(slug, due, f"{req.id} is due (semester {req.due_semester})"))
        return tuple(out)


class PlanService(Service):
    def create(
        self,
        roll_no: str,
        programs: Sequence[str],
        *,
        today: date,
        hours_per_week: float | None = None,
        start: date | None = None,
    ) -> PlanDetail:
        """Build the student's plan: the current draft is edited in place (its version stays);
        with no draft (none yet, or the current plan is approved) a new draft version is made,
        and the approved one is kept as superseded."""
        self._require_role(Role.ADVISOR, "creating a plan")
        with self._db.begin() as session:
            ctx = _context(session, roll_no)
            targets = _check_targets(programs, ctx.catalog)
            finished = completed_programs(ctx, today)
            done = [ctx.catalog.programs[t].title for t in targets if t in finished]
            if done:
                raise ValidationError(
                    f"{ctx.student.roll_no} has already completed {', '.join(done)}: there is "
                    "nothing left of it to plan. Leave it out of the targets.",
                    nothing_changed=True,
                )
            hours = (
                hours_per_week
                or ctx.catalog.programs[targets[0]].hours_per_week
                or DEFAULT_HOURS_PER_WEEK
            )
            if not 0 < hours <= MAX_HOURS_PER_WEEK:
                raise ValidationError(
                    f"Hours per week must be between 1 and {MAX_HOURS_PER_WEEK:g}."
                )
            begin = start or today
            request = PlanRequest(
                targets, begin, hours, ctx.completed_courses(today), ctx.graduation()
            )
            outcome = make_plan(request, ctx.catalog)
            plan = _current_or_none(session, ctx.student_id)
            if plan is not None and plan.status == "draft":
                action, was = "plan.edit", _plan_summary(plan)
                # Empty the old lists first: a target kept would otherwise be inserted again
                # before its old row is deleted (one key per plan and program).
                plan.targets.clear()
                plan.items.clear()
                session.flush()
                plan.start_date, plan.hours_per_week = begin, hours
            else:
                action, was = "plan.create", ""
                version = (
                    session.scalar(
                        select(func.max(Plan.version)).where(Plan.student_id == ctx.student_id)
                    )
                    or 0
                ) + 1
                session.execute(
                    update(Plan)
                    .where(Plan.student_id == ctx.student_id, Plan.status == "approved")
                    .values(status="superseded")
                )
                plan = Plan(
                    student_id=ctx.student_id,
                    version=version,
                    status="draft",
                    start_date=begin,
                    hours_per_week=hours,
                    created_at=utcnow(),
                )
                session.add(plan)
            ids = _ids(session, Program, targets)
            plan.targets = [
                PlanTarget(program_id=ids[s], position=i) for i, s in enumerate(targets)
            ]
            course_ids = _ids(session, Course, [c.course for c in outcome.courses])
            plan.items = [
                PlanItem(
                    position=i,
                    course_id=course_ids[c.course],
                    planned_start=c.start,
                    planned_end=c.end,
                )
                for i, c in enumerate(outcome.courses)
            ]
            session.flush()
            now = f"{', '.join(targets)} at {hours:g} h/week from {begin}"
            self._record(
                session,
                action,
                f"plan v{plan.version}",
                roll_no=ctx.student.roll_no,
                summary=f"draft: {was} → {now}" if was else f"draft: {now}",
            )
            return _detail(session, ctx, plan, today)

    def approve(self, roll_no: str, *, today: date) -> PlanDetail:
        """Lock the newest draft; a plan already approved stays as it is."""
        actor = self._require_role(Role.ADVISOR, "approving a plan")
        with self._db.begin() as session:
            ctx = _context(session, roll_no)
            plan = _current(session, ctx.student_id, roll_no)
            if plan.status == "approved":
                raise ConflictError(
                    f"Version {plan.version} of {roll_no}'s plan is already approved; to change "
                    "it, create a new version."
                )
            plan.status = "approved"
            plan.approved_at = utcnow()
            plan.approved_by = actor.user_name
            session.flush()
            self._record(
                session,
                "plan.approve",
                f"plan v{plan.version}",
                roll_no=ctx.student.roll_no,
                summary="draft → approved",
            )
            return _detail(session, ctx, plan, today)

    def show(self, roll_no: str, *, today: date, version: int | None = None) -> PlanDetail:
        """The current plan (approved or draft), or one version from the history."""
        with self._db.read() as session:
            ctx = _context(session, roll_no)
            plan: Plan | None
            if version is None:
                plan = _current(session, ctx.student_id, roll_no)
            else:
                plan = session.scalar(
                    select(Plan).where(Plan.student_id == ctx.student_id, Plan.version == version)
                )
                if plan is None:
                    raise NotFoundError(f"{roll_no} has no plan version {version}.")
            return _detail(session, ctx, plan, today)

    def history(self, roll_no: str) -> list[PlanVersion]:
        with self._db.read() as session:
            sid = require_student_id(session, roll_no)
            plans = session.scalars(
                select(Plan).where(Plan.student_id == sid).order_by(Plan.version)
            ).all()
            return [
                PlanVersion(
                    p.version,
                    p.status,
                    p.start_date,
                    p.hours_per_week,
                    tuple(t.program.slug for t in p.targets),
                    p.created_at,
                    p.created_by,
                    p.approved_at,
                    p.approved_by,
                )
                for p in plans
            ]

    def cohort(
        self, degree: str | None = None, intake: str | None = None, *, today: date
    ) -> list[PlanDetail]:
        """The current plan of every selected student who has one (for printing a batch)."""
        with self._db.read() as session:
            catalog, degrees = load_catalog(session), load_degrees(session)
            selection = filtered_students(degree, intake).with_only_columns(
                Student.id, Student.roll_no
            )
            ids = {roll_no: sid for sid, roll_no in session.execute(selection)}
            out = []
            for student in load_students(
                session, selection.with_only_columns(Student.id).order_by(None)
            ):
                plan = _current_or_none(session, ids[student.roll_no])
                if plan is not None:
                    ctx = PlanContext(ids[student.roll_no], student, catalog, degrees)
                    out.append(_detail(session, ctx, plan, today))
            return out

    def suggest(self, roll_no: str, *, today: date) -> list[PlanSuggestion]:
        """Programs that would fill the student's open slots, fewest remaining hours first."""
        with self._db.read() as session:
            return suggestions(_context(session, roll_no), today)

    def target_choices(self, roll_no: str, *, today: date) -> list[TargetChoice]:
        """Every program the planner lists: suggested ones first, completed ones last and
        marked (a plan cannot aim at them)."""
        with self._db.read() as session:
            return target_choices(_context(session, roll_no), today)


def _context(session: Session, roll_no: str) -> PlanContext:
    sid = require_student_id(session, roll_no)
    (student,) = load_students(session, select(Student.id).where(Student.id == sid))
    return PlanContext(sid, student, load_catalog(session), load_degrees(session))


def _check_targets(programs: Sequence[str], catalog: Catalog) -> tuple[str, ...]:
    targets = tuple(p.strip() for p in programs if p.strip())
    if not targets:
        raise ValidationError("Name at least one program to plan (--program SLUG).")
    unknown = [p for p in targets if p not in catalog.programs]
    if unknown:
        raise NotFoundError(
            f"Not in the catalog: {', '.join(unknown)}. See `catalog list --search`."
        )
    repeated = sorted({p for p in targets if targets.count(p) > 1})
    if repeated:
        raise ValidationError(f"Each program once, please: {', '.join(repeated)} is repeated.")
    return targets


def _ids(session: Session, model: type[Program | Course], slugs: Sequence[str]) -> dict[str, int]:
    if not slugs:
        return {}
    rows = session.execute(select(model.slug, model.id).where(model.slug.in_(set(slugs))))
    return {slug: id_ for slug, id_ in rows}


def _current_or_none(session: Session, student_id: int) -> Plan | None:
    plans = session.scalars(
        select(Plan)
        .where(Plan.student_id == student_id, Plan.status.in_(("approved", "draft")))
        .order_by(Plan.version.desc())
    ).all()
    # `create` supersedes the approved version when it starts a new one, so at most one is
    # current; the newest wins regardless.
    return plans[0] if plans else None


def _current(session: Session, student_id: int, roll_no: str) -> Plan:
    plan = _current_or_none(session, student_id)
    if plan is None:
        raise NotFoundError(
            f"{roll_no} has no plan yet: make one with `plan create {roll_no} --program SLUG`."
        )
    return plan


def _plan_summary(plan: Plan) -> str:
    targets = ", ".join(t.program.slug for t in plan.targets)
    return f"{targets} at {plan.hours_per_week:g} h/week from {plan.start_date}"


def _no_credit_warnings(projected: AuditResult, targets: Sequence[str]) -> tuple[str, ...]:
    """Targets that, once done, would still earn nothing — with the audit's reason why."""
    out = []
    for slug in targets:
        program = projected.program(slug)
        if program is None or program.status != "completed" or program.counted_for is not None:
            continue
        why = program.reason.rpartition("not counted: ")[2].rstrip(".")
        out.append(f"{program.title} would earn no credit: {why}.")
    return tuple(out)


def _detail(session: Session, ctx: PlanContext, plan: Plan, today: date) -> PlanDetail:
    catalog = ctx.catalog
    targets = tuple(t.program.slug for t in plan.targets)
    items = [(i.course.slug, i.planned_start, i.planned_end) for i in plan.items]
    ends = {slug: end for slug, _, end in items}
    now = ctx.audit(today)
    projected = ctx.audit(today, ends)
    schedules = []
    for slug in targets:
        mine = tuple(c for c, _, _ in items if c in catalog.programs[slug].courses)
        result = projected.program(slug)
        completion = max((ends[c] for c in mine), default=None) or (
            result.completed_on if result else None
        )
        schedules.append(ProgramSchedule(slug, mine, completion))
    request = PlanRequest(
        targets,
        plan.start_date,
        plan.hours_per_week,
        ctx.completed_courses(today),
        ctx.graduation(),
        ctx.deadlines(projected, targets),
    )
    planned_programs = []
    for s in schedules:
        program = catalog.programs[s.program]
        current = now.program(s.program)
        after = projected.program(s.program)
        planned_programs.append(
            PlannedProgram(
                s.program,
                program.title,
                program.provider,
                program.courses_needed,
                current.courses_done if current else 0,
                sum(catalog.course_hours(c) for c in s.planned_courses),
                s.completion,
                after.counted_for if after else None,
                after.credits if after else 0,
            )
        )
    courses = tuple(
        PlannedCourse(
            position=i,
            course_slug=slug,
            course_title=catalog.course_title(slug),
            provider=catalog.courses[slug].provider if slug in catalog.courses else "",
            hours=catalog.course_hours(slug),
            hours_estimated=catalog.courses[slug].hours_estimated
            if slug in catalog.courses
            else False,
            weeks=max(1, ((end - start).days + 1) // 7),
            start=start,
            end=end,
            programs=tuple(t for t in targets if slug in catalog.programs[t].courses),
        )
        for i, (slug, start, end) in enumerate(items)
    )
    st = ctx.student
    return PlanDetail(
        roll_no=st.roll_no,
        student_name=st.name,
        father_name=st.father_name,
        degree=ctx.degree.code,
        degree_title=ctx.degree.title,
        intake=st.intake,
        semester=current_semester(st.intake_start(), today),
        version=plan.version,
        status=plan.status,
        start_date=plan.start_date,
        hours_per_week=plan.hours_per_week,
        targets=tuple(planned_programs),
        items=courses,
        finish_date=courses[-1].end if courses else None,
        graduation_date=ctx.graduation(),
        warnings=plan_warnings(request, schedules, catalog)
        + _no_credit_warnings(projected, targets),
        eligible_credits=now.eligible_credits,
        pending_credits=now.pending_credits,
        projected_credits=projected.eligible_credits + projected.pending_credits,
        credit_cap=now.credit_cap,
        created_at=plan.created_at,
        created_by=plan.created_by,
        approved_at=plan.approved_at,
        approved_by=plan.approved_by,
    )
