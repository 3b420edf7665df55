"""One import at a time on a department server, and the second clerk told who is importing.

On SQLite the write lock (BEGIN IMMEDIATE) already makes a second import wait, and its note says
who holds it (write_lock.py). On PostgreSQL an import takes a transaction-scoped advisory lock at
its start; a second import finds it taken and stops at once, naming the importer, whom the first
one announced through its connection's application_name (visible in pg_stat_activity). Both end
with the transaction: a crashed import frees the claim by itself.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from advisor.model.errors import ConflictError

IMPORT_LOCK = 0x53414E44  # "SAND": the advisory-lock key all Sanad imports share
_ANNOUNCE = "Sanad import: "


class ImportBusyError(ConflictError):
    """Another user is importing into the same department database right now."""


def claim_imports(session: Session, what: str) -> None:
    """Call first in an import's transaction. PostgreSQL: take the import claim, or raise
    ImportBusyError naming who holds it. SQLite: nothing (the write lock serialises)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    who = session.info.get("actor") or "someone"
    if session.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK}
    ).scalar():
        session.execute(
            text("SELECT set_config('application_name', :name, true)"),
            {"name": f"{_ANNOUNCE}{who} importing {what}"[:63]},
        )
        return
    holder = session.execute(
        text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objid = :key AND l.classid = 0"
        ),
        {"key": IMPORT_LOCK},
    ).scalar()
    doing = (
        holder.removeprefix(_ANNOUNCE)
        if holder and holder.startswith(_ANNOUNCE)
        else "another user importing a file"
    )
    raise ImportBusyError(
        f"Another import is running on the department server ({doing}); nothing was imported. "
        "Wait until it has finished, then import this file again."
    )
