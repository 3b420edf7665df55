"""This PC's choice of database: the local file, or a department's PostgreSQL server.

The choice lives in a small file in the data folder (`server.json`: host, port, database, user —
never a password). The password is kept in the system keyring where there is one (the `keyring`
package: Windows Credential Manager, macOS Keychain, the Secret Service on a Linux desktop);
where there is none it is asked when Sanad starts and kept in memory only. `--db` and ADVISOR_DB
still win over the saved choice (database.resolve_location).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.model import paths
from advisor.model.errors import DatabaseError, ValidationError

# SQLAlchemy is imported where a URL is made or read, not here: `gui` reads the saved choice
# before its window shows, and SQLAlchemy loads behind the window.

log = logging.getLogger(__name__)

SETTINGS_FILE = "server.json"
FORMAT = "sanad-connection/1"
KEYRING_SERVICE = "Sanad database server"
DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 8

# Passwords typed at start where there is no keyring: this process only, never on disk.
_typed: dict[str, str] = {}


@dataclass(frozen=True)
class ServerConnection:
    host: str
    port: int
    database: str
    user: str

    @property
    def url(self) -> str:
        """Without a password: the password joins only when connecting (connect_args)."""
        from sqlalchemy.engine import URL

        return URL.create(
            DRIVER, username=self.user, host=self.host, port=self.port, database=self.database
        ).render_as_string(hide_password=False)

    @property
    def label(self) -> str:
        """How the keyring and a person know this connection: user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> ServerConnection | None:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.get_backend_name() != "postgresql" or not parsed.host:
            return None
        return cls(
            parsed.host, parsed.port or DEFAULT_PORT, parsed.database or "", parsed.username or ""
        )

    def checked(self) -> ServerConnection:
        """The same connection, or a refusal naming the field a person must fill."""
        missing = [
            name
            for name, value in (
                ("host", self.host),
                ("database", self.database),
                ("user", self.user),
            )
            if not value.strip()
        ]
        if missing:
            raise ValidationError(f"Fill in the server's {' and '.join(missing)}.")
        if not 0 < self.port < 65536:
            raise ValidationError(f"{self.port} is not a port number (PostgreSQL's is 5432).")
        return ServerConnection(
            self.host.strip(), self.port, self.database.strip(), self.user.strip()
        )


# --- the saved choice ---------------------------------------------------------------------


def settings_file() -> Path:
    return paths.data_dir() / SETTINGS_FILE


def saved_connection() -> ServerConnection | None:
    """The server this PC is connected to, or None for the local file (also when the settings
    file cannot be read: Sanad then starts on the local file and says so in the log)."""
    file = settings_file()
    if not file.exists():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        return ServerConnection(
            str(data["host"]), int(data["port"]), str(data["database"]), str(data["user"])
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("ignored %s: %s", file, exc)
        return None


def save_connection(connection: ServerConnection | None) -> None:
    """Remember the server for the next start (None: back to the local file)."""
    file = settings_file()
    if connection is None:
        file.unlink(missing_ok=True)
        return
    paths.private_dir(file.parent)
    data = {
        "format": FORMAT,
        "host": connection.host,
        "port": connection.port,
        "database": connection.database,
        "user": connection.user,
    }
    temporary = file.with_name(file.name + ".partial")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, file)


def saved_url() -> str | None:
    connection = saved_connection()
    return connection.url if connection else None


# --- the password ---------------------------------------------------------------------------


def _keyring() -> Any | None:
    """The system keyring, or None where there is none (no package, no backend)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return None if isinstance(backend, fail.Keyring) else backend


def has_keyring() -> bool:
    return _keyring() is not None


def stored_password(connection: ServerConnection) -> str | None:
    if connection.label in _typed:
        return _typed[connection.label]
    backend = _keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(KEYRING_SERVICE, connection.label)
    except Exception as exc:  # a locked or broken keyring is "no password kept", not a crash
        log.warning("the keyring could not be read: %s", type(exc).__name__)
        return None
    return str(value) if value is not None else None


def keep_password(connection: ServerConnection, password: str) -> bool:
    """In the keyring if there is one (True), else for this process only (False)."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, connection.label, password)
            _typed.pop(connection.label, None)
            return True
        except Exception as exc:
            log.warning("the keyring could not keep the password: %s", type(exc).__name__)
    _typed[connection.label] = password
    return False


def forget_password(connection: ServerConnection) -> None:
    _typed.pop(connection.label, None)
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(KEYRING_SERVICE, connection.label)
    except Exception:  # not kept there: nothing to forget
        pass


def connect_args(url: str) -> dict[str, Any]:
    """What a PostgreSQL engine needs beyond the URL: the kept password (unless the URL has
    one; libpq's PGPASSWORD and .pgpass still work when neither has) and a time limit, so an
    unreachable server is an answer, not a hang."""
    from sqlalchemy.engine import make_url

    args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    connection = ServerConnection.from_url(url)
    if connection is not None and make_url(url).password is None:
        password = stored_password(connection)
        if password is not None:
            args["password"] = password
    return args


# --- what went wrong, in words ------------------------------------------------------------


def explain_failure(error: BaseException | None, where: str) -> DatabaseError:
    """A failed connection as a person can act on it (never the driver's text alone)."""
    text = str(error or "").lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return DatabaseError(
            f"The server {where} refused the user name or password: check both, and type the "
            "password again."
        )
    if "does not exist" in text and "database" in text:
        return DatabaseError(
            f"The server answered, but it has no database by that name ({where}): ask whoever "
            "runs it to create it (createdb), or check the name."
        )
    if "does not exist" in text and "role" in text:
        return DatabaseError(f"The server {where} has no user by that name: check the user.")
    if "pg_hba.conf" in text:
        return DatabaseError(
            f"The server {where} does not accept connections from this PC for that user "
            "(pg_hba.conf): ask whoever runs it to allow this PC."
        )
    unreachable = (
        "connection refused",
        "could not translate host name",
        "timeout",
        "timed out",
        "no route to host",
        "network is unreachable",
        "could not connect",
        "connection failed",
        "name or service not known",
        "server closed the connection",
        "no such file or directory",
        "is the server running",
    )
    if any(word in text for word in unreachable):
        return DatabaseError(
            f"The server {where} cannot be reached: check the host and port, that the server "
            "is running, and that this PC is on the department's network."
        )
    return DatabaseError(f"Sanad could not use the server {where}: {str(error)[:200]}")


def password_to_ask() -> ServerConnection | None:
    """The saved server, when Sanad must ask its password at start: none kept in the keyring or
    typed in this process, none in PGPASSWORD."""
    saved = saved_connection()
    if saved is None or os.environ.get("PGPASSWORD") or stored_password(saved) is not None:
        return None
    return saved
