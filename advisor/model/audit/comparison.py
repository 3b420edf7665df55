"""A what-if audit beside the student's own: which requirements and programs change, and how
many credit hours. Pure: two AuditResults in, one frozen comparison out."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model.audit.result import AuditResult, ProgramResult, RequirementResult


@dataclass(frozen=True)
class RequirementChange:
    """One requirement in either audit (a what-if policy may add or drop slots)."""

    id: str
    title: str
    own: RequirementResult | None  # None: only the what-if policy has this slot
    what_if: RequirementResult | None  # None: only the own policy has it

    @property
    def own_credits(self) -> int:
        return _earned(self.own)

    @property
    def what_if_credits(self) -> int:
        return _earned(self.what_if)

    @property
    def changed(self) -> bool:
        """Its status or its credit hours differ (or it exists in one audit only)."""
        if self.own is None or self.what_if is None:
            return True
        return (self.own.status, self.own.eligible_credits, self.own.pending_credits) != (
            self.what_if.status,
            self.what_if.eligible_credits,
            self.what_if.pending_credits,
        )

    @property
    def credit_change(self) -> int:
        return self.what_if_credits - self.own_credits

    @property
    def reason(self) -> str:
        """The what-if's reason, else the own one's."""
        shown = self.what_if or self.own
        return shown.reason if shown else ""


@dataclass(frozen=True)
class ProgramChange:
    """A program whose credit changes: counted elsewhere, no longer counted, or newly counted."""

    slug: str
    title: str
    own_slot: str | None
    what_if_slot: str | None
    own_credits: int
    what_if_credits: int
    what_if_reason: str


@dataclass(frozen=True)
class AuditComparison:
    own: AuditResult
    what_if: AuditResult
    requirements: tuple[RequirementChange, ...]  # own policy's order, then what-if-only slots
    programs: tuple[ProgramChange, ...]  # only programs whose slot or credits change

    @property
    def credit_change(self) -> int:
        """What-if minus own, eligible and pending together."""
        return _total(self.what_if) - _total(self.own)

    @property
    def changed(self) -> tuple[RequirementChange, ...]:
        return tuple(r for r in self.requirements if r.changed)


def compare_audits(own: AuditResult, what_if: AuditResult) -> AuditComparison:
    theirs = {r.id: r for r in what_if.requirements}
    rows = [RequirementChange(r.id, r.title, r, theirs.get(r.id)) for r in own.requirements]
    mine = {r.id for r in own.requirements}
    rows += [
        RequirementChange(r.id, r.title, None, r) for r in what_if.requirements if r.id not in mine
    ]
    before = {p.slug: p for p in own.programs}
    programs = []
    for after in what_if.programs:
        was = before.get(after.slug)
        if _counted(was) != _counted(after):
            programs.append(
                ProgramChange(
                    after.slug,
                    after.title,
                    was.counted_for if was else None,
                    after.counted_for,
                    was.credits if was else 0,
                    after.credits,
                    after.reason,
                )
            )
    return AuditComparison(own, what_if, tuple(rows), tuple(programs))


def _earned(r: RequirementResult | None) -> int:
    return 0 if r is None else r.eligible_credits + r.pending_credits


def _total(a: AuditResult) -> int:
    return a.eligible_credits + a.pending_credits


def _counted(p: ProgramResult | None) -> tuple[str | None, int]:
    return (None, 0) if p is None else (p.counted_for, p.credits)
