"""Properties of the audit on random catalogs, policies and progress (hypothesis)."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from advisor.model.audit.engine import run_audit
from advisor.model.audit.inputs import (
    AuditRequest,
    Catalog,
    CatalogCourse,
    CatalogProgram,
    CourseRecordInput,
    DegreeSpec,
    ExceptionInput,
    PolicySpec,
    ProgramCertificateInput,
    SlotSpec,
    StudentInput,
)
from advisor.model.audit.result import AuditResult

TODAY = date(2026, 1, 31)
COURSES = [f"c{i}" for i in range(8)]
PROGRAMS = [f"p{i}" for i in range(5)]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def scenarios(draw: st.DrawFn, with_exceptions: bool = False) -> AuditRequest:
    programs = {}
    for slug in PROGRAMS:
        courses = draw(st.lists(st.sampled_from(COURSES), min_size=1, max_size=3, unique=True))
        programs[slug] = CatalogProgram(slug, slug.upper(), "P", tuple(courses))
    catalog = Catalog({c: CatalogCourse(c, c.upper(), "P", 10.0) for c in COURSES}, programs)
    slots = []
    for i in range(draw(st.integers(1, 4))):
        options = draw(st.lists(st.sampled_from(PROGRAMS), min_size=1, max_size=4, unique=True))
        slots.append(
            SlotSpec(
                f"S{i}",
                f"Slot {i}",
                draw(st.sampled_from(["mandatory", "elective"])),
                draw(st.integers(1, 4)),
                draw(st.integers(1, 2)),
                tuple(options),
            )
        )
    exclusive = tuple(
        tuple(g)
        for g in draw(
            st.lists(
                st.lists(st.sampled_from(PROGRAMS), min_size=2, max_size=3, unique=True), max_size=2
            )
        )
    )
    policy = PolicySpec(
        2023, draw(st.integers(0, 12)), draw(st.sampled_from([None, 60.0])), exclusive, tuple(slots)
    )
    rows = []
    for course in draw(st.lists(st.sampled_from(COURSES), unique=True)):
        rows.append(
            CourseRecordInput(
                course,
                draw(st.sampled_from(["completed", "completed", "in_progress"])),
                100.0,
                draw(st.sampled_from([None, 50.0, 80.0])),
                date(2023, 6, 1) + timedelta(days=draw(st.integers(0, 900))),
                draw(st.sampled_from(["", "https://coursera.org/verify/X"])),
            )
        )
    certs = tuple(
        ProgramCertificateInput(p, draw(st.sampled_from(["", "CODE"])), date(2024, 5, 1))
        for p in draw(st.lists(st.sampled_from(PROGRAMS), max_size=2, unique=True))
    )
    exceptions: list[ExceptionInput] = []
    if with_exceptions:
        codes = [slot.id for slot in slots] + ["GONE"]
        for n in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["waive", "substitute", "course_complete"]))
            exceptions.append(
                ExceptionInput(
                    n + 1,
                    kind,
                    "reason",
                    slot=draw(st.sampled_from(codes)),
                    program=draw(st.sampled_from(PROGRAMS)),
                    course=draw(st.sampled_from(COURSES)),
                    created_on=date(2025, 1, 1),
                )
            )
    student = StudentInput(
        "r1", "Student", "D", "Fall", 2023, 5, tuple(rows), certs, tuple(exceptions)
    )
    return AuditRequest(student, DegreeSpec("D", "Degree", 130, (policy,)), catalog)


def total(r: AuditResult) -> int:
    return r.eligible_credits + r.pending_credits


def counted(r: AuditResult) -> list[str]:
    return [p for req in r.requirements for p in req.satisfied_by]


@SETTINGS
@given(scenarios(with_exceptions=True))
def test_credits_never_exceed_the_cap_and_add_up(request: AuditRequest) -> None:
    r = run_audit(request, today=TODAY)
    assert 0 <= total(r) <= r.credit_cap
    assert total(r) == sum(q.eligible_credits + q.pending_credits for q in r.requirements)
    assert total(r) == sum(p.credits for p in r.programs)


@SETTINGS
@given(scenarios(with_exceptions=True))
def test_a_program_counts_at_most_once_and_exclusive_groups_hold(request: AuditRequest) -> None:
    r = run_audit(request, today=TODAY)
    used = counted(r)
    assert len(used) == len(set(used))
    for group in request.degree.policies[0].exclusive:
        assert len(set(group) & set(used)) <= 1
    substituted = {e.program for e in r.exceptions if e.kind == "substitute" and e.applied}
    waived = {e.slot for e in r.exceptions if e.kind == "waive" and e.applied}
    for req in r.requirements:
        assert len(req.satisfied_by) in (0, req.choose)
        assert set(req.satisfied_by) <= set(req.options) | substituted
        assert (req.status == "waived") == (req.id in waived)
        for slug in req.satisfied_by:
            assert r.program(slug).status == "completed"  # type: ignore[union-attr]


@SETTINGS
@given(scenarios(), st.sampled_from(COURSES), st.integers(0, 900), st.booleans())
def test_adding_a_completion_never_lowers_credits(
    request: AuditRequest, course: str, day: int, cert: bool
) -> None:
    # Without exceptions: an advisor's substitution is fixed on purpose, and a program that
    # completes into one can block a better-paying exclusive rival — that is the advisor's call.
    assume(all(c.course != course for c in request.student.courses))  # a new completion
    before = run_audit(request, today=TODAY)
    row = CourseRecordInput(
        course,
        "completed",
        100.0,
        90.0,
        date(2023, 9, 1) + timedelta(days=day),
        "CODE" if cert else "",
    )
    student = replace(request.student, courses=request.student.courses + (row,))
    after = run_audit(replace(request, student=student), today=TODAY)
    assert total(after) >= total(before)


@SETTINGS
@given(scenarios(with_exceptions=True), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_row_order(request: AuditRequest, rnd: random.Random) -> None:
    rows = list(request.student.courses)
    certs = list(request.student.program_certificates)
    rnd.shuffle(rows)
    rnd.shuffle(certs)
    shuffled = replace(request.student, courses=tuple(rows), program_certificates=tuple(certs))
    a = run_audit(request, today=TODAY).to_json()
    b = run_audit(replace(request, student=shuffled), today=TODAY).to_json()
    # Programs listed only for their activity appear in catalog order either way.
    assert a == b


@SETTINGS
@given(scenarios())
def test_the_search_finds_the_brute_force_optimum(request: AuditRequest) -> None:
    r = run_audit(request, today=TODAY)
    policy = request.degree.policies[0]
    complete = {
        p.slug: p.verified
        for p in r.programs
        if p.status == "completed"
        and (p.completed_on is None or p.completed_on >= date(2023, 9, 1))
    }
    best = (0, 0)
    choices = [
        [None] + [i for i, s in enumerate(policy.requirements) if p in s.programs] for p in complete
    ]
    for pick in itertools.product(*choices):
        by_slot: dict[int, list[str]] = {}
        for program, slot_index in zip(complete, pick, strict=True):
            if slot_index is not None:
                by_slot.setdefault(slot_index, []).append(program)
        chosen = [p for ps in by_slot.values() for p in ps]
        if any(len(set(g) & set(chosen)) > 1 for g in policy.exclusive):
            continue
        if any(len(ps) > policy.requirements[i].choose for i, ps in by_slot.items()):
            continue
        full = {i: ps for i, ps in by_slot.items() if len(ps) == policy.requirements[i].choose}
        t = sum(policy.requirements[i].credits for i in full)
        e = sum(
            policy.requirements[i].credits for i, ps in full.items() if all(complete[p] for p in ps)
        )
        best = max(best, (min(t, policy.credit_cap), min(e, policy.credit_cap)))
    assert (total(r), r.eligible_credits) == best
