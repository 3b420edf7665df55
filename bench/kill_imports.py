"""Reliability by attack: start an import, SIGKILL it at a random moment, N times, and check
that the database is intact and the import is all-or-nothing (issue 16, must show).

Run by hand:  python bench/kill_imports.py [--kills 50] [--scenario NAME ...] [--seed 1]
CI runs a short version (tests/test_kill_imports.py). Prints, per scenario, how many kills
landed before, during and after the import's commit; exit 1 if any check failed.

A scenario is a name, how to prepare its files, the command to kill and what must hold after a
kill; add one to SCENARIOS (a letter-batch scenario checks serials, lines, events and PDFs).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_progress_import import write_export, write_roster  # noqa: E402

POLICY = REPO / "resources" / "demo" / "policy.json"


def advisor_argv(db: Path, *words: str) -> list[str]:
    return [sys.executable, str(REPO / "main.py"), "--db", str(db), *words]


def run(db: Path, *words: str) -> None:
    subprocess.run(
        advisor_argv(db, *words),
        check=True,
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def state(db: Path, tables: tuple[str, ...]) -> str:
    """A digest of every row of `tables` (what an import may change), without the clock's
    columns (`…_at`, `…_on`): two complete runs differ only in those."""
    digest = hashlib.sha256()
    with sqlite3.connect(str(db)) as connection:
        for table in tables:
            columns = [
                row[1]
                for row in connection.execute(f"PRAGMA table_info({table})")
                if not row[1].endswith(("_at", "_on"))
            ]
            rows = connection.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1"
            ).fetchall()
            digest.update(repr((table, rows)).encode())
    return digest.hexdigest()


def integrity(db: Path) -> str:
    with sqlite3.connect(str(db)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@dataclass
class Scenario:
    """`prepare(work)` makes the store the command starts from (returned) and its input files;
    `words(work)` the command line; `tables` what the command may change."""

    name: str
    prepare: Callable[[Path], Path]
    words: Callable[[Path], list[str]]
    tables: tuple[str, ...]
    extra_checks: list[Callable[[Path], list[str]]] = field(default_factory=list)


def _department(work: Path, students: int) -> Path:
    db = work / "start.db"
    run(db, "init")
    run(db, "policy", "import", str(POLICY))
    write_roster(work / "roster.csv", students)
    return db


def _prepare_progress(work: Path) -> Path:
    db = _department(work, 2_000)
    run(db, "students", "import", str(work / "roster.csv"))
    sys_db = sqlite3.connect(str(db))
    courses = sys_db.execute(
        "SELECT c.slug, c.title, p.name FROM courses c JOIN providers p ON p.id = c.provider_id"
    ).fetchall()
    sys_db.close()
    write_export(work / "export.csv", 30_000, 2_000, courses)
    return db


def _prepare_roster(work: Path) -> Path:
    db = _department(work, 30_000)
    return db


SCENARIOS: dict[str, Scenario] = {
    "progress import": Scenario(
        "progress import",
        _prepare_progress,
        lambda work: ["progress", "import", str(work / "export.csv")],
        ("course_progress", "program_certificates", "imports", "students"),
    ),
    "students import": Scenario(
        "students import",
        _prepare_roster,
        lambda work: ["students", "import", str(work / "roster.csv")],
        ("students", "imports"),
    ),
}


@dataclass
class Tally:
    kills: int = 0
    nothing: int = 0
    everything: int = 0
    failures: list[str] = field(default_factory=list)


def attack(scenario: Scenario, kills: int, rng: random.Random, work: Path) -> Tally:
    start = scenario.prepare(work)
    # One run to the end: the state a completed import leaves, and how long it takes.
    whole = work / "whole.db"
    shutil.copy(start, whole)
    began = time.monotonic()
    run(whole, *scenario.words(work))
    duration = time.monotonic() - began
    before, after = state(start, scenario.tables), state(whole, scenario.tables)
    tally = Tally()
    for n in range(kills):
        db = work / "victim.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(start, db)
        process = subprocess.Popen(
            advisor_argv(db, *scenario.words(work)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        # Half the kills anywhere, half around the end, where the commit is.
        late = rng.random() < 0.5
        time.sleep(rng.uniform(0.8, 1.2) * duration if late else rng.uniform(0, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        tally.kills += 1
        ok = integrity(db)
        if ok != "ok":
            tally.failures.append(f"kill {n}: integrity check says {ok}")
            continue
        now = state(db, scenario.tables)
        if now == before:
            tally.nothing += 1
        elif now == after:
            tally.everything += 1
        else:
            tally.failures.append(f"kill {n}: a half import (neither nothing nor everything)")
        for check in scenario.extra_checks:
            tally.failures += [f"kill {n}: {problem}" for problem in check(db)]
    return tally


def main(argv: list[str] | None = None) -> int:
    # every command acts as a signed-in account since accounts (issue 11); `init` makes it
    os.environ.setdefault("ADVISOR_USER", "bench")
    os.environ.setdefault("ADVISOR_PASSWORD", "bench password")
    os.environ.setdefault("ADVISOR_KEY_PASSPHRASE", "bench passphrase")  # for the key it makes
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    failed = False
    for name in args.scenario or sorted(SCENARIOS):
        with tempfile.TemporaryDirectory() as folder:
            tally = attack(SCENARIOS[name], args.kills, rng, Path(folder))
        print(
            f"{name:<18} {tally.kills} kills: {tally.nothing} left nothing, {tally.everything} "
            f"left the whole import, {len(tally.failures)} failed checks"
        )
        for failure in tally.failures:
            print("   ", failure)
        failed = failed or bool(tally.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
