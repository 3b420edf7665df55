"""Opening the store: resolve the location, check it, migrate it (backup first), hand out sessions.

SQLite gets WAL, foreign keys and a busy timeout. A write (`Database.begin`) takes the write lock
up front (BEGIN IMMEDIATE), so that one user action is one transaction even when two processes
write at once; a read (`Database.read`) is a deferred transaction that WAL lets run beside a
writer, and cannot write (query_only). A file the user may not change opens read-only.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from advisor.model import attribution, paths, write_lock
from advisor.model.errors import DatabaseError
from advisor.model.roles import Seat
from advisor.model.server_errors import LOCK_TIMEOUT_MS, server_error

log = logging.getLogger(__name__)
assert attribution  # imported for its listener: new rows name who made them

BUSY_TIMEOUT_MS = 10_000


def resolve_location(db: str | None) -> str:
    """`--db`, else ADVISOR_DB, else the server this PC was connected to (Settings → Database),
    else the file in the user data folder. A path or any SQLAlchemy URL."""
    from advisor.model.server_connection import saved_url

    chosen = db or os.environ.get("ADVISOR_DB") or saved_url()
    if not chosen:
        paths.private_dir(paths.data_dir())
        chosen = str(paths.default_database())
    if "://" in chosen:
        try:
            make_url(chosen)
        except ArgumentError as exc:
            raise DatabaseError(f"'{chosen}' is not a database path or URL.") from exc
        return chosen
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.migrations()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse a missing folder, an unreadable file, a file that is not a SQLite database."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    if not path.exists():
        if not create:
            raise DatabaseError(f"There is no database at {path}.")
        if not path.parent.is_dir():
            raise DatabaseError(f"The folder {path.parent} does not exist.")
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"Sanad cannot write to the folder {path.parent}.")
        return
    if not os.access(path, os.R_OK):
        raise DatabaseError(f"Sanad cannot read {path}: check the file's permissions.")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(f"{path} is not a Sanad database (it is not a SQLite file).")
    try:
        # Without a WAL file the main file holds everything: read it as immutable, so that a
        # refused file gets no -wal/-shm companions either.
        has_wal = path.with_name(path.name + "-wal").exists()
        uri = path.resolve().as_uri() + ("?mode=ro" if has_wal else "?immutable=1")
        with sqlite3.connect(uri, uri=True) as probe:
            result = probe.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is damaged and cannot be opened ({exc}).") from exc
    if not result or result[0] != "ok":
        raise DatabaseError(
            f"{path} is damaged (integrity check: {result[0] if result else 'no answer'}). "
            "Restore it from a backup."
        )
    _refuse_unknown_revision(_read_revision(uri), path)


def sanad_file_revision(path: Path) -> str:
    """Check a file that should hold a Sanad database (a backup about to be restored) without
    changing it: SQLite, undamaged, made by Sanad, not by a newer version. Its schema revision."""
    _check_sqlite_file(path, create=False)
    revision = _read_revision(path.resolve().as_uri() + "?mode=ro")
    if revision is None:
        raise DatabaseError(f"{path} is not a Sanad database (it has no Sanad schema version).")
    return revision


def _read_revision(read_only_uri: str) -> str | None:
    with sqlite3.connect(read_only_uri, uri=True) as probe:
        has_table = probe.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = probe.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _refuse_unknown_revision(revision: str | None, where: object) -> None:
    """Checked before anything writes to the file, so a newer database is left untouched."""
    if revision is None:
        return
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception as exc:  # alembic raises several kinds for an unknown revision
        raise DatabaseError(
            f"{where} was written by a newer version of Sanad (schema {revision}); "
            "update Sanad to open it. The file was not changed."
        ) from exc


def is_read_only_file(path: Path) -> bool:
    """A file (or folder, which must take the -wal/-shm files) the user may not change, or has
    marked read-only: the write bits count even for an administrator, who could write anyway."""
    for item in (path, path.parent):
        if item.exists() and (not os.access(item, os.W_OK) or not item.stat().st_mode & 0o222):
            return True
    return False


def _read_only_url(path: Path) -> str:
    # Without a -wal file everything is in the main file: immutable needs no -shm beside it.
    has_wal = path.with_name(path.name + "-wal").exists()
    query = "mode=ro" if has_wal else "immutable=1"
    return f"sqlite:///file:{path.resolve().as_posix()}?{query}&uri=true"


# Execution option that marks a read session's connection: its BEGIN is deferred, query_only.
_READ = "sanad_read"


def _make_engine(url: str, *, read_only: bool = False, label: str = "Sanad") -> Engine:
    # hide_parameters: an error's text (and so the log) never carries names, CNICs or emails.
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        return _server_engine(url)
    if backend != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    file = sqlite_file(url)
    engine = create_engine(
        _read_only_url(file) if read_only and file else url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (pysqlite quirk).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_READ) or read_only:
            # A reader never waits for a writer (WAL) and can never write by mistake.
            connection.exec_driver_sql("PRAGMA query_only=ON")
            connection.exec_driver_sql("BEGIN")
            return
        # Take the write lock up front: two processes never interleave inside one action.
        connection.exec_driver_sql("PRAGMA query_only=OFF")
        started = time.monotonic()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as exc:
            if file is not None and write_lock.is_lock_error(exc.orig):
                raise write_lock.waited_too_long(file, time.monotonic() - started) from None
            raise
        if file is not None:
            write_lock.leave_note(file, label)

    if file is not None and not read_only:

        @event.listens_for(engine, "commit")
        @event.listens_for(engine, "rollback")
        def _on_end(connection: Any) -> None:
            if not connection.get_execution_options().get(_READ):
                write_lock.remove_note(file)

    return engine


def _server_engine(url: str) -> Engine:
    """The saved password and a connect timeout (server_connection.connect_args); a writer
    waits for another's lock as long as on SQLite, then is told (ServerBusyError)."""
    from advisor.model.server_connection import connect_args

    engine = create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args={**connect_args(url), "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_READ):
            # As SQLite's query_only: an action that only looks can never write by mistake.
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")

    return engine


def backup_sqlite(source: Path, target: Path) -> None:
    """A consistent, owner-only copy through SQLite's online backup, safe while others are
    writing. On any failure (a full disk, say) no `.partial` file is left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private from birth
        src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
                # the copy is one file, no -wal/-shm beside it
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        shutil.move(str(tmp), str(target))
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class MigrationOutcome:
    previous: str | None
    current: str
    backup: Path | None


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    with engine.execution_options(**{_READ: True}).connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        has_tables = bool(inspect(connection).get_table_names())
    return revision, has_tables


def migrate(engine: Engine, url: str) -> MigrationOutcome:
    """Create and stamp a new store, upgrade an older one after a backup, refuse a newer one."""
    from alembic import command

    head = head_revision()
    current, has_tables = _current_revision(engine)
    if current is None and has_tables:
        raise DatabaseError(
            "This database was not made by Sanad (it has tables but no Sanad schema version)."
        )
    _refuse_unknown_revision(current, "This database")
    if current == head:
        return MigrationOutcome(current, head, None)

    backup = None
    file = sqlite_file(url)
    if current is not None and file is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = file.with_name(f"{file.stem}.before-{head}-{stamp}{file.suffix or '.db'}")
        backup_sqlite(file, backup)
        log.info("backed up %s to %s before migrating", file, backup)

    config = alembic_config()
    with engine.begin() as connection:  # every step of the upgrade in one transaction
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("migrated %s from %s to %s", url, current, head)
    return MigrationOutcome(current, head, backup)


class Database:
    """An open, migrated store, the session factory that services use, and the seat: who is
    signed in. Each session carries the signed-in user's name (`session.info["actor"]`), so
    whatever a transaction writes is attributed to them (see attribution.py)."""

    rehearsal = False  # what it writes is kept (advisor.model.store.protocol.Store)

    def __init__(
        self,
        url: str,
        engine: Engine,
        outcome: MigrationOutcome,
        seat: Seat | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.url = url
        self.engine = engine
        self.migration = outcome
        self.seat = seat or Seat()
        self.read_only = read_only
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._reader = engine.execution_options(**{_READ: True})

    @property
    def file(self) -> Path | None:
        return sqlite_file(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One user action that writes, one transaction: committed on success, rolled back on
        any error. It holds the write lock from its start (see `read` for actions that only
        look)."""
        if self.read_only:
            raise DatabaseError(
                f"{self.file or 'The database'} is read-only: Sanad can show, verify and back it "
                "up, but not change it. Make the file and its folder writable to change it."
            )
        with self._explained(), self._factory() as session, session.begin():
            if self.seat.actor is not None:
                session.info["actor"] = self.seat.actor.user_name
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One user action that only looks: it runs beside a writer and cannot write."""
        with self._explained(), self._factory(bind=self._reader) as session, session.begin():
            yield session

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Storage failures a person can act on, in their words (never SQL or a URL)."""
        try:
            yield
        except DBAPIError as exc:
            if not self.is_sqlite and _lost_server(exc):
                raise server_error(exc.orig, self.url) from exc
            if not isinstance(exc, OperationalError):
                raise
            explained = storage_error(exc.orig, self.file)
            if not isinstance(explained, DatabaseError):
                raise
            raise explained from exc

    def dispose(self) -> None:
        self.engine.dispose()

    def answers(self) -> bool:
        """A fresh connection and a `SELECT 1` succeed (dead pooled connections are dropped)."""
        try:
            with self._reader.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except (SQLAlchemyError, OSError):
            self.engine.dispose()  # connections to the lost server are of no use now
            return False
        return True


def _lost_server(error: DBAPIError) -> bool:
    """A server's failure that is not the action's fault: it stopped, the network dropped, or a
    lock waited too long (an IntegrityError, say, stays what it is)."""
    return isinstance(error, (OperationalError, InterfaceError)) or error.connection_invalidated


def storage_error(error: BaseException | None, file: Path | None) -> Exception:
    """A DatabaseError for a full disk, a read-only or locked file; anything else unchanged."""
    text = str(error).lower()
    where = file or "the database"
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseError(
            f"The disk that holds {where} is full. Nothing was changed: free some space and "
            "try again.",
            nothing_changed=True,
        )
    if "readonly database" in text or "read-only" in text:
        return DatabaseError(
            f"{where} cannot be written to (it is read-only). Nothing was changed.",
            nothing_changed=True,
        )
    if error is not None and file is not None and write_lock.is_lock_error(error):
        return write_lock.waited_too_long(file, BUSY_TIMEOUT_MS / 1000)
    return error if isinstance(error, Exception) else DatabaseError(str(error))


def _check_read_only_revision(engine: Engine, url: str) -> MigrationOutcome:
    head = head_revision()
    current, _ = _current_revision(engine)
    if current != head:
        raise DatabaseError(
            f"{sqlite_file(url)} is read-only and was made by an older Sanad (schema {current}); "
            "make it writable once so that Sanad can bring it up to date."
        )
    return MigrationOutcome(current, head, None)


def open_database(
    db: str | None = None, *, create: bool = True, label: str | None = None
) -> Database:
    """Open (and migrate) the store at `db`; raise DatabaseError with a message for people.
    A file the user may not change opens read-only (`Database.read_only`), unmigrated."""
    url = resolve_location(db)
    file = sqlite_file(url)
    read_only = False
    if file is not None:
        _check_sqlite_file(file, create=create)
        read_only = file.exists() and is_read_only_file(file)
    try:
        engine = _make_engine(url, read_only=read_only, label=label or write_lock.default_label())
        outcome = _check_read_only_revision(engine, url) if read_only else migrate(engine, url)
    except DatabaseError:
        raise
    except (OperationalError, InterfaceError) as exc:
        if file is None:  # a server: unreachable, a wrong password, no such database
            from advisor.model.server_connection import explain_failure

            raise explain_failure(exc.orig, _shown(url)) from exc
        error = storage_error(exc.orig, file)
        if isinstance(error, DatabaseError):
            raise error from exc
        log.exception("could not open %s", file or "the database server")
        raise DatabaseError(f"Sanad could not open the database {file or _shown(url)}.") from exc
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        log.exception("could not open %s", file or "the database server")
        raise DatabaseError(f"Sanad could not open the database {file or _shown(url)}.") from exc
    if file is not None and not read_only:
        _make_private(file)
    return Database(url, engine, outcome, read_only=read_only)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _make_private(file: Path) -> None:
    """Student data is for this user only: the database and its -wal/-shm files are 0600."""
    for item in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
        try:
            if item.exists() and item.stat().st_mode & 0o077:
                item.chmod(0o600)
        except OSError:
            pass  # a file we may not chmod (another owner) still opens


def refuse_unknown_revision(revision: str | None, where: object) -> None:
    """Refuse a store written by a newer Sanad (a schema revision this version does not know)."""
    _refuse_unknown_revision(revision, where)


def engine_for(url: str, *, label: str | None = None) -> Engine:
    """An engine on `url` set up as Sanad's own (SQLite: WAL, foreign keys, BEGIN IMMEDIATE for a
    write), for a store that is not (yet) opened as a Database: the target of a copy."""
    return _make_engine(url, label=label or write_lock.default_label())
