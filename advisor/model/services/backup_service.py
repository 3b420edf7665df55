"""Backup and restore of the whole SQLite database.

A backup is SQLite's online backup: a consistent copy even while the app (or another Sanad on
the same file) is writing. A restore checks the file first (SQLite, undamaged, a Sanad schema
this version knows), brings an older one up to date on a copy, backs up the current database,
and only then replaces it — so a failed restore leaves the current database as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from advisor.model.database import (
    BUSY_TIMEOUT_MS,
    backup_sqlite,
    open_database,
    resolve_location,
    sanad_file_revision,
    sqlite_file,
)
from advisor.model.errors import ValidationError
from advisor.model.roles import Role
from advisor.model.services.register_check import register_problems
from advisor.model.services.service_base import Service

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    schema: str


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    schema_in_file: str
    schema_now: str
    previous_saved_to: Path | None


def _live_file(url: str) -> Path:
    file = sqlite_file(url)
    if file is None:
        raise ValidationError(
            "Backup and restore copy a SQLite database file; for a database server use the "
            "server's own tools (for PostgreSQL: pg_dump and pg_restore)."
        )
    return file


class BackupService(Service):
    def backup(self, target: Path) -> BackupResult:
        """Write a consistent copy of the database to `target` (safe while others write)."""
        self._require_role(Role.ADMINISTRATOR, "making a backup")
        live = _live_file(self._db.url)
        target = target.expanduser()
        if target.exists() and target.resolve() == live.resolve():
            raise ValidationError(
                "The backup cannot overwrite the database it copies: choose another file."
            )
        if target.is_dir():
            raise ValidationError(
                f"{target} is a folder: give the backup a file name, e.g. sanad-backup.db."
            )
        if not target.parent.is_dir():
            raise ValidationError(f"The folder {target.parent} does not exist.")
        with self._db.begin() as session:  # the copy holds its own "backup" event
            self._record(session, "backup", target.name)
        try:
            backup_sqlite(live, target)
        except (OSError, sqlite3.Error) as exc:
            raise ValidationError(f"The backup to {target} failed: {exc}.") from exc
        return BackupResult(target, target.stat().st_size, sanad_file_revision(target))

    def scratch_copy(self, target: Path) -> None:
        """A throw-away copy for the screenshot tour, which acts on it to show each screen at its
        best; any signed-in role may make it (it stays in a temporary folder)."""
        self._require_role(Role.VIEWER, "making a scratch copy")
        backup_sqlite(_live_file(self._db.url), target)

    def restore(self, source: Path) -> RestoreResult:
        """Replace this database with the backup `source` (the current one is saved first)."""
        self._require_role(Role.ADMINISTRATOR, "restoring a backup")
        self._db.dispose()  # our own pooled connections must not hold the file during the swap
        result = restore_database(self._db.url, source)
        with self._db.begin() as session:  # the restored chain goes on with the restore itself
            self._record(session, "restore", source.name, summary="database replaced by the backup")
        return result


def restore_database(location: str | None, source: Path) -> RestoreResult:
    """Restore without opening the current database, which may be the damaged one."""
    live = _live_file(resolve_location(location))
    source = source.expanduser()
    if not source.is_file():
        raise ValidationError(f"There is no backup file at {source}.")
    if live.exists() and source.resolve() == live.resolve():
        raise ValidationError("That file is the current database itself; choose a backup file.")
    schema_in_file = sanad_file_revision(source)  # refuses non-SQLite, damaged, foreign, newer
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staged = live.with_name(f"{live.name}.restoring")
    _remove(staged)
    try:
        backup_sqlite(source, staged)
        migrated = open_database(str(staged), create=False)  # brings an older schema up to date
        schema_now = migrated.migration.current
        try:
            with migrated.begin() as session:
                problems = register_problems(session, _keys_held(live))
        finally:
            migrated.dispose()
        if problems:
            raise ValidationError(
                f"{source.name} was not restored: its letter register no longer matches the "
                "letters' seals (the file was edited):",
                problems,
            )
        if migrated.migration.backup is not None:
            _remove(migrated.migration.backup)  # a copy of the copy: the backup file itself stays
        previous = None
        if live.exists() and live.stat().st_size > 0:
            previous = live.with_name(f"{live.stem}.before-restore-{stamp}{live.suffix or '.db'}")
            _save_current(live, previous)
        _replace(staged, live)
    finally:
        _remove(staged)
    log.info("restored %s from %s (schema %s -> %s)", live, source, schema_in_file, schema_now)
    return RestoreResult(source, schema_in_file, schema_now, previous)


def _keys_held(live: Path) -> set[bytes] | None:
    """The public keys of the institution in the current database: a backup's letters must be
    sealed with one of them (None when there is no current database or key to compare with)."""
    if not live.exists():
        return None
    try:
        with sqlite3.connect(f"file:{live}?mode=ro", uri=True) as connection:
            keys = {bytes(k) for (k,) in connection.execute("SELECT public_key FROM signing_keys")}
    except sqlite3.DatabaseError:
        return None  # a damaged or older current file holds no key to compare with
    return keys or None


def _save_current(live: Path, previous: Path) -> None:
    try:
        backup_sqlite(live, previous)
    except sqlite3.DatabaseError:
        # The current file is damaged: keep its bytes as they are, they may still be rescued.
        shutil.copy2(live, previous)
        for suffix in ("-wal", "-shm"):
            side = live.with_name(live.name + suffix)
            if side.exists():
                shutil.copy2(side, previous.with_name(previous.name + suffix))


def _replace(staged: Path, live: Path) -> None:
    """Copy page by page into the live file (other connections see the new content at their next
    transaction); a damaged live file that SQLite cannot write to is replaced as a whole file."""
    try:
        source = sqlite3.connect(str(staged))
        try:
            target = sqlite3.connect(str(live), timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.DatabaseError:
        for suffix in ("-wal", "-shm"):
            _remove(live.with_name(live.name + suffix))
        os.replace(staged, live)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
