"""What a person is told when the department's PostgreSQL server fails an action.

psycopg reports a stopped server, a dropped network and a lock that waited too long all as
OperationalError; each becomes a DatabaseError subclass naming the server (never SQL, a password
or a traceback) and saying what to do. The transaction of the failed action was rolled back by
the server, so nothing of it is half-stored.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url

from advisor.model.errors import DatabaseError, ServerBusyError, ServerUnreachableError

LOCK_TIMEOUT_MS = 10_000  # like SQLite's busy timeout: a writer waits this long for another

# SQLSTATEs of a wait that gave up: lock_not_available, deadlock, serialization failure.
_BUSY_STATES = {"55P03", "40P01", "40001"}


def server_name(url: str) -> str:
    """`host:port/database` of the server, for messages (no user name, no password)."""
    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def _reason(error: BaseException | None) -> str:
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return first.removeprefix("connection failed: ").rstrip(".")


def server_error(error: BaseException | None, url: str) -> DatabaseError:
    """The message for a failure the server (or the way to it) reported for this action."""
    state = getattr(error, "sqlstate", None)
    if state in _BUSY_STATES:
        return ServerBusyError(
            f"The department server ({server_name(url)}) is busy with another user's change; "
            f"Sanad waited {LOCK_TIMEOUT_MS // 1000} s. Nothing was changed: try again."
        )
    server, reason = server_name(url), _reason(error)
    return ServerUnreachableError(
        f"Sanad cannot reach the department server {server} ({reason}). What this action had "
        "not yet saved was not stored. Check that the server is running and this PC is on the "
        "network, then try again.",
        server,
        reason,
    )


def batch_stopped(references: list[str], error: DatabaseError) -> DatabaseError:
    """A batch that lost its server half-way: how many letters it issued (each was committed on
    its own, so those stay, numbered without gaps), and what to do next."""
    if not isinstance(error, ServerUnreachableError):
        return error
    issued = (
        f"{len(references)} letter(s) had been issued ({references[0]} to {references[-1]}); "
        "they stay in the register"
        if references
        else "no letter had been issued"
    )
    return ServerUnreachableError(
        f"The batch stopped: Sanad cannot reach the department server {error.server} "
        f"({error.reason}). {issued}, and no letter is half-numbered. When the server is back, "
        "run the batch again: students who already hold their letter are skipped.",
        error.server,
        error.reason,
    )
