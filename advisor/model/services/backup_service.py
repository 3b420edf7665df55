"""Backup and restore of the whole database (a server's: server_restore.py, database_copy.py).

A backup is SQLite's online backup: a consistent copy even while the app (or another Sanad on
the same file) is writing, owner-only, and no `.partial` file is left when it fails.

A restore never installs the file it is given. The backup's data is copied into a fresh
database built by the migrations (restore_staging.py: integrity check, schema comparison,
value types), brought up to date, checked row by row (`RESTORE_CHECKS`), and given every letter,
event and series number of the current register that it lacks (register_carry.py). Only then is
the current database saved (`*.before-restore-*`) and replaced, so a refused or failed restore
leaves it as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from advisor.model.catalog_store import reindex_fts
from advisor.model.database import (
    BUSY_TIMEOUT_MS,
    Database,
    backup_sqlite,
    open_database,
    resolve_location,
    sanad_file_revision,
    sqlite_file,
)
from advisor.model.database_copy import shown, write_backup_file
from advisor.model.errors import ConflictError, DatabaseError, ValidationError
from advisor.model.register_carry import CarriedRegister, carry_register, register_fingerprint
from advisor.model.restore_staging import stage_backup
from advisor.model.roles import Role
from advisor.model.server_connection import explain_failure
from advisor.model.server_restore import restore_into_server
from advisor.model.services.register_check import register_problems
from advisor.model.services.service_base import Service

log = logging.getLogger(__name__)

# A check of the restored database (already at the current schema, before the current register
# is carried into it): what is wrong with the backup's rows, in words; empty when nothing is.
RestoreCheck = Callable[[Session], Sequence[str]]

# Every check a restore runs. Add a check here to refuse more kinds of rows (for instance,
# register rows that no longer match their seals).
RESTORE_CHECKS: tuple[RestoreCheck, ...] = ()


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
    carried: CarriedRegister = field(default_factory=CarriedRegister)


def _live_file(url: str) -> Path:
    file = sqlite_file(url)
    if file is None:
        raise ValidationError(
            "Backup and restore copy a SQLite database file; for a database server use the "
            "server's own tools (for PostgreSQL: pg_dump and pg_restore)."
        )
    return file


class BackupService(Service):
    """Copies of the database itself: only the real one has a file to copy and a pool to
    release, so this service takes a Database, not any Store."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._db: Database = db

    def backup(self, target: Path) -> BackupResult:
        """Write a consistent copy of the database to `target` (safe while others write)."""
        self._require_role(Role.ADMINISTRATOR, "making a backup")
        live = self._db.file
        target = target.expanduser()
        if live is not None and target.exists() and target.resolve() == live.resolve():
            raise ValidationError(
                "The backup cannot overwrite the database it copies: choose another file."
            )
        if target.is_dir():
            raise ValidationError(
                f"{target} is a folder: give the backup a file name, e.g. sanad-backup.db."
            )
        if not target.parent.is_dir():
            raise ValidationError(f"The folder {target.parent} does not exist.")
        if not self._db.read_only:  # the copy holds its own "backup" event
            with self._db.begin() as session:
                self._record(session, "backup", target.name)
        try:
            if live is None:  # a server: the same portable file, from one snapshot
                write_backup_file(self._db.engine, target)
            else:
                backup_sqlite(live, target)
        except (OSError, sqlite3.Error) as exc:
            raise ValidationError(f"The backup to {target} failed: {_why(exc)}.") from exc
        except OperationalError as exc:
            raise explain_failure(exc.orig, shown(self._db.url)) from exc
        return BackupResult(target, target.stat().st_size, sanad_file_revision(target))

    def scratch_copy(self, target: Path) -> None:
        """A throw-away copy for the screenshot tour, which acts on it to show each screen at its
        best; any signed-in role may make it (it stays in a temporary folder)."""
        self._require_role(Role.VIEWER, "making a scratch copy")
        if self._db.file is None:
            write_backup_file(self._db.engine, target)
        else:
            backup_sqlite(self._db.file, target)

    def restore(self, source: Path, *, replace_unreadable: bool = False) -> RestoreResult:
        """Replace this database with the backup `source` (the current one is saved first, its
        letter register carried forward)."""
        self._require_role(Role.ADMINISTRATOR, "restoring a backup")
        if self._db.file is None:
            result = self._restore_server(source)
        else:
            self._db.dispose()  # our own pooled connections must not hold the file in the swap
            result = restore_database(self._db.url, source, replace_unreadable=replace_unreadable)
        with self._db.begin() as session:  # the restored chain goes on with the restore itself
            self._record(session, "restore", source.name, summary="database replaced by the backup")
        return result

    def _restore_server(self, source: Path) -> RestoreResult:
        """Into a database server: its current data is saved as a backup file on this PC first
        (server_restore.py)."""
        source = source.expanduser()
        if not source.is_file():
            raise ValidationError(f"There is no backup file at {source}.")
        try:
            in_file, now, previous, carried = restore_into_server(self._db, source, RESTORE_CHECKS)
        except OperationalError as exc:
            raise explain_failure(exc.orig, shown(self._db.url)) from exc
        log.info("restored a backup into the server (schema %s -> %s)", in_file, now)
        return RestoreResult(source, in_file, now, previous, carried)


def _why(error: BaseException) -> str:
    text = str(getattr(error, "strerror", None) or error).lower()
    if any(word in text for word in ("disk is full", "space", "too large", "i/o error")):
        return (
            "the disk could not take it (it is full, the file is too large for it, or it was "
            "removed); nothing was left behind"
        )
    return text


def restore_database(
    location: str | None,
    source: Path,
    *,
    replace_unreadable: bool = False,
    checks: Sequence[RestoreCheck] = RESTORE_CHECKS,
) -> RestoreResult:
    """Restore without opening the current database, which may be the damaged one.
    `replace_unreadable`: the user accepts that a current database whose register cannot be
    read is replaced anyway (its letters cannot be carried forward)."""
    live = _live_file(resolve_location(location))
    source = source.expanduser()
    if not source.is_file():
        raise ValidationError(f"There is no backup file at {source}.")
    if live.exists() and source.resolve() == live.resolve():
        raise ValidationError("That file is the current database itself; choose a backup file.")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staged = live.with_name(f"{live.name}.restoring")
    _remove(staged)
    try:
        schema_in_file = stage_backup(source, staged)
        schema_now = bring_up_to_date(staged, source, checks, _keys_held(live))
        carried, fingerprint = carry_current_register(live, staged, replace_unreadable)
        previous = None
        if live.exists() and live.stat().st_size > 0:
            if fingerprint is not None and _fingerprint(live) != fingerprint:
                raise ConflictError(
                    "A letter was issued or changed while the restore was being prepared. "
                    "Nothing was changed: run the restore again.",
                    nothing_changed=True,
                )
            previous = live.with_name(f"{live.stem}.before-restore-{stamp}{live.suffix or '.db'}")
            _save_current(live, previous)
        _replace(staged, live)
    finally:
        _remove(staged)
    log.info("restored a backup (schema %s -> %s)", schema_in_file, schema_now)
    return RestoreResult(source, schema_in_file, schema_now, previous, carried)


def bring_up_to_date(
    staged: Path, source: Path, checks: Sequence[RestoreCheck], keys: set[bytes] | None
) -> str:
    """Migrate the staged copy, rebuild its search index, check its seals against `keys` (the
    current database's institution keys; None: its own) and `checks`; the schema it is at."""
    migrated = open_database(str(staged), create=False)
    try:
        if migrated.migration.backup is not None:
            _remove(migrated.migration.backup)  # a copy of the copy: the backup file stays
        with migrated.begin() as session:
            reindex_fts(session)  # the search index is rebuilt, never taken from the file
        with migrated.read() as session:
            sealed = register_problems(session, keys)
            problems = [problem for check in checks for problem in check(session)]
        if sealed:
            raise ValidationError(
                f"{source.name} was not restored: its letter register no longer matches the "
                "letters' seals (the file was edited):",
                sealed,
            )
        if problems:
            raise ValidationError(
                f"{source} was not restored. Nothing was changed.", problems, nothing_changed=True
            )
        return migrated.migration.current
    finally:
        migrated.dispose()


def _keys_held(live: Path) -> set[bytes] | None:
    """The public keys of the institution in the current database: a backup's letters must be
    sealed with one of them (None when there is no current database or key to compare with)."""
    if not live.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{live}?mode=ro", uri=True)) as connection:
            keys = {bytes(k) for (k,) in connection.execute("SELECT public_key FROM signing_keys")}
    except sqlite3.DatabaseError:
        return None  # a damaged or older current file holds no key to compare with
    return keys or None


def _fingerprint(live: Path) -> tuple[object, ...]:
    with closing(sqlite3.connect(live.resolve().as_uri() + "?mode=ro", uri=True)) as current:
        return register_fingerprint(current)


def carry_current_register(
    live: Path, staged: Path, replace_unreadable: bool
) -> tuple[CarriedRegister, tuple[object, ...] | None]:
    if not live.exists() or live.stat().st_size == 0:
        return CarriedRegister(), None
    try:
        fingerprint = _fingerprint(live)
        with (
            closing(sqlite3.connect(live.resolve().as_uri() + "?mode=ro", uri=True)) as current,
            closing(sqlite3.connect(str(staged), isolation_level=None)) as restored,
        ):
            restored.execute("PRAGMA foreign_keys=ON")
            restored.execute("BEGIN IMMEDIATE")
            try:
                carried = carry_register(current, restored)
                restored.execute("COMMIT")
            except BaseException:
                restored.execute("ROLLBACK")
                raise
    except sqlite3.DatabaseError as exc:
        if replace_unreadable:
            return CarriedRegister(), None
        raise DatabaseError(
            f"The current database {live} cannot be read ({exc}), so the letters issued since "
            "the backup cannot be carried into the restored one, and their numbers could be "
            "given again. Nothing was changed. To replace it anyway (it is kept beside it), "
            "restore with --replace-unreadable.",
            nothing_changed=True,
        ) from exc
    return carried, fingerprint


def _save_current(live: Path, previous: Path) -> None:
    try:
        backup_sqlite(live, previous)
    except sqlite3.DatabaseError:
        # The current file is damaged: keep its bytes as they are, they may still be rescued.
        for suffix in ("", "-wal", "-shm"):
            side = live.with_name(live.name + suffix)
            if side.exists():
                copy = previous.with_name(previous.name + suffix)
                shutil.copyfile(side, copy)
                copy.chmod(0o600)


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
    live.chmod(0o600)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-writer"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
