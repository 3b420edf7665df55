"""Readers never need the write lock; a read-only file opens read-only; a writer that waits
is told who holds the lock and for how long, in words (issue 16, item 4)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from advisor.model import database, write_lock
from advisor.model.errors import DatabaseError
from advisor.model.services import Services, open_services
from tests.conftest import seat_admin

pytestmark = pytest.mark.sqlite_only  # a test of the file: its backups, locks, bytes


def _hold_write_lock(file: Path) -> sqlite3.Connection:
    """Another program in the middle of a long write (a roster import, say)."""
    other = sqlite3.connect(str(file), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE students SET name = name")
    return other


def test_reads_run_beside_a_writer(department: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    file = department.db.file
    assert file is not None
    other = _hold_write_lock(file)
    try:
        assert len(department.students.list()) > 0
        assert department.catalog.summary().courses > 0
        assert department.letters.list() == []
        assert department.audit.audit_student(
            department.students.list()[0].roll_no, today=date(2026, 1, 15)
        )
    finally:
        other.rollback()
        other.close()


def test_a_reader_cannot_write(services: Services) -> None:
    from advisor.model.schema import Setting

    with pytest.raises(DatabaseError, match="read-only"):
        with services.db.read() as session:
            session.add(Setting(key="sneaky", value="x"))
            session.flush()


def test_a_waiting_writer_names_the_holder_and_the_wait(
    department: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = department.db.file
    assert file is not None
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    # The holder is another live process: its note says what it is doing.
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        other = _hold_write_lock(file)
        note = write_lock.note_path(file)
        note.write_text(
            f'{{"pid": {holder.pid}, "label": "advisor progress import", '
            '"since": "2026-01-15T10:00:00"}'
        )
        waiting = open_services(str(file), create=False)
        seat_admin(waiting)
        with pytest.raises(DatabaseError) as caught:
            waiting.notes.add_note(
                waiting.students.list()[0].roll_no, "hello", written_on=date(2026, 1, 15)
            )
        waiting.close()
        other.rollback()
        other.close()
    finally:
        holder.kill()
        holder.wait()
    message = str(caught.value)
    assert f"advisor progress import (process {holder.pid}" in message
    assert "waited" in message and "Nothing was changed" in message
    for leak in ("sqlalche", "[SQL", "BEGIN", "sqlite://"):
        assert leak not in message


def test_the_lock_note_lives_only_while_writing(department: Services) -> None:
    file = department.db.file
    assert file is not None
    seen: list[bool] = []
    with department.db.begin() as session:
        session.execute(text("UPDATE students SET name = name"))
        seen.append(write_lock.note_path(file).exists())
        assert oct(write_lock.note_path(file).stat().st_mode & 0o777) == "0o600"
    assert seen == [True]
    assert not write_lock.note_path(file).exists()


def test_a_stale_note_is_not_blamed(tmp_path: Path) -> None:
    file = tmp_path / "sanad.db"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    write_lock.note_path(file).write_text(
        f'{{"pid": {dead.pid}, "label": "advisor students import", "since": "2026-01-15T10:00:00"}}'
    )
    assert write_lock.current_holder(file) is None
    assert "another program" in str(write_lock.waited_too_long(file, 10))


@pytest.fixture
def read_only_store(department: Services) -> Path:
    file = department.db.file
    assert file is not None
    department.close()
    # Fold the WAL into the file, as a copy on a USB stick or a shared folder would be.
    connection = sqlite3.connect(str(file))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    file.chmod(0o444)
    yield file
    file.chmod(0o600)


def test_a_read_only_file_opens_read_only_and_says_so(read_only_store: Path) -> None:
    before = read_only_store.read_bytes()
    opened = open_services(str(read_only_store), create=False)
    seat_admin(opened)
    try:
        assert opened.db.read_only
        assert opened.students.list()
        assert opened.letters.verify("0000-0000-0000-0000").status == "unknown"
        target = read_only_store.with_name("copy.db")
        opened.backup.backup(target)
        assert target.stat().st_size > 0
        with pytest.raises(DatabaseError, match="read-only"):
            opened.notes.add_note(
                opened.students.list()[0].roll_no, "hello", written_on=date(2026, 1, 15)
            )
    finally:
        opened.close()
    assert read_only_store.read_bytes() == before
    assert not read_only_store.with_name(read_only_store.name + "-wal").exists()


def test_cli_lists_a_read_only_file_with_a_note(read_only_store: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(repo / "main.py"), "--db", str(read_only_store), "students", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )
    assert result.returncode == 0, result.stderr
    assert "is read-only" in result.stderr
    assert result.stdout.strip()
