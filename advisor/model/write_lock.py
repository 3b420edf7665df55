"""Who holds a SQLite file's write lock, and what a person is told when Sanad has to wait for it.

SQLite itself cannot say which process holds its lock. So a Sanad writer leaves a small note
beside the file (`sanad.db-writer`: process id, what it is doing, since when) while it holds the
lock; a writer that gave up waiting reads the note and names the holder. The note is owner-only
(it names a command) and is removed when the transaction ends; a note whose process is gone is
ignored.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from advisor.model.errors import DatabaseError


def note_path(database: Path) -> Path:
    return database.with_name(database.name + "-writer")


def default_label() -> str:
    """What this process is doing, in the words of its command line (`advisor progress import`)."""
    words = [w for w in sys.argv[1:] if not w.startswith("-")][:2]
    if not words or words[0] == "gui":
        return "the Sanad window"
    return " ".join(["advisor", *words])


@dataclass(frozen=True)
class Holder:
    pid: int
    label: str
    since: datetime

    def describe(self) -> str:
        return f"{self.label} (process {self.pid}, writing since {self.since:%H:%M:%S})"


def leave_note(database: Path, label: str) -> None:
    """Called right after the lock is taken; failing to write the note never stops the work."""
    body = json.dumps({"pid": os.getpid(), "label": label, "since": datetime.now().isoformat()})
    try:
        fd = os.open(note_path(database), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
    except OSError:
        pass


def remove_note(database: Path) -> None:
    try:
        note = note_path(database)
        holder = _read(note)
        if holder is not None and holder.pid == os.getpid():
            note.unlink()
    except OSError:
        pass


def _read(note: Path) -> Holder | None:
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["label"]), datetime.fromisoformat(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def current_holder(database: Path) -> Holder | None:
    holder = _read(note_path(database))
    if holder is None or holder.pid == os.getpid() or not _alive(holder.pid):
        return None
    return holder


def is_lock_error(error: BaseException | None) -> bool:
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and (
        "database is locked" in text or "database is busy" in text
    )


def waited_too_long(database: Path, waited_s: float) -> DatabaseError:
    holder = current_holder(database)
    who = (
        holder.describe()
        if holder is not None
        else "another program (another Sanad window or command, or a tool that opened the file)"
    )
    return DatabaseError(
        f"{database.name} is being changed by {who}; Sanad waited {waited_s:.1f} s for it to "
        "finish. Nothing was changed: try again when it has finished.",
        nothing_changed=True,
    )
