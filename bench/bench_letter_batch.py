"""The office's batch end to end (issue 13 part 2), run by hand:

    .venv/bin/python bench/bench_letter_batch.py [--students 300]

A database with N students of one degree, each with one verified certification; then, in one run:
- Sanad's `letter batch` into one PDF: audit, numbering, register, seal, journal, commit per
  letter, render, PDF signature, write;
- the baseline: the same letters (as they were registered) drawn by the renderer alone.
Prints milliseconds a letter for both and their ratio (budget: <= 4 ms a letter end to end);
CPU seconds too, since other work may share the cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.model.services import open_services  # noqa: E402
from advisor.reports.letter_renderer import render_letters  # noqa: E402
from bench.seated import seated  # noqa: E402
from tests.model.documents.conftest import add_students  # noqa: E402

PASSPHRASE = "bench passphrase"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    services = seated(open_services(str(folder / "bench.db")))
    services.policy.import_file(REPO / "resources/demo/policy.json", key_passphrase=PASSPHRASE)
    services.students.import_roster(REPO / "resources/demo/roster.csv")
    add_students(services, args.students)
    wall, cpu = time.perf_counter(), time.process_time()
    result = services.letters.issue_batch(
        degree="BSCS", today=date(2026, 1, 20), output=folder / "batch.pdf", per_student=False
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    count = len(result.issued)
    documents = [services.letters.reprint(r.reference).document for r in result.issued[:1]]
    head = services.letters.reprint(result.issued[0].reference).letterhead
    everything = [services.letters.verify(r.code) for r in result.issued]  # sanity: all valid
    assert all(v.status == "valid" for v in everything)
    from dataclasses import replace

    originals = [replace(documents[0], reference=r.reference) for r in result.issued]
    base_wall, base_cpu = time.perf_counter(), time.process_time()
    render_letters(originals, head)
    base_wall, base_cpu = time.perf_counter() - base_wall, time.process_time() - base_cpu
    print(f"{count} letters, one PDF:")
    print(f"  letter batch end to end: {wall / count * 1000:.1f} ms wall, {cpu / count * 1000:.1f} "
          f"ms CPU a letter (budget 4 ms)")  # fmt: skip
    print(f"  renderer alone (baseline): {base_wall / count * 1000:.1f} ms wall, "
          f"{base_cpu / count * 1000:.1f} ms CPU a letter")  # fmt: skip
    print(f"  batch / renderer: {cpu / base_cpu:.1f}x CPU")


if __name__ == "__main__":
    main()
