"""`audit --all` over 10,000 students with full progress (DESIGN §9: < 2 s, one query pass).

Run by hand:  python bench/bench_audit.py [--students N]
Builds a store with the sample policy and N students (BSCS and BBA, several intakes), each with
every course of two to four programs recorded (completed, graded, most with certificates, some
in progress). Then times, in the same run:
  - baseline: a plain SELECT of all progress rows (joined to the course slug), fetched;
  - the `audit --all` path: AuditService.audit_cohort (loading + engine for every student);
  - `audit --all --json` and `--json-lines` (the streamed writer, to a file) beside the same
    streamed audit with no output, and the old writer (every result converted, then one
    indented json.dump) for comparison;
and prints them and their ratios (budgets: load + audit < 0.8 s; JSON output <= 1.5x the audit
without output). Also prints how many students got credits, as a sanity check.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from advisor.cli.audit_commands import write_json_stream  # noqa: E402
from advisor.cli.context import to_jsonable  # noqa: E402
from advisor.model.schema import Course, CourseProgress, Student  # noqa: E402
from advisor.model.services import open_services  # noqa: E402
from advisor.model.store.audit_inputs import (  # noqa: E402
    load_catalog,
    load_degrees,
    load_students,
)
from advisor.speed_tricks import gc_paused  # noqa: E402
from bench.seated import seated  # noqa: E402

SAMPLE_POLICY = Path(__file__).resolve().parent.parent / "resources" / "demo" / "policy.json"
TODAY = date(2026, 1, 31)
INTAKES = [("Fall", 2022), ("Fall", 2023), ("Spring", 2024), ("Fall", 2024), ("Fall", 2025)]


def fill(db_file: Path, students: int) -> int:
    """Students and progress straight through sqlite3 (setting up is not what is measured)."""
    rng = random.Random(11)
    con = sqlite3.connect(str(db_file))
    degrees = dict(con.execute("SELECT code, id FROM degrees"))
    course_ids = dict(con.execute("SELECT slug, id FROM courses"))
    programs: dict[str, list[int]] = {}
    for slug, course in con.execute(
        "SELECT p.slug, c.slug FROM program_courses pc JOIN programs p ON p.id = pc.program_id "
        "JOIN courses c ON c.id = pc.course_id ORDER BY p.slug, pc.position"
    ):
        programs.setdefault(slug, []).append(course_ids[course])
    names = sorted(programs)
    student_rows = []
    for i in range(students):
        code = "BSCS" if i % 3 else "BBA"
        term, year = INTAKES[i % len(INTAKES)]
        student_rows.append(
            (
                i + 1,
                f"r{i:06d}",
                f"Student {i}",
                f"Father {i}",
                "F",
                "",
                f"s{i}@x.pk",
                degrees[code],
                term,
                year,
                5,
                "",
                "2026-01-01 00:00:00",
                "bench",
                "2026-01-01 00:00:00",
            )
        )
    con.executemany(
        "INSERT INTO students (id, roll_no, name, father_name, gender, cnic, email, degree_id, "
        "intake_term, intake_year, semester, advisor_notes, created_at, created_by, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        student_rows,
    )
    progress = []
    for sid in range(1, students + 1):
        taken: set[int] = set()
        for program in rng.sample(names, rng.randint(2, 4)):
            start = date(2023, 10, 1) + timedelta(days=rng.randint(0, 700))
            for k, cid in enumerate(programs[program]):
                if cid in taken:
                    continue
                taken.add(cid)
                done = rng.random() < 0.9
                on = start + timedelta(days=7 * k)
                progress.append(
                    (
                        sid,
                        cid,
                        "completed" if done else "in_progress",
                        100.0 if done else 50.0,
                        rng.choice([None, 65.0, 80.0, 95.0]) if done else None,
                        on.isoformat() if done else None,
                        "https://coursera.org/verify/X" if done and rng.random() < 0.85 else "",
                        "bench",
                        "2026-01-01 00:00:00",
                    )
                )
    con.executemany(
        "INSERT INTO course_progress (student_id, course_id, status, progress, grade, "
        "completed_on, certificate, source, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        progress,
    )
    con.commit()
    con.close()
    return len(progress)


def python_speed() -> float:
    """Seconds for ten million steps of a plain Python loop: how busy this machine is right now
    (typically 0.3-0.5 s on an idle laptop core; more when other work shares the cores)."""
    start, total = time.perf_counter(), 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_file = Path(folder) / "bench.db"
        services = seated(open_services(str(db_file), create=True))
        services.policy.import_file(SAMPLE_POLICY)
        rows = fill(db_file, args.students)
        print(f"{args.students} students, {rows} progress rows")

        start, cpu = time.perf_counter(), time.process_time()
        with services.db.begin() as session:
            read = session.execute(
                select(
                    CourseProgress.student_id,
                    Course.slug,
                    CourseProgress.status,
                    CourseProgress.progress,
                    CourseProgress.grade,
                    CourseProgress.completed_on,
                    CourseProgress.certificate,
                    CourseProgress.verified_by,
                ).join(Course, Course.id == CourseProgress.course_id)
            ).all()  # (the ORM-level read, as the loading itself reads)
        baseline, baseline_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert len(read) == rows

        start, cpu = time.perf_counter(), time.process_time()
        results = services.audit.audit_cohort(today=TODAY)
        audit, audit_cpu = time.perf_counter() - start, time.process_time() - cpu

        # The streamed audit with no output, then written as `audit --all --json[-lines]` does.
        # CPU time, best of two: on a shared machine the wall clock counts others' turns too.
        def cpu_of(write: bool, lines: bool = False) -> float:
            best = float("inf")
            for _ in range(2):
                start = time.process_time()
                stream = services.audit.stream_cohort(today=TODAY)
                if write:
                    with (Path(folder) / "audit.json").open("w", encoding="utf-8") as out:
                        write_json_stream(stream, out, lines=lines)
                else:
                    for _ in stream:
                        pass
                best = min(best, time.process_time() - start)
            return best

        silent = cpu_of(write=False)
        written = {}
        for lines in (False, True):
            took = cpu_of(write=True, lines=lines)
            written[lines] = (took, (Path(folder) / "audit.json").stat().st_size)
        start = time.process_time()
        with (Path(folder) / "old.json").open("w", encoding="utf-8") as out:
            json.dump(
                to_jsonable([r.to_json() for r in results]), out, indent=2, ensure_ascii=False
            )
        old_json = time.process_time() - start

        # The loading alone (the same queries audit_cohort runs), to show where the time goes.
        start, cpu = time.perf_counter(), time.process_time()
        with services.db.begin() as session, gc_paused():
            load_catalog(session), load_degrees(session), load_students(session, select(Student.id))
        load, load_cpu = time.perf_counter() - start, time.process_time() - cpu
        services.close()

    with_credit = sum(1 for r in results if r.eligible_credits + r.pending_credits)
    # CPU time too: on a shared machine the wall clock also counts other processes' turns.
    print(f"plain SELECT of every progress row: {baseline:.3f} s wall, {baseline_cpu:.3f} s CPU")
    print(
        f"audit --all (load + audit {len(results)} students): {audit:.3f} s wall, "
        f"{audit_cpu:.3f} s CPU; {audit / baseline:.1f}x the plain read "
        f"(budget 2 s: {'ok' if audit < 2 else 'OVER'})"
    )
    print(
        f"  of which loading: {load:.3f} s wall, {load_cpu:.3f} s CPU "
        f"(budget load + audit < 0.8 s: {'ok' if audit < 0.8 else 'OVER'})"
    )
    print(f"streamed audit (load + audit), no output: {silent:.3f} s CPU")
    for lines, name in ((False, "--json"), (True, "--json-lines")):
        took, size = written[lines]
        print(
            f"audit --all {name:<12} {took:.3f} s CPU, {size / 1e6:.0f} MB: {took / silent:.2f}x the "
            f"audit without output (budget 1.5x: {'ok' if took <= 1.5 * silent else 'OVER'})"
        )
    print(f"  the old writer (convert everything, indented json.dump) alone: {old_json:.3f} s CPU")
    print(
        f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
        f"a 10-million-step Python loop takes {python_speed():.2f} s here now"
    )
    print(f"students with credits: {with_credit}")


if __name__ == "__main__":
    main()
