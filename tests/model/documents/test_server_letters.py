"""The department server: clients issuing letters at once, and the server stopping mid-batch."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from advisor.model.schema import Letter, LetterSeries
from advisor.model.services import Services, open_services
from tests.conftest import REPO, location_of
from tests.model.documents.conftest import add_students
from tests.model.documents.test_batch_and_concurrency import _issue_many
from tests.pg_cluster import DATA_ENV, pg_ctl, restart

pytestmark = pytest.mark.postgresql_only


@pytest.mark.parametrize(
    "per_client", [25, pytest.param(250, marks=pytest.mark.long)], ids=["100", "1000"]
)
def test_four_clients_issue_gap_free_numbers(department: Services, per_client: int) -> None:
    """4 processes, each its own connection, issue letters at once: serials 1…N, no gaps, no
    duplicates, and the first letter of the year does not race to create its series row."""
    clients = 4
    rolls = add_students(department, clients * per_client)
    location = location_of(department)
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients)
    results = context.Queue()
    workers = [
        context.Process(target=_issue_many, args=(location, rolls[i::clients], barrier, results))
        for i in range(clients)
    ]
    for w in workers:
        w.start()
    got = [results.get(timeout=60 + 3 * per_client) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    references = [ref for batch in got for ref in batch]
    assert not [r for r in references if r.startswith("error")], references[:3]
    total = clients * per_client
    assert sorted(int(r.rsplit("/", 1)[1]) for r in references) == list(range(1, total + 1))
    with department.db.read() as session:
        assert session.scalars(select(LetterSeries.last_serial)).one() == total
        assert session.scalar(select(func.count()).select_from(Letter)) == total


def _advisor(*args: str, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "ADVISOR_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def _letters(url: str) -> int:
    import psycopg

    with psycopg.connect(url.replace("+psycopg", ""), connect_timeout=5) as connection:
        row = connection.execute("SELECT count(*) FROM letters").fetchone()
    return int(row[0]) if row else 0


def test_the_server_stopping_mid_batch_keeps_the_letters_issued_so_far(
    department: Services, tmp_path: Path
) -> None:
    """pg_ctl stop -m immediate while `letter batch` runs: the command ends with one line that
    says how many letters were issued; after a restart the register has exactly those, numbered
    1…N, and the change log verifies."""
    data = os.environ.get(DATA_ENV)
    if not data:
        pytest.skip(f"the test server's folder is not known ({DATA_ENV}): scripts/test.sh sets it")
    add_students(department, 60)
    url = location_of(department)
    department.close()  # the test's own connections must not outlive the server either
    batch = _advisor(
        "--db",
        url,
        "letter",
        "batch",
        "--degree",
        "BSCS",
        "--output",
        str(tmp_path / "cohort.pdf"),
        home=tmp_path,
    )
    try:
        deadline = time.monotonic() + 120
        while _letters(url) < 5:
            assert batch.poll() is None, batch.communicate()
            assert time.monotonic() < deadline, "the batch issued no letters"
            time.sleep(0.1)
        pg_ctl(Path(data), "-m", "immediate", "stop")
        _, err = batch.communicate(timeout=120)
    finally:
        if not (Path(data) / "postmaster.pid").exists():
            restart(Path(data))
    assert batch.returncode == 1 and "Traceback" not in err
    assert err.startswith("error: The batch stopped") and err.count("\n") == 1, err
    issued = int(err.split(" letter(s) had been issued")[0].rsplit(" ", 1)[1])
    again = open_services(url, create=False)
    try:
        with again.db.read() as session:
            serials = sorted(session.scalars(select(Letter.serial)))
            last = session.scalars(select(LetterSeries.last_serial)).one()
    finally:
        again.close()
    # A letter whose commit reached the server just as it stopped is kept, though unreported.
    assert serials == list(range(1, last + 1)) and last - issued in (0, 1), (serials, issued)
    verify = _advisor("--db", url, "log", "verify", home=tmp_path)
    out, err = verify.communicate(timeout=120)
    assert verify.returncode == 0 and "intact" in out, err
