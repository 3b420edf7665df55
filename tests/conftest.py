"""Shared fixtures: a fresh, migrated store with the bundled catalog; the sample files; no network."""

from __future__ import annotations

import itertools
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_cluster import URL_ENV

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = REPO.parent / "shared" / "data" / "samples"
DEMO_SAMPLES = REPO / "resources" / "demo"


ADMIN, ADMIN_PASSWORD = "admin", "test-admin-password"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple]]:
    """Sanad must work with no network at all: any attempt to reach an address fails the test.
    (Local AF_UNIX socketpairs, which Qt and asyncio use internally, are left alone.)"""
    attempts: list[tuple] = []

    def refuse(self: socket.socket, address: object, *args: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append((self.family, address))
            raise NetworkUsed(f"Sanad tried to open a network connection to {address!r}")
        return original_connect(self, address)

    original_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(
        socket, "create_connection", lambda address, *a, **k: refuse(socket.socket(), address)
    )
    yield attempts


@pytest.fixture(autouse=True)
def _advisor_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep logs and default databases of tests out of the user's real folders."""
    home = tmp_path_factory.mktemp("advisor-home")
    monkeypatch.setenv("ADVISOR_HOME", str(home))
    monkeypatch.delenv("ADVISOR_DB", raising=False)
    # Every command runs as an account: tests act as the store's administrator.
    monkeypatch.setenv("ADVISOR_USER", ADMIN)
    monkeypatch.setenv("ADVISOR_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("ADVISOR_NEW_PASSWORD", raising=False)
    return home


TEST_PASSPHRASE = "test passphrase"  # the institution key's, in every test department


@pytest.fixture(autouse=True)
def _key_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    """The command line reads the Controller's passphrase from the environment (no prompt in
    tests); a test of the missing-passphrase error removes it."""
    monkeypatch.setenv("ADVISOR_KEY_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.delenv("ADVISOR_KEY_FILE", raising=False)
    return TEST_PASSPHRASE


@pytest.fixture
def samples() -> Path:
    """The sample department files (shared/ in CI, else the copies shipped as demo data)."""
    return SHARED_SAMPLES if SHARED_SAMPLES.is_dir() else DEMO_SAMPLES


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sanad.db"


@pytest.fixture(scope="session")
def _fresh_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store built by the real migrations with the bundled catalog; tests get copies of it."""
    from advisor.model.services import open_services

    template = tmp_path_factory.mktemp("template") / "fresh.db"
    opened = open_services(str(template), create=True)
    opened.accounts.create_administrator(ADMIN, ADMIN_PASSWORD, "Test Administrator")
    opened.close()
    return template


# The model tests and the command-line tests run against both databases: SQLite (a file) and
# PostgreSQL (the throw-away server of scripts/test.sh, named by SANAD_TEST_PG_URL). A test takes
# part by asking for `services` (a ready store) or `db_location` (where a store may be made: a
# file path or an empty server database); `@pytest.mark.sqlite_only` keeps one on SQLite (a test
# of the file itself: its bytes, locks, backups) and `postgresql_only` one of the server (its
# concurrency, its faults). Other tests (UI, reports) use SQLite only.
BOTH_DATABASES = (
    "tests/model/",
    "tests/test_audit_cli.py",
    "tests/test_cli.py",
    "tests/test_cli_commands.py",
    "tests/test_import_cli.py",
    "tests/test_signed_letter_cli.py",
    "tests/test_verification_cli.py",
    "tests/test_accounts_cli.py",
)
NO_SERVER = (
    "SKIPPED: PostgreSQL server tests (no test server: `bash scripts/test.sh` starts one, "
    f"or set {URL_ENV} to a superuser URL of a throw-away cluster)"
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_kind" not in metafunc.fixturenames:
        return
    where = metafunc.definition.path.relative_to(REPO).as_posix()
    marked = metafunc.definition.get_closest_marker
    # Without a server the PostgreSQL runs are left out, and said so once (at the summary).
    server = [pytest.param("postgresql", marks=pytest.mark.postgresql)] if _server_url() else []
    if marked("postgresql_only"):
        metafunc.parametrize(
            "database_kind",
            server or [pytest.param("postgresql", marks=pytest.mark.skip(NO_SERVER))],
            indirect=True,
        )
    elif where.startswith(BOTH_DATABASES) and not marked("sqlite_only"):
        metafunc.parametrize("database_kind", ["sqlite", *server], indirect=True)


def _server_url() -> str:
    return os.environ.get(URL_ENV, "")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _server_url():
        terminalreporter.write_line(NO_SERVER, yellow=True, bold=True)


@pytest.fixture
def database_kind(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


_database_names = itertools.count(1)


def server_database(template: str | None = None) -> str:
    """A new database on the test server (a copy of `template`, else empty): its URL."""
    import sqlalchemy as sa

    server = sa.make_url(os.environ[URL_ENV])
    name = f"sanad_{os.getpid()}_{next(_database_names)}"
    copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}{copy}")
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drop_server_database(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(os.environ[URL_ENV], isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(
            f"DROP DATABASE IF EXISTS {sa.make_url(url).database} WITH (FORCE)"
        )
    engine.dispose()


@pytest.fixture(scope="session")
def _fresh_server_store() -> Iterator[str]:
    """The server's twin of `_fresh_store`: a template database that tests' databases copy."""
    from advisor.model.services import open_services

    url = server_database()
    opened = open_services(url, create=True)
    opened.accounts.create_administrator(ADMIN, ADMIN_PASSWORD, "Test Administrator")
    opened.close()  # a template may have no open connection when it is copied
    yield url.rsplit("/", 1)[1]
    drop_server_database(url)


@pytest.fixture
def db_location(database_kind: str, db_path: Path) -> Iterator[str]:
    """Where a test makes its own store: a file path, or the URL of an empty server database."""
    if database_kind == "sqlite":
        yield str(db_path)
        return
    url = server_database()
    yield url
    drop_server_database(url)


@pytest.fixture
def services(database_kind: str, db_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    from advisor.model.database import backup_sqlite
    from advisor.model.services import open_services

    if database_kind == "sqlite":
        backup_sqlite(request.getfixturevalue("_fresh_store"), db_path)
        location = str(db_path)
    else:
        location = server_database(request.getfixturevalue("_fresh_server_store"))
    opened = open_services(location, create=True)
    seat_admin(opened)
    yield opened
    opened.close()
    if database_kind != "sqlite":
        drop_server_database(location)


def seat_admin(services) -> None:  # type: ignore[no-untyped-def]
    """Act as the template store's administrator without paying for a scrypt check per test
    (signing in itself is tested in tests/model/test_accounts.py)."""
    seat_as(services, ADMIN, "administrator")


def seat_as(services, user_name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    from advisor.model.roles import Actor, Role

    services.db.seat.sit(Actor(user_name, user_name, Role.named(role)))


def location_of(services) -> str:  # type: ignore[no-untyped-def]
    """What `--db` takes to reach the test's store: its file's path, or its server URL."""
    return str(services.db.file) if services.db.file else str(services.db.url)
