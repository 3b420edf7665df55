"""The audit of one student on heavy policies (DESIGN §9 round 2: < 20 ms, never exponential).

Run by hand:  python bench/bench_audit_one.py [--seeds N]
Times `run_audit` (the whole audit: standings, assignment, cap, reasons) in the same run for:
  - baseline: the same student under a policy with no requirement slots (everything but the
    assignment), and the old exhaustive search (kept as the tests' oracle) on a case small
    enough for it;
  - the issue's case: 10 slots "choose 1 of 14" (one certification a semester) and a student
    who completed 10 of them — the old search took about a minute;
  - the budget case: 12 slots choosing 1–3 of up to 20 programs, 3 exclusive groups, 25
    completed programs (3 in 4 verified, completion dates with ties), over N random students:
    a *structured* policy (mandatory slots with their own short lists, electives drawing on
    nested track lists, as real policies are written) and *random* lists (every slot a random
    subset of a 40-program pool: the hardest shape, for the record).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor.model.audit.assignment import Candidate, SlotChoice  # noqa: E402
from advisor.model.audit.engine import run_audit  # noqa: E402
from advisor.model.audit.inputs import (  # noqa: E402
    AuditRequest,
    Catalog,
    CatalogCourse,
    CatalogProgram,
    CourseRecordInput,
    DegreeSpec,
    PolicySpec,
    SlotSpec,
    StudentInput,
)
from tests.model.audit.brute_force import brute_force_assignment  # noqa: E402

TODAY = date(2026, 1, 31)
POOL = [f"prog-{i:02d}" for i in range(40)]


def catalog() -> Catalog:
    courses = {
        f"{p}-c{j}": CatalogCourse(f"{p}-c{j}", f"{p} {j}", "P", 10.0)
        for p in POOL
        for j in range(4)
    }
    programs = {
        p: CatalogProgram(p, p.title(), "P", tuple(f"{p}-c{j}" for j in range(4))) for p in POOL
    }
    return Catalog(courses, programs)


def student(rng: random.Random, completed: list[str], verified_share: float = 0.75) -> StudentInput:
    rows = []
    for p in completed:
        on = date(2024, 1, 1) + timedelta(days=7 * rng.randint(0, 40))  # few dates: ties
        cert = "https://coursera.org/verify/X" if rng.random() < verified_share else ""
        rows += [
            CourseRecordInput(f"{p}-c{j}", "completed", 100.0, 90.0, on, cert) for j in range(4)
        ]
    return StudentInput("r1", "Student", "D", "Fall", 2023, 5, tuple(rows))


def structured_policy(rng: random.Random) -> PolicySpec:
    slots = []
    for i in range(3):  # mandatory: short lists of their own
        slots.append(
            SlotSpec(f"CORE-{i}", "Core", "mandatory", 3, 1, tuple(POOL[4 * i : 4 * i + 4]))
        )
    tracks = [POOL[12:20], POOL[12:26], POOL[18:32], POOL[12:32]]  # nested, up to 20 programs
    for i in range(9):
        slots.append(
            SlotSpec(
                f"ELEC-{i}",
                "Elective",
                "elective",
                rng.choice([2, 3, 4]),
                rng.randint(1, 3),
                tuple(rng.choice(tracks)),
            )
        )
    return PolicySpec(2023, 30, None, _groups(rng), tuple(slots))


def random_policy(rng: random.Random) -> PolicySpec:
    slots = [
        SlotSpec(
            f"S{i}",
            "Slot",
            "mandatory" if i < 4 else "elective",
            rng.choice([2, 3, 4]),
            rng.randint(1, 3),
            tuple(rng.sample(POOL, rng.randint(3, 20))),
        )
        for i in range(12)
    ]
    return PolicySpec(2023, 30, None, _groups(rng), tuple(slots))


def _groups(rng: random.Random) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(rng.sample(POOL[12:], rng.randint(2, 3))) for _ in range(3))


def ms(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def audit_ms(cat: Catalog, policy: PolicySpec, st: StudentInput) -> float:
    request = AuditRequest(st, DegreeSpec("D", "Degree", 130, (policy,)), cat)
    return ms(lambda: run_audit(request, today=TODAY))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=40)
    args = parser.parse_args()
    cat = catalog()
    rng = random.Random(7)

    # Baselines, same run.
    heavy = student(rng, rng.sample(POOL, 25))
    empty = PolicySpec(2023, 30, None, (), ())
    base = audit_ms(cat, empty, heavy)
    print(f"baseline: audit of 25 completed programs, no slots        {base:7.2f} ms")
    small = [SlotChoice(f"S{i}", 3, 1, i < 4, frozenset(POOL[:14])) for i in range(10)]
    five = {p: Candidate(p, i % 3 != 0, date(2024, 1, 1)) for i, p in enumerate(POOL[:5])}
    old_small = ms(lambda: brute_force_assignment(small, five, {}, 24), repeat=1)
    print(f"baseline: old search, 10 x 'choose 1 of 14', 5 completed  {old_small:7.2f} ms")

    # The case.
    choose1 = PolicySpec(
        2023,
        24,
        None,
        (),
        tuple(
            SlotSpec(f"CERT-{i + 1}", "Cert", "elective", 3, 1, tuple(POOL[:14])) for i in range(10)
        ),
    )
    for n in (5, 7, 10):
        t = audit_ms(cat, choose1, student(random.Random(n), POOL[:n]))
        print(
            f"10 x 'choose 1 of 14', {n:2d} completed: audit              {t:7.2f} ms"
            f"  ({t / base:.1f}x baseline)"
        )

    # The budget case.
    for name, make in (("structured", structured_policy), ("random lists", random_policy)):
        times = []
        for seed in range(args.seeds):
            r = random.Random(seed)
            times.append(
                audit_ms(
                    cat,
                    make(r),
                    student(r, r.sample(POOL, 25)),
                )
            )
        times.sort()
        print(
            f"12 slots, 25 completed, {name:12s}: median {statistics.median(times):6.2f} ms, "
            f"p90 {times[int(len(times) * 0.9)]:6.2f} ms, max {times[-1]:7.2f} ms "
            f"over {len(times)} students  (median {statistics.median(times) / base:.1f}x baseline)"
        )


if __name__ == "__main__":
    main()
