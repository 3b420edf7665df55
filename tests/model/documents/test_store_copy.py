"""`db copy`: a whole database into another, empty store, in one transaction there, checked by
row counts, the letters' seals and the change log's chain (issue 14, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, insert, select

from advisor.model import database_copy
from advisor.model.database import head_revision, open_database, sanad_file_revision
from advisor.model.database_copy import data_tables, write_backup_file
from advisor.model.errors import PermissionDenied, ValidationError
from advisor.model.schema import Setting
from advisor.model.services import Services, open_services
from advisor.model.services.backup_service import restore_database
from tests.conftest import seat_admin, seat_as
from tests.model.documents.conftest import TODAY, certify
from tests.server_marks import server_only


def rows_of(services: Services) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every data table, in key order: what a copy must hold exactly."""
    with services.db.read() as session:
        return {
            t.name: [tuple(r) for r in session.execute(select(t).order_by(*t.primary_key))]
            for t in data_tables()
        }


@pytest.fixture
def register(certified: Services) -> Services:
    """Two letters issued, one of them revoked: seals, events and a signed change log."""
    first = certified.letters.issue("fa23-bcs-001", today=TODAY).record
    certified.letters.revoke(first.reference, reason="issued in error")
    certified.letters.issue("fa23-bcs-001", today=TODAY)
    return certified


def test_a_copy_holds_every_row_and_its_letters_and_log_check_out(
    register: Services, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    report = register.store_copy.copy_to(str(target))
    assert report.target == str(target)
    assert report.facts.count("letters") == 2 and report.facts.chain.ok
    assert not report.facts.seal_problems

    copy = open_services(str(target), create=False, keychain=register.keychain)
    seat_admin(copy)
    try:
        assert rows_of(copy) == rows_of(register)  # the copy's own event included
        assert register.history.events()[0].action == "database.copy"
        assert copy.history.verify().ok
        for letter in register.letters.list():
            assert copy.letters.verify(letter.code) == register.letters.verify(letter.code)
        # numbering goes on in the copy where it stopped
        certify(copy, "fa23-bcs-003", "google-it-support", certificate="G-3")
        issued = copy.letters.issue("fa23-bcs-003", today=TODAY).record
        assert issued.reference.endswith("/0003")
    finally:
        copy.close()


def test_a_copy_is_refused_into_a_store_that_holds_data(register: Services, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    register.store_copy.copy_to(str(target))
    before = target.read_bytes()
    with pytest.raises(ValidationError, match="already holds a Sanad database with data"):
        register.store_copy.copy_to(f"sqlite:///{target}")
    assert target.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_copy_is_refused_into_itself_a_folder_or_by_a_non_administrator(
    register: Services, tmp_path: Path
) -> None:
    file = register.db.file
    assert file is not None
    with pytest.raises(ValidationError, match="this database itself"):
        register.store_copy.copy_to(str(file))
    with pytest.raises(ValidationError, match="is a folder"):
        register.store_copy.copy_to(str(tmp_path))
    seat_as(register, "office", "office")
    with pytest.raises(PermissionDenied):
        register.store_copy.copy_to(str(tmp_path / "copy.db"))
    assert not (tmp_path / "copy.db").exists()


def test_a_copy_that_does_not_check_out_is_undone(
    register: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_rows = database_copy.copy_rows

    def one_row_too_many(source: Connection, target: Connection) -> None:
        copy_rows(source, target)
        target.execute(insert(Setting).values(key="stray", value="x"))

    monkeypatch.setattr(database_copy, "copy_rows", one_row_too_many)
    target = tmp_path / "copy.db"
    with pytest.raises(ValidationError, match="did not match the source") as refused:
        register.store_copy.copy_to(str(target))
    assert "settings: " in str(refused.value)
    assert not target.exists()  # a new file that failed is not left behind

    # an empty store made by the migrations stays empty
    open_database(str(target), create=True).dispose()
    empty = rows_of_file(target)
    with pytest.raises(ValidationError, match="did not match the source"):
        register.store_copy.copy_to(str(target))
    assert rows_of_file(target) == empty


def rows_of_file(file: Path) -> int:
    import sqlite3

    with sqlite3.connect(str(file)) as connection:
        return sum(
            connection.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
            for t in data_tables()
        )


def test_a_backup_written_from_a_snapshot_is_the_same_portable_file(
    register: Services, tmp_path: Path
) -> None:
    """What `backup` writes on a server (database_copy.write_backup_file), made here from a file:
    a SQLite file of the migrations' schema holding every row, that restores anywhere."""
    (tmp_path / "usb").mkdir()
    backup = tmp_path / "usb" / "server.sanad"
    write_backup_file(register.db.engine, backup)
    assert [p.name for p in backup.parent.iterdir()] == ["server.sanad"]  # one file, no .partial
    assert backup.stat().st_mode & 0o077 == 0
    assert sanad_file_revision(backup) == head_revision()

    restored = tmp_path / "elsewhere.db"
    restore_database(str(restored), backup)
    copy = open_services(str(restored), create=False)
    seat_admin(copy)
    try:
        assert rows_of(copy) == rows_of(register)
        assert copy.history.verify().ok
    finally:
        copy.close()


@server_only
def test_a_server_goes_to_a_file_and_the_file_to_another_server(
    register: Services, tmp_path: Path
) -> None:
    """The server's twin of the first test, the other way too: a laptop's file onto an empty
    server, whose id sequences go on after the copied ids."""
    from tests.conftest import drop_server_database, server_database

    laptop = tmp_path / "laptop.db"
    register.store_copy.copy_to(str(laptop))
    source = open_services(str(laptop), create=False, keychain=register.keychain)
    seat_admin(source)
    server = server_database()
    try:
        report = source.store_copy.copy_to(server)
        assert report.facts.chain.ok and report.facts.count("letters") == 2
        moved = open_services(server, create=False, keychain=register.keychain)
        seat_admin(moved)
        try:
            assert rows_of(moved) == rows_of(source)
            assert moved.history.verify().ok
            certify(moved, "fa23-bcs-003", "google-it-support", certificate="G-3")
            assert moved.letters.issue("fa23-bcs-003", today=TODAY).record.reference.endswith(
                "/0003"
            )
        finally:
            moved.close()
    finally:
        source.close()
        drop_server_database(server)


@server_only
def test_a_restore_into_the_server_saves_its_data_first_and_keeps_its_register(
    register: Services, tmp_path: Path
) -> None:
    backup = tmp_path / "term-start.sanad"
    register.backup.backup(backup)
    at_backup = rows_of(register)
    certify(register, "fa23-bcs-003", "google-it-support", certificate="G-3")
    later = register.letters.issue("fa23-bcs-003", today=TODAY).record

    result = register.backup.restore(backup)
    assert result.carried.letters == (later.reference,)
    assert result.previous_saved_to is not None and result.previous_saved_to.exists()
    assert register.history.events()[0].action == "restore"
    assert register.history.verify().ok
    assert register.letters.verify(later.code).status == "valid"  # never lost, never reissued
    restored = rows_of(register)
    assert restored["students"] == at_backup["students"]
    saved = open_services(str(result.previous_saved_to), create=False)
    seat_admin(saved)
    try:
        assert later.reference in [letter.reference for letter in saved.letters.list()]
    finally:
        saved.close()


@server_only
def test_a_write_on_another_pc_during_a_restore_stops_it(
    register: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.model import server_restore
    from advisor.model.change_log import record_change
    from advisor.model.errors import ConflictError

    backup = tmp_path / "backup.sanad"
    register.backup.backup(backup)
    saving = server_restore.write_backup_file

    def then_another_pc_writes(engine, target):  # type: ignore[no-untyped-def]
        saving(engine, target)
        with register.db.begin() as session:
            record_change(session, "note.add", "on another PC")

    monkeypatch.setattr(server_restore, "write_backup_file", then_another_pc_writes)
    before = rows_of(register)
    with pytest.raises(ConflictError, match="Nothing was changed"):
        register.backup.restore(backup)
    assert rows_of(register)["students"] == before["students"]
    assert register.history.events()[0].record == "on another PC"
