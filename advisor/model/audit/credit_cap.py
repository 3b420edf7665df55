"""The credit cap over an assignment: verified slots are paid first, in policy order; a
"choose N" slot's credit hours are split over its programs."""

from __future__ import annotations

from advisor.model.audit.assignment import Assignment, Candidate
from advisor.model.audit.inputs import PolicySpec


def apply_cap(
    policy: PolicySpec, assignment: Assignment, candidates: dict[str, Candidate]
) -> dict[str, tuple[int, int]]:
    """Slot code -> (eligible, pending) after the cap: verified slots first, in policy order."""
    left = policy.credit_cap
    paid: dict[str, tuple[int, int]] = {}
    filled = [slot for slot in policy.requirements if slot.id in assignment.filled]
    verified = {
        slot.id: all(candidates[p].verified for p in assignment.filled[slot.id]) for slot in filled
    }
    for want_verified in (True, False):
        for slot in filled:
            if verified[slot.id] != want_verified:
                continue
            give = max(0, min(slot.credits, left))
            left -= give
            paid[slot.id] = (give, 0) if want_verified else (0, give)
    return paid


def share(total: int, programs: tuple[str, ...], slug: str) -> int:
    """A 'choose N' slot's credit hours split over its programs; the first ones take the rest."""
    base, extra = divmod(total, len(programs))
    return base + (1 if programs.index(slug) < extra else 0)
