"""Coursera export import: 100,000 rows for 5,000 students (DESIGN §9: < 10 s, < 500 MB).

Run by hand:  python bench/bench_progress_import.py [--rows N] [--students N]
Prints the import time beside the time the plain csv module takes just to read the same file
in the same run, as a ratio, and the process's peak memory (getrusage).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor.model.services import open_services
from advisor.model.services.catalog_service import BUNDLED_CATALOG
from bench.seated import seated  # noqa: E402

SAMPLE_POLICY = Path(__file__).resolve().parent.parent / "resources" / "demo" / "policy.json"
HEADER = [
    "Name",
    "Email",
    "External ID",
    "Course",
    "Course ID",
    "Course Slug",
    "University",
    "Enrollment Time",
    "Class Start Time",
    "Class End Time",
    "Last Course Activity Time",
    "Overall Progress",
    "Total Estimated Learning Hours (since enrolled)",
    "Completed",
    "Removed From Program",
    "Program Slug",
    "Program Name",
    "Collection Name",
    "Collection ID",
    "Completion Time",
    "Course Grade",
    "Course Certificate URL",
    "Contract",
    "Is Enterprise Contract Active",
    "Learning Hours",
    "Course Type",
    "Location City",
    "Location Region",
    "Location Country",
]


def write_roster(path: Path, students: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "Roll No",
                "Name",
                "Father Name",
                "Gender",
                "CNIC",
                "Email",
                "Program",
                "Intake",
                "Semester",
            ]
        )
        for i in range(students):
            out.writerow(
                [
                    f"fa23-bcs-{i:05d}",
                    f"Student {i}",
                    f"Father {i}",
                    "MF"[i % 2],
                    f"35202-{i:07d}-{i % 10}",
                    f"s{i}@dist.edu.pk",
                    "BSCS",
                    "Fall 2023",
                    5,
                ]
            )


def write_export(path: Path, rows: int, students: int, courses: list[tuple[str, str, str]]) -> None:
    """Every field quoted, a BOM, a newline inside a field, ISO timestamps with milliseconds."""
    rng = random.Random(7)
    per_student = rows // students
    start = datetime(2024, 1, 1, 9, 0)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, quoting=csv.QUOTE_ALL)
        out.writerow(HEADER)
        for i in range(students):
            for slug, title, provider in rng.sample(courses, per_student):
                done = rng.random() < 0.6
                when = start + timedelta(days=rng.randrange(700), minutes=rng.randrange(1440))
                stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
                out.writerow(
                    [
                        f"Student {i}",
                        f"S{i}@DIST.edu.pk " if i % 3 else f"s{i}@dist.edu.pk",
                        f"fa23-bcs-{i:05d}",
                        title,
                        "",
                        slug,
                        provider,
                        stamp,
                        stamp,
                        "",
                        stamp,
                        100 if done else rng.randrange(0, 100),
                        "12.5",
                        "Yes" if done else "No",
                        "No",
                        "dist-coursera-2023",
                        "DIST Coursera 2023",
                        "Career tracks\nfor credit",
                        "c-001",
                        stamp if done else "",
                        f"{rng.uniform(50, 100):.1f}" if done else "",
                        f"https://coursera.org/verify/{rng.getrandbits(48):012X}" if done else "",
                        "DIST-2023",
                        "Yes",
                        "11.25",
                        "Course",
                        "Lahore",
                        "Punjab",
                        "Pakistan",
                    ]
                )


def timed(label: str, action):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - began
    print(f"{label:<44} {seconds:7.2f} s")
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        services = seated(open_services(str(tmp / "bench.db"), create=True))
        services.policy.import_file(SAMPLE_POLICY)
        write_roster(tmp / "roster.csv", args.students)
        timed(
            f"roster import ({args.students:,} students)",
            lambda: services.students.import_roster(tmp / "roster.csv"),
        )
        courses = [(c.slug, c.title, c.provider) for c in services.catalog.list().courses]
        export = tmp / "export.csv"
        write_export(export, args.rows, args.students, courses)
        size = export.stat().st_size / 1e6
        print(
            f"export: {args.rows:,} rows, {size:.1f} MB, {len(courses)} catalog courses ({BUNDLED_CATALOG.name})"
        )

        def read_with_csv() -> int:
            with export.open(encoding="utf-8-sig", newline="") as handle:
                return sum(1 for _ in csv.reader(handle))

        baseline, _ = timed("plain csv module, reading only", read_with_csv)
        first, result = timed(
            "progress import (all new)", lambda: services.progress.import_export(export)
        )
        print(f"  {result.describe()}")
        again, result = timed(
            "progress import again (all unchanged)", lambda: services.progress.import_export(export)
        )
        print(f"  {result.describe()}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"ratio import / csv read: {first / baseline:.1f}x (first), {again / baseline:.1f}x (again)"
        )
        verdict = "within" if first < 10 and peak_mb < 500 else "OVER"
        print(
            f"peak memory of the process: {peak_mb:.0f} MB; budget < 10 s and < 500 MB: {verdict}"
        )
        services.close()


if __name__ == "__main__":
    main()
