"""What a new catalog bundle may not drop: courses and programs that records still point to.

A course with recorded progress, in a plan or an exception, and a program named by a policy
slot, an exclusive group, a plan target, an exception or a program certificate must stay, or
the department would lose what it recorded. Each is listed so the admin can act.
"""

from __future__ import annotations

from typing import Any

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

# (what the records do, the column that points to the course or program)
COURSE_USERS: tuple[tuple[str, Any], ...] = (
    ("student(s) have progress in it", CourseProgress.course_id),
    ("plan(s) schedule it", PlanItem.course_id),
    ("exception(s) mark it complete", StudentException.course_id),
)
PROGRAM_USERS: tuple[tuple[str, Any], ...] = (
    ("plan(s) target it", PlanTarget.program_id),
    ("exception(s) name it", StudentException.program_id),
    ("program certificate(s) are recorded for it", ProgramCertificate.program_id),
)


def _counted_uses(
    session: Session,
    target: type[Course | Program],
    dropped: set[str],
    users: tuple[tuple[str, Any], ...],
) -> list[str]:
    """'course it-security: 4 student(s) have progress in it', one line per slug and kind of use."""
    kind = "course" if target is Course else "program"
    lines = []
    for label, key in users:
        query = (
            select(target.slug, func.count())
            .join(key.class_, key == target.id)
            .where(target.slug.in_(dropped))
            .group_by(target.slug)
            .order_by(target.slug)
        )
        lines += [f"{kind} {slug}: {n} {label}" for slug, n in session.execute(query)]
    return lines


def blocking_references(
    session: Session, keep_courses: set[str], keep_programs: set[str]
) -> list[str]:
    """One line per dropped course or program that is still referenced; empty when safe."""
    dropped_courses = set(session.scalars(select(Course.slug))) - keep_courses
    dropped_programs = set(session.scalars(select(Program.slug))) - keep_programs
    problems = (
        _counted_uses(session, Course, dropped_courses, COURSE_USERS) if dropped_courses else []
    )
    if not dropped_programs:
        return problems
    slots = session.execute(
        select(Program.slug, Degree.code, CreditPolicy.catalog_year, RequirementSlot.code)
        .join(SlotProgram, SlotProgram.program_id == Program.id)
        .join(RequirementSlot, RequirementSlot.id == SlotProgram.slot_id)
        .join(CreditPolicy, CreditPolicy.id == RequirementSlot.policy_id)
        .join(Degree, Degree.id == CreditPolicy.degree_id)
        .where(Program.slug.in_(dropped_programs))
        .order_by(Program.slug, Degree.code, CreditPolicy.catalog_year)
    )
    problems += [
        f"program {slug}: the {d} {year} policy counts it for {slot}"
        for slug, d, year, slot in slots
    ]
    groups = session.execute(
        select(Program.slug, Degree.code, CreditPolicy.catalog_year)
        .join(ExclusiveGroupProgram, ExclusiveGroupProgram.program_id == Program.id)
        .join(ExclusiveGroup, ExclusiveGroup.id == ExclusiveGroupProgram.group_id)
        .join(CreditPolicy, CreditPolicy.id == ExclusiveGroup.policy_id)
        .join(Degree, Degree.id == CreditPolicy.degree_id)
        .where(Program.slug.in_(dropped_programs))
        .order_by(Program.slug, Degree.code, CreditPolicy.catalog_year)
    )
    problems += [
        f"program {slug}: the {d} {year} policy names it in an exclusive group"
        for slug, d, year in groups
    ]
    return problems + _counted_uses(session, Program, dropped_programs, PROGRAM_USERS)
