"""Memory stays bounded (issue 16, item 6): a 1,000,000-row roster imports (or is refused) in
under 1 GB, and no file under 10 MB takes more than 500 MB.

Run by hand:  python bench/bench_roster_memory.py [--rows 1000000]
Each case runs `advisor students import` in its own process; prints its time, its peak memory
(wait4's maxrss) and the peak of a plain `advisor students list` in the same run as a baseline.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_progress_import import write_roster  # noqa: E402

POLICY = REPO / "resources" / "demo" / "policy.json"


def measured(db: Path, *words: str) -> tuple[float, float, str]:
    """(seconds, peak MB, first line of the outcome) of one advisor command in its own process."""
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--db", str(db), *words],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    seconds = time.monotonic() - began
    return seconds, usage.ru_maxrss / 1024, (output.strip().splitlines() or ["(nothing)"])[0][:70]


def huge_cell_xlsx(path: Path, characters: int) -> None:
    """A workbook of about 1 MB whose one cell unpacks to `characters` characters (written in
    chunks: the bench itself stays small)."""
    from openpyxl import Workbook

    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Roll No'
        '</t></is></c><c r="B1" t="inlineStr"><is><t>'
    )
    tail = "</t></is></c></row></sheetData></worksheet>"
    plain = path.with_suffix(".plain.xlsx")
    Workbook().save(plain)
    chunk = b"x" * 1_000_000
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, source.read(item))
                continue
            with out.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(head.encode())
                for _ in range(characters // len(chunk)):
                    sheet.write(chunk)
                sheet.write(tail.encode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        start = tmp / "start.db"
        subprocess.run(
            [sys.executable, str(REPO / "main.py"), "--db", str(start), "init"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                sys.executable,
                str(REPO / "main.py"),
                "--db",
                str(start),
                "policy",
                "import",
                str(POLICY),
            ],
            check=True,
            capture_output=True,
        )

        def fresh() -> Path:
            db = tmp / "case.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            db.write_bytes(start.read_bytes())
            return db

        cases: list[tuple[str, Path]] = []
        big = tmp / "roster-big.csv"
        write_roster(big, args.rows)
        cases.append((f"roster CSV, {args.rows:,} rows", big))
        ten = tmp / "roster-10mb.csv"
        write_roster(ten, 120_000)
        cases.append(("roster CSV, 120,000 rows", ten))
        cell = tmp / "one-huge-cell.csv"
        cell.write_text("Roll No,Name,Program,Intake\nx," + "y" * 9_000_000 + ",BSCS,Fall 2023\n")
        cases.append(("CSV, one 9 MB cell", cell))
        xlsx = tmp / "one-huge-cell.xlsx"
        huge_cell_xlsx(xlsx, 1_000_000_000)
        cases.append(("XLSX, one cell of 10^9 characters", xlsx))

        base_s, base_mb, _ = measured(fresh(), "students", "list")
        print(f"{'case':<40} {'file MB':>8} {'seconds':>8} {'peak MB':>8}  outcome")
        print(f"{'baseline: students list':<40} {'':>8} {base_s:8.1f} {base_mb:8.0f}")
        for label, path in cases:
            seconds, peak, outcome = measured(fresh(), "students", "import", str(path))
            size = path.stat().st_size / 1e6
            print(f"{label:<40} {size:8.1f} {seconds:8.1f} {peak:8.0f}  {outcome}")


if __name__ == "__main__":
    main()
