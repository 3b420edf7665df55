"""Settings → Database: which database this PC works on — its own file, or the department's
PostgreSQL server — the test of a server connection, and the switch between the two. The choice
takes effect at Sanad's next start (server_connection.py keeps it, database.resolve_location
reads it; `--db` and ADVISOR_DB still win)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from advisor.model import paths, server_connection
from advisor.model.database import head_revision, refuse_unknown_revision
from advisor.model.database_copy import shown
from advisor.model.errors import DatabaseError
from advisor.model.roles import Role
from advisor.model.server_connection import ServerConnection, explain_failure
from advisor.model.services.service_base import Service


@dataclass(frozen=True)
class DatabaseChoice:
    in_use: str  # what this session works on: a file's path or a server without its password
    on_server: bool  # the session works on a server
    saved: ServerConnection | None  # the server chosen for the next start; None: the local file
    overridden: bool  # --db or ADVISOR_DB chose the database, whatever is saved
    keyring: bool  # this PC has a system keyring for the password
    password_kept: bool  # the saved server's password is in the keyring
    local_file: Path


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str
    schema: str | None = None


class ConnectionService(Service):
    def choice(self) -> DatabaseChoice:
        saved = server_connection.saved_connection()
        keyring = server_connection.has_keyring()
        url = self._db.url
        return DatabaseChoice(
            in_use=shown(url),
            on_server=self._db.file is None,
            saved=saved,
            overridden=url != (saved.url if saved else url) or bool(os.environ.get("ADVISOR_DB")),
            keyring=keyring,
            password_kept=bool(saved and keyring and server_connection.stored_password(saved)),
            local_file=paths.default_database(),
        )

    def test(self, server: ServerConnection, password: str) -> ConnectionCheck:
        """Connect and read the schema version; what failed, in words (never raises for a
        server that cannot be used: the answer says why)."""
        server = server.checked()
        password = password or server_connection.stored_password(server) or ""
        try:
            import psycopg  # noqa: F401  (the driver of the `server` extra)
        except ImportError:
            return ConnectionCheck(
                False,
                "The PostgreSQL driver is not installed on this PC: install Sanad with its "
                "server extra (pip install 'sanad-advisor[server]').",
            )
        engine = create_engine(
            server.url,
            poolclass=NullPool,
            connect_args={
                "password": password,
                "connect_timeout": server_connection.CONNECT_TIMEOUT_S,
            },
        )
        try:
            with engine.connect() as connection:
                names = set(inspect(connection).get_table_names())
                revision = (
                    connection.scalar(text("SELECT version_num FROM alembic_version"))
                    if "alembic_version" in names
                    else None
                )
        except OperationalError as exc:
            return ConnectionCheck(False, str(explain_failure(exc.orig, server.label)))
        except SQLAlchemyError as exc:
            return ConnectionCheck(False, f"The server answered but could not be read ({exc}).")
        finally:
            engine.dispose()
        return _schema_check(names, revision)

    def connect(self, server: ServerConnection, password: str) -> DatabaseChoice:
        """Test, then keep the server for the next start (the password in the keyring, or for
        this session only where there is none). A server that cannot be used is refused."""
        self._require_role(Role.ADMINISTRATOR, "connecting this PC to a database server")
        server = server.checked()
        password = password or server_connection.stored_password(server) or ""
        check = self.test(server, password)
        if not check.ok:
            raise DatabaseError(check.message)
        server_connection.keep_password(server, password)
        server_connection.save_connection(server)
        return self.choice()

    def use_local_file(self) -> DatabaseChoice:
        """Back to this PC's own file from the next start; the server's password is forgotten."""
        self._require_role(Role.ADMINISTRATOR, "switching this PC back to its own file")
        saved = server_connection.saved_connection()
        if saved is not None:
            server_connection.forget_password(saved)
        server_connection.save_connection(None)
        return self.choice()


def _schema_check(names: set[str], revision: str | None) -> ConnectionCheck:
    head = head_revision()
    if revision is None and not names:
        return ConnectionCheck(
            True,
            "Connected. The database is empty: Sanad sets it up when this PC first opens it "
            "(to move a laptop's database onto it, use `advisor db copy --to …` before).",
        )
    if revision is None:
        return ConnectionCheck(
            False,
            "Connected, but this database holds tables that Sanad did not make: choose an empty "
            "database or one made by Sanad.",
        )
    try:
        refuse_unknown_revision(revision, "This database")
    except DatabaseError:
        return ConnectionCheck(
            False,
            f"Connected, but the database's schema ({revision}) is newer than this Sanad "
            f"({head}): update Sanad on this PC first.",
            revision,
        )
    if revision != head:
        return ConnectionCheck(
            True,
            f"Connected. The database's schema ({revision}) is older than this Sanad's ({head}): "
            "it is brought up to date when this PC opens it — update Sanad on the other PCs too.",
            revision,
        )
    return ConnectionCheck(
        True, f"Connected: a Sanad database (schema {revision}), ready.", revision
    )
