"""Which complete program fills which requirement slot: exact, and fast on real policies.

The assignment is the best one by DESIGN.md §4's order of preference, compared as a key:

1. the most credit hours after the cap, then the most verified credit hours after the cap;
2. then the most credit hours and verified credit hours before the cap (fills requirements the
   cap no longer pays for — they still count toward the degree);
3. then mandatory slots filled first, then slots in policy order;
4. between programs that still tie, the one completed first, then the smaller slug.

A slot is filled only by exactly its "choose N" programs, a program fills one slot, and at most
one program of an exclusive group earns credit. With those rules the problem contains set
packing (choose-3 slots) and independent set (exclusive groups), so no exact method is
polynomial on every policy; the old search was exponential on ordinary ones (10 slots "choose
1 of 14": 10! orders of the same programs). This one never enumerates programs to find the
outcome, only slot *states* (README, "How the audit assigns programs"):

- Phase 1 finds the best outcome — credits after the cap, verified after the cap, credits,
  verified, which slots are filled — by depth-first search over the slots in preference order,
  each either filled with verified programs only, filled with any, or left empty. Whether the
  chosen states can all be met at once is a unit-capacity flow (`slot_flow.py`), kept up to
  date by augmenting paths: polynomial per step. The search takes the most promising state
  first, is pruned by an upper bound (slots still fillable; a fractional knapsack of the
  programs left) and ends as soon as it reaches the bound of the whole problem.
- Phase 2 fixes that outcome and gives each filled slot, in preference order, its programs one
  by one in tie-break order, keeping each program that some completion of the outcome still
  allows (checked by the same flow search): that is exactly rule 4's order.
- Exclusive groups that overlap (a program in two groups) are split first: either the program
  is left out, or its rivals are; both answers are compared by the full key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisor.model.audit.slot_flow import Network, SlotFlow

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
    tie_key: tuple[int, str] = field(init=False, compare=False)  # completed first, then slug

    def __post_init__(self) -> None:
        day = self.completed_on.toordinal() if self.completed_on else _LATE
        object.__setattr__(self, "tie_key", (day, self.slug))


@dataclass(frozen=True)
class Assignment:
    filled: Mapping[str, tuple[str, ...]]  # slot code -> programs (only slots that are full)
    total: int  # credit hours before the cap
    verified_total: int  # verified credit hours before the cap


def best_assignment(
    slots: Sequence[SlotChoice],
    candidates: Mapping[str, Candidate],
    rivals: Mapping[str, set[str]],
    cap: int,
) -> Assignment:
    """`rivals`: program -> the programs of its exclusive groups (at most one earns credit)."""
    if not candidates or not any(slot.options & candidates.keys() or slot.fixed for slot in slots):
        return Assignment({}, 0, 0)  # nothing complete that any slot takes: nothing to search
    layout = _Layout(slots, candidates, rivals, cap)
    filled = layout.best(frozenset())
    total = sum(slots[i].credits for i in filled)
    verified = sum(
        slots[i].credits
        for i, progs in filled.items()
        if all(candidates[p].verified for p in progs)
    )
    return Assignment(
        filled={
            slots[i].code: tuple(sorted(progs, key=lambda s: candidates[s].tie_key))
            for i, progs in sorted(filled.items())
        },
        total=total,
        verified_total=verified,
    )


class _Layout:
    """The slots that can be filled at all, in preference order (mandatory first, then policy
    order), and the programs they may take."""

    def __init__(
        self,
        slots: Sequence[SlotChoice],
        candidates: Mapping[str, Candidate],
        rivals: Mapping[str, set[str]],
        cap: int,
    ) -> None:
        self.cap = cap
        self.candidates = candidates
        self.rivals = rivals
        fixed = {slug for slot in slots for slug in slot.fixed}
        blocked = set(fixed)
        for slug in fixed:
            blocked |= rivals.get(slug, set())
        order = sorted(range(len(slots)), key=lambda i: (not slots[i].mandatory, i))
        self.slot_index: list[int] = []
        self.need: list[int] = []
        self.credits: list[int] = []
        self.fixed: list[tuple[str, ...]] = []
        self.fixed_ok: list[bool] = []  # the substituted programs are all verified
        self.pools: list[list[str]] = []  # programs each slot may still take, best tie first
        for i in order:
            slot = slots[i]
            need = slot.choose - len(slot.fixed)
            pool = [s for s in slot.options if s in candidates]
            if need < 0 or len(pool) < need:
                continue  # never fillable: the order of preference skips it
            self.slot_index.append(i)
            self.need.append(need)
            self.credits.append(slot.credits)
            self.fixed.append(slot.fixed)
            self.fixed_ok.append(all(candidates[p].verified for p in slot.fixed))
            self.pools.append(
                sorted((s for s in pool if s not in blocked), key=lambda s: candidates[s].tie_key)
            )
        count = len(self.slot_index)
        # Fill is compared as "filled or not" slot by slot in preference order: a bit per slot.
        self.bit = [1 << (count - 1 - k) for k in range(count)]

    def best(self, left_out: frozenset[str]) -> dict[int, tuple[str, ...]]:
        """The best assignment without the programs `left_out` (slot index -> programs)."""
        relevant = {s for pool in self.pools for s in pool} - left_out
        near = {s: (self.rivals.get(s, set()) & relevant) for s in relevant}
        for s in sorted(relevant):
            clique = near[s] | {s}
            if near[s] and any(near[r] | {r} != clique for r in near[s]):
                # s's rivals are not one group by themselves: branch on s, keep the better.
                without = self.best(left_out | {s})
                alone = self.best(left_out | near[s])
                return min(without, alone, key=self._full_key)
        groups: dict[frozenset[str], int] = {}
        for s in sorted(relevant):
            if near[s]:
                groups.setdefault(frozenset(near[s] | {s}), len(groups))
        chosen = _Problem(self, relevant, groups).solve()
        return {self.slot_index[k]: self.fixed[k] + group for k, group in chosen.items()}

    def _full_key(self, filled: Mapping[int, tuple[str, ...]]) -> tuple:
        """Smaller is better: the whole order of preference, rule 4 included."""
        position = {i: k for k, i in enumerate(self.slot_index)}
        total = verified = fill = 0
        ties = []
        for i, programs in sorted(filled.items(), key=lambda item: position[item[0]]):
            k = position[i]
            total += self.credits[k]
            if all(self.candidates[p].verified for p in programs):
                verified += self.credits[k]
            fill |= self.bit[k]
            ties.append(tuple(sorted(self.candidates[p].tie_key for p in programs)))
        cap = self.cap
        return (-min(total, cap), -min(verified, cap), -total, -verified, -fill, tuple(ties))


Key = tuple[int, int, int, int, int]  # capped credits, capped verified, credits, verified, fill


class _Problem:
    """One search: programs numbered in tie-break order, exclusive groups as flow nodes."""

    def __init__(
        self, layout: _Layout, relevant: set[str], groups: dict[frozenset[str], int]
    ) -> None:
        self.layout = layout
        cands = layout.candidates
        self.slugs = sorted(relevant, key=lambda s: cands[s].tie_key)
        number = {s: n for n, s in enumerate(self.slugs)}
        group_of = [-1] * len(self.slugs)
        for members, g in groups.items():
            for s in members:
                group_of[number[s]] = g
        verified = [cands[s].verified for s in self.slugs]
        accepts = [[number[s] for s in pool if s in number] for pool in layout.pools]
        self.net = Network(accepts, verified, group_of, len(groups))
        self.rival_numbers = [
            frozenset(number[r] for r in layout.rivals.get(s, set()) if r in number)
            for s in self.slugs
        ]

        # Upper bounds count a group's members as one unit: only one of them can be used.
        def units(programs: Sequence[int]) -> int:
            return sum(1 for p in programs if group_of[p] == -1) + len(
                {group_of[p] for p in programs if group_of[p] != -1}
            )

        everyone = range(len(self.slugs))
        self.units = units(everyone)
        self.verified_units = units([p for p in everyone if verified[p]])
        self.fillable = [units(a) >= n for a, n in zip(accepts, layout.need, strict=True)]
        self.verifiable = [
            ok and units([p for p in a if verified[p]]) >= n
            for a, n, ok in zip(accepts, layout.need, layout.fixed_ok, strict=True)
        ]
        self.has_unverified = [any(not verified[p] for p in a) for a in accepts]

    # --- bounds -------------------------------------------------------------------------------

    def _prepare_bounds(self) -> None:
        """Static parts of the bound: what each suffix of slots could add, and the most program
        units any assignment can route at all (one max-flow pass each, at the start)."""
        lay = self.layout
        count = len(lay.need)
        self.items_after: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = []
        for k in range(count + 1):
            rest = range(k, count)
            self.items_after.append(
                (
                    [(lay.credits[j], lay.need[j]) for j in rest if self.fillable[j]],
                    [(lay.credits[j], lay.need[j]) for j in rest if self.verifiable[j]],
                )
            )
        # The most units slots k… can take at all (and verified ones into slots that could be
        # verified): one flow grown from the last slot back, each slot's augmentations adding
        # exactly what it adds to the maximum.
        self.most = self._max_units(strict=False)
        self.most_verified = self._max_units(strict=True)
        self.cache: dict[tuple[int, int, int], Any] = {}

    def _max_units(self, strict: bool) -> list[int]:
        count = len(self.layout.need)
        flow = SlotFlow(self.net)
        most = [0] * (count + 1)
        for k in range(count - 1, -1, -1):
            routed = 0
            if self.verifiable[k] if strict else self.fillable[k]:
                flow.strict[k] = strict
                for _ in range(self.layout.need[k]):
                    if not flow.augment(k):
                        break
                    routed += 1
            most[k] = most[k + 1] + routed
        return most

    def _bound(self, k: int, used: int, locked: int) -> tuple[int, int, int]:
        """Upper bounds on the credits, verified credits and fill bits slots k… can add,
        with `used` program units taken and `locked` verified units taken."""
        cache = self.cache
        units = min(self.most[0] - used, self.most[k])
        key = (0, k, units)
        if key not in cache:
            # Fill bits: the slots in order while their programs fit in the units left — the
            # best fill any set of slots with that many units can have.
            fill, left = 0, units
            for j in range(k, len(self.layout.need)):
                if self.fillable[j] and self.layout.need[j] <= left:
                    fill |= self.layout.bit[j]
                    left -= self.layout.need[j]
            cache[key] = (_knapsack(self.items_after[k][0], units), fill)
        t, fill = cache[key]
        verified_units = min(self.most_verified[0] - locked, self.most_verified[k])
        v = cache.get((1, k, verified_units))
        if v is None:
            v = cache[(1, k, verified_units)] = _knapsack(self.items_after[k][1], verified_units)
        return t, v, fill

    def _key(self, total: int, verified: int, fill: int) -> Key:
        cap = self.layout.cap
        return (min(total, cap), min(verified, cap), total, verified, fill)

    # --- phase 1: the best outcome ------------------------------------------------------------

    def solve(self) -> dict[int, tuple[str, ...]]:
        self._prepare_bounds()
        t, v, f = self._bound(0, 0, 0)
        self.ceiling = self._key(t, v, f)
        self.best: Key | None = None
        self.witness: SlotFlow | None = None
        self._outcome(0, SlotFlow(self.net), 0, 0, 0, 0, 0)
        assert self.best is not None and self.witness is not None  # all empty is an outcome
        _, _, _, verified, fill = self.best
        return self._programs(verified, fill, self.witness)

    def _outcome(
        self, k: int, flow: SlotFlow, total: int, verified: int, fill: int, used: int, locked: int
    ) -> bool:
        """Search slots k… ; True once the best possible outcome is found (stop everything)."""
        lay = self.layout
        count = len(lay.need)
        if k == count:
            key = self._key(total, verified, fill)
            if self.best is None or key > self.best:
                self.best, self.witness = key, flow
            return self.best == self.ceiling
        if self.best is not None and not self._promising(k, total, verified, fill, used, locked):
            return False
        need, credits = lay.need[k], lay.credits[k]
        if self.fillable[k]:
            for strict in (True, False):
                if strict and not self.verifiable[k]:
                    continue
                if not strict and (need == 0 or not self.has_unverified[k]) and self.verifiable[k]:
                    continue  # "any" could only pick the same verified programs again
                after = (
                    k + 1,
                    total + credits,
                    verified + (credits if strict else 0),
                    fill | lay.bit[k],
                    used + need,
                    locked + (need if strict else 0),
                )
                if self.best is not None and not self._promising(*after):
                    continue  # decided before the flow work
                trial = flow.copy()
                if trial.fill(k, need, strict) and self._outcome(after[0], trial, *after[1:]):
                    return True
        return self._outcome(k + 1, flow, total, verified, fill, used, locked)

    def _promising(
        self, k: int, total: int, verified: int, fill: int, used: int, locked: int
    ) -> bool:
        assert self.best is not None
        t, v, f = self._bound(k, used, locked)
        return self._key(total + t, verified + v, fill | f) > self.best

    # --- phase 2: the programs, in tie-break order --------------------------------------------

    def _programs(self, target: int, fill: int, witness: SlotFlow) -> dict[int, tuple[str, ...]]:
        lay = self.layout
        positions = [k for k in range(len(lay.need)) if fill & lay.bit[k]]
        chosen: dict[int, tuple[str, ...]] = {}
        gone: set[int] = set()  # programs given out, and their exclusive rivals
        got = 0  # verified credits of the slots already given their programs
        for j, k in enumerate(positions):
            picked: list[int] = []
            start = 0
            accepts = self.net.accepts[k]
            while len(picked) < lay.need[k]:
                for at in range(start, len(accepts)):
                    p = accepts[at]
                    if p in gone:
                        continue
                    if witness.owner[p] != k:
                        other = self._complete(positions[j:], picked + [p], gone, target - got)
                        if other is None:
                            continue
                        witness = other
                    picked.append(p)
                    gone.add(p)
                    gone |= self.rival_numbers[p]
                    start = at + 1
                    break
                else:  # pragma: no cover - phase 1 proved a completion exists
                    raise AssertionError("phase 2 lost the outcome of phase 1")
            if lay.fixed_ok[k] and all(self.net.verified[p] for p in picked):
                got += lay.credits[k]
            chosen[k] = tuple(self.slugs[p] for p in picked)
        return chosen

    def _complete(
        self, positions: Sequence[int], picked: list[int], gone: set[int], wanted: int
    ) -> SlotFlow | None:
        """A way to fill `positions` (the first already holding `picked`) with at least `wanted`
        verified credits, or None."""
        lay = self.layout
        out = set(gone).union(picked)
        for p in picked:
            out |= self.rival_numbers[p]
        first = positions[0]
        first_ok = lay.fixed_ok[first] and all(self.net.verified[p] for p in picked)
        flow = SlotFlow(self.net, frozenset(out))
        reachable = [lay.credits[k] if self.verifiable[k] else 0 for k in positions]
        reachable[0] = lay.credits[first] if first_ok else 0
        rest = [sum(reachable[i:]) for i in range(len(positions) + 1)]

        def walk(i: int, flow: SlotFlow, got: int) -> SlotFlow | None:
            if got + rest[i] < wanted:
                return None
            if i == len(positions):
                return flow
            k = positions[i]
            need = lay.need[k] - (len(picked) if i == 0 else 0)
            for strict in (True, False):
                if strict and not reachable[i]:
                    continue
                trial = flow.copy()
                if trial.fill(k, need, strict):
                    found = walk(i + 1, trial, got + (reachable[i] if strict else 0))
                    if found is not None:
                        return found
            return None

        return walk(0, flow, 0)


def _knapsack(items: list[tuple[int, int]], units: int) -> int:
    """Most credits from whole `items` (credits, programs needed) within `units` programs: an
    upper bound on what the slots can reach (it ignores which programs they take)."""
    if units < 0:
        return 0
    best = [0] * (units + 1)
    for credits, need in items:
        for u in range(units, need - 1, -1):
            if best[u - need] + credits > best[u]:
                best[u] = best[u - need] + credits
    return best[units]
