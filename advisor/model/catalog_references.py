"""What a new catalog bundle may not drop: courses and programs that records still point to.

A course with recorded progress, in a plan or an exception, and a program named by a policy
slot, an exclusive group, a plan target, an exception or a program certificate must stay, or
the department would lose what it recorded. Each is listed so the admin can act.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor.model.schema import (
    Course,
    CourseProgress,
    CreditPolicy,
    Degree,
    ExclusiveGroup,
    ExclusiveGroupProgram,
    PlanItem,
    PlanTarget,
    Program,
    ProgramCertificate,
    RequirementSlot,
    SlotProgram,
    StudentException,
)


def _uses(session: Session, model: type, key: object, target: type, dropped: Iterable[str]) -> dict[str, int]:
    """How many rows of `model` point (through `key`) to each dropped slug of `target`."""
    query = (
        select(target.slug, func.count())  # type: ignore[attr-defined]
        .join(model, key == target.id)  # type: ignore[attr-defined]
        .where(target.slug.in_(list(dropped)))  # type: ignore[attr-defined]
        .group_by(target.slug)  # type: ignore[attr-defined]
    )
    return {slug: count for slug, count in session.execute(query)}


def blocking_references(session: Session, keep_courses: set[str], keep_programs: set[str]) -> list[str]:
    """One line per dropped course or program that is still referenced; empty when safe."""
    dropped_courses = set(session.scalars(select(Course.slug))) - keep_courses
    dropped_programs = set(session.scalars(select(Program.slug))) - keep_programs
    problems: list[str] = []
    if dropped_courses:
        for label, model, key in (
            ("student(s) have progress in it", CourseProgress, CourseProgress.course_id),
            ("plan(s) schedule it", PlanItem, PlanItem.course_id),
            ("exception(s) mark it complete", StudentException, StudentException.course_id),
        ):
            for slug, n in sorted(_uses(session, model, key, Course, dropped_courses).items()):
                problems.append(f"course {slug}: {n} {label}")
    if dropped_programs:
        slots = session.execute(
            select(Program.slug, Degree.code, CreditPolicy.catalog_year, RequirementSlot.code)
            .join(SlotProgram, SlotProgram.program_id == Program.id)
            .join(RequirementSlot, RequirementSlot.id == SlotProgram.slot_id)
            .join(CreditPolicy, CreditPolicy.id == RequirementSlot.policy_id)
            .join(Degree, Degree.id == CreditPolicy.degree_id)
            .where(Program.slug.in_(dropped_programs))
            .order_by(Program.slug, Degree.code, CreditPolicy.catalog_year)
        )
        for slug, degree, year, slot in slots:
            problems.append(f"program {slug}: the {degree} {year} policy counts it for {slot}")
        groups = session.execute(
            select(Program.slug, Degree.code, CreditPolicy.catalog_year)
            .join(ExclusiveGroupProgram, ExclusiveGroupProgram.program_id == Program.id)
            .join(ExclusiveGroup, ExclusiveGroup.id == ExclusiveGroupProgram.group_id)
            .join(CreditPolicy, CreditPolicy.id == ExclusiveGroup.policy_id)
            .join(Degree, Degree.id == CreditPolicy.degree_id)
            .where(Program.slug.in_(dropped_programs))
        )
        for slug, degree, year in groups:
            problems.append(f"program {slug}: the {degree} {year} policy names it in an exclusive group")
        for label, model, key in (
            ("plan(s) target it", PlanTarget, PlanTarget.program_id),
            ("exception(s) name it", StudentException, StudentException.program_id),
            ("program certificate(s) are recorded for it", ProgramCertificate, ProgramCertificate.program_id),
        ):
            for slug, n in sorted(_uses(session, model, key, Program, dropped_programs).items()):
                problems.append(f"program {slug}: {n} {label}")
    return problems
