"""Which program serves which slot, kept feasible as slots are added: a small unit-capacity flow.

Source -> exclusive group (capacity 1) -> program (capacity 1) -> slot (its "choose N") -> sink.
A program in no exclusive group takes its unit straight from the source. Adding a slot routes
its units one at a time along augmenting paths (Kuhn's method, extended by the group nodes), so
a set of slots — each either "verified programs only" or "any programs" — is found fillable or
not in O(units x edges), whatever the order the slots were added in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Network:
    accepts: Sequence[Sequence[int]]  # slot position -> program numbers it may take, best first
    verified: Sequence[bool]  # program number -> verified
    group: Sequence[int]  # program number -> its exclusive group, or -1
    groups: int

    @cached_property
    def accepts_verified(self) -> list[list[int]]:
        return [[p for p in programs if self.verified[p]] for programs in self.accepts]

    @cached_property
    def marks(self) -> list[int]:
        """Scratch for the searches (programs, then groups, then slots): one search at a time,
        each with a new stamp in slot 0 of the extra cell at the end."""
        return [0] * (len(self.verified) + self.groups + len(self.accepts) + 1)


_OUT = -2  # owner of a program that is out of the running (pinned elsewhere)


class SlotFlow:
    __slots__ = ("net", "owner", "user", "strict")

    def __init__(self, net: Network, blocked: frozenset[int] = frozenset()) -> None:
        self.net = net
        self.owner = [-1] * len(net.verified)  # program -> slot it serves, -1 free, -2 out
        for p in blocked:
            self.owner[p] = _OUT
        self.user = [-1] * net.groups  # group -> the program using its one unit, or -1
        self.strict: dict[int, bool] = {}  # slot -> takes verified programs only

    def copy(self) -> SlotFlow:
        other = SlotFlow.__new__(SlotFlow)
        other.net = self.net
        other.owner = self.owner[:]
        other.user = self.user[:]
        other.strict = dict(self.strict)
        return other

    def fill(self, slot: int, units: int, strict: bool) -> bool:
        """Route `units` more programs into `slot`. On False the flow is spoilt: use a copy."""
        self.strict[slot] = strict
        for _ in range(units):
            if not self.augment(slot):
                return False
        return True

    def augment(self, slot: int) -> bool:
        """One more program for `slot`, or False (and the flow unchanged)."""
        marks = self.net.marks
        marks[-1] += 1
        return self._augment(slot, marks, marks[-1])

    def programs(self, slot: int) -> list[int]:
        return [p for p, s in enumerate(self.owner) if s == slot]

    def _augment(self, slot: int, seen: list[int], stamp: int) -> bool:
        """Find one more program for `slot`, moving others along an augmenting path. Marks (one
        stamp per search): programs at their number, groups and slots after them."""
        net, owner, user = self.net, self.owner, self.user
        programs = len(owner)
        slots_at = programs + net.groups
        seen[slots_at + slot] = stamp
        choices = net.accepts_verified[slot] if self.strict.get(slot, False) else net.accepts[slot]
        for p in choices:
            holder = owner[p]
            if holder == slot or holder == _OUT or seen[p] == stamp:
                continue
            seen[p] = stamp
            if holder == -1:
                g = net.group[p]
                if g == -1 or user[g] == -1:
                    owner[p] = slot
                    if g != -1:
                        user[g] = p
                    return True
                if seen[programs + g] == stamp:
                    continue
                seen[programs + g] = stamp
                rival = user[g]  # frees the group's unit; its slot must find another program
                rival_slot = owner[rival]
                if seen[slots_at + rival_slot] == stamp:
                    continue
                owner[rival], user[g], owner[p] = -1, p, slot
                if self._augment(rival_slot, seen, stamp):
                    return True
                owner[rival], user[g], owner[p] = rival_slot, rival, -1
            elif seen[slots_at + holder] != stamp:
                owner[p] = slot  # p moves here; its old slot must find another program
                if self._augment(holder, seen, stamp):
                    return True
                owner[p] = holder
        return False
