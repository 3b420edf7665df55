"""The certification planner: pure, no database, no clock (DESIGN.md §5).

Targets are taken in order and each target's courses in program order; a course shared by two
targets is taken once; completed courses are skipped; of an elective group only the courses
still needed are planned (the first ones in program order). Courses are taken one after
another, each for ceil(hours / hours per week) weeks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from advisor.model.audit.inputs import Catalog, CatalogProgram

SUSTAINABLE_HOURS_PER_WEEK = 20.0  # beside a full semester's load, more is not realistic
MONTHS_PER_SEMESTER = 6  # two semesters a year (the summer session sits inside this span)


@dataclass(frozen=True)
class Deadline:
    """A target's due date: the end of the semester by which its slot is due, or graduation."""

    program: str
    due: date
    label: str  # "CERT-CORE is due by semester 6"


@dataclass(frozen=True)
class PlanRequest:
    targets: tuple[str, ...]  # program slugs, in the order they are to be taken
    start: date
    hours_per_week: float
    completed: Mapping[str, date | None]  # course slug -> completion date (None: unknown)
    graduation: date  # end of the degree's last semester
    deadlines: tuple[Deadline, ...] = ()


@dataclass(frozen=True)
class ScheduledCourse:
    course: str
    weeks: int
    start: date
    end: date
    programs: tuple[str, ...]  # targets it counts toward


@dataclass(frozen=True)
class ProgramSchedule:
    program: str
    planned_courses: tuple[str, ...]
    completion: date | None  # last planned course's end, else its last done course's date


@dataclass(frozen=True)
class PlanOutcome:
    courses: tuple[ScheduledCourse, ...]
    programs: tuple[ProgramSchedule, ...]
    finish: date | None
    warnings: tuple[str, ...]


def course_weeks(hours: float, hours_per_week: float) -> int:
    """Weeks a course takes alone; at least one (a course with unknown hours still takes time)."""
    return max(1, math.ceil(hours / hours_per_week))


def semester_end(intake_start: date, semester: int) -> date:
    """Last day of semester `semester` counted from the intake date (semester 1 starts on it)."""
    months = intake_start.month - 1 + MONTHS_PER_SEMESTER * semester
    first_after = date(intake_start.year + months // 12, months % 12 + 1, 1)
    return first_after - timedelta(days=1)


def current_semester(intake_start: date, today: date) -> int:
    """The semester `today` falls in, counted from the intake date by the same six-month rule
    as `semester_end` (so a document that says "semester 6" agrees with the plan's warnings);
    1 before the intake starts."""
    semester = 1
    while semester_end(intake_start, semester) < today:
        semester += 1
    return semester


def degree_semesters(total_credits: int | None) -> int:
    """A 4-year bachelor's (≥ 120 credit hours) has 8 semesters; shorter degrees proportionally."""
    if not total_credits or total_credits >= 120:
        return 8
    return max(2, math.ceil(total_credits / 16))


def needed_courses(program: CatalogProgram, completed: Mapping[str, date | None]) -> list[str]:
    """The program's courses still to take, in program order."""
    still: set[str] = {c for c in program.required_courses if c not in completed}
    for group in program.elective_groups:
        have = sum(1 for c in group.courses if c in completed)
        missing = max(0, min(group.choose, len(group.courses)) - have)
        still.update([c for c in group.courses if c not in completed][:missing])
    return [c for c in program.courses if c in still]


def make_plan(request: PlanRequest, catalog: Catalog) -> PlanOutcome:
    if request.hours_per_week <= 0:
        raise ValueError("hours per week must be positive")
    order: list[str] = []
    serves: dict[str, list[str]] = {}
    wanted: dict[str, list[str]] = {}
    for slug in request.targets:
        program = catalog.programs[slug]
        wanted[slug] = needed_courses(program, request.completed)
        for course in wanted[slug]:
            if course not in serves:
                order.append(course)
                serves[course] = []
            serves[course].append(slug)
    scheduled: list[ScheduledCourse] = []
    cursor = request.start
    ends: dict[str, date] = {}
    for course in order:
        weeks = course_weeks(catalog.course_hours(course), request.hours_per_week)
        end = cursor + timedelta(weeks=weeks) - timedelta(days=1)
        scheduled.append(ScheduledCourse(course, weeks, cursor, end, tuple(serves[course])))
        ends[course] = end
        cursor = end + timedelta(days=1)
    programs = tuple(
        ProgramSchedule(
            slug,
            tuple(wanted[slug]),
            _completion(catalog.programs[slug], wanted[slug], ends, request.completed),
        )
        for slug in request.targets
    )
    finish = scheduled[-1].end if scheduled else None
    return PlanOutcome(
        tuple(scheduled), programs, finish, plan_warnings(request, programs, catalog)
    )


def _completion(
    program: CatalogProgram,
    wanted: Sequence[str],
    ends: Mapping[str, date],
    completed: Mapping[str, date | None],
) -> date | None:
    if wanted:
        return max(ends[c] for c in wanted)
    done = [d for c in program.courses if (d := completed.get(c)) is not None]
    return max(done) if done else None


def plan_warnings(
    request: PlanRequest, programs: Sequence[ProgramSchedule], catalog: Catalog
) -> tuple[str, ...]:
    """Over 20 hours a week; a target finished after graduation or after its slot is due."""
    out: list[str] = []
    if request.hours_per_week > SUSTAINABLE_HOURS_PER_WEEK:
        out.append(
            f"{request.hours_per_week:g} hours a week is more than {SUSTAINABLE_HOURS_PER_WEEK:g}: "
            "hard to keep up beside a full semester."
        )
    deadlines: dict[str, list[Deadline]] = {}
    for d in request.deadlines:
        deadlines.setdefault(d.program, []).append(d)
    for p in programs:
        title = catalog.programs[p.program].title
        if not p.planned_courses:
            out.append(f"{title} needs no more courses: it is already complete.")
            continue
        if p.completion is None:
            continue
        if p.completion > request.graduation:
            out.append(
                f"{title} would be complete on {p.completion.isoformat()}, after the degree's last "
                f"term ends on {request.graduation.isoformat()}."
            )
        for d in deadlines.get(p.program, ()):
            if p.completion > d.due:
                out.append(
                    f"{title} would be complete on {p.completion.isoformat()}, after {d.label} "
                    f"(ends {d.due.isoformat()})."
                )
    return tuple(out)
