"""`audit`, `exception` and `plan` on the command line (in process, for speed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from advisor.cli.main import main
from advisor.model.services import Services
from tests.conftest import location_of
from tests.model.audit.store import record_program

ROLL = "fa23-bcs-001"


@pytest.fixture
def db(services: Services, samples: Path, db_path: Path) -> str:
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    record_program(services, ROLL, "google-it-support")
    record_program(services, ROLL, "python-for-everybody", cert="")
    return location_of(services)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_audit_json_has_the_design_fields(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "audit", ROLL, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["student"]["roll_no"] == ROLL
    assert (data["degree"], data["policy_year"], data["credit_cap"]) == ("BSCS", 2023, 9)
    assert (data["eligible_credits"], data["pending_credits"]) == (3, 3)
    req = data["requirements"][0]
    assert {"id", "title", "credits", "status", "satisfied_by", "reason"} <= set(req)
    assert req["satisfied_by"] == ["google-it-support"] and req["status"] == "satisfied"
    prog = next(p for p in data["programs"] if p["slug"] == "python-for-everybody")
    assert {
        "slug",
        "status",
        "verified",
        "completed_on",
        "courses_done",
        "courses_required",
        "credits",
        "counted_for",
        "reason",
    } <= set(prog)
    assert (prog["verified"], prog["counted_for"], prog["completed_on"]) == (
        False,
        "CERT-ELEC-1",
        "2024-03-01",
    )
    assert "projected_credits" not in data and "projected_completion" not in prog


def test_audit_with_plan_adds_projections(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            capsys,
            "--db",
            db,
            "plan",
            "create",
            ROLL,
            "--program",
            "google-ux-design",
            "--start",
            "2026-03-02",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, "--db", db, "audit", ROLL, "--with-plan", "--json")
    data = json.loads(out)
    assert code == 0 and data["projected_credits"] == 9
    ux = next(p for p in data["programs"] if p["slug"] == "google-ux-design")
    assert ux["projected_completion"] > "2026-03-02" and ux["status"] == "not_started"


def test_audit_text_what_if_and_errors(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "audit", ROLL, "--what-if", "BBA")
    assert code == 0 and out.startswith("What-if: degree BBA instead of BSCS")
    code, out, err = run(capsys, "--db", db, "audit", ROLL, "--what-if-year", "2025", "--json")
    assert (
        json.loads(out)["policy_year"] == 2025
        and json.loads(out)["student"]["intake"] == "Fall 2023"
    )
    assert err.count("\n") == 1 and "--what-if-year now means the policy year" in err
    code, out, err = run(capsys, "--db", db, "audit", ROLL, "--what-if-policy", "2025")
    assert code == 0 and err == ""
    assert out.startswith(
        "What-if: the BSCS policy of 2025 instead of 2023 (intake Fall 2023 kept)"
    )
    assert "Compared with the own audit (BSCS policy 2023):" in out
    assert "CERT-ELEC-1" in out.split("Compared with")[1]  # not in the 2025 policy
    code, _, err = run(capsys, "--db", db, "audit", "nobody")
    assert code == 1 and err.startswith("error: There is no student")
    code, _, err = run(capsys, "--db", db, "audit")
    assert code == 1 and "--all" in err
    code, _, err = run(capsys, "--db", db, "audit", "--all", "--with-plan")
    assert code == 1


def test_audit_all_lines_json_and_csv(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--degree", "BSCS")
    assert code == 0 and out.count("\n") == 8 and "7 student(s)." in out
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--intake", "Fall 2023", "--json")
    rows = json.loads(out)
    assert [r["student"]["roll_no"] for r in rows][:2] == ["fa23-bba-001", "fa23-bba-002"]
    target = tmp_path / "cohort.csv"
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--csv", str(target))
    assert code == 0
    table = list(csv.DictReader(target.open(encoding="utf-8")))
    mine = next(r for r in table if r["roll_no"] == ROLL)
    assert (mine["eligible_credits"], mine["pending_credits"]) == ("3", "3") and len(table) == 10
    assert (
        mine["counted_programs"] == "CERT-CORE=google-it-support CERT-ELEC-1=python-for-everybody"
    )


def test_exception_commands(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "exception",
        "add",
        ROLL,
        "--waive",
        "CERT-ELEC-2",
        "--reason",
        "transfer credit",
    )
    assert code == 0 and out.startswith(
        "Exception #1 recorded for fa23-bcs-001: CERT-ELEC-2 waived"
    )
    code, _, err = run(
        capsys,
        "--db",
        db,
        "exception",
        "add",
        ROLL,
        "--substitute",
        "google-ux-design",
        "--reason",
        "x",
    )
    assert code == 1 and "--for SLOT" in err
    code, _, err = run(
        capsys,
        "--db",
        db,
        "exception",
        "add",
        ROLL,
        "--complete-course",
        "python-data",
        "--reason",
        "x",
    )
    assert code == 1 and "--evidence" in err
    code, out, _ = run(capsys, "--db", db, "exception", "list", ROLL, "--json")
    assert [e["kind"] for e in json.loads(out)] == ["waive"]
    assert run(capsys, "--db", db, "exception", "remove", "1")[0] == 0
    code, out, _ = run(capsys, "--db", db, "exception", "list", ROLL, "--all")
    assert "[removed" in out and "1 exception(s)." in out
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "exception", "add", ROLL, "--reason", "no kind"])
    assert usage.value.code == 2


def test_plan_commands(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "plan",
        "create",
        ROLL,
        "--program",
        "google-cybersecurity",
        "--hours-per-week",
        "25",
        "--start",
        "2026-02-02",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["version"] == 1 and data["items"][0]["start"] == "2026-02-02"
    assert any("25 hours a week" in w for w in data["warnings"])
    assert run(capsys, "--db", db, "plan", "approve", ROLL)[0] == 0
    code, out, _ = run(capsys, "--db", db, "plan", "show", ROLL)
    assert "Plan version 1 (approved)" in out and "google-cybersecurity" in out
    code, out, _ = run(capsys, "--db", db, "plan", "suggest", ROLL)
    assert code == 0 and "CERT-ELEC-2" in out
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "plan", "create", ROLL, "--program", "x", "--start", "2026-13-01"])
    assert usage.value.code == 2
    assert "'2026-13-01' is not a date" in capsys.readouterr().err


def test_cohort_json_and_json_lines_equal_each_students_own_audit(
    db: str, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    record_program(services, "fa23-bcs-002", "google-data-analytics")
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--json")
    assert code == 0
    # A JSON array with one student object a line, written as each student is audited.
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    objects = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert json.loads(out) == objects
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--json-lines")
    assert code == 0 and [json.loads(line) for line in out.splitlines()] == objects
    assert len(objects) == 10
    for data in objects:
        roll_no = data["student"]["roll_no"]
        code, one, _ = run(capsys, "--db", db, "audit", roll_no, "--json")
        assert code == 0 and json.loads(one) == data, roll_no


def test_cohort_json_of_nobody_and_of_an_unknown_degree(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--json", "--intake", "1999")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "--db", db, "audit", "--all", "--json-lines", "--intake", "1999")
    assert code == 0 and out == ""
    code, out, err = run(capsys, "--db", db, "audit", "--all", "--json", "--degree", "NOPE")
    assert code == 1 and out == "" and err.startswith("error: There is no degree 'NOPE'")
    code, _, err = run(capsys, "--db", db, "audit", ROLL, "--json-lines")
    assert code == 1 and "--json-lines" in err
