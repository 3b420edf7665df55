"""Copying a whole Sanad database into another store — a laptop's SQLite file onto a department's
PostgreSQL server, a server into a local file — and checking the copy.

The target gets its schema from the migrations, never from the source; then every table's rows
arrive in the same transaction on the target. Before that transaction commits, the copy is
checked against the source's snapshot: each table's row count, the letters' seals
(register_check) and the change log's chain (change_log.verify_chain) must come out exactly as
they do in the source. Anything else rolls the whole transaction back, so a failed copy leaves
the target as it was. Dialect-generic: SQLAlchemy Core over the models' tables.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Integer, Table, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from advisor.model.catalog_store import reindex_fts
from advisor.model.change_log import ChainCheck, verify_chain
from advisor.model.database import alembic_config, head_revision, refuse_unknown_revision
from advisor.model.errors import ValidationError
from advisor.model.schema import Base

BATCH_ROWS = 1000
# Made and filled by Sanad itself on every store: the search index is rebuilt from the catalog,
# the schema version is the target's own.
NOT_DATA = ("catalog_search", "alembic_version")


def data_tables() -> list[Table]:
    """Every table holding data, parents before children (foreign keys hold row by row)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_DATA]


@dataclass(frozen=True)
class StoreFacts:
    """What a copy must reproduce: rows per table, the seals' problems, the chain's check."""

    rows: tuple[tuple[str, int], ...]
    seal_problems: tuple[str, ...]
    chain: ChainCheck

    @property
    def total_rows(self) -> int:
        return sum(count for _, count in self.rows)

    def count(self, table: str) -> int:
        return dict(self.rows).get(table, 0)


@dataclass(frozen=True)
class CopyReport:
    target: str  # shown without a password
    facts: StoreFacts  # the same on both sides, or there is no report


def shown(url: str) -> str:
    """A store as a person may see it (and a log may keep it): a file's path, a server's URL
    without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def store_facts(connection: Connection) -> StoreFacts:
    # Here, not at the top: the services package imports this module (backup_service).
    from advisor.model.services.register_check import register_problems

    counts = tuple(
        (t.name, int(connection.scalar(select(func.count()).select_from(t)) or 0))
        for t in data_tables()
    )
    session = Session(bind=connection)
    try:
        seals = tuple(register_problems(session))
        chain = verify_chain(session)
    finally:
        session.close()
    return StoreFacts(counts, seals, chain)


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One consistent view of the whole store while others keep writing: REPEATABLE READ on
    PostgreSQL (every statement sees the transaction's first snapshot); on SQLite a read
    transaction, which WAL keeps at its first read's state."""
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    else:
        options = {"sanad_read": True}  # database.py: a deferred BEGIN, query_only
    with engine.connect().execution_options(**options) as connection, connection.begin():
        yield connection


def copy_into(source: Connection, target: Connection, *, target_url: str) -> CopyReport:
    """Give the empty store behind `target` Sanad's schema and every row of `source`, inside the
    target's open transaction (the caller commits). Refuses a target that holds data."""
    _refuse_non_empty(target, target_url)
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = target
    command.upgrade(config, head_revision())
    copy_rows(source, target)
    refill_search(target)
    expected = store_facts(source)
    check_copy(expected, store_facts(target), shown(target_url))
    return CopyReport(shown(target_url), expected)


def copy_rows(source: Connection, target: Connection) -> None:
    """Every data table's rows, in batches; on PostgreSQL the id sequences then go on after the
    copied ids (the rows keep theirs: letters, events and signatures refer to them)."""
    for table in data_tables():
        result = source.execution_options(yield_per=BATCH_ROWS).execute(select(table))
        for batch in result.mappings().partitions():
            target.execute(table.insert(), [dict(row) for row in batch])
    if target.dialect.name == "postgresql":
        _continue_sequences(target)


def _continue_sequences(target: Connection) -> None:
    for table in data_tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and len(table.primary_key.columns) == 1:
                target.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                        f'coalesce(max("{column.name}"), 0) + 1, false) FROM "{table.name}"'
                    ),
                    {"table": table.name, "column": column.name},
                )


def refill_search(target: Connection) -> None:
    """The catalog search index is never copied: it is rebuilt from the copied catalog."""
    if "catalog_search" in inspect(target).get_table_names():
        session = Session(bind=target)
        try:
            reindex_fts(session)
            session.flush()
        finally:
            session.close()


def check_copy(expected: StoreFacts, found: StoreFacts, target: str) -> None:
    problems = [
        f"{name}: {count} row(s) in the source, {found.count(name)} in the copy"
        for name, count in expected.rows
        if found.count(name) != count
    ]
    if found.seal_problems != expected.seal_problems:
        problems.append("the letters' seals do not check out in the copy as in the source")
        problems += [p for p in found.seal_problems if p not in expected.seal_problems][:5]
    if (found.chain.events, found.chain.first_broken, found.chain.problem) != (
        expected.chain.events,
        expected.chain.first_broken,
        expected.chain.problem,
    ):
        problems.append(
            f"the change log's chain does not check out in the copy as in the source "
            f"({found.chain.problem or 'intact'} / {expected.chain.problem or 'intact'})"
        )
    if problems:
        raise ValidationError(
            f"The copy into {target} did not match the source, so it was undone; the target is "
            "as it was.",
            problems,
        )


def _refuse_non_empty(target: Connection, target_url: str) -> None:
    """Only into an empty store (a new database, or one with Sanad's tables and no rows)."""
    names = set(inspect(target).get_table_names())
    if not names:
        return
    revision = None
    if "alembic_version" in names:
        revision = target.scalar(text("SELECT version_num FROM alembic_version"))
        refuse_unknown_revision(revision, shown(target_url))
    known = {t.name: t for t in data_tables()}
    if revision is None and names - {"alembic_version"}:
        raise ValidationError(
            f"{shown(target_url)} already holds tables that Sanad did not make; copy into a new, "
            "empty database."
        )
    held = [
        f"{name} ({count} row(s))"
        for name in sorted(names & known.keys())
        if (count := int(target.scalar(select(func.count()).select_from(known[name])) or 0))
    ]
    if held:
        raise ValidationError(
            f"{shown(target_url)} already holds a Sanad database with data, and a copy never "
            "replaces data: copy into a new, empty database (or use restore to replace it from "
            "a backup).",
            held[:8],
        )


def write_backup_file(engine: Engine, target: Path) -> None:
    """The portable backup of any store: a SQLite file exactly like a backup made on SQLite (the
    migrations' schema, every row), from one consistent snapshot, owner-only, one file; no
    `.partial` file is left when it fails."""
    from advisor.model.database import engine_for

    tmp = target.with_name(target.name + ".partial")
    remove_sqlite(tmp)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private from birth
    url = f"sqlite:///{tmp}"
    file_engine = engine_for(url, label="a backup being written")
    try:
        with snapshot(engine) as source, file_engine.begin() as copy:
            copy_into(source, copy, target_url=url)
        file_engine.dispose()
        with closing(sqlite3.connect(str(tmp))) as single:
            single.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal/-shm beside it
        os.replace(tmp, target)
    except BaseException:
        file_engine.dispose()
        remove_sqlite(tmp)
        raise


def remove_sqlite(file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", "-writer"):
        file.with_name(file.name + suffix).unlink(missing_ok=True)
