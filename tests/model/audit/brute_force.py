"""The old exhaustive assignment search, kept as the test oracle for `assignment.best_assignment`.

It tries every assignment (pruned only by the credits still reachable) and keeps the best by
DESIGN.md §4's order; exponential, so tests give it small cases only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import combinations

from advisor.model.audit.assignment import Assignment, Candidate, SlotChoice


def brute_force_assignment(
    slots: Sequence[SlotChoice],
    candidates: Mapping[str, Candidate],
    rivals: Mapping[str, set[str]],
    cap: int,
) -> Assignment:
    """`rivals`: program -> the programs of its exclusive groups (at most one earns credit)."""
    if not candidates or not any(slot.options & candidates.keys() or slot.fixed for slot in slots):
        return Assignment({}, 0, 0)  # nothing complete that any slot takes: nothing to search
    # Preference order of slots for rule 3: mandatory first, then policy order.
    order = sorted(range(len(slots)), key=lambda i: (not slots[i].mandatory, i))
    search = _Search(slots, candidates, rivals, cap, order)
    search.start({slug for slot in slots for slug in slot.fixed})
    filled = search.best_filled or {}
    total = sum(slots[i].credits for i in filled)
    verified = sum(
        slots[i].credits for i, progs in filled.items() if _all_verified(progs, candidates)
    )
    return Assignment(
        filled={
            slots[i].code: tuple(sorted(progs, key=lambda s: candidates[s].tie_key))
            for i, progs in sorted(filled.items())
        },
        total=total,
        verified_total=verified,
    )


def _all_verified(programs: Sequence[str], candidates: Mapping[str, Candidate]) -> bool:
    return all(candidates[p].verified for p in programs)


class _Search:
    def __init__(
        self,
        slots: Sequence[SlotChoice],
        candidates: Mapping[str, Candidate],
        rivals: Mapping[str, set[str]],
        cap: int,
        order: Sequence[int],
    ) -> None:
        self.slots = slots
        self.candidates = candidates
        self.rivals = rivals
        self.cap = cap
        self.order = order
        # Each slot's candidates, best tie-break first; slots nobody can fill are never searched.
        self.pools = {
            i: sorted(
                (s for s in slots[i].options if s in candidates),
                key=lambda s: candidates[s].tie_key,
            )
            for i in order
        }
        self.searched = [
            i
            for i in order
            if slots[i].choose - len(slots[i].fixed) >= 0
            and len(self.pools[i]) >= slots[i].choose - len(slots[i].fixed)
        ]
        # The credits still reachable from search position k onward, for pruning.
        self.remaining = [
            sum(slots[i].credits for i in self.searched[k:]) for k in range(len(self.searched) + 1)
        ]
        self.best_key: tuple | None = None
        self.best_filled: dict[int, tuple[str, ...]] | None = None

    def start(self, fixed: set[str]) -> None:
        blocked = set(fixed)
        for slug in fixed:
            blocked |= self.rivals.get(slug, set())
        self.run(0, blocked, {}, 0, 0)

    def run(
        self,
        k: int,
        blocked: set[str],
        filled: dict[int, tuple[str, ...]],
        total: int,
        verified: int,
    ) -> None:
        if self.best_key is not None:
            reachable = min(self.cap, total + self.remaining[k])
            if -reachable > self.best_key[0]:
                return  # even filling every slot left cannot reach the best capped total
        if k == len(self.searched):
            self._consider(filled, total, verified)
            return
        index = self.searched[k]
        slot = self.slots[index]
        for group in self._fillings(index, blocked):
            programs = slot.fixed + group
            filled[index] = programs
            now_blocked = blocked.union(group)
            for slug in group:
                now_blocked |= self.rivals.get(slug, set())
            credit_ok = _all_verified(programs, self.candidates)
            self.run(
                k + 1,
                now_blocked,
                filled,
                total + slot.credits,
                verified + (slot.credits if credit_ok else 0),
            )
            del filled[index]
        self.run(k + 1, blocked, filled, total, verified)  # leave the slot unfilled

    def _fillings(self, index: int, blocked: set[str]) -> Iterator[tuple[str, ...]]:
        slot = self.slots[index]
        need = slot.choose - len(slot.fixed)
        pool = [s for s in self.pools[index] if s not in blocked]
        for group in combinations(pool, need):
            if need > 1 and any(b in self.rivals.get(a, ()) for a, b in combinations(group, 2)):
                continue  # two programs of one exclusive group
            yield group

    def _consider(self, filled: dict[int, tuple[str, ...]], total: int, verified: int) -> None:
        fill = tuple(0 if i in filled else 1 for i in self.order)
        ties = tuple(
            tuple(sorted(self.candidates[s].tie_key for s in filled[i]))
            for i in self.order
            if i in filled
        )
        key = (
            -min(total, self.cap),
            -min(verified, self.cap),
            -total,
            -verified,
            fill,
            ties,
        )
        if self.best_key is None or key < self.best_key:
            self.best_key = key
            self.best_filled = dict(filled)
