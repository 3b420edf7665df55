"""The store is created, upgraded (after a backup) and refused exactly as DESIGN §2 and §10 say."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect

from advisor.model.database import alembic_config, head_revision, open_database
from advisor.model.errors import DatabaseError
from advisor.model.schema import Base


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_at_revision(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_new_database_is_created_at_head_with_every_table(db_path: Path) -> None:
    db = open_database(str(db_path))
    assert db.migration.previous is None and db.migration.backup is None
    assert _revision(db_path) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_migrations_match_the_models(db_path: Path) -> None:
    """The migrations, run from empty, build exactly what schema.py declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = open_database(str(db_path))
    with db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    db.dispose()
    assert [d for d in diff if "catalog_search" not in str(d)] == []


def test_older_database_is_backed_up_then_upgraded(db_path: Path) -> None:
    _make_at_revision(db_path, "0001")
    with sqlite3.connect(db_path) as c:
        c.execute("INSERT INTO providers (name) VALUES ('Kept Provider')")
    db = open_database(str(db_path))
    assert db.migration.previous == "0001" and db.migration.current == head_revision()
    backup = db.migration.backup
    assert backup is not None and backup.exists()
    assert _revision(backup) == "0001"
    assert _revision(db_path) == head_revision()
    with sqlite3.connect(db_path) as c:
        assert c.execute("SELECT name FROM providers").fetchall() == [("Kept Provider",)]
    db.dispose()


def test_newer_database_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    c.close()
    before = _digest(db_path)
    files_before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(DatabaseError, match="newer version of Sanad"):
        open_database(str(db_path))
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files_before  # no backup either


def test_damaged_and_foreign_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("this is a letter, not a database")
    with pytest.raises(DatabaseError, match="not a SQLite file"):
        open_database(str(text))
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE things (x)")
    c.close()
    with pytest.raises(DatabaseError, match="not made by Sanad"):
        open_database(str(foreign))


def test_truncated_database_is_reported_as_damaged(db_path: Path) -> None:
    db = open_database(str(db_path))
    db.dispose()
    with sqlite3.connect(db_path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseError):
        open_database(str(db_path))


def test_missing_file_is_not_created_unless_asked(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(DatabaseError, match="no database"):
        open_database(str(missing), create=False)
    assert not missing.exists()
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(str(tmp_path / "no-folder" / "x.db"))
