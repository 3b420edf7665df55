"""Small builders for plain audit inputs, so each rule's test says only what matters to it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from advisor.model.audit.inputs import (
    AuditRequest,
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

BUNDLED = Path(__file__).resolve().parents[3] / "resources" / "catalog" / "coursera-catalog.json"
TODAY = date(2026, 1, 31)


def bundled_catalog() -> Catalog:
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    courses = {
        c["slug"]: CatalogCourse(c["slug"], c["title"], c["provider"], float(c["hours"]))
        for c in data["courses"]
    }
    programs = {
        p["slug"]: CatalogProgram(
            p["slug"],
            p["title"],
            p["provider"],
            tuple(p["courses"]),
            tuple(
                ElectiveGroupSpec(g.get("title", ""), g["choose"], tuple(g["courses"]))
                for g in p.get("elective_groups") or ()
            ),
        )
        for p in data["programs"]
    }
    return Catalog(courses, programs)


def toy_catalog(**programs: list[str] | tuple[list[str], int]) -> Catalog:
    """toy_catalog(a=["a1", "a2"]) -> program 'a' of courses a1, a2 (10 h each)."""
    courses: dict[str, CatalogCourse] = {}
    out: dict[str, CatalogProgram] = {}
    for slug, spec in programs.items():
        names = spec if isinstance(spec, list) else spec[0]
        groups = ()
        if isinstance(
            spec, tuple
        ):  # (courses, k): the last len-k... no: all but first are "choose k"
            groups = (ElectiveGroupSpec("electives", spec[1], tuple(names[1:])),)
        for c in names:
            courses[c] = CatalogCourse(c, c.upper(), "Prov", 10.0)
        out[slug] = CatalogProgram(slug, f"Program {slug.upper()}", "Prov", tuple(names), groups)
    return Catalog(courses, out)


def slot(
    code: str,
    options: list[str],
    credits: int = 3,
    kind: str = "elective",
    choose: int = 1,
    due: int | None = None,
) -> SlotSpec:
    return SlotSpec(code, f"Slot {code}", kind, credits, choose, tuple(options), due)


def degree(
    *slots: SlotSpec,
    cap: int = 99,
    year: int = 2023,
    min_grade: float | None = None,
    exclusive: tuple[tuple[str, ...], ...] = (),
    more: tuple[PolicySpec, ...] = (),
) -> DegreeSpec:
    policy = PolicySpec(year, cap, min_grade, exclusive, tuple(slots))
    return DegreeSpec("BSCS", "BS Computer Science", 130, (policy, *more))


def done(
    course: str,
    on: date = date(2024, 3, 1),
    grade: float | None = 90.0,
    cert: str = "https://coursera.org/verify/X",
    verified_by: str | None = None,
) -> CourseRecordInput:
    return CourseRecordInput(course, "completed", 100.0, grade, on, cert, verified_by)


def started(course: str, progress: float = 40.0) -> CourseRecordInput:
    return CourseRecordInput(course, "in_progress", progress)


def all_done(
    catalog: Catalog, program: str, on: date = date(2024, 3, 1), **kw: object
) -> list[CourseRecordInput]:
    return [done(c, on, **kw) for c in catalog.programs[program].courses]  # type: ignore[arg-type]


def student(
    *courses: CourseRecordInput,
    certs: tuple[ProgramCertificateInput, ...] = (),
    exceptions: tuple[ExceptionInput, ...] = (),
    intake: tuple[str, int] = ("Fall", 2023),
    semester: int = 5,
) -> StudentInput:
    return StudentInput(
        "fa23-bcs-001",
        "Ayesha Khan",
        "BSCS",
        intake[0],
        intake[1],
        semester,
        tuple(courses),
        certs,
        exceptions,
    )


def request(st: StudentInput, deg: DegreeSpec, cat: Catalog, **kw: object) -> AuditRequest:
    return AuditRequest(st, deg, cat, **kw)  # type: ignore[arg-type]
