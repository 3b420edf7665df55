"""The assignment is exact: on every small case it equals the old exhaustive search."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.model.audit.assignment import Candidate, SlotChoice, best_assignment
from tests.model.audit.brute_force import brute_force_assignment

PROGRAMS = [f"p{i}" for i in range(8)]
DAYS = [None, date(2024, 1, 1), date(2024, 1, 1) + timedelta(days=30), date(2025, 3, 1)]


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[list[SlotChoice], dict[str, Candidate], dict[str, set[str]], int]:
    pool = PROGRAMS[: draw(st.integers(2, 8))]
    complete = draw(st.lists(st.sampled_from(pool), min_size=1, unique=True))
    # Few dates and shared dates: ties on the date fall to the slug.
    candidates = {
        slug: Candidate(slug, draw(st.booleans()), draw(st.sampled_from(DAYS))) for slug in complete
    }
    groups = draw(
        st.lists(st.lists(st.sampled_from(pool), min_size=2, max_size=3, unique=True), max_size=3)
    )
    rivals: dict[str, set[str]] = {}
    for group in groups:
        for slug in group:
            rivals.setdefault(slug, set()).update(set(group) - {slug})
    raw = []
    fixed_taken: set[str] = set()
    for _ in range(draw(st.integers(1, 6))):
        choose = draw(st.integers(1, 3))
        options = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6, unique=True))
        fixed: tuple[str, ...] = ()
        free = [s for s in complete if s not in fixed_taken]
        if free and draw(st.integers(0, 4)) == 0:  # now and then an advisor's substitution
            slug = draw(st.sampled_from(free))
            fixed = (slug,)
            fixed_taken.add(slug)
        raw.append((choose, options, fixed))
    slots = [
        SlotChoice(
            f"S{i}",
            draw(st.integers(1, 4)),
            choose,
            draw(st.booleans()),
            frozenset(options) - fixed_taken,
            fixed,
        )
        for i, (choose, options, fixed) in enumerate(raw)
        if len(fixed) <= choose
    ]
    return slots, candidates, rivals, draw(st.integers(0, 16))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_same_assignment_as_the_exhaustive_search(
    case: tuple[list[SlotChoice], dict[str, Candidate], dict[str, set[str]], int],
) -> None:
    slots, candidates, rivals, cap = case
    assert best_assignment(slots, candidates, rivals, cap) == brute_force_assignment(
        slots, candidates, rivals, cap
    )


def test_ten_slots_choose_one_of_fourteen_with_ten_complete() -> None:
    # The case: the old search tried every order of the same ten programs.
    programs = [f"ds-{i:02d}" for i in range(14)]
    slots = [SlotChoice(f"CERT-{i + 1}", 3, 1, i < 4, frozenset(programs)) for i in range(10)]
    candidates = {
        slug: Candidate(slug, i % 3 != 0, date(2024, 1, 1) + timedelta(days=10 * (i % 4)))
        for i, slug in enumerate(programs[:10])
    }
    got = best_assignment(slots, candidates, {}, 24)
    assert got.total == 30 and got.verified_total == 18
    # Every slot fills and the verified count is the same either way: the slots in order take
    # the programs completed first (ties on the date fall to the slug).
    ordered = sorted(candidates, key=lambda slug: candidates[slug].tie_key)
    assert got.filled == {f"CERT-{i + 1}": (slug,) for i, slug in enumerate(ordered)}
