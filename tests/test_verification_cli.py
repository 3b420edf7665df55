"""`verify-certificate` and `pending` on the command line (in process, for speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from advisor.cli.main import main
from advisor.model.services import Services
from tests.conftest import location_of
from tests.model.audit.store import record_program

ROLL = "fa23-bcs-001"
PY4E = "python-for-everybody"


@pytest.fixture
def db(services: Services, samples: Path, db_path: Path) -> str:
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    record_program(services, ROLL, PY4E, cert="")  # complete, no certificates: pending
    return location_of(services)


def records(db: str) -> list[tuple]:
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    try:
        with engine.connect() as c:
            return [
                c.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("course_progress", "program_certificates", "certificate_checks")
            ]
    finally:
        engine.dispose()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_pending_then_verify_a_program(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "pending", "--degree", "BSCS", "--json")
    assert code == 0
    (item,) = json.loads(out)
    assert (item["roll_no"], item["program"], item["pending_credits"]) == (ROLL, PY4E, 3)
    url = "https://www.coursera.org/account/accomplishments/specialization/PY4E2024"
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "verify-certificate",
        ROLL,
        "--program",
        PY4E,
        "--code",
        url,
        "--note",
        "seen on Coursera",
    )
    assert code == 0 and "certificate PY4E2024 checked by" in out
    code, out, _ = run(capsys, "--db", db, "pending", "--intake", "Fall 2023")
    assert code == 0 and out.strip().endswith(
        "0 completed program(s) of 0 student(s) wait for verification."
    )
    data = json.loads(run(capsys, "--db", db, "audit", ROLL, "--json")[1])
    program = next(p for p in data["programs"] if p["slug"] == PY4E)
    assert program["verified"] and program["certificate"] == "PY4E2024"


def test_verify_a_course_and_refusals(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "verify-certificate",
        ROLL,
        "--course",
        "python-data",
        "--code",
        "ABC123",
    )
    assert code == 0 and "certificate ABC123 checked by" in out
    before = records(db)
    for args, words in (
        (["--course", "python-data", "--code", ""], "Type the certificate code"),
        (["--course", "no-such", "--code", "ABC123"], "There is no course 'no-such'"),
        (["--course", "it-security", "--code", "ABC123"], "not part of fa23-bcs-001's record"),
    ):
        code, out, err = run(capsys, "--db", db, "verify-certificate", ROLL, *args)
        assert code == 1 and err.startswith("error: ") and words in err, err
        assert len(err.strip().splitlines()) == 1
    assert records(db) == before
    with pytest.raises(SystemExit) as usage:  # neither --course nor --program
        main(["--db", db, "verify-certificate", ROLL, "--code", "ABC123"])
    assert usage.value.code == 2
