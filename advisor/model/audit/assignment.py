"""Which complete program fills which requirement slot: an exhaustive, pruned search.

A greedy pass (each program to the first slot that takes it) can lose credits: if slot A takes
x or y and slot B takes only x, giving x to A leaves B empty. The numbers are small (a handful
of slots, a handful of completed programs), so we search every assignment and keep the best by
DESIGN.md §4's order of preference:

1. the most credit hours after the cap, then the most verified credit hours after the cap;
2. then the most credit hours and verified credit hours before the cap (fills requirements the
   cap no longer pays for — they still count toward the degree);
3. then mandatory slots filled first, then slots in policy order;
4. between programs that still tie, the one completed first, then the smaller slug.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

_LATE = date.max.toordinal() + 1  # a program without a known date sorts after all dated ones


@dataclass(frozen=True)
class SlotChoice:
    code: str
    credits: int
    choose: int
    mandatory: bool
    options: frozenset[str]
    fixed: tuple[str, ...] = ()  # substituted into this slot by an exception


@dataclass(frozen=True)
class Candidate:
    slug: str
    verified: bool
    completed_on: date | None

    @property
    def tie_key(self) -> tuple[int, str]:
        return (self.completed_on.toordinal() if self.completed_on else _LATE, self.slug)


@dataclass(frozen=True)
class Assignment:
    filled: Mapping[str, tuple[str, ...]]  # slot code -> programs (only slots that are full)
    total: int  # credit hours before the cap
    verified_total: int  # verified credit hours before the cap


def best_assignment(
    slots: Sequence[SlotChoice],
    candidates: Mapping[str, Candidate],
    exclusive: Sequence[frozenset[str]],
    cap: int,
) -> Assignment:
    rivals: dict[str, set[str]] = {}
    for group in exclusive:
        for slug in group:
            rivals.setdefault(slug, set()).update(group - {slug})
    # Preference order of slots for rule 3: mandatory first, then policy order.
    order = sorted(range(len(slots)), key=lambda i: (not slots[i].mandatory, i))
    search = _Search(slots, candidates, rivals, cap, order)
    used: set[str] = {slug for slot in slots for slug in slot.fixed}
    search.run(0, used, {}, 0, 0)
    filled = search.best_filled or {}
    total = sum(slots[i].credits for i in filled)
    verified = sum(slots[i].credits for i, progs in filled.items() if _all_verified(progs, candidates))
    return Assignment(
        filled={slots[i].code: tuple(sorted(progs, key=lambda s: candidates[s].tie_key))
                for i, progs in sorted(filled.items())},
        total=total,
        verified_total=verified,
    )  # fmt: skip


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
        # The credits still reachable from slot position k onward, for pruning.
        self.remaining = [sum(slots[i].credits for i in order[k:]) for k in range(len(order) + 1)]
        self.best_key: tuple | None = None
        self.best_filled: dict[int, tuple[str, ...]] | None = None

    def run(
        self, k: int, used: set[str], filled: dict[int, tuple[str, ...]], total: int, verified: int
    ) -> None:
        if self.best_key is not None:
            reachable = min(self.cap, total + self.remaining[k])
            if -reachable > self.best_key[0]:
                return  # even filling every slot left cannot reach the best capped total
        if k == len(self.order):
            self._consider(filled, total, verified)
            return
        index = self.order[k]
        slot = self.slots[index]
        for group in self._fillings(slot, used):
            programs = slot.fixed + group
            filled[index] = programs
            taken = set(group)
            credit_ok = _all_verified(programs, self.candidates)
            self.run(
                k + 1, used | taken, filled, total + slot.credits,
                verified + (slot.credits if credit_ok else 0),
            )  # fmt: skip
            del filled[index]
        self.run(k + 1, used, filled, total, verified)  # leave the slot unfilled

    def _fillings(self, slot: SlotChoice, used: set[str]) -> Iterator[tuple[str, ...]]:
        need = slot.choose - len(slot.fixed)
        if need < 0:
            return
        blocked = set(used)
        for slug in used:
            blocked |= self.rivals.get(slug, set())
        pool = sorted(
            (s for s in slot.options if s in self.candidates and s not in blocked),
            key=lambda s: self.candidates[s].tie_key,
        )
        for group in combinations(pool, need):
            if any(b in self.rivals.get(a, ()) for a, b in combinations(group, 2)):
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
