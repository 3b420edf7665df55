"""The office's batch end to end (issue 13 part 2), run by hand:

    .venv/bin/python bench/bench_letter_batch.py [--students 300] [--stages]

A database with N students of one degree, each with one verified certification; then, in one run:
- Sanad's `letter batch` into one PDF: audit, numbering, register, seal, change log and its
  signed head, journal, a commit per letter, render, PDF signature, write;
- the baseline: the renderer alone (plain ReportLab) drawing exactly the letters the batch drew.
Prints CPU milliseconds a letter for both and their ratio (budget: <= 4 ms a letter end to end);
CPU, not wall-clock time, since other work may share the cores — and under load even CPU time
grows, so compare the ratio. pyHanko's import (once a process, ~0.6 s) is timed apart.
`--stages` splits the batch's time by step (each step's own time, nested steps excluded).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.model.services import open_services  # noqa: E402
from advisor.reports.letter_renderer import render_letters  # noqa: E402
from bench.seated import seated  # noqa: E402
from tests.model.documents.conftest import add_students  # noqa: E402

PASSPHRASE = "bench passphrase"
SERVICES = "advisor.model.services."
STAGES = [  # (module, owner or "", function): the steps `--stages` times
    (SERVICES + "letter_service", "", "audit_loaded"),
    (SERVICES + "letter_register", "", "next_serial"),
    (SERVICES + "letter_register", "", "make_seal"),
    (SERVICES + "letter_register", "", "printed_letter"),
    (SERVICES + "letter_service", "", "register_letter"),
    (SERVICES + "service_base", "", "record_change"),
    (SERVICES + "letter_service", "", "sign_head"),
    (SERVICES + "batch_snapshot", "BatchSnapshot", "signer_for"),
    (SERVICES + "batch_snapshot", "", "lines_with_facts"),
    (SERVICES + "letter_service", "", "read_snapshot"),
    (SERVICES + "letter_service", "", "render_letters"),
    (SERVICES + "letter_service", "", "sign_pdf"),
    (SERVICES + "letter_service", "", "write_atomically"),
]


def time_stages() -> dict[str, float]:
    """Wrap each step so that its own CPU time (less the wrapped steps inside) adds up."""
    totals: dict[str, float] = defaultdict(float)
    inside: list[float] = []

    def timed(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(f)
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            inside.append(0.0)
            try:
                return f(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                totals[name] += spent - inside.pop()
                if inside:
                    inside[-1] += spent

        return run

    for module_name, owner_name, name in STAGES:
        module = importlib.import_module(module_name)
        owner = getattr(module, owner_name) if owner_name else module
        setattr(owner, name, timed(name, getattr(owner, name)))
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--stages", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    services = seated(open_services(str(folder / "bench.db")))
    services.policy.import_file(REPO / "resources/demo/policy.json", key_passphrase=PASSPHRASE)
    services.students.import_roster(REPO / "resources/demo/roster.csv")
    add_students(services, args.students)
    drawn: list[Any] = []
    write = services.letters._write_batch_pdf

    def keep_documents(output: Path, documents: list[Any], head: Any) -> None:
        drawn.append((documents, head))  # the baseline draws exactly these letters
        write(output, documents, head)

    services.letters._write_batch_pdf = keep_documents  # type: ignore[method-assign]
    started = time.process_time()
    import pyhanko.sign  # noqa: F401  (the signer's import, once a process)

    importing = time.process_time() - started
    totals = time_stages() if args.stages else {}
    wall, cpu = time.perf_counter(), time.process_time()
    result = services.letters.issue_batch(
        degree="BSCS", today=date(2026, 1, 20), output=folder / "batch.pdf", per_student=False
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    count = len(result.issued)
    assert all(services.letters.verify(r.code).status == "valid" for r in result.issued)
    documents, head = drawn[0]
    base_wall, base_cpu = time.perf_counter(), time.process_time()
    render_letters(documents, head)
    base_wall, base_cpu = time.perf_counter() - base_wall, time.process_time() - base_cpu
    print(
        f"{count} letters, one signed PDF; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    print(
        f"  letter batch end to end: {cpu / count * 1000:.1f} ms CPU a letter "
        f"({wall / count * 1000:.1f} ms wall; budget 4 ms)"
    )
    print(
        f"  renderer alone (baseline): {base_cpu / count * 1000:.1f} ms CPU a letter "
        f"({base_wall / count * 1000:.1f} ms wall)"
    )
    print(f"  batch / renderer: {cpu / base_cpu:.2f}x CPU")
    print(f"  pyHanko's import, once a process (not above): {importing * 1000:.0f} ms CPU")
    if totals:
        print("  by step (ms CPU a letter):")
        for name, spent in sorted(totals.items(), key=lambda item: -item[1]):
            print(f"    {name:18} {spent / count * 1000:6.2f}")
        print(f"    {'the rest':18} {(cpu - sum(totals.values())) / count * 1000:6.2f}")


if __name__ == "__main__":
    main()
