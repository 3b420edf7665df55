"""The command line as a person uses it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def advisor(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADVISOR_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("ADVISOR_DB", None)
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error:") or "\nerror:" in result.stderr


def test_init_then_catalog_search_finds_python_for_everybody(db_location: str, home: Path) -> None:
    db = db_location
    created = advisor("--db", db, "init", home=home)
    assert created.returncode == 0, created.stderr
    assert "14 programs" in created.stdout
    found = advisor("--db", db, "catalog", "list", "--search", "python", "--json", home=home)
    assert found.returncode == 0, found.stderr
    listing = json.loads(found.stdout)
    assert "python-for-everybody" in [p["slug"] for p in listing["programs"]]
    assert {"slug", "title", "provider", "hours"} <= set(listing["courses"][0])
    students = advisor("--db", db, "students", "list", "--json", home=home)
    assert students.returncode == 0 and json.loads(students.stdout) == []


def test_env_variable_chooses_the_database(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "from-env.db"
    env_run = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "init"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ADVISOR_HOME": str(home), "ADVISOR_DB": str(db)},
    )
    assert env_run.returncode == 0, env_run.stderr
    assert db.exists()


def test_unknown_command_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    assert_one_line_error(advisor("--db", str(tmp_path / "x.db"), "frobnicate", home=home), 2)
    assert not (tmp_path / "x.db").exists()


def test_later_issue_commands_are_absent_not_fake(home: Path) -> None:
    result = advisor("no-such-command", home=home)
    assert_one_line_error(result, 2)


@pytest.mark.parametrize(
    "make_file, message",
    [
        (lambda p: p.write_text("hello, I am not a database"), "not a SQLite file"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200), "damaged"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_bad_database_files_are_one_line_errors_and_untouched(
    tmp_path: Path, home: Path, make_file, message: str
) -> None:
    bad = tmp_path / "bad.db"
    make_file(bad)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = advisor("--db", str(bad), "students", "list", home=home)
    assert_one_line_error(result)
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_missing_database_or_folder(tmp_path: Path, home: Path) -> None:
    assert_one_line_error(advisor("--db", str(tmp_path / "none.db"), "students", "list", home=home))
    assert not (tmp_path / "none.db").exists()
    result = advisor("--db", str(tmp_path / "no" / "x.db"), "init", home=home)
    assert_one_line_error(result)
    assert "does not exist" in result.stderr


def test_unreadable_database(tmp_path: Path, home: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file; permissions cannot make it unreadable")
    db = tmp_path / "x.db"
    assert advisor("--db", str(db), "init", home=home).returncode == 0
    db.chmod(0)
    assert_one_line_error(advisor("--db", str(db), "students", "list", home=home))


def test_an_unreachable_department_server_is_one_line_naming_it(home: Path) -> None:
    """Nothing listens on port 1: psycopg's OperationalError becomes one actionable line."""
    url = "postgresql+psycopg://sanad@127.0.0.1:1/sanad"
    result = advisor("--db", url, "students", "list", home=home)
    assert_one_line_error(result)
    assert "sanad@127.0.0.1:1/sanad cannot be reached" in result.stderr
    assert "that the server is running" in result.stderr
