"""Restoring a backup file into a database server (PostgreSQL).

The same checks as a restore into a file (backup_service.restore_database): the backup's data is
staged into a fresh SQLite database built by the migrations, brought up to date and checked
(seals against the server's institution keys), the server's current data is saved as a backup
file first, and its letter register is carried into the staged copy (register_carry works on
those two files). Only then, in one transaction on the server, are its tables emptied (TRUNCATE:
the register's row triggers refuse DELETE, and must) and filled from the staged copy, checked
like a `db copy` before the commit. Other PCs wait on the table locks meanwhile and then see the
restored data; anything written on another PC after the current data was saved makes the
restore stop, with nothing changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, inspect, select, text

from advisor.model import paths
from advisor.model.database import Database, engine_for
from advisor.model.database_copy import (
    check_copy,
    copy_rows,
    data_tables,
    refill_search,
    store_facts,
    write_backup_file,
)
from advisor.model.errors import ConflictError
from advisor.model.register_carry import CarriedRegister
from advisor.model.restore_staging import stage_backup
from advisor.model.schema import ChangeEvent, Letter, LetterEvent, LetterSeries, SigningKey


def saved_before_restore(database: str) -> Path:
    """Where the server's data goes before a restore replaces it: this PC's data folder."""
    folder = paths.private_dir(paths.data_dir() / "server-backups")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{database or 'server'}-before-restore-{stamp}.db"


def restore_into_server(
    db: Database, source: Path, checks: Sequence[object] = ()
) -> tuple[str, str, Path, CarriedRegister]:
    """(schema in the file, schema now, where the replaced data was saved, what was carried)."""
    from advisor.model.services.backup_service import (
        bring_up_to_date,
        carry_current_register,
    )

    with db.read() as session:
        keys = {bytes(k) for k in session.scalars(select(SigningKey.public_key))} or None
    with tempfile.TemporaryDirectory(prefix="sanad-restore-") as folder:
        staged = Path(folder) / "restoring.db"
        schema_in_file = stage_backup(source, staged)
        schema_now = bring_up_to_date(staged, source, checks, keys)  # type: ignore[arg-type]
        previous = saved_before_restore(db.engine.url.database or "")
        write_backup_file(db.engine, previous)
        carried, _ = carry_current_register(previous, staged, replace_unreadable=False)
        saved_state = _register_state_of_file(previous)
        staged_engine = engine_for(f"sqlite:///{staged}", label="a restore")
        try:
            with staged_engine.connect() as restored, db.engine.begin() as server:
                _lock_writers(server)
                if _register_state(server) != saved_state:
                    raise ConflictError(
                        "Someone changed the server's data (on another PC) while the restore was "
                        "being prepared. Nothing was changed: run the restore again."
                    )
                _empty(server)
                copy_rows(restored, server)
                refill_search(server)
                check_copy(store_facts(restored), store_facts(server), "the server")
        finally:
            staged_engine.dispose()
    return schema_in_file, schema_now, previous, carried


def _register_state(connection: Connection) -> tuple[object, ...]:
    """Changes whenever anything is written (every write appends to the change log), and
    whenever a letter, an event or a series changes."""
    last = connection.execute(
        select(ChangeEvent.id, ChangeEvent.hash).order_by(ChangeEvent.id.desc()).limit(1)
    ).first()
    return (
        tuple(last) if last else None,
        tuple(connection.execute(select(func.count(), func.max(Letter.id))).one()),
        tuple(connection.execute(select(func.count(), func.max(LetterEvent.id))).one()),
        tuple(
            tuple(row)
            for row in connection.execute(
                select(LetterSeries.prefix, LetterSeries.year, LetterSeries.last_serial).order_by(
                    LetterSeries.prefix, LetterSeries.year
                )
            )
        ),
    )


def _register_state_of_file(file: Path) -> tuple[object, ...]:
    engine = engine_for(f"sqlite:///{file}", label="a restore")
    try:
        with engine.connect() as connection:
            return _register_state(connection)
    finally:
        engine.dispose()


def _lock_writers(server: Connection) -> None:
    """Nothing is written on another PC between the check and the commit: every write appends
    to the change log under this same lock (change_log.record_change), and so waits."""
    if server.dialect.name == "postgresql":
        server.execute(
            text(
                "LOCK TABLE change_log, letters, letter_events, letter_series "
                "IN SHARE ROW EXCLUSIVE MODE"
            )
        )


def _empty(server: Connection) -> None:
    names = [t.name for t in data_tables()]
    if "catalog_search" in inspect(server).get_table_names():
        names.append("catalog_search")
    quoted = ", ".join(f'"{name}"' for name in names)
    server.execute(text(f"TRUNCATE TABLE {quoted} RESTART IDENTITY CASCADE"))
