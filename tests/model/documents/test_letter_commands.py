"""The letter commands in-process (main(argv)), as an office clerk types them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from advisor.cli.main import main
from advisor.model.services import Services
from tests.conftest import location_of
from tests.reports.pdf_reading import pdf_text


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_issue_list_verify_revoke_verify_from_the_command_line(
    certified: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location_of(certified)
    code, out, err = run(
        capsys, db, "letter", "issue", "fa23-bcs-001", "-o", str(tmp_path / "a.pdf")
    )
    assert code == 0, err
    year = date.today().year
    assert f"DIST/CERT/{year}/0001" in out and "Ayesha Khan" in pdf_text(
        (tmp_path / "a.pdf").read_bytes()
    )

    code, out, _ = run(capsys, db, "letter", "list", "--json")
    (row,) = json.loads(out)
    assert {k: row[k] for k in ("reference", "roll_no", "credits", "status")} == {
        "reference": f"DIST/CERT/{year}/0001",
        "roll_no": "fa23-bcs-001",
        "credits": 6,
        "status": "issued",
    }
    assert row["issued_on"] == date.today().isoformat() and len(row["code"]) == 19

    code, out, _ = run(capsys, db, "letter", "verify", row["code"], "--json")
    assert code == 0 and json.loads(out)["status"] == "valid" and json.loads(out)["credits"] == 6

    code, out, _ = run(
        capsys, db, "letter", "revoke", row["reference"], "--reason", "duplicate request"
    )
    assert code == 0 and "revoked" in out
    code, out, _ = run(capsys, db, "letter", "verify", row["code"], "--json")
    verdict = json.loads(out)
    assert code == 1 and verdict["status"] == "revoked" and verdict["reference"] == row["reference"]
    code, out, _ = run(capsys, db, "letter", "verify", "0000-0000-0000-0000", "--json")
    assert code == 1 and json.loads(out) == {
        **json.loads(out),
        "status": "unknown",
        "reference": None,
    }


def test_refusals_are_one_line_errors(
    certified: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location_of(certified)
    code, _, err = run(capsys, db, "letter", "issue", "fa23-bcs-003", "-o", str(tmp_path / "b.pdf"))
    assert (
        code == 1 and err.startswith("error: No letter for fa23-bcs-003") and err.count("\n") == 1
    )
    assert not (tmp_path / "b.pdf").exists()
    code, _, err = run(capsys, db, "letter", "issue", "fa23-bcs-001", "-o", str(tmp_path / "b.txt"))
    assert code == 1 and "does not end in .pdf" in err


def test_batch_and_reprint_from_the_command_line(
    certified: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location_of(certified)
    code, out, err = run(
        capsys,
        db,
        "letter",
        "batch",
        "--degree",
        "BSCS",
        "--intake",
        "Fall 2023",
        "-o",
        str(tmp_path / "out"),
    )
    assert code == 0, err
    assert "1 letter(s) issued, 3 student(s) skipped" in out
    assert "skipped fa23-bcs-002" in out and "no verified credits yet" in out
    (letter,) = list((tmp_path / "out").iterdir())
    reference = letter.name.split("_")[0].replace("-", "/")
    code, out, _ = run(capsys, db, "letter", "reprint", reference, "-o", str(tmp_path / "copy.pdf"))
    assert code == 0 and "Duplicate 1" in out
    assert "DUPLICATE" in pdf_text((tmp_path / "copy.pdf").read_bytes())
    code, out, _ = run(capsys, db, "letter", "history", reference)
    assert code == 0 and "issued" in out and "duplicate" in out
