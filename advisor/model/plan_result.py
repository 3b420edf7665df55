"""What a plan says: plain frozen values for screens, the command line and the printout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PlannedCourse:
    """One course in the plan, taken on its own at the plan's hours per week."""

    position: int
    course_slug: str
    course_title: str
    provider: str
    hours: float
    hours_estimated: bool
    weeks: int
    start: date
    end: date
    programs: tuple[str, ...]  # the target programs this course counts toward


@dataclass(frozen=True)
class PlannedProgram:
    """A target program: what is already done, what the plan adds, when it will be complete."""

    slug: str
    title: str
    provider: str
    courses_total: int  # courses it needs (required + k of each elective group)
    courses_done: int  # already completed before the plan
    remaining_hours: float
    completion: date | None  # planned completion; the last done course's date when nothing is left
    counts_for: str | None  # the slot it would fill per the projected audit
    credits: int  # projected credit hours from it


@dataclass(frozen=True)
class PlanDetail:
    """One version of a student's plan, with its dates, warnings and projected credits."""

    roll_no: str
    student_name: str
    father_name: str
    degree: str
    degree_title: str
    intake: str
    semester: int
    version: int
    status: str  # draft | approved | superseded | completed
    start_date: date
    hours_per_week: float
    targets: tuple[PlannedProgram, ...]
    items: tuple[PlannedCourse, ...]
    finish_date: date | None  # end of the last planned course
    graduation_date: date  # end of the degree's last term
    warnings: tuple[str, ...]
    eligible_credits: int  # now
    pending_credits: int  # now
    projected_credits: int  # eligible + pending once every target is done (after the cap)
    credit_cap: int
    created_at: datetime
    created_by: str
    approved_at: datetime | None
    approved_by: str | None
