"""Turning a backup file into a fresh database, data only.

A backup is never installed as it is: its schema, triggers and views could have been written by
anything. The migrations build a new database at the backup's schema version; the backup must
have exactly the tables, columns and other objects those migrations make (else it is refused,
saying what differs); its rows are copied in, each value of the type its column holds; the
copy is then brought up to the current schema by the same migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from advisor.model.database import alembic_config, sanad_file_revision
from advisor.model.errors import ValidationError

# Tables the migrations make that are not data: the FTS index is rebuilt from the catalog, the
# schema version is the fresh database's own.
_NOT_COPIED_PREFIXES = ("catalog_search", "alembic_version", "sqlite_")

# Which storage classes a declared column type may hold (SQLite would store anything anywhere).
_ALLOWED_TYPES = {
    "INTEGER": ("integer",),
    "BOOLEAN": ("integer",),
    "FLOAT": ("real", "integer"),
    "REAL": ("real", "integer"),
    "BLOB": ("blob",),
}


@dataclass(frozen=True)
class SchemaObject:
    kind: str  # table | index | trigger | view
    name: str
    columns: tuple[tuple[str, str], ...] = ()  # (name, declared type) for tables


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def schema_of(connection: sqlite3.Connection, schema: str = "main") -> dict[str, SchemaObject]:
    objects: dict[str, SchemaObject] = {}
    rows = connection.execute(f"SELECT type, name FROM {schema}.sqlite_master").fetchall()
    for kind, name in rows:
        if name.startswith("sqlite_"):
            continue  # SQLite's own (autoindexes, sequences, statistics)
        columns: tuple[tuple[str, str], ...] = ()
        if kind == "table":
            info = connection.execute(f'PRAGMA {schema}.table_info("{_quoted(name)}")').fetchall()
            columns = tuple((row[1], str(row[2]).upper()) for row in info)
        objects[name] = SchemaObject(kind, name, columns)
    return objects


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def schema_differences(
    expected: dict[str, SchemaObject], found: dict[str, SchemaObject]
) -> list[str]:
    """What the backup has that Sanad does not make, and what it lacks, in words."""
    problems = []
    for name, item in sorted(found.items()):
        if name not in expected:
            problems.append(f"it holds a {item.kind} '{name}' that Sanad does not make")
        elif expected[name].kind != item.kind:
            problems.append(f"'{name}' is a {item.kind}, not a {expected[name].kind}")
    for name, item in sorted(expected.items()):
        if name not in found and item.kind == "trigger":
            continue  # harmless: the restored database gets the migrations' own triggers
        if name not in found:
            problems.append(f"it has no {item.kind} '{name}'")
        elif item.kind == "table" and item.columns != found[name].columns:
            want, have = dict(item.columns), dict(found[name].columns)
            for column in want.keys() - have.keys():
                problems.append(f"table '{name}' has no column '{column}'")
            for column in have.keys() - want.keys():
                problems.append(f"table '{name}' has a column '{column}' that Sanad does not make")
            for column in want.keys() & have.keys():
                if want[column] != have[column]:
                    problems.append(
                        f"column '{name}.{column}' is {have[column]}, not {want[column]}"
                    )
    return problems


def integrity_problems(path: Path) -> list[str]:
    """SQLite's full integrity check (quick_check misses damaged indexes and rows)."""
    try:
        with closing(_read_only(path)) as connection:
            rows = connection.execute("PRAGMA integrity_check(20)").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def _refuse(source: Path, why: str, problems: list[str]) -> ValidationError:
    return ValidationError(
        f"{source} was not restored: {why}. Nothing was changed.", problems, nothing_changed=True
    )


@contextmanager
def _attached(staged: Path, source: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(str(staged), isolation_level=None)
    try:
        connection.execute("ATTACH DATABASE ? AS backup", (source.resolve().as_uri() + "?mode=ro",))
        yield connection
    finally:
        connection.close()


def _type_problems(connection: sqlite3.Connection, table: SchemaObject) -> list[str]:
    problems = []
    for column, declared in table.columns:
        kind = declared.split("(")[0]
        allowed = _ALLOWED_TYPES.get(kind, ("text",))  # VARCHAR, TEXT, DATE, DATETIME
        quoted = f'"{_quoted(column)}"'
        kinds = ", ".join(f"'{k}'" for k in (*allowed, "null"))
        wrong = f"typeof({quoted}) NOT IN ({kinds})"
        what = allowed[0]
        if kind in ("DATE", "DATETIME"):  # SQLAlchemy keeps them as ISO text
            wrong += f" OR ({quoted} IS NOT NULL AND date({quoted}) IS NULL)"
            what = "a date"
        bad = connection.execute(
            f'SELECT count(*), min(rowid) FROM backup."{_quoted(table.name)}" WHERE {wrong}'
        ).fetchone()
        if bad[0]:
            problems.append(
                f"{table.name}.{column} holds {bad[0]} value(s) that are not {what} "
                f"(first in row {bad[1]})"
            )
    return problems


def _text_problems(source: Path, tables: list[SchemaObject]) -> list[str]:
    """Text SQLite stored without checking (char(55296), a blob cast to text) that Python, and so
    every later command, could not read."""
    problems = []
    with closing(_read_only(source)) as connection:
        connection.text_factory = bytes
        for table in tables:
            names = [c for c, kind in table.columns if kind.split("(")[0] not in _ALLOWED_TYPES]
            if not names:
                continue
            columns = ", ".join(f'"{_quoted(c)}"' for c in names)
            query = f'SELECT rowid, {columns} FROM "{_quoted(table.name)}"'
            for row in connection.execute(query):
                for name, value in zip(names, row[1:], strict=True):
                    if isinstance(value, bytes):
                        try:
                            value.decode("utf-8")
                        except UnicodeDecodeError:
                            problems.append(
                                f"{table.name}.{name} in row {row[0]} is not readable text"
                            )
                            if len(problems) >= 10:
                                return problems
    return problems


def stage_backup(source: Path, staged: Path) -> str:
    """Build `staged` from the data of `source`; the backup's schema version, or a refusal that
    says what is wrong. `staged` must not exist; the caller removes it on failure."""
    from alembic import command

    revision = sanad_file_revision(source)  # SQLite, a Sanad schema this version knows
    damage = integrity_problems(source)
    if damage:
        raise _refuse(source, "the file is damaged (SQLite's integrity check failed)", damage)

    engine = create_engine(f"sqlite:///{staged}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()

    with _attached(staged, source) as connection:
        expected = schema_of(connection)
        differences = schema_differences(expected, schema_of(connection, "backup"))
        if differences:
            raise _refuse(
                source,
                f"its tables are not those Sanad {revision} makes (changed outside Sanad?)",
                differences,
            )
        tables = [
            item
            for name, item in expected.items()
            if item.kind == "table" and not name.startswith(_NOT_COPIED_PREFIXES)
        ]
        problems = [p for table in tables for p in _type_problems(connection, table)]
        problems = problems or _text_problems(source, tables)
        if problems:
            raise _refuse(source, "some values are not of the kind their column holds", problems)
        connection.execute("PRAGMA foreign_keys=OFF")  # rows arrive in table order, checked below
        connection.execute("BEGIN")
        try:
            for table in tables:
                columns = ", ".join(f'"{_quoted(c)}"' for c, _ in table.columns)
                connection.execute(
                    f'INSERT INTO main."{_quoted(table.name)}" ({columns}) '
                    f'SELECT {columns} FROM backup."{_quoted(table.name)}"'
                )
            broken = connection.execute("PRAGMA main.foreign_key_check").fetchall()
            if broken:
                raise _refuse(
                    source,
                    "some rows refer to rows that are not there",
                    [
                        f"{t} row {rowid} refers to a missing {parent}"
                        for t, rowid, parent, _ in broken
                    ],
                )
            connection.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            connection.execute("ROLLBACK")
            raise _refuse(source, "some rows break the database's rules", [str(exc)]) from exc
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return revision
