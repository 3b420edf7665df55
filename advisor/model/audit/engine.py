"""`run_audit`: one student against one degree policy — pure, no database, no clock (DESIGN §4).

Steps: choose the policy by intake year; evaluate every program that matters; set aside
programs completed before the intake date; apply exceptions (waive, substitute, mark course
complete); search the best slot assignment (`assignment.py`); apply the credit cap (eligible
first); write a reason on every line. With planned completions (look-ahead) the same audit runs
a second time over the plan and gives projected credits and dates.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import NamedTuple

from advisor.model.audit import reasons as say
from advisor.model.audit.assignment import Assignment, Candidate, SlotChoice, best_assignment
from advisor.model.audit.completion import ProgramStanding, course_standings, program_standing
from advisor.model.audit.credit_cap import apply_cap, share
from advisor.model.audit.exception_rules import AppliedExceptions, apply_exceptions, rivals_of
from advisor.model.audit.inputs import AuditRequest, PolicySpec, SlotSpec, choose_policy
from advisor.model.audit.open_requirement import OpenOptions, open_options, open_reason
from advisor.model.audit.plan_status import with_planned_status
from advisor.model.audit.result import (
    AuditResult,
    CreditStatus,
    ProgramResult,
    ProgramStatus,
    RequirementResult,
    SlotKind,
    SlotStatus,
)


class _Placement(NamedTuple):
    """Where one student's programs landed: the policy that applied, the exceptions as applied,
    the slot assignment, the credits each slot pays (eligible, pending) after the cap, and each
    counted program's slot. Every requirement and program line of the result reads it."""

    policy: PolicySpec | None
    exceptions: AppliedExceptions
    assignment: Assignment
    paid: dict[str, tuple[int, int]]
    counted_for: dict[str, str]


def run_audit(request: AuditRequest, *, today: date) -> AuditResult:
    """The audit; with `request.planned`, also the projected credits and completion dates."""
    if request.planned is None:
        return _with_approved_plan(request, _Audit(request, today).result(), today)
    now = run_audit(replace(request, planned=None), today=today)
    ahead = _Audit(request, today).result()
    projected = {p.slug: p for p in ahead.programs}
    programs = tuple(
        replace(
            p,
            projected_completion=(
                p.completed_on
                if p.status == "completed"
                else projected[p.slug].completed_on
                if p.slug in projected and projected[p.slug].status == "completed"
                else None
            ),
        )
        for p in now.programs
    )
    return replace(
        now,
        programs=programs,
        projected_credits=ahead.eligible_credits + ahead.pending_credits,
    )


def _with_approved_plan(request: AuditRequest, now: AuditResult, today: date) -> AuditResult:
    """Open requirements the approved plan fills read Planned (a look-ahead, only then)."""
    plan = request.student.approved_plan
    if not plan or all(r.status != "unsatisfied" for r in now.requirements):
        return now
    return with_planned_status(now, _Audit(replace(request, planned=dict(plan)), today).result())


def audit_as_planned(request: AuditRequest, *, today: date) -> AuditResult:
    """The audit as if every planned course were done on its planned date."""
    return _Audit(request, today).result()


class _Audit:
    def __init__(self, request: AuditRequest, today: date) -> None:
        self.r = request
        self.s = request.student
        self.catalog = request.catalog
        # A what-if on the policy year changes only which policy applies: the student's own
        # intake date still decides what was done before the degree began.
        self.policy, self.policy_note = choose_policy(
            request.degree, request.policy_year or self.s.intake_year
        )
        self.intake_start = self.s.intake_start()
        self.min_grade = self.policy.min_grade if self.policy else None
        self.courses = course_standings(
            self.s.courses,
            self.s.exceptions,
            request.planned or {},
            today=today,
            min_grade=self.min_grade,
        )
        self.untouched: set[str] = set()  # programs with no record at all for this student
        self.standings = self._standings()

    # --- which programs, and where each stands ----------------------------------------------

    def _standings(self) -> dict[str, ProgramStanding]:
        wanted: list[str] = list(self._policy_programs())
        wanted += [e.program for e in self.s.exceptions if e.kind == "substitute" and e.program]
        wanted += sorted(c.program for c in self.s.program_certificates)
        index = self.catalog.programs_of_course
        active: set[str] = set()
        for course in self.courses:
            active.update(index.get(course, ()))
        wanted += sorted(active)
        certificates = {
            c.program: c
            for c in sorted(
                self.s.program_certificates,
                key=lambda c: (bool(c.certificate), c.completed_on or date.min),
            )
        }
        out: dict[str, ProgramStanding] = {}
        memo = self.catalog.memo
        for slug in wanted:
            program = self.catalog.programs.get(slug)
            if program is None or slug in out:
                continue
            if slug not in active and slug not in certificates:
                # Untouched: the same for every student, so worked out once per catalog.
                key = ("untouched", slug)
                if key not in memo:
                    memo[key] = program_standing(program, {}, None, self.catalog, None)
                out[slug] = memo[key]
                self.untouched.add(slug)
                continue
            out[slug] = program_standing(
                program, self.courses, certificates.get(slug), self.catalog, self.min_grade
            )
        return out

    def _policy_programs(self) -> tuple[str, ...]:
        """Every program the policy's slots name, once each, in slot order (shared per policy)."""
        if self.policy is None:
            return ()
        key = ("policy-programs", id(self.policy))
        memo = self.catalog.memo
        if key not in memo or memo[key][0] is not self.policy:
            slugs = [slug for slot in self.policy.requirements for slug in slot.programs]
            memo[key] = (self.policy, tuple(dict.fromkeys(slugs)))
        return memo[key][1]

    def _before_intake(self, s: ProgramStanding) -> bool:
        return s.complete and s.completed_on is not None and s.completed_on < self.intake_start

    def _too_early(self, s: ProgramStanding) -> str | None:
        if not self._before_intake(s):
            return None
        start = self.intake_start.isoformat()
        return f"completed before the {self.s.intake} intake began on {start}"

    # --- the audit ----------------------------------------------------------------------------

    def result(self) -> AuditResult:
        policy = self.policy
        if policy is None:
            return self._build(None, AppliedExceptions(), Assignment({}, 0, 0), {})
        exceptions = apply_exceptions(
            self.s.exceptions,
            policy,
            self.standings,
            self._before_intake,
            self.catalog,
            self.r.degree.code,
        )
        candidates = {
            s.slug: Candidate(s.slug, s.verified, s.completed_on)
            for s in self.standings.values()
            if s.complete and not self._before_intake(s)
        }
        if exceptions.fixed or exceptions.waived:
            slots = _slot_choices(policy, exceptions)
        else:  # the common case: the same slots for every student under this policy
            key = ("slots", id(policy))
            memo = self.catalog.memo
            if key not in memo or memo[key][0] is not policy:
                memo[key] = (policy, _slot_choices(policy, exceptions))
            slots = memo[key][1]
        assignment = self._assignment(policy, slots, candidates, bool(exceptions.fixed))
        return self._build(
            policy, exceptions, assignment, apply_cap(policy, assignment, candidates)
        )

    def _assignment(
        self,
        policy: PolicySpec,
        slots: list[SlotChoice],
        candidates: dict[str, Candidate],
        fixed: bool,
    ) -> Assignment:
        """The best assignment, shared by students who look the same to it: it depends only on
        which of the policy's programs are complete, whether each is verified and the order of
        their completion (dates, then slugs), so a cohort computes each such shape once."""
        memo = self.catalog.memo
        rivals_key = ("rivals", id(policy))
        if rivals_key not in memo or memo[rivals_key][0] is not policy:
            memo[rivals_key] = (policy, rivals_of(policy))
        rivals = memo[rivals_key][1]
        if fixed or slots is not memo.get(("slots", id(policy)), (None, None))[1]:
            return best_assignment(slots, candidates, rivals, policy.credit_cap)
        wanted = self._policy_set(policy)
        shape = tuple(
            (c.slug, c.verified)
            for c in sorted(
                (c for c in candidates.values() if c.slug in wanted), key=lambda c: c.tie_key
            )
        )
        key = ("assignment", id(policy), shape)
        hit = memo.get(key)
        if hit is None or hit[0] is not policy:
            relevant = {c.slug: c for c in candidates.values() if c.slug in wanted}
            hit = memo[key] = (policy, best_assignment(slots, relevant, rivals, policy.credit_cap))
        return hit[1]

    def _policy_set(self, policy: PolicySpec) -> frozenset[str]:
        key = ("policy-set", id(policy))
        memo = self.catalog.memo
        if key not in memo or memo[key][0] is not policy:
            memo[key] = (policy, frozenset(self._policy_programs()))
        return memo[key][1]

    def _build(
        self,
        policy: PolicySpec | None,
        exceptions: AppliedExceptions,
        assignment: Assignment,
        paid: dict[str, tuple[int, int]],
    ) -> AuditResult:
        counted_for = {p: code for code, progs in assignment.filled.items() for p in progs}
        placed = _Placement(policy, exceptions, assignment, paid, counted_for)
        requirements = tuple(
            self._requirement(slot, placed) for slot in (policy.requirements if policy else ())
        )
        memo = self.catalog.memo
        programs = tuple(
            memo.get(("untouched-line", slug)) or self._program(s, placed)
            if slug in self.untouched
            else self._line(s, placed)
            for slug, s in self.standings.items()
        )
        return AuditResult(
            roll_no=self.s.roll_no,
            student_name=self.s.name,
            degree=self.r.degree.code,
            degree_title=self.r.degree.title,
            intake=self.s.intake,
            policy_year=policy.catalog_year if policy else None,
            policy_note=self.policy_note,
            credit_cap=policy.credit_cap if policy else 0,
            eligible_credits=sum(e for e, _ in paid.values()),
            pending_credits=sum(p for _, p in paid.values()),
            requirements=requirements,
            programs=programs,
            exceptions=tuple(exceptions.results),
            what_if=self.r.what_if,
        )

    def _requirement(self, slot: SlotSpec, placed: _Placement) -> RequirementResult:
        exceptions = placed.exceptions
        programs = placed.assignment.filled.get(slot.id, ())
        eligible, pending = placed.paid.get(slot.id, (0, 0))
        kind: SlotKind = "mandatory" if slot.kind == "mandatory" else "elective"
        status: SlotStatus
        found = OpenOptions((), ())
        if slot.id in exceptions.waived:
            status = "waived"
            reason = say.sentence(
                f"Waived ({say.exception_phrase(exceptions.waived[slot.id])}); not required, no credits"
            )
        elif programs:
            verified = all(self.standings[p].verified for p in programs)
            status = "satisfied" if verified else "pending"
            reason = self._filled_reason(slot, programs, exceptions, eligible + pending, verified)
        else:
            status = "unsatisfied"
            head = "Mandatory, not yet satisfied" if kind == "mandatory" else "Not yet satisfied"
            exclusive = self.policy.exclusive if self.policy else ()
            found = open_options(
                slot, exclusive, self.standings, placed.counted_for, self._too_early, self.catalog
            )
            reason = " ".join(
                part
                for part in (
                    open_reason(slot, head, found, self.standings, self.catalog),
                    say.closest_phrase(found.options, self.standings),
                    say.due_phrase(slot, self.s.semester),
                )
                if part
            )
        return RequirementResult(
            id=slot.id,
            title=slot.title,
            kind=kind,
            credits=slot.credits,
            status=status,
            satisfied_by=programs,
            eligible_credits=eligible,
            pending_credits=pending,
            due_semester=slot.due_semester,
            options=slot.programs,
            reason=reason,
            choose=slot.choose,
            open_options=found.options,
            blocked=found.blocked,
        )

    def _filled_reason(
        self,
        slot: SlotSpec,
        programs: tuple[str, ...],
        exceptions: AppliedExceptions,
        paid: int,
        verified: bool,
    ) -> str:
        names = say.titles(programs, self.catalog)
        subs = [p for p in programs if p in exceptions.fixed.get(slot.id, [])]
        how = " (by substitution)" if subs else ""
        if verified:
            text = f"Satisfied by {names}{how}, verified"
        else:
            text = f"Filled by {names}{how}, waiting for verification (no certificate recorded yet)"
        worth = "eligible" if verified else "pending verification"
        if paid < slot.credits:
            text += (
                f"; the credit cap of {self.policy.credit_cap} is reached, so "  # type: ignore[union-attr]
                f"{paid} of {say.credit_hours(slot.credits)} count"
            )
        else:
            text += f": {say.credit_hours(slot.credits)} {worth}"
        return say.sentence(text)

    def _program(self, s: ProgramStanding, placed: _Placement) -> ProgramResult:
        if not s.started:
            # A program not started reads the same for every student: build its line once.
            key = ("untouched-line", s.slug)
            memo = self.catalog.memo
            if key not in memo:
                memo[key] = self._line(s, placed._replace(counted_for={}))
            return memo[key]
        return self._line(s, placed)

    def _line(self, s: ProgramStanding, placed: _Placement) -> ProgramResult:
        status: ProgramStatus = (
            "completed" if s.complete else "in_progress" if s.started else "not_started"
        )
        parts = [say.progress_phrase(s)] + say.quality_notes(s, self.catalog, self.min_grade)
        verification = say.verification_phrase(s)
        if verification:
            parts.append(verification)
        slot_code = placed.counted_for.get(s.slug)
        not_counted = ""
        credits = 0
        credit_status: CreditStatus | None = None
        if slot_code is not None:
            policy = placed.policy
            programs = placed.assignment.filled[slot_code]
            eligible, pending = placed.paid.get(slot_code, (0, 0))
            credits = share(eligible + pending, programs, s.slug)
            credit_status = "eligible" if eligible else "pending" if pending else None
            worth = "" if credit_status != "pending" else " pending verification"
            tail = f"counts for {slot_code}, {say.credit_hours(credits)}{worth}"
            if eligible + pending < _slot(policy, slot_code).credits:
                tail += f" (the credit cap of {policy.credit_cap} is reached)"  # type: ignore[union-attr]
            parts.append(tail)
        elif s.complete:
            not_counted = self._not_counted(s, placed)
            parts.append(f"not counted: {not_counted}")
        # Every part is a lower-case clause without a full stop: one sentence after the title.
        reason = f"{s.program.title}: {'; '.join(parts)}."
        program = s.program
        return ProgramResult(
            slug=s.slug,
            title=program.title,
            provider=program.provider,
            status=status,
            verified=s.verified,
            completed_on=s.completed_on if s.complete else None,
            courses_done=s.courses_done,
            courses_required=s.courses_required,
            hours_done=s.hours_done,
            hours_total=s.hours_total,
            credits=credits,
            credit_status=credit_status,
            counted_for=slot_code,
            certificate=s.certificate,
            reason=reason,
            not_counted=not_counted,
        )

    def _not_counted(self, s: ProgramStanding, placed: _Placement) -> str:
        policy, counted_for = placed.policy, placed.counted_for
        if policy is None:
            return "the degree has no credit policy"
        early = self._too_early(s)
        if early:
            return early
        accepting = [slot.id for slot in policy.requirements if s.slug in slot.programs]
        open_slots = [c for c in accepting if c not in placed.exceptions.waived]
        if not accepting:
            return f"no requirement of the {self.r.degree.code} {policy.catalog_year} policy accepts it"
        if not open_slots:
            return f"{say.slot_list(accepting)} waived"
        for group in policy.exclusive:
            if s.slug in group:
                winners = [p for p in group if p in counted_for and p != s.slug]
                if winners:
                    w = self.standings[winners[0]]
                    return (
                        f"only one of {say.titles(group, self.catalog)} may earn "
                        f"credit, and {w.program.title} ({say.completed(w.completed_on)}) counts"
                    )
        occupants = sorted(
            {p for p, code in counted_for.items() if code in open_slots},
            key=lambda p: (self.standings[p].completed_on or date.max, p),
        )
        by = "; ".join(
            f"{self.standings[p].program.title} ({say.completed(self.standings[p].completed_on)})"
            for p in occupants
        )
        verb = "is" if len(open_slots) == 1 else "are"
        return f"{say.slot_list(open_slots)} {verb} filled by {by or 'other programs'}"


def _slot_choices(policy: PolicySpec, exceptions: AppliedExceptions) -> list[SlotChoice]:
    """The policy's slots as the search sees them: waived ones left out, substitutes fixed."""
    fixed_all = {p for progs in exceptions.fixed.values() for p in progs}
    return [
        SlotChoice(
            slot.id,
            slot.credits,
            slot.choose,
            slot.kind == "mandatory",
            frozenset(slot.programs) - fixed_all,
            tuple(exceptions.fixed.get(slot.id, ())),
        )
        for slot in policy.requirements
        if slot.id not in exceptions.waived
    ]


def _slot(policy: PolicySpec | None, code: str) -> SlotSpec:
    assert policy is not None
    return next(slot for slot in policy.requirements if slot.id == code)
