"""Letters issued by 1, 2 and 4 clients at once, on PostgreSQL beside SQLite, in one run.

    .venv/bin/python bench/bench_server.py [--letters 200] [--pg URL]

Each client is a process with its own connection that issues letters one by one (each numbered,
sealed, signed and committed on its own, as `letter issue` does) to its share of N students.
SQLite serialises writers on the file's lock; PostgreSQL on the letter series' row lock. Without
--pg a throw-away cluster is started in a temp folder (tests/pg_cluster.py) and stopped after.
Prints letters per second per setting and each PostgreSQL rate against SQLite's at the same
number of clients (same run, same machine).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from advisor.model.services import open_services  # noqa: E402
from bench.seated import BENCH_PASSWORD, BENCH_USER, seated  # noqa: E402
from tests.conftest import TEST_PASSPHRASE  # noqa: E402
from tests.model.documents.conftest import TODAY, add_students  # noqa: E402
from tests.pg_cluster import start, stop  # noqa: E402

SAMPLES = REPO / "resources" / "demo"


def make_store(location: str, students: int) -> list[str]:
    services = seated(open_services(location, create=True))
    try:
        services.policy.import_file(SAMPLES / "policy.json", key_passphrase=TEST_PASSPHRASE)
        services.students.import_roster(SAMPLES / "roster.csv")
        return add_students(services, students)
    finally:
        services.close()


def _client(location: str, rolls: list[str], barrier, results) -> None:  # type: ignore[no-untyped-def]
    try:
        services = open_services(location, create=False)
        services.accounts.sign_in(BENCH_USER, BENCH_PASSWORD)
        services.keys.unlock(TEST_PASSPHRASE)
        barrier.wait()
        for roll in rolls:
            services.letters.issue(roll, today=TODAY)
        services.close()
        results.put(len(rolls))
    except BaseException as exc:  # tell the parent instead of leaving it waiting
        results.put(f"{type(exc).__name__}: {exc}")
        barrier.abort()


def run(location: str, rolls: list[str], clients: int) -> float:
    """Letters per second with `clients` processes sharing `rolls`."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(clients + 1), context.Queue()
    workers = [
        context.Process(target=_client, args=(location, rolls[i::clients], barrier, results))
        for i in range(clients)
    ]
    for w in workers:
        w.start()
    barrier.wait()  # every client connected and unlocked: time only the issuing
    started = time.perf_counter()
    answers = [results.get(timeout=3600) for _ in workers]
    failed = [a for a in answers if isinstance(a, str)]
    if failed:
        raise SystemExit(f"a client failed: {failed[0]}")
    issued = sum(answers)
    elapsed = time.perf_counter() - started
    for w in workers:
        w.join()
        assert w.exitcode == 0
    assert issued == len(rolls)
    return issued / elapsed


def server_database(server: str, name: str) -> str:
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=200, help="letters per setting")
    parser.add_argument("--pg", metavar="URL", help="a superuser URL of a throw-away cluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        cluster = None
        server = args.pg
        if server is None:
            cluster = Path(tempfile.mkdtemp(prefix="sanad-bench-pg-"))
            server = start(cluster)
        rates: dict[tuple[str, int], float] = {}
        try:
            for clients in (1, 2, 4):
                for kind in ("sqlite", "postgresql"):
                    location = (
                        str(folder / f"bench-{clients}.db")
                        if kind == "sqlite"
                        else server_database(server, f"sanad_bench_{clients}")
                    )
                    rolls = make_store(location, args.letters)
                    rates[kind, clients] = run(location, rolls, clients)
                    print(
                        f"{kind:<10} {clients} client(s): {rates[kind, clients]:6.1f} letters/s",
                        flush=True,
                    )
        finally:
            if cluster is not None:
                stop(cluster)
        print()
        for clients in (1, 2, 4):
            ratio = rates["postgresql", clients] / rates["sqlite", clients]
            print(f"{clients} client(s): PostgreSQL {ratio:4.2f}x SQLite's rate")
        for kind in ("sqlite", "postgresql"):
            print(f"{kind}: 4 clients {rates[kind, 4] / rates[kind, 1]:4.2f}x one client")


if __name__ == "__main__":
    main()
