"""The import, backup and demo commands as a clerk runs them: exit codes, `error:` lines, JSON.

Run in-process through the real entry point (argument parsing, services, error handling) to keep
the suite fast; one case runs a real process, as tests/test_cli.py does for the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli.main import main
from tests.test_cli import advisor, assert_one_line_error

USAGE = "coursera-usage-report.csv"


class Cli:
    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db, self.capsys = db, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(self.db), *args])
        except SystemExit as exit_:  # argparse's usage errors
            code = int(exit_.code or 0)
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out

    def refused(self, *args: str, code: int = 1) -> str:
        got, _, err = self(*args)
        assert got == code and "Traceback" not in err
        assert err.startswith("error:") or "\nerror:" in err
        return err


@pytest.fixture
def cli(db_location: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_location, capsys)
    run.ok("init")
    return run


def test_department_import_commands(cli: Cli, samples: Path, tmp_path: Path) -> None:
    cli.ok("policy", "import", str(samples / "policy.json"))
    assert "10 new students" in cli.ok("students", "import", str(samples / "roster.csv"))
    assert "Dry run: nothing was written" in cli.ok(
        "progress", "import", str(samples / USAGE), "--dry-run"
    )
    assert "86 new" in cli.ok("progress", "import", str(samples / USAGE))
    cli.ok("progress", "import", str(samples / "coursera-specialization-report.csv"))
    data = json.loads(cli.ok("students", "show", "fa23-bba-002", "--json"))
    assert data["roll_no"] == "fa23-bba-002" and data["degree"] == "BBA"
    assert data["courses"] == []  # her course rows are in the CourseActivity file
    assert data["program_certificates"] == [
        {
            "slug": "meta-social-media-marketing",
            "completed_on": "2024-08-20",
            "certificate": "https://coursera.org/verify/professional-cert/7QX2M9PLK4RT",
        }
    ]
    first = json.loads(cli.ok("students", "show", "fa23-bcs-001", "--json"))
    assert len(first["courses"]) == 10
    assert set(first["courses"][0]) == {
        "slug",
        "status",
        "progress",
        "grade",
        "completed_on",
        "certificate",
    }
    assert "Courses (10 completed of 10)" in cli.ok("students", "show", "fa23-bcs-001")

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Email,Course Slug,Completed\nm.ali@dist.edu.pk,python,Maybe\n", encoding="utf-8"
    )
    assert "line 2, column C (Completed): 'Maybe' is not Yes or No." in cli.refused(
        "progress", "import", str(bad)
    )
    cli.refused("students", "import", str(tmp_path / "none.csv"))
    cli.refused("students", "show", "zz-999")
    cli.refused("policy", "import", str(samples / "roster.csv"))
    cli.refused("progress", "import", code=2)
    cli.ok("policy", "export", str(tmp_path / "p.json"))
    assert json.loads((tmp_path / "p.json").read_text())["degrees"]


@pytest.mark.sqlite_only
def test_backup_and_restore_commands(cli: Cli, samples: Path, tmp_path: Path) -> None:
    cli.ok("policy", "import", str(samples / "policy.json"))
    assert "Backup written" in cli.ok("backup", "-o", str(tmp_path / "b.db"))
    cli.ok("students", "import", str(samples / "roster.csv"))
    assert "was saved to" in cli.ok("restore", str(tmp_path / "b.db"))
    assert json.loads(cli.ok("students", "list", "--json")) == []
    assert "not a SQLite file" in cli.refused("restore", str(samples / "roster.csv"))
    cli.refused("backup", code=2)


def test_init_demo_twice(cli: Cli) -> None:
    assert "Demo department loaded" in cli.ok("init", "--demo")
    assert "already loaded; nothing changed" in cli.ok("init", "--demo")
    listed = json.loads(cli.ok("students", "list", "--json"))
    assert len(listed) == 10 and {"roll_no", "name", "degree", "intake"} <= set(listed[0])


def test_a_refused_file_is_one_error_line_in_a_real_process(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("home")
    db = str(tmp_path / "x.db")
    assert advisor("--db", db, "init", home=home).returncode == 0
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    refused = advisor("--db", db, "progress", "import", str(junk), home=home)
    assert_one_line_error(refused)
    assert "junk.xlsx is not a readable Excel (.xlsx) workbook" in refused.stderr
