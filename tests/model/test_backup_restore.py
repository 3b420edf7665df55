import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from advisor.model.database import alembic_config, head_revision
from advisor.model.errors import AdvisorError
from advisor.model.services import Services, open_services
from advisor.model.services.backup_service import restore_database
from tests.conftest import seat_admin
from tests.model.conftest import USAGE, dump

pytestmark = pytest.mark.sqlite_only  # a test of the file: its backups, locks, bytes


def test_backup_is_a_consistent_single_file_while_the_app_writes(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    other = open_services(str(department.db.file))  # a second Sanad on the same file
    seat_admin(other)
    other.progress.import_export(samples / USAGE)  # committed in the WAL, not checkpointed
    reader = sqlite3.connect(str(department.db.file))
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM students").fetchone()  # a reader mid-transaction
    result = department.backup.backup(tmp_path / "backup.db")
    reader.rollback()
    reader.close()
    other.close()
    assert result.schema == head_revision()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == [
        "backup.db"
    ]
    with sqlite3.connect(str(tmp_path / "backup.db")) as copy:
        assert copy.execute("SELECT count(*) FROM course_progress").fetchone() == (86,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_replaces_the_database_and_keeps_the_one_it_replaced(
    department: Services, samples: Path, tmp_path: Path
) -> None:
    department.backup.backup(tmp_path / "term-start.db")
    at_backup = dump(department)
    department.progress.import_export(samples / USAGE)
    after_import = dump(department)
    result = department.backup.restore(tmp_path / "term-start.db")
    restored = dump(department).splitlines()
    # the backup's data, and the restore recorded on its change log
    assert [x for x in restored if "'restore','term-start.db'" not in x] == at_backup.splitlines()
    assert department.history.events()[0].action == "restore"
    assert department.students.show("fa23-bcs-001").courses == ()  # the services work on
    assert result.previous_saved_to is not None
    with sqlite3.connect(str(result.previous_saved_to)) as saved:
        assert "\n".join(saved.iterdump()) == after_import


def sqlite_with(path: Path, sql: str) -> Path:
    with sqlite3.connect(str(path)) as c:
        c.executescript(sql)
    return path


@pytest.mark.parametrize("kind", ["text", "damaged", "foreign", "newer", "empty"])
def test_restore_refuses_files_that_are_not_good_sanad_backups(
    department: Services, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / f"{kind}.db"
    if kind == "text":
        source.write_text("Roll No,Name\n", encoding="utf-8")
        message = "not a SQLite file"
    elif kind == "damaged":
        department.backup.backup(source)
        data = bytearray(source.read_bytes())
        data[4096:12288] = b"\xff" * 8192
        source.write_bytes(bytes(data))
        message = "damaged"
    elif kind == "foreign":
        sqlite_with(source, "CREATE TABLE invoices (id INTEGER PRIMARY KEY);")
        message = "not a Sanad database"
    elif kind == "newer":
        department.backup.backup(source)
        sqlite_with(source, "UPDATE alembic_version SET version_num = '9999';")
        message = "newer version of Sanad"
    else:
        source.write_bytes(b"")
        message = "not a Sanad database"
    before = dump(department)
    with pytest.raises(AdvisorError, match=message):
        department.backup.restore(source)
    assert dump(department) == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_an_older_backup_is_upgraded_on_restore(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{old}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    live = tmp_path / "live.db"
    open_services(str(live)).close()
    result = restore_database(str(live), old)
    assert (result.schema_in_file, result.schema_now) == ("0001", head_revision())
    with sqlite3.connect(str(old)) as c:  # the backup file itself is never altered
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    reopened = open_services(str(live), create=False)
    assert reopened.catalog.summary().courses > 0
    reopened.close()


def test_a_damaged_current_database_can_still_be_restored(
    department: Services, tmp_path: Path
) -> None:
    department.backup.backup(tmp_path / "good.db")
    live = department.db.file
    department.close()
    live.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # unreadable header
    # Its register cannot be read, so the person must accept that its letters are not carried.
    result = restore_database(str(live), tmp_path / "good.db", replace_unreadable=True)
    assert result.previous_saved_to is not None and result.previous_saved_to.exists()
    reopened = open_services(str(live), create=False)
    assert len(reopened.students.list()) == 10
    reopened.close()
