"""One test (or a few) per audit rule of DESIGN.md §4, on plain inputs."""

from __future__ import annotations

from datetime import date

from advisor.model.audit.engine import run_audit
from advisor.model.audit.inputs import ExceptionInput, PolicySpec, ProgramCertificateInput
from tests.model.audit.builders import (
    TODAY,
    all_done,
    degree,
    done,
    request,
    slot,
    started,
    student,
    toy_catalog,
)

CAT = toy_catalog(x=["x1", "x2"], y=["y1", "y2"], z=["z1"], e=(["e0", "e1", "e2", "e3"], 2))


def audit(st, deg, cat=CAT, **kw):  # type: ignore[no-untyped-def]
    return run_audit(request(st, deg, cat, **kw), today=TODAY)


def test_complete_and_verified_program_fills_its_slot_with_a_reason() -> None:
    r = audit(student(*all_done(CAT, "x")), degree(slot("CORE", ["x"], kind="mandatory")))
    assert (r.eligible_credits, r.pending_credits) == (3, 0)
    core = r.requirement("CORE")
    assert core and core.status == "satisfied" and core.satisfied_by == ("x",)
    x = r.program("x")
    assert (
        x and x.status == "completed" and x.verified and x.counted_for == "CORE" and x.credits == 3
    )
    assert x.reason == (
        "Program X: 2 of 2 courses complete, completed on 2024-03-01; every course certificate "
        "verified; counts for CORE, 3 credit hours."
    )


def test_missing_course_leaves_program_in_progress() -> None:
    r = audit(
        student(done("x1"), started("x2")), degree(slot("CORE", ["x"], kind="mandatory", due=6))
    )
    x = r.program("x")
    assert x and x.status == "in_progress" and x.courses_done == 1 and x.credits == 0
    core = r.requirement("CORE")
    assert core and core.status == "unsatisfied"
    assert "Closest: Program X, 1 of 2 courses." in core.reason
    assert "Due by semester 6; the student is in semester 5." in core.reason


def test_overdue_mandatory_slot_says_so() -> None:
    r = audit(student(semester=7), degree(slot("CORE", ["x"], kind="mandatory", due=6)))
    assert "It was due by semester 6; the student is in semester 7." in r.requirements[0].reason


def test_not_started_program_listed_as_option() -> None:
    r = audit(student(), degree(slot("CORE", ["x", "y"])))
    assert {p.slug: p.status for p in r.programs} == {"x": "not_started", "y": "not_started"}
    assert r.eligible_credits == r.pending_credits == 0


def test_elective_group_needs_k_of_its_courses() -> None:
    deg = degree(slot("S", ["e"]))
    two = audit(student(done("e0"), done("e1")), deg)
    assert two.program("e").status == "in_progress"  # type: ignore[union-attr]
    three = audit(student(done("e0"), done("e1"), done("e3")), deg)
    e = three.program("e")
    assert e and e.status == "completed" and e.courses_required == 3 and three.eligible_credits == 3


def test_min_grade_blocks_completion_and_names_the_course() -> None:
    deg = degree(slot("S", ["x"]), min_grade=60)
    r = audit(student(done("x1", grade=55), done("x2")), deg)
    x = r.program("x")
    assert x and x.status == "in_progress" and r.eligible_credits == 0
    assert "X1 has grade 55, below the minimum 60" in x.reason


def test_unknown_grade_meets_the_minimum_and_reason_says_so() -> None:
    r = audit(student(done("x1", grade=None), done("x2")), degree(slot("S", ["x"]), min_grade=60))
    x = r.program("x")
    assert x and x.status == "completed" and r.eligible_credits == 3
    assert "the grade of 1 course is not known" in x.reason


def test_unverified_courses_make_credits_pending() -> None:
    r = audit(student(*all_done(CAT, "x", cert="")), degree(slot("S", ["x"])))
    assert (r.eligible_credits, r.pending_credits) == (0, 3)
    assert r.requirements[0].status == "pending"
    x = r.program("x")
    assert x and not x.verified and x.credit_status == "pending"
    assert "not verified yet: 2 courses without a certificate URL" in x.reason


def test_a_person_verifying_a_course_counts_as_verified() -> None:
    r = audit(
        student(done("x1", cert=""), done("x2", cert="", verified_by="clerk")),
        degree(slot("S", ["x"])),
    )
    assert r.pending_credits == 3  # x1 is still unverified
    r = audit(
        student(done("x1", cert="", verified_by="a"), done("x2", cert="", verified_by="b")),
        degree(slot("S", ["x"])),
    )
    assert r.eligible_credits == 3


def test_program_certificate_completes_and_verifies_and_dates() -> None:
    cert = ProgramCertificateInput(
        "x", "https://coursera.org/verify/professional-cert/ABC", date(2024, 8, 20)
    )
    r = audit(student(done("x1", cert=""), certs=(cert,)), degree(slot("S", ["x"])))
    x = r.program("x")
    assert x and x.status == "completed" and x.verified and x.completed_on == date(2024, 8, 20)
    assert x.courses_done == 1 and x.certificate.endswith("ABC")
    assert "program certificate recorded on 2024-08-20" in x.reason


def test_completion_date_is_the_latest_counted_course() -> None:
    r = audit(
        student(done("x1", on=date(2024, 1, 5)), done("x2", on=date(2024, 6, 9))),
        degree(slot("S", ["x"])),
    )
    assert r.program("x").completed_on == date(2024, 6, 9)  # type: ignore[union-attr]


def test_policy_by_intake_year_newest_not_after_it() -> None:
    older = PolicySpec(2023, 9, None, (), (slot("OLD", ["x"]),))
    newer = PolicySpec(2025, 6, None, (), (slot("NEW", ["x"]),))
    deg = degree(slot("MID", ["x"]), year=2024, more=(older, newer))
    assert audit(student(intake=("Fall", 2024)), deg).policy_year == 2024
    assert audit(student(intake=("Fall", 2026)), deg).policy_year == 2025
    r = audit(student(intake=("Fall", 2022)), deg)
    assert r.policy_year == 2023
    assert (
        "No BSCS policy covers intake year 2022: the oldest policy (2023) applies." == r.policy_note
    )


def test_what_if_policy_year_uses_that_policy_and_keeps_the_own_intake_date() -> None:
    newer = PolicySpec(2025, 6, None, (), (slot("NEW", ["x"]),))
    deg = degree(slot("OLD", ["x"]), more=(newer,))
    r = audit(student(*all_done(CAT, "x", on=date(2024, 3, 1))), deg, policy_year=2025)
    assert r.policy_year == 2025 and r.intake == "Fall 2023"
    # Done after the student's own Fall 2023 intake: it counts under the 2025 policy's slot
    # (the old what-if moved the intake to Fall 2025 and called it "completed before").
    assert r.eligible_credits == 3 and r.requirement("NEW").satisfied_by == ("x",)  # type: ignore[union-attr]
    assert "before the" not in r.program("x").reason  # type: ignore[union-attr]


def test_intake_dates_spring_summer_fall() -> None:
    deg = degree(slot("S", ["x"]))
    for term, first in (
        ("Spring", date(2024, 2, 1)),
        ("Summer", date(2024, 6, 1)),
        ("Fall", date(2024, 9, 1)),
    ):
        on_day = audit(student(*all_done(CAT, "x", on=first), intake=(term, 2024)), deg)
        day_before = audit(
            student(
                *all_done(CAT, "x", on=date.fromordinal(first.toordinal() - 1)), intake=(term, 2024)
            ),
            deg,
        )
        assert (on_day.eligible_credits, day_before.eligible_credits) == (3, 0), term


def test_program_completed_before_intake_is_ignored_and_explained() -> None:
    st = student(
        *all_done(CAT, "x", on=date(2023, 10, 1)),
        *all_done(CAT, "y", on=date(2024, 5, 1)),
        intake=("Spring", 2024),
    )
    r = audit(st, degree(slot("CORE", ["x", "y"])))
    assert r.requirement("CORE").satisfied_by == ("y",)  # type: ignore[union-attr]
    x = r.program("x")
    assert x and x.status == "completed" and x.credits == 0 and x.counted_for is None
    assert "not counted: completed before the Spring 2024 intake began on 2024-02-01" in x.reason


def test_completion_dated_after_today_does_not_count_yet() -> None:
    r = audit(student(done("x1"), done("x2", on=date(2026, 5, 1))), degree(slot("S", ["x"])))
    x = r.program("x")
    assert x and x.status == "in_progress"
    assert "X2 has a completion dated after today: not counted yet" in x.reason


def test_exclusive_group_only_one_earns_credit_the_earlier_completed() -> None:
    st = student(*all_done(CAT, "x", on=date(2024, 6, 1)), *all_done(CAT, "y", on=date(2024, 5, 1)))
    r = audit(st, degree(slot("A", ["x", "y"]), slot("B", ["x", "y"]), exclusive=(("x", "y"),)))
    assert r.eligible_credits == 3
    assert r.requirement("A").satisfied_by == ("y",)  # type: ignore[union-attr]
    assert (
        "only one of Program X, Program Y may earn credit, and Program Y" in r.program("x").reason
    )  # type: ignore[union-attr]


def test_one_slot_per_program_and_no_slot_left() -> None:
    st = student(*all_done(CAT, "x", on=date(2024, 6, 1)), *all_done(CAT, "y", on=date(2024, 5, 1)))
    r = audit(st, degree(slot("CORE", ["x", "y"], kind="mandatory")))
    assert r.requirement("CORE").satisfied_by == ("y",)  # type: ignore[union-attr]
    assert (
        "not counted: CORE is filled by Program Y (completed 2024-05-01)" in r.program("x").reason
    )  # type: ignore[union-attr]
    assert r.eligible_credits == 3


def test_tie_between_equal_dates_goes_to_the_smaller_slug() -> None:
    st = student(*all_done(CAT, "y"), *all_done(CAT, "x"))
    r = audit(st, degree(slot("CORE", ["y", "x"])))
    assert r.requirement("CORE").satisfied_by == ("x",)  # type: ignore[union-attr]


def test_choose_two_needs_two_programs() -> None:
    deg = degree(slot("PAIR", ["x", "y", "z"], credits=6, choose=2))
    one = audit(student(*all_done(CAT, "x")), deg)
    assert one.requirements[0].status == "unsatisfied" and one.eligible_credits == 0
    two = audit(student(*all_done(CAT, "x"), *all_done(CAT, "z")), deg)
    req = two.requirements[0]
    assert (
        req.status == "satisfied"
        and set(req.satisfied_by) == {"x", "z"}
        and two.eligible_credits == 6
    )
    assert sum(p.credits for p in two.programs) == 6


def test_not_in_policy_is_explained() -> None:
    r = audit(student(*all_done(CAT, "z")), degree(slot("S", ["x"])))
    z = r.program("z")
    assert z and z.status == "completed" and z.counted_for is None
    assert "no requirement of the BSCS 2023 policy accepts it" in z.reason


def test_cap_applies_to_eligible_first_then_pending() -> None:
    st = student(*all_done(CAT, "x", cert=""), *all_done(CAT, "y"), *all_done(CAT, "z"))
    deg = degree(slot("A", ["x"]), slot("B", ["y"]), slot("C", ["z"]), cap=7)
    r = audit(st, deg)
    assert (r.eligible_credits, r.pending_credits) == (6, 1)
    a = r.requirement("A")
    assert a and a.status == "pending" and a.pending_credits == 1
    assert "the credit cap of 7 is reached, so 1 of 3 credit hours count" in a.reason
    assert sum(p.credits for p in r.programs) == 7


def test_no_policy_for_degree() -> None:
    from advisor.model.audit.inputs import DegreeSpec

    r = audit(student(*all_done(CAT, "x")), DegreeSpec("BSCS", "BS CS", 130, ()))
    assert r.policy_year is None and r.eligible_credits == 0
    assert "no credit policy" in r.policy_note


# --- exceptions -----------------------------------------------------------------------------------


def exc(id: int, kind: str, **kw: object) -> ExceptionInput:
    return ExceptionInput(
        id, kind, "approved by the chair", author="Dr. Saima", created_on=date(2025, 1, 9), **kw
    )  # type: ignore[arg-type]


def test_waived_slot_has_no_credits_and_is_not_required() -> None:
    st = student(*all_done(CAT, "x"), exceptions=(exc(1, "waive", slot="CORE"),))
    r = audit(st, degree(slot("CORE", ["x"], kind="mandatory"), slot("E", ["x"])))
    core, e = r.requirements
    assert core.status == "waived" and core.satisfied_by == () and core.eligible_credits == 0
    assert "Waived (exception #1 by Dr. Saima on 2025-01-09: approved by the chair)" in core.reason
    assert e.satisfied_by == ("x",) and r.eligible_credits == 3
    assert r.exceptions[0].applied


def test_substitute_fills_a_slot_outside_its_options() -> None:
    st = student(*all_done(CAT, "z"), exceptions=(exc(2, "substitute", slot="CORE", program="z"),))
    r = audit(st, degree(slot("CORE", ["x"], kind="mandatory")))
    assert r.requirement("CORE").satisfied_by == ("z",)  # type: ignore[union-attr]
    assert "(by substitution)" in r.requirements[0].reason and r.eligible_credits == 3


def test_substitute_is_fixed_even_when_another_slot_would_pay_more() -> None:
    st = student(*all_done(CAT, "x"), exceptions=(exc(3, "substitute", slot="A", program="x"),))
    r = audit(st, degree(slot("A", ["x"], credits=1), slot("B", ["x"], credits=3)))
    assert r.requirement("A").satisfied_by == ("x",) and r.eligible_credits == 1  # type: ignore[union-attr]


def test_substitute_of_an_incomplete_program_is_not_applied() -> None:
    st = student(done("x1"), exceptions=(exc(4, "substitute", slot="CORE", program="x"),))
    r = audit(st, degree(slot("CORE", ["y"])))
    assert not r.exceptions[0].applied and "not complete" in r.exceptions[0].note
    assert r.requirements[0].status == "unsatisfied"


def test_exception_naming_a_slot_the_policy_lacks_is_kept_but_not_applied() -> None:
    st = student(exceptions=(exc(5, "waive", slot="CERT-ELEC-2"),))
    r = audit(st, degree(slot("CORE", ["x"])))
    assert not r.exceptions[0].applied
    assert "has no requirement CERT-ELEC-2" in r.exceptions[0].note


def test_course_marked_complete_counts_as_completed_and_verified() -> None:
    st = student(
        done("x1"),
        started("x2"),
        exceptions=(exc(6, "course_complete", course="x2", evidence="PDF seen"),),
    )
    r = audit(st, degree(slot("S", ["x"]), min_grade=60))
    x = r.program("x")
    assert x and x.status == "completed" and x.verified and r.eligible_credits == 3
    assert x.completed_on == date(2025, 1, 9)
    assert "1 course marked complete by an advisor" in x.reason


# --- optimal, not greedy ---------------------------------------------------------------------------


def test_greedy_in_slot_order_loses_a_slot_the_search_keeps() -> None:
    # Greedy gives x (completed first) to A and leaves B, which only x fits, empty.
    st = student(*all_done(CAT, "x", on=date(2024, 1, 1)), *all_done(CAT, "y", on=date(2024, 2, 1)))
    r = audit(st, degree(slot("A", ["x", "y"]), slot("B", ["x"])))
    assert r.eligible_credits == 6
    assert (r.requirement("A").satisfied_by, r.requirement("B").satisfied_by) == (("y",), ("x",))  # type: ignore[union-attr]


def test_greedy_by_biggest_slot_first_loses_credits() -> None:
    # Biggest slot first, earliest program first: x→BIG(4) leaves A (only x) empty: 4.
    # The best: y→BIG, x→A = 7.
    st = student(*all_done(CAT, "x", on=date(2024, 1, 1)), *all_done(CAT, "y", on=date(2024, 2, 1)))
    r = audit(st, degree(slot("BIG", ["x", "y"], credits=4), slot("A", ["x"])))
    assert r.eligible_credits == 7
    assert r.requirement("BIG").satisfied_by == ("y",)  # type: ignore[union-attr]


def test_greedy_blocked_by_an_exclusive_group_loses_credits() -> None:
    # x and y are exclusive. Greedy gives y (completed first) to A, which blocks x from B: 3.
    # The best: z→A, x→B = 6.
    st = student(
        *all_done(CAT, "y", on=date(2024, 1, 1)),
        *all_done(CAT, "x", on=date(2024, 3, 1)),
        *all_done(CAT, "z", on=date(2024, 4, 1)),
    )
    deg = degree(slot("A", ["y", "z"]), slot("B", ["x"]), exclusive=(("x", "y"),))
    r = audit(st, deg)
    assert r.eligible_credits == 6
    assert (r.requirement("A").satisfied_by, r.requirement("B").satisfied_by) == (("z",), ("x",))  # type: ignore[union-attr]


def test_choose_two_slot_takes_the_pair_that_leaves_room_elsewhere() -> None:
    # PAIR(6) takes two of x, y, z; S takes only x. Greedy fills PAIR with x, y (earliest)
    # and leaves S empty: 6. The best: PAIR←y, z and S←x = 9.
    st = student(
        *all_done(CAT, "x", on=date(2024, 1, 1)),
        *all_done(CAT, "y", on=date(2024, 2, 1)),
        *all_done(CAT, "z", on=date(2024, 3, 1)),
    )
    r = audit(st, degree(slot("PAIR", ["x", "y", "z"], credits=6, choose=2), slot("S", ["x"])))
    assert r.eligible_credits == 9


def test_verified_credits_preferred_over_pending_at_equal_total() -> None:
    st = student(
        *all_done(CAT, "x", cert="", on=date(2024, 1, 1)), *all_done(CAT, "y", on=date(2024, 5, 1))
    )
    r = audit(st, degree(slot("A", ["x", "y"])))
    assert r.requirement("A").satisfied_by == ("y",) and r.eligible_credits == 3  # type: ignore[union-attr]


def test_mandatory_slot_filled_before_an_elective_at_equal_credits() -> None:
    r = audit(
        student(*all_done(CAT, "x")), degree(slot("E", ["x"]), slot("M", ["x"], kind="mandatory"))
    )
    assert r.requirement("M").satisfied_by == ("x",)  # type: ignore[union-attr]


def test_cap_prefers_verified_credits_over_more_pending() -> None:
    # Cap 3: x (pending) could fill the 3-credit slot, y (verified) only a 3-credit slot too.
    st = student(*all_done(CAT, "x", cert=""), *all_done(CAT, "y"))
    r = audit(st, degree(slot("A", ["x"]), slot("B", ["y"]), cap=3))
    assert (r.eligible_credits, r.pending_credits) == (3, 0)
