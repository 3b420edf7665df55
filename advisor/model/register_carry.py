"""A restore never loses a letter nor lowers a series: the current register is carried forward.

The letter register is append-only and its numbers are handed out on paper. A backup taken
before letters 0002–0009 were issued knows nothing of them; installing it as it is would give
those numbers again and make the letters already handed out verify as unknown. So before the
restored database replaces the current one, every letter of the current register that the
backup lacks is copied in (with its lines, events, seal and, if the backup lacks it, its student),
later events of letters both hold are added (a letter's standing comes from its events), the
institution keys that sealed them are kept, and each series is set to the higher of the two.
A backup whose register contradicts the current one (another register, or one changed outside
Sanad) is refused.

Works on plain sqlite3 connections: the current database may be old or partly damaged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from advisor.model.errors import ValidationError


@dataclass(frozen=True)
class CarriedRegister:
    """What the restored database gained from the current one."""

    letters: tuple[str, ...] = ()  # references
    events: int = 0
    students: tuple[str, ...] = ()  # roll numbers the backup did not have
    series: tuple[str, ...] = ()  # "PREFIX/YEAR" series raised to the current last number

    @property
    def anything(self) -> bool:
        return bool(self.letters or self.events or self.series)


class RegisterConflict(ValidationError):
    """The backup's register and the current one disagree: they cannot be merged safely."""


def _rows(connection: sqlite3.Connection, sql: str, *args: object) -> list[dict[str, Any]]:
    cursor = connection.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    names = [k for k in row if k != "id"]
    cursor = connection.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[k] for k in names],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def register_fingerprint(connection: sqlite3.Connection) -> tuple[object, ...]:
    """Changes whenever a letter, an event or a series changes (to notice a letter issued
    while a restore was being prepared)."""
    return (
        connection.execute("SELECT count(*), max(id) FROM letters").fetchone(),
        connection.execute("SELECT count(*), max(id) FROM letter_events").fetchone(),
        connection.execute(
            "SELECT group_concat(prefix || year || '=' || last_serial) FROM "
            "(SELECT * FROM letter_series ORDER BY prefix, year)"
        ).fetchone(),
    )


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return found is not None


def _carry_keys(current: sqlite3.Connection, restored: sqlite3.Connection) -> None:
    """The carried letters' seals were made with the current institution keys: the restored
    database keeps them (for verifying, and for signing on). A key id that names another key
    in the backup means the two registers cannot be merged."""
    if not _has_table(current, "signing_keys"):  # a register from before signed letters
        return
    for key in _rows(current, "SELECT * FROM signing_keys"):
        theirs = restored.execute(
            "SELECT public_key FROM signing_keys WHERE key_id = ?", (key["key_id"],)
        ).fetchone()
        if theirs is None:
            _insert(restored, "signing_keys", key)
        elif theirs[0] != key["public_key"]:
            raise RegisterConflict(
                f"The backup holds another institution key under the id {key['key_id']} than "
                "this database: it was changed outside Sanad. Nothing was changed."
            )


def _student_id(
    current: sqlite3.Connection, restored: sqlite3.Connection, student_id: int, added: list[str]
) -> int:
    """The restored database's id of the current database's student (added if missing)."""
    (student,) = _rows(current, "SELECT * FROM students WHERE id = ?", student_id)
    found = restored.execute(
        "SELECT id FROM students WHERE roll_no = ?", (student["roll_no"],)
    ).fetchone()
    if found:
        return int(found[0])
    (degree,) = _rows(current, "SELECT * FROM degrees WHERE id = ?", student["degree_id"])
    have = restored.execute("SELECT id FROM degrees WHERE code = ?", (degree["code"],)).fetchone()
    student["degree_id"] = have[0] if have else _insert(restored, "degrees", degree)
    added.append(student["roll_no"])
    return _insert(restored, "students", student)


def _event_key(event: dict[str, Any]) -> tuple[object, ...]:
    return (event["kind"], event["at"], event["by"], event["note"])


def carry_register(current: sqlite3.Connection, restored: sqlite3.Connection) -> CarriedRegister:
    """Copy into `restored` (inside its open transaction) whatever of the current register it
    lacks. Raises RegisterConflict when the two registers contradict each other."""
    _carry_keys(current, restored)
    letters: list[str] = []
    students: list[str] = []
    events = 0
    restored_letters = {row["reference"]: row for row in _rows(restored, "SELECT * FROM letters")}
    codes = {row["verification_code"]: ref for ref, row in restored_letters.items()}
    for letter in _rows(current, "SELECT * FROM letters ORDER BY id"):
        reference = letter["reference"]
        old_id = letter["id"]
        theirs = restored_letters.get(reference)
        if theirs is None:
            if letter["verification_code"] in codes:
                raise RegisterConflict(
                    f"Letter {reference} of this database has the same verification code as "
                    f"letter {codes[letter['verification_code']]} of the backup: the registers "
                    "contradict each other. Nothing was changed."
                )
            letter["student_id"] = _student_id(current, restored, letter["student_id"], students)
            new_id = _insert(restored, "letters", letter)
            for line in _rows(current, "SELECT * FROM letter_lines WHERE letter_id = ?", old_id):
                _insert(restored, "letter_lines", {**line, "letter_id": new_id})
            seals = (
                _rows(current, "SELECT * FROM letter_seals WHERE letter_id = ?", old_id)
                if _has_table(current, "letter_seals")
                else []
            )
            for seal in seals:
                _insert(restored, "letter_seals", {**seal, "letter_id": new_id})
            letters.append(reference)
            known: list[tuple[object, ...]] = []
        else:
            if (theirs["verification_code"], theirs["content"]) != (
                letter["verification_code"],
                letter["content"],
            ):
                raise RegisterConflict(
                    f"Letter {reference} is not the same letter in the backup and in this "
                    "database: the registers contradict each other (another Sanad database, or "
                    "one changed outside Sanad). Nothing was changed."
                )
            new_id = theirs["id"]
            known = [
                _event_key(e)
                for e in _rows(restored, "SELECT * FROM letter_events WHERE letter_id = ?", new_id)
            ]
        for event in _rows(
            current, "SELECT * FROM letter_events WHERE letter_id = ? ORDER BY id", old_id
        ):
            if _event_key(event) in known:
                known.remove(_event_key(event))
                continue
            _insert(restored, "letter_events", {**event, "letter_id": new_id})
            events += 1 if theirs is not None else 0
    series = _raise_series(current, restored)
    return CarriedRegister(tuple(letters), events, tuple(students), series)


def _raise_series(current: sqlite3.Connection, restored: sqlite3.Connection) -> tuple[str, ...]:
    raised = []
    for row in _rows(current, "SELECT prefix, year, last_serial FROM letter_series"):
        theirs = restored.execute(
            "SELECT last_serial FROM letter_series WHERE prefix = ? AND year = ?",
            (row["prefix"], row["year"]),
        ).fetchone()
        if theirs is not None and theirs[0] >= row["last_serial"]:
            continue
        restored.execute(
            "INSERT INTO letter_series (prefix, year, last_serial) VALUES (?, ?, ?) "
            "ON CONFLICT(prefix, year) DO UPDATE SET last_serial = excluded.last_serial",
            (row["prefix"], row["year"], row["last_serial"]),
        )
        raised.append(f"{row['prefix']}/{row['year']}")
    # Never below a number the restored register itself used (a series row removed by hand).
    restored.execute(
        "INSERT INTO letter_series (prefix, year, last_serial) "
        "SELECT prefix, year, max(serial) FROM letters WHERE true GROUP BY prefix, year "
        "ON CONFLICT(prefix, year) DO UPDATE SET "
        "last_serial = max(letter_series.last_serial, excluded.last_serial)"
    )
    return tuple(raised)
