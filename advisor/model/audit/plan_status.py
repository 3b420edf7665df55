"""The Planned status (as Degree Works has it): an open requirement that the student's approved
plan fills says which program the plan puts there and when it will be complete."""

from __future__ import annotations

from dataclasses import replace

from advisor.model.audit.result import AuditResult, RequirementResult


def with_planned_status(now: AuditResult, ahead: AuditResult) -> AuditResult:
    """`now` with each open requirement that `ahead` (the audit as if the approved plan were
    done) fills marked planned: its programs and the date the last of them completes."""
    return replace(now, requirements=tuple(_planned(r, ahead) for r in now.requirements))


def _planned(r: RequirementResult, ahead: AuditResult) -> RequirementResult:
    if r.status != "unsatisfied":
        return r
    filled = ahead.requirement(r.id)
    if filled is None or not filled.satisfied_by:
        return r
    programs = [p for slug in filled.satisfied_by if (p := ahead.program(slug)) is not None]
    on = max((p.completed_on for p in programs if p.completed_on), default=None)
    names = ", ".join(p.title for p in programs)
    by = f", complete by {on.isoformat()}" if on else ""
    return replace(
        r,
        planned_by=filled.satisfied_by,
        planned_on=on,
        reason=f"{r.reason} Planned in the approved plan: {names}{by}.",
    )
