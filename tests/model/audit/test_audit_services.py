"""AuditService, ExceptionService and PlanService over a real migrated store."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.model.errors import ConflictError, NotFoundError, ValidationError
from advisor.model.services import Services
from advisor.model.services.history_service import LogFilter
from tests.conftest import seat_as
from tests.model.audit.store import program_courses, record_course, record_program

TODAY = date(2026, 1, 31)
ROLL = "fa23-bcs-001"


def test_audit_student_reads_the_store(department: Services) -> None:
    record_program(department, ROLL, "google-it-support")
    r = department.audit.audit_student(ROLL, today=TODAY)
    assert (r.policy_year, r.eligible_credits, r.credit_cap) == (2023, 3, 9)
    assert r.requirement("CERT-CORE").satisfied_by == ("google-it-support",)  # type: ignore[union-attr]
    assert r.student_name == "Ayesha Khan" and r.intake == "Fall 2023"


def test_unknown_student_and_degree_are_clear_errors(department: Services) -> None:
    with pytest.raises(NotFoundError, match="no student with roll number 'nobody'"):
        department.audit.audit_student("nobody", today=TODAY)
    with pytest.raises(NotFoundError, match="There is no degree 'MBA'. Degrees: BBA, BSCS"):
        department.audit.audit_student(ROLL, today=TODAY, what_if_degree="MBA")


def test_what_if_another_degree_and_another_year(department: Services) -> None:
    record_program(department, ROLL, "google-data-analytics", on=date(2025, 10, 1))
    own = department.audit.audit_student(ROLL, today=TODAY)
    assert own.requirement("CERT-ELEC-1").satisfied_by == ("google-data-analytics",)  # type: ignore[union-attr]
    bba = department.audit.audit_student(ROLL, today=TODAY, what_if_degree="bba")
    assert bba.degree == "BBA" and bba.what_if == "What-if: degree BBA instead of BSCS"
    assert bba.requirement("CERT-ELEC").satisfied_by == ("google-data-analytics",)  # type: ignore[union-attr]
    later = department.audit.audit_student(ROLL, today=TODAY, what_if_policy=2025)
    assert later.policy_year == 2025 and later.credit_cap == 6
    assert later.requirement("CERT-ELEC").satisfied_by == ("google-data-analytics",)  # type: ignore[union-attr]
    assert later.intake == "Fall 2023"
    assert (
        later.what_if == "What-if: the BSCS policy of 2025 instead of 2023 (intake Fall 2023 kept)"
    )


def test_what_if_policy_beside_the_own_audit(department: Services) -> None:
    """The 2025 policy for a Fall 2023 student: certifications done in 2024-25 still count
    (the intake date is the student's own), the semester stays, and the difference is listed."""
    record_program(department, ROLL, "google-it-support", on=date(2024, 5, 1))
    record_program(department, ROLL, "ibm-data-analyst", on=date(2025, 2, 1))
    record_program(department, ROLL, "meta-front-end-developer", on=date(2025, 6, 1))
    record_program(department, ROLL, "google-ux-design", on=date(2025, 8, 1))
    c = department.audit.what_if(ROLL, today=TODAY, policy_year=2025)
    own, other = c.own, c.what_if
    assert (own.policy_year, other.policy_year) == (2023, 2025)
    assert own.intake == other.intake == "Fall 2023"
    core = other.requirement("CERT-CORE")
    assert core is not None and core.status == "satisfied"  # done 2024, after the own intake
    rows = {r.id: r for r in c.requirements}
    assert list(rows) == ["CERT-CORE", "CERT-ELEC-1", "CERT-ELEC-2", "CERT-ELEC"]
    assert not rows["CERT-CORE"].changed  # satisfied, 3 cr in both
    assert rows["CERT-ELEC-1"].changed and rows["CERT-ELEC-1"].what_if is None
    assert rows["CERT-ELEC"].own is None and rows["CERT-ELEC"].what_if_credits == 3
    assert (own.eligible_credits, other.eligible_credits, c.credit_change) == (9, 6, -3)
    moved = {p.slug: (p.own_slot, p.what_if_slot) for p in c.programs}
    # IBM Data Analyst is not in the 2025 policy; Meta Front-End moves to its elective.
    assert moved["ibm-data-analyst"][1] is None
    assert moved["meta-front-end-developer"][1] == "CERT-ELEC"
    assert moved["google-ux-design"] == ("CERT-ELEC-2", None)
    for p in other.programs:
        assert "before the" not in p.reason, p.reason


def test_cohort_audit_by_degree_and_intake(department: Services) -> None:
    record_program(department, "fa23-bba-001", "google-data-analytics")
    bba = department.audit.audit_cohort("BBA", None, today=TODAY)
    assert [r.roll_no for r in bba] == ["fa23-bba-001", "fa23-bba-002", "fa24-bba-003"]
    assert bba[0].eligible_credits == 3
    assert [r.roll_no for r in department.audit.audit_cohort(None, "Fall 2022", today=TODAY)] == [
        "fa22-bcs-010"
    ]
    assert len(department.audit.audit_cohort(today=TODAY)) == 10


def test_exceptions_add_list_remove_and_apply(department: Services) -> None:
    record_program(department, ROLL, "google-ux-design")
    ex = department.exceptions
    seat_as(department, "Dr. Saima", "controller")
    sub = ex.add_substitute(ROLL, "google-ux-design", "cert-core", "UX counts as core here")
    waive = ex.add_waiver(ROLL, "CERT-ELEC-2", "transfer credit")
    r = department.audit.audit_student(ROLL, today=TODAY)
    assert r.requirement("CERT-CORE").satisfied_by == ("google-ux-design",)  # type: ignore[union-attr]
    assert r.requirement("CERT-ELEC-2").status == "waived"  # type: ignore[union-attr]
    assert [e.id for e in r.exceptions] == [sub.id, waive.id] and all(
        e.applied for e in r.exceptions
    )
    assert r.exceptions[0].author == "Dr. Saima"
    seat_as(department, "hod", "controller")
    removed = ex.remove(waive.id)
    assert removed.removed_by == "hod" and not removed.active
    assert [e.id for e in ex.list(ROLL)] == [sub.id]
    assert [e.id for e in ex.list(ROLL, include_removed=True)] == [sub.id, waive.id]
    assert (
        department.audit.audit_student(ROLL, today=TODAY).requirement("CERT-ELEC-2").status
        == "unsatisfied"
    )  # type: ignore[union-attr]
    with pytest.raises(ConflictError, match="already removed"):
        ex.remove(waive.id)


def test_exception_validation(department: Services) -> None:
    ex = department.exceptions
    with pytest.raises(
        ValidationError,
        match="no requirement 'CERT-X'. Requirements: CERT-CORE, CERT-ELEC, CERT-ELEC-1, CERT-ELEC-2",
    ):
        ex.add_waiver(ROLL, "CERT-X", "why")
    with pytest.raises(ValidationError, match="Give a reason"):
        ex.add_waiver(ROLL, "CERT-CORE", "  ")
    with pytest.raises(NotFoundError, match="no program 'nope'"):
        ex.add_substitute(ROLL, "nope", "CERT-CORE", "why")
    with pytest.raises(ValidationError, match="evidence"):
        ex.add_course_completion(ROLL, "python-data", "", "why")
    ex.add_waiver(ROLL, "CERT-CORE", "why")
    with pytest.raises(ConflictError, match="already recorded"):
        ex.add_waiver(ROLL, "CERT-CORE", "again")


def test_course_completion_exception_completes_a_program(department: Services) -> None:
    courses = program_courses(department, "python-for-everybody")
    for course in courses[:-1]:
        record_course(department, ROLL, course)
    department.exceptions.add_course_completion(
        ROLL, courses[-1], "certificate PDF seen", "lost in export"
    )
    r = department.audit.audit_student(ROLL, today=TODAY)
    assert r.requirement("CERT-ELEC-1").satisfied_by == ("python-for-everybody",)  # type: ignore[union-attr]
    assert r.eligible_credits == 3


def test_exceptions_survive_a_degree_change(department: Services) -> None:
    department.exceptions.add_waiver(ROLL, "CERT-CORE", "chair's decision")
    bba = department.audit.audit_student(ROLL, today=TODAY, what_if_degree="BBA")
    assert bba.requirement("CERT-CORE").status == "waived"  # type: ignore[union-attr]


def test_plan_versions_approve_and_look_ahead(department: Services) -> None:
    record_program(department, ROLL, "google-it-support")
    plans = department.plans
    first = plans.create(
        ROLL, ["python-for-everybody"], today=TODAY, hours_per_week=6, start=date(2026, 2, 1)
    )
    assert (first.version, first.status, first.projected_credits, first.eligible_credits) == (
        1,
        "draft",
        6,
        3,
    )
    assert (
        first.targets[0].counts_for == "CERT-ELEC-1"
        and first.targets[0].completion == first.finish_date
    )
    assert first.items[0].start == date(2026, 2, 1)
    approved = plans.approve(ROLL, today=TODAY)
    assert approved.status == "approved" and approved.approved_at is not None
    with pytest.raises(ConflictError, match="already approved"):
        plans.approve(ROLL, today=TODAY)
    ahead = department.audit.audit_student(ROLL, today=TODAY, with_plan=True)
    assert ahead.projected_credits == 6 and ahead.eligible_credits == 3
    assert ahead.program("python-for-everybody").projected_completion == first.finish_date  # type: ignore[union-attr]
    second = plans.create(
        ROLL, ["python-for-everybody", "google-ux-design"], today=TODAY, hours_per_week=30
    )
    assert second.version == 2 and any("30 hours a week" in w for w in second.warnings)
    history = plans.history(ROLL)
    assert [(v.version, v.status) for v in history] == [(1, "superseded"), (2, "draft")]
    assert plans.show(ROLL, today=TODAY, version=1).status == "superseded"
    assert plans.show(ROLL, today=TODAY).version == 2


def test_building_again_edits_the_draft_until_it_is_approved(department: Services) -> None:
    """Four tries at a plan are one draft, not four versions; after approval the next build
    starts version 2 and keeps version 1 (approved) as superseded."""
    plans = department.plans
    for targets, hours in (
        (["python-for-everybody"], 6),
        (["python-for-everybody", "google-ux-design"], 6),
        (["google-ux-design"], 8),
        (["google-ux-design", "python-for-everybody"], 10),  # a target kept: no duplicate key
    ):
        draft = plans.create(ROLL, targets, today=TODAY, hours_per_week=hours)
        assert (draft.version, draft.status) == (1, "draft")
        assert [t.slug for t in draft.targets] == targets and draft.hours_per_week == hours
    assert [(v.version, v.status) for v in plans.history(ROLL)] == [(1, "draft")]
    edits = department.history.events(LogFilter(roll_no=ROLL, action="plan.edit"))
    assert len(edits) == 3 and "→ google-ux-design, python-for-everybody at 10" in edits[0].summary
    plans.approve(ROLL, today=TODAY)
    second = plans.create(ROLL, ["python-for-everybody"], today=TODAY)
    third = plans.create(ROLL, ["google-data-analytics"], today=TODAY)
    assert (second.version, third.version, third.status) == (2, 2, "draft")
    assert [(v.version, v.status) for v in plans.history(ROLL)] == [(1, "superseded"), (2, "draft")]
    assert [t.slug for t in plans.show(ROLL, today=TODAY, version=1).targets] == [
        "google-ux-design",
        "python-for-everybody",
    ]


def test_a_completed_program_is_marked_and_cannot_be_a_target(department: Services) -> None:
    record_program(department, ROLL, "google-it-support")
    choices = {c.program: c for c in department.plans.target_choices(ROLL, today=TODAY)}
    assert choices["google-it-support"].completed
    assert choices["google-it-support"].suggestion is None
    assert not choices["python-for-everybody"].completed
    order = [c.program for c in department.plans.target_choices(ROLL, today=TODAY)]
    assert order[-1] == "google-it-support"  # completed ones last
    assert choices[order[0]].suggestion is not None  # suggestions first
    with pytest.raises(ValidationError, match="already completed Google IT Support"):
        department.plans.create(ROLL, ["google-it-support"], today=TODAY)


def test_plan_skips_done_courses_and_retakes_low_grades(department: Services) -> None:
    courses = program_courses(department, "google-it-support")
    record_course(department, ROLL, courses[0])
    record_course(department, ROLL, courses[1], grade=55)  # below the 2023 minimum of 60
    detail = department.plans.create(ROLL, ["google-it-support"], today=TODAY)
    assert [c.course_slug for c in detail.items] == courses[1:]
    assert detail.hours_per_week == 10  # the program's suggested pace


def test_plan_errors(department: Services) -> None:
    with pytest.raises(NotFoundError, match="has no plan yet"):
        department.plans.show(ROLL, today=TODAY)
    with pytest.raises(NotFoundError, match="Not in the catalog: nope"):
        department.plans.create(ROLL, ["nope"], today=TODAY)
    with pytest.raises(ValidationError, match="at least one program"):
        department.plans.create(ROLL, [], today=TODAY)
    with pytest.raises(ValidationError, match="Hours per week"):
        department.plans.create(ROLL, ["google-ux-design"], today=TODAY, hours_per_week=90)


def test_plan_warns_when_a_slot_would_be_done_after_its_due_semester(department: Services) -> None:
    detail = department.plans.create(
        ROLL, ["google-cybersecurity"], today=TODAY, start=date(2027, 1, 1), hours_per_week=3
    )
    assert any("after CERT-CORE is due (semester 6)" in w for w in detail.warnings)
    assert any("after the degree's last term ends on 2027-08-31" in w for w in detail.warnings)


def test_suggestions_fill_open_slots_fewest_hours_first(department: Services) -> None:
    record_program(department, ROLL, "ibm-data-science")
    suggestions = department.plans.suggest(ROLL, today=TODAY)
    hours = [s.remaining_hours for s in suggestions]
    assert hours == sorted(hours) and suggestions
    slugs = {s.program for s in suggestions}
    assert "ibm-data-analyst" not in slugs  # exclusive with IBM Data Science, which counts
    assert "ibm-data-science" not in slugs  # already complete
    assert {s.slot for s in suggestions} == {"CERT-CORE", "CERT-ELEC-2"}
    assert all(s.credits_gained == 3 for s in suggestions)


def test_cohort_audit_reads_in_one_pass_whatever_the_cohort_size(department: Services) -> None:
    from sqlalchemy import event

    record_program(department, ROLL, "google-it-support")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(department.db.engine, "before_cursor_execute", count)
    try:
        department.audit.audit_cohort("BBA", None, today=TODAY)
        few = len(statements)
        statements.clear()
        department.audit.audit_cohort(today=TODAY)
        everyone = len(statements)
    finally:
        event.remove(department.db.engine, "before_cursor_execute", count)
    assert everyone == few <= 16, statements  # catalog, policies, one query per kind of record


def test_plan_warns_when_a_target_would_earn_no_credit(department: Services) -> None:
    detail = department.plans.create(
        ROLL, ["google-cybersecurity", "google-it-support"], today=TODAY
    )
    assert [t.counts_for for t in detail.targets] == ["CERT-CORE", None]
    assert (
        "Google IT Support Professional Certificate would earn no credit: CERT-CORE is filled by "
        "Google Cybersecurity Professional Certificate" in "\n".join(detail.warnings)
    )


def test_cohort_plans_for_batch_printing(department: Services) -> None:
    department.plans.create(ROLL, ["python-for-everybody"], today=TODAY)
    department.plans.create("fa23-bba-001", ["google-data-analytics"], today=TODAY)
    department.plans.approve("fa23-bba-001", today=TODAY)
    every = department.plans.cohort(today=TODAY)
    assert [(p.roll_no, p.status) for p in every] == [("fa23-bba-001", "approved"), (ROLL, "draft")]
    assert [p.roll_no for p in department.plans.cohort("BSCS", "Fall 2023", today=TODAY)] == [ROLL]
    assert department.plans.cohort("BBA", "2024", today=TODAY) == []
