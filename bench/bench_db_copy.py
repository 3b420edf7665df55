"""Moving a department's database: `db copy` and a server's `backup`, beside SQLite's own backup.

Run by hand:  python bench/bench_db_copy.py [--students N] [--pg URL]
Builds a store with the sample policy and N students with full progress (bench_audit.fill), then
times in the same run:
  - baseline: SQLite's online backup of the file (what `backup` does on a laptop);
  - `db copy` into a new file (migrations, every row, the checks: counts, seals, the chain);
  - the portable backup written from a snapshot (what `backup` does on a server), from the file;
  - with --pg (or SANAD_TEST_PG_URL: a superuser URL of a throw-away cluster): `db copy` onto an
    empty server database, and the server's `backup` back into a file.
and prints the seconds and the ratio of each to the baseline.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from advisor.model.database import backup_sqlite  # noqa: E402
from advisor.model.database_copy import write_backup_file  # noqa: E402
from advisor.model.services import open_services  # noqa: E402
from bench.bench_audit import SAMPLE_POLICY, fill  # noqa: E402
from bench.seated import seated  # noqa: E402


def timed(label: str, work, baseline: float | None = None) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    ratio = f"  {seconds / baseline:5.1f}x the baseline" if baseline else ""
    print(f"{label:<48} {seconds:7.2f} s{ratio}")
    return seconds


def server_database(admin_url: str, name: str) -> str:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2_000)
    parser.add_argument("--pg", default=os.environ.get("SANAD_TEST_PG_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = base / "laptop.db"
        services = seated(open_services(str(source), create=True))
        services.policy.import_file(SAMPLE_POLICY)
        rows = fill(source, args.students)
        print(f"{args.students} students, {rows} progress rows")

        baseline = timed(
            "baseline: SQLite online backup", lambda: backup_sqlite(source, base / "b.db")
        )
        timed(
            "db copy into a new file",
            lambda: services.store_copy.copy_to(str(base / "c.db")),
            baseline,
        )
        timed(
            "backup from a snapshot (the server's way)",
            lambda: write_backup_file(services.db.engine, base / "d.sanad"),
            baseline,
        )
        if args.pg:
            url = server_database(args.pg, "sanad_bench_copy")
            timed(
                "db copy onto an empty PostgreSQL database",
                lambda: services.store_copy.copy_to(url),
                baseline,
            )
            server = seated(open_services(url, create=False))
            timed(
                "backup of the PostgreSQL database",
                lambda: server.backup.backup(base / "e.sanad"),
                baseline,
            )
            server.close()
        services.close()


if __name__ == "__main__":
    main()
