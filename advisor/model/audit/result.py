"""What an audit says about one student: plain frozen values, no database, no ORM.

The UI, the letters and the command line all read these. `AuditResult.to_json()` is the
`audit --json` shape of DESIGN.md §8 (plus a few extra fields a screen finds useful).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

ProgramStatus = Literal["completed", "in_progress", "not_started"]
CreditStatus = Literal["eligible", "pending"]
SlotKind = Literal["mandatory", "elective"]
SlotStatus = Literal["satisfied", "pending", "unsatisfied", "waived"]
ExceptionKind = Literal["substitute", "waive", "course_complete"]


@dataclass(frozen=True)
class ProgramResult:
    """One certification program as it stands for the student."""

    slug: str
    title: str
    provider: str
    status: ProgramStatus
    verified: bool
    completed_on: date | None
    courses_done: int
    courses_required: int
    hours_done: float
    hours_total: float
    credits: int  # credit hours this program earns after the cap; 0 when not counted
    credit_status: CreditStatus | None  # eligible (verified) | pending (not verified) | None
    counted_for: str | None  # slot id (e.g. CERT-CORE) or None
    certificate: str  # the program certificate URL/code, "" when none is recorded
    reason: str  # plain language, readable to the student
    projected_completion: date | None = None  # look-ahead only (--with-plan)
    not_counted: str = ""  # a completed program that earns nothing: why (the audit's words)

    def to_json(self, *, with_plan: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "slug": self.slug,
            "title": self.title,
            "provider": self.provider,
            "status": self.status,
            "verified": self.verified,
            "completed_on": _iso(self.completed_on),
            "courses_done": self.courses_done,
            "courses_required": self.courses_required,
            "credits": self.credits,
            "credit_status": self.credit_status,
            "counted_for": self.counted_for,
            "certificate": self.certificate,
            "reason": self.reason,
            "not_counted": self.not_counted or None,
        }
        if with_plan:
            out["projected_completion"] = _iso(self.projected_completion)
        return out


@dataclass(frozen=True)
class RequirementResult:
    """One requirement slot of the degree's credit policy."""

    id: str  # the slot code, e.g. CERT-CORE
    title: str
    kind: SlotKind
    credits: int  # the credit hours the slot grants when satisfied
    status: SlotStatus
    satisfied_by: tuple[str, ...]  # program slugs assigned to the slot
    eligible_credits: int  # after the cap
    pending_credits: int  # after the cap
    due_semester: int | None
    options: tuple[str, ...]  # program slugs the slot accepts ("choose N of")
    reason: str
    choose: int = 1
    # An open slot: the options that would still count there, and the completed options that
    # cannot (program slug, why); its programs and date when the approved plan fills it.
    open_options: tuple[str, ...] = ()
    blocked: tuple[tuple[str, str], ...] = ()
    planned_by: tuple[str, ...] = ()
    planned_on: date | None = None

    @property
    def shown_status(self) -> str:
        """The status as screens say it: an open slot the approved plan fills is 'planned'."""
        return "planned" if self.status == "unsatisfied" and self.planned_by else self.status

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "credits": self.credits,
            "status": self.status,
            "satisfied_by": list(self.satisfied_by),
            "eligible_credits": self.eligible_credits,
            "pending_credits": self.pending_credits,
            "due_semester": self.due_semester,
            "choose": self.choose,
            "options": list(self.options),
            "reason": self.reason,
            "open_options": list(self.open_options),
            "blocked": [{"program": slug, "why": why} for slug, why in self.blocked],
            "planned_by": list(self.planned_by),
            "planned_on": _iso(self.planned_on),
        }


@dataclass(frozen=True)
class ExceptionResult:
    """An advisor's exception as the audit used it (or why it could not)."""

    id: int
    kind: ExceptionKind
    slot: str | None  # slot code for substitute / waive
    program: str | None  # program slug for substitute
    course: str | None  # course slug for course_complete
    evidence: str
    reason: str
    author: str
    created_on: date | None
    applied: bool  # False when it names a slot the policy lacks, or an incomplete program
    note: str  # what the audit did with it, in plain language

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "slot": self.slot,
            "program": self.program,
            "course": self.course,
            "evidence": self.evidence,
            "reason": self.reason,
            "author": self.author,
            "created_on": _iso(self.created_on),
            "applied": self.applied,
            "note": self.note,
        }


@dataclass(frozen=True)
class AuditResult:
    """The whole audit of one student against one degree policy."""

    roll_no: str
    student_name: str
    degree: str  # degree code
    degree_title: str
    intake: str  # "Fall 2023"
    policy_year: int | None  # catalog_year of the policy used; None when the degree has none
    policy_note: str  # why this policy (e.g. "no policy for intake 2022: the oldest applies")
    credit_cap: int
    eligible_credits: int
    pending_credits: int
    requirements: tuple[RequirementResult, ...]
    programs: tuple[ProgramResult, ...]
    exceptions: tuple[ExceptionResult, ...]
    projected_credits: int | None = None  # look-ahead only (--with-plan)
    what_if: str | None = None  # e.g. "what-if: degree BBA" when not the student's own audit

    @property
    def counted_programs(self) -> tuple[ProgramResult, ...]:
        """The programs that earn credit, in slot order (what a letter lists)."""
        order = {r.id: i for i, r in enumerate(self.requirements)}
        counted = [p for p in self.programs if p.counted_for is not None and p.credits > 0]
        return tuple(sorted(counted, key=lambda p: (order.get(p.counted_for or "", 0), p.slug)))

    def requirement(self, slot_id: str) -> RequirementResult | None:
        return next((r for r in self.requirements if r.id == slot_id), None)

    def program(self, slug: str) -> ProgramResult | None:
        return next((p for p in self.programs if p.slug == slug), None)

    def to_json(self, *, programs: bool = True) -> dict[str, Any]:
        """`programs=False` leaves out the program lines (a cohort writer adds them itself)."""
        with_plan = self.projected_credits is not None
        out: dict[str, Any] = {
            "student": {"roll_no": self.roll_no, "name": self.student_name, "intake": self.intake},
            "degree": self.degree,
            "degree_title": self.degree_title,
            "policy_year": self.policy_year,
            "policy_note": self.policy_note,
            "eligible_credits": self.eligible_credits,
            "pending_credits": self.pending_credits,
            "credit_cap": self.credit_cap,
            "requirements": [r.to_json() for r in self.requirements],
            "exceptions": [e.to_json() for e in self.exceptions],
        }
        if programs:
            out["programs"] = [p.to_json(with_plan=with_plan) for p in self.programs]
        if self.what_if:
            out["what_if"] = self.what_if
        if with_plan:
            out["projected_credits"] = self.projected_credits
        return out


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
