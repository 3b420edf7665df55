"""The pure planner (DESIGN.md §5): order, shared courses, skipped courses, dates, warnings."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.model.audit.inputs import Catalog, CatalogCourse, CatalogProgram, ElectiveGroupSpec
from advisor.model.planner import (
    Deadline,
    PlanRequest,
    course_weeks,
    degree_semesters,
    make_plan,
    semester_end,
)

HOURS = {"a1": 10, "a2": 25, "s": 8, "b1": 30, "g1": 5, "g2": 6, "g3": 7}
CAT = Catalog(
    {c: CatalogCourse(c, c.upper(), "P", float(h)) for c, h in HOURS.items()},
    {
        "a": CatalogProgram("a", "Program A", "P", ("a1", "s", "a2")),
        "b": CatalogProgram("b", "Program B", "P", ("s", "b1")),
        "g": CatalogProgram(
            "g",
            "Program G",
            "P",
            ("a1", "g1", "g2", "g3"),
            (ElectiveGroupSpec("pick", 2, ("g1", "g2", "g3")),),
        ),
    },
)
START = date(2026, 2, 2)  # a Monday
FAR = date(2030, 1, 1)


def plan(targets: tuple[str, ...], hours: float = 10, completed: dict | None = None, **kw):  # type: ignore[no-untyped-def]
    return make_plan(
        PlanRequest(targets, START, hours, completed or {}, kw.pop("graduation", FAR), **kw), CAT
    )


def test_weeks_are_hours_over_hours_per_week_rounded_up() -> None:
    assert course_weeks(25, 10) == 3 and course_weeks(10, 10) == 1 and course_weeks(0, 10) == 1


def test_courses_in_target_order_one_after_another() -> None:
    out = plan(("a", "b"))
    assert [c.course for c in out.courses] == ["a1", "s", "a2", "b1"]
    first, second = out.courses[0], out.courses[1]
    assert (first.start, first.end, first.weeks) == (START, date(2026, 2, 8), 1)
    assert second.start == date(2026, 2, 9)
    a2 = out.courses[2]
    assert a2.weeks == 3 and a2.start == date(2026, 2, 16) and a2.end == date(2026, 3, 8)


def test_shared_course_taken_once_and_counts_for_both() -> None:
    out = plan(("a", "b"))
    shared = [c for c in out.courses if c.course == "s"]
    assert len(shared) == 1 and shared[0].programs == ("a", "b")
    done = {p.program: p for p in out.programs}
    assert done["b"].planned_courses == ("s", "b1")
    assert done["b"].completion == out.courses[-1].end == out.finish


def test_completed_courses_are_skipped() -> None:
    out = plan(("a",), completed={"a1": date(2025, 5, 1), "s": None})
    assert [c.course for c in out.courses] == ["a2"] and out.courses[0].start == START


def test_elective_group_plans_only_what_is_missing() -> None:
    out = plan(("g",), completed={"g2": date(2025, 1, 1)})
    assert [c.course for c in out.courses] == ["a1", "g1"]


def test_program_already_complete_has_its_last_date_and_a_note() -> None:
    out = plan(("b",), completed={"s": date(2025, 1, 1), "b1": date(2025, 3, 1)})
    assert out.courses == () and out.programs[0].completion == date(2025, 3, 1)
    assert out.warnings == ("Program B needs no more courses: it is already complete.",)


def test_warnings_for_load_graduation_and_due_semester() -> None:
    out = plan(
        ("a",),
        hours=25,
        graduation=date(2026, 2, 10),
        deadlines=(Deadline("a", date(2026, 2, 12), "CERT-CORE is due (semester 6)"),),
    )
    text = "\n".join(out.warnings)
    assert "25 hours a week is more than 20" in text
    assert "after the degree's last term ends on 2026-02-10" in text
    assert "after CERT-CORE is due (semester 6) (ends 2026-02-12)" in text
    assert plan(("a",), hours=20).warnings == ()


def test_semester_arithmetic() -> None:
    fall = date(2023, 9, 1)
    assert semester_end(fall, 1) == date(2024, 2, 29)
    assert semester_end(fall, 8) == date(2027, 8, 31)
    assert semester_end(date(2024, 2, 1), 6) == date(2027, 1, 31)
    assert degree_semesters(130) == 8 and degree_semesters(None) == 8 and degree_semesters(66) == 5


def test_hours_per_week_must_be_positive() -> None:
    with pytest.raises(ValueError):
        plan(("a",), hours=0)
