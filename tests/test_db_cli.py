"""`advisor db copy --to`: as a person runs it (issue 14, item 3)."""

from __future__ import annotations

from pathlib import Path

from tests.server_marks import server_only
from tests.test_cli import advisor, assert_one_line_error


def test_db_copy_into_a_new_file_then_refused_into_it_again(tmp_path: Path) -> None:
    home, source, target = tmp_path / "home", tmp_path / "laptop.db", tmp_path / "moved.db"
    assert advisor("--db", str(source), "init", "--admin", "admin", home=home).returncode == 0
    copied = advisor("--db", str(source), "db", "copy", "--to", str(target), home=home)
    assert copied.returncode == 0, copied.stderr
    assert f"into {target}; every table's row count matches" in copied.stdout
    assert "Change log: 3 event(s), intact." in copied.stdout
    verified = advisor("--db", str(target), "log", "verify", home=home)
    assert verified.returncode == 0 and "intact: 3 event(s)" in verified.stdout

    again = advisor("--db", str(source), "db", "copy", "--to", f"sqlite:///{target}", home=home)
    assert_one_line_error(again)
    assert "already holds a Sanad database with data" in again.stderr


def test_db_copy_needs_a_target(tmp_path: Path) -> None:
    result = advisor("--db", str(tmp_path / "x.db"), "db", "copy", home=tmp_path)
    assert result.returncode == 2 and "--to" in result.stderr


def test_db_local_forgets_the_server_without_opening_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "data" / "server.json").write_text(
        '{"format": "sanad-connection/1", "host": "127.0.0.1", "port": 1, '
        '"database": "sanad", "user": "office"}',
        encoding="utf-8",
    )
    refused = advisor("students", "list", home=home)  # the saved server, unreachable
    assert_one_line_error(refused)
    assert "cannot be reached" in refused.stderr
    back = advisor("db", "local", home=home)
    assert back.returncode == 0 and "no longer connects to office@127.0.0.1:1/sanad" in back.stdout
    assert not (home / "data" / "server.json").exists()
    assert advisor("init", "--admin", "admin", home=home).returncode == 0  # the local file


@server_only
def test_db_copy_onto_a_server_then_backup_and_restore_there(
    tmp_path: Path, db_location: str
) -> None:
    home, laptop = tmp_path / "home", tmp_path / "laptop.db"
    assert advisor("--db", str(laptop), "init", "--admin", "admin", home=home).returncode == 0
    copied = advisor("--db", str(laptop), "db", "copy", "--to", db_location, home=home)
    assert copied.returncode == 0, copied.stderr
    verified = advisor("--db", db_location, "log", "verify", home=home)
    assert verified.returncode == 0 and "intact: 3 event(s)" in verified.stdout, verified.stderr

    backup = tmp_path / "server.sanad"
    made = advisor("--db", db_location, "backup", "-o", str(backup), home=home)
    assert made.returncode == 0, made.stderr
    assert backup.read_bytes().startswith(b"SQLite format 3")
    asked = advisor("--db", db_location, "restore", str(backup), home=home)
    assert_one_line_error(asked)
    assert "add --yes" in asked.stderr
    restored = advisor("--db", db_location, "restore", "--yes", str(backup), home=home)
    assert restored.returncode == 0, restored.stderr
    assert "The data it replaced was saved to" in restored.stdout
    elsewhere = advisor("--db", str(tmp_path / "elsewhere.db"), "restore", str(backup), home=home)
    assert elsewhere.returncode == 0, elsewhere.stderr  # a server's backup restores anywhere
