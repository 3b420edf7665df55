"""Advisor exceptions as the audit applies them (DESIGN §4 step 2), each with a note saying what
it did: a waived slot is set aside; a substituted program — once complete, and not completed
before the intake — is fixed to its slot; a course marked complete is handled with the course
records (`completion.course_standings`). An exception naming a slot the policy lacks is kept
and reported as not applied (exceptions outlive a change of degree).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from advisor.model.audit import reasons as say
from advisor.model.audit.completion import ProgramStanding
from advisor.model.audit.inputs import Catalog, ExceptionInput, PolicySpec, SlotSpec
from advisor.model.audit.result import ExceptionResult


@dataclass
class AppliedExceptions:
    waived: dict[str, ExceptionInput] = field(default_factory=dict)  # slot code -> exception
    fixed: dict[str, list[str]] = field(default_factory=dict)  # slot code -> programs
    results: list[ExceptionResult] = field(default_factory=list)


def rivals_of(policy: PolicySpec) -> dict[str, set[str]]:
    """Program -> the programs it may not earn credit beside (its exclusive groups' members)."""
    out: dict[str, set[str]] = {}
    for group in policy.exclusive:
        for slug in group:
            out.setdefault(slug, set()).update(set(group) - {slug})
    return out


def apply_exceptions(
    exceptions: Iterable[ExceptionInput],
    policy: PolicySpec,
    standings: Mapping[str, ProgramStanding],
    before_intake: Callable[[ProgramStanding], bool],
    catalog: Catalog,
    degree_code: str,
) -> AppliedExceptions:
    out = AppliedExceptions()
    ordered = sorted(exceptions, key=lambda e: e.id)
    if not ordered:
        return out
    slots = {slot.id: slot for slot in policy.requirements}
    rivals = rivals_of(policy)
    for exc in ordered:
        if exc.kind == "course_complete":
            title = catalog.course_title(exc.course or "")
            applied = True
            note = f"{title} counts as completed and verified (evidence: {exc.evidence or 'none given'})."
        elif exc.slot not in slots:
            applied = False
            note = f"Not applied: the {degree_code} {policy.catalog_year} policy has no requirement {exc.slot}."
        elif exc.kind == "waive":
            applied, note = _waive(exc, slots[exc.slot], out)
        else:
            applied, note = _substitute(exc, slots[exc.slot], out, standings, before_intake, rivals)
        out.results.append(_result(exc, applied, note))
    return out


def _waive(exc: ExceptionInput, slot: SlotSpec, out: AppliedExceptions) -> tuple[bool, str]:
    if slot.id in out.waived:
        return False, f"Not applied: {slot.id} is already waived."
    out.waived[slot.id] = exc
    return True, f"{slot.id} is waived: not required, no credits."


def _substitute(
    exc: ExceptionInput,
    slot: SlotSpec,
    out: AppliedExceptions,
    standings: Mapping[str, ProgramStanding],
    before_intake: Callable[[ProgramStanding], bool],
    rivals: Mapping[str, set[str]],
) -> tuple[bool, str]:
    standing = standings.get(exc.program or "")
    if standing is None:
        return False, f"Not applied: {exc.program} is not in the catalog."
    title = standing.program.title
    fixed_all = [p for progs in out.fixed.values() for p in progs]
    if slot.id in out.waived:
        return False, f"Not applied: {slot.id} is waived."
    if not standing.complete:
        return False, f"Not applied yet: {title} is not complete ({say.progress_phrase(standing)})."
    if before_intake(standing):
        return False, f"Not applied: {title} was completed before the intake began."
    if standing.slug in fixed_all:
        return False, f"Not applied: {title} already fills another requirement by substitution."
    if rivals.get(standing.slug, set()).intersection(fixed_all):
        return False, f"Not applied: {title} is exclusive with a program already substituted."
    if len(out.fixed.get(slot.id, [])) >= slot.choose:
        return False, f"Not applied: {slot.id} is already filled by substitution."
    out.fixed.setdefault(slot.id, []).append(standing.slug)
    return True, f"{title} fills {slot.id}."


def _result(exc: ExceptionInput, applied: bool, note: str) -> ExceptionResult:
    return ExceptionResult(
        id=exc.id,
        kind=exc.kind,  # type: ignore[arg-type]
        slot=exc.slot,
        program=exc.program,
        course=exc.course,
        evidence=exc.evidence,
        reason=exc.reason,
        author=exc.author,
        created_on=exc.created_on,
        applied=applied,
        note=note,
    )
