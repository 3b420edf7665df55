"""The audit's plain inputs: catalog, degree policies, one student's records. No database here.

`loading.py` builds these from the store; tests build them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

# The same values the catalog bundle and the policy file describe: an elective group ("choose
# k of" a program's courses), a degree with its policies and their requirement slots.
from advisor.model.catalog_bundle import BundleElectiveGroup as ElectiveGroupSpec
from advisor.model.intake import TERM_START_MONTH
from advisor.model.policy_file import DegreeSpec, PolicySpec, SlotSpec

__all__ = ["DegreeSpec", "ElectiveGroupSpec", "PolicySpec", "SlotSpec"]  # the audit's inputs


@dataclass(frozen=True)
class CatalogCourse:
    slug: str
    title: str
    provider: str = ""
    hours: float = 0.0
    hours_estimated: bool = False


@dataclass(frozen=True)
class CatalogProgram:
    slug: str
    title: str
    provider: str
    courses: tuple[str, ...]  # every course, in program order
    elective_groups: tuple[ElectiveGroupSpec, ...] = ()
    hours_per_week: float | None = None

    # Cached: the audit asks these for every student (cached_property writes the instance
    # __dict__ directly, so it works on a frozen dataclass and is not part of eq/hash).
    @cached_property
    def required_courses(self) -> tuple[str, ...]:
        grouped = {c for g in self.elective_groups for c in g.courses}
        return tuple(c for c in self.courses if c not in grouped)

    @cached_property
    def courses_needed(self) -> int:
        return len(self.required_courses) + sum(
            min(g.choose, len(g.courses)) for g in self.elective_groups
        )


@dataclass(frozen=True)
class Catalog:
    courses: Mapping[str, CatalogCourse]
    programs: Mapping[str, CatalogProgram]

    def course_title(self, slug: str) -> str:
        course = self.courses.get(slug)
        return course.title if course else slug

    def course_hours(self, slug: str) -> float:
        return self.hours_of.get(slug, 0.0)

    @cached_property
    def hours_of(self) -> dict[str, float]:
        return {slug: c.hours for slug, c in self.courses.items()}

    @cached_property
    def programs_of_course(self) -> dict[str, tuple[str, ...]]:
        """Course slug -> the programs containing it (for listing programs with any activity)."""
        out: dict[str, list[str]] = {}
        for program in self.programs.values():
            for course in program.courses:
                out.setdefault(course, []).append(program.slug)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Results that depend on the catalog alone (e.g. a not-started program's line), shared
        by every student audited against this catalog."""
        return {}


def choose_policy(degree: DegreeSpec, intake_year: int) -> tuple[PolicySpec | None, str]:
    """The newest policy whose catalog_year ≤ the intake year, else the oldest; and why."""
    if not degree.policies:
        return None, f"{degree.code} has no credit policy yet: nothing can be counted."
    ordered = sorted(degree.policies, key=lambda p: p.catalog_year)
    applicable = [p for p in ordered if p.catalog_year <= intake_year]
    if applicable:
        chosen = applicable[-1]
        return chosen, (
            f"The {degree.code} policy of {chosen.catalog_year} applies "
            f"(the newest one for intake year {intake_year})."
        )
    chosen = ordered[0]
    return chosen, (
        f"No {degree.code} policy covers intake year {intake_year}: the oldest policy "
        f"({chosen.catalog_year}) applies."
    )


class CourseRecordInput(NamedTuple):
    """One progress row. A NamedTuple: a cohort audit makes hundreds of thousands of these."""

    course: str  # slug
    status: str  # enrolled | in_progress | completed
    progress: float = 0.0
    grade: float | None = None
    completed_on: date | None = None
    certificate: str = ""
    verified_by: str | None = None


@dataclass(frozen=True)
class ProgramCertificateInput:
    program: str  # slug
    certificate: str = ""
    completed_on: date | None = None


@dataclass(frozen=True)
class ExceptionInput:
    id: int
    kind: str  # substitute | waive | course_complete
    reason: str
    slot: str | None = None
    program: str | None = None
    course: str | None = None
    evidence: str = ""
    author: str = "local"
    created_on: date | None = None


@dataclass(frozen=True)
class StudentInput:
    roll_no: str
    name: str
    degree: str  # degree code
    intake_term: str  # Spring | Summer | Fall
    intake_year: int
    semester: int = 1
    courses: tuple[CourseRecordInput, ...] = ()
    program_certificates: tuple[ProgramCertificateInput, ...] = ()
    exceptions: tuple[ExceptionInput, ...] = ()
    father_name: str = ""
    approved_plan: tuple[tuple[str, date], ...] = ()  # (course slug, planned end) of the plan

    @property
    def intake(self) -> str:
        return f"{self.intake_term} {self.intake_year}"

    def intake_start(self, year: int | None = None) -> date:
        return date(year or self.intake_year, TERM_START_MONTH.get(self.intake_term, 9), 1)


@dataclass(frozen=True)
class AuditRequest:
    """Everything one audit needs besides `today`."""

    student: StudentInput
    degree: DegreeSpec
    catalog: Catalog
    policy_year: int | None = None  # what-if: the policy of this intake year (own intake date)
    # Look-ahead: course -> planned end date; None for no look-ahead ({} = a plan with nothing left).
    planned: Mapping[str, date] | None = None
    what_if: str | None = None  # a label when this is not the student's own audit
