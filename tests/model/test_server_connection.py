"""Settings → Database, below the window: where the choice and the password are kept, how the
start picks the choice up, and what a failed connection says (issue 14, item 2)."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from advisor.model import server_connection
from advisor.model.database import resolve_location
from advisor.model.errors import DatabaseError, PermissionDenied, ValidationError
from advisor.model.server_connection import ServerConnection, connect_args
from advisor.model.services import Services
from advisor.model.services.connection_service import ConnectionCheck, ConnectionService
from tests.conftest import seat_as
from tests.server_marks import server_only

# The choice of a PC, not a store's: on SQLite only (the one real server test says otherwise).
pytestmark = pytest.mark.sqlite_only

# Nothing listens on port 1 of this machine: a refused connection, no network involved.
NOBODY = ServerConnection("127.0.0.1", 1, "sanad", "office")
SERVER = ServerConnection("sanad-server", 5432, "sanad", "office")


class MemoryKeyring(KeyringBackend):
    """The system keyring, faked (keyring lets a program choose its backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def fake_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)
    server_connection._typed.clear()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)
    server_connection._typed.clear()


def test_an_unreachable_server_is_named_as_such_and_not_saved(
    services: Services, fake_keyring: MemoryKeyring
) -> None:
    check = services.connection.test(NOBODY, "secret")
    assert not check.ok and "cannot be reached" in check.message
    with pytest.raises(DatabaseError, match="cannot be reached"):
        services.connection.connect(NOBODY, "secret")
    assert not server_connection.settings_file().exists() and not fake_keyring.kept


def test_empty_fields_are_named(services: Services) -> None:
    with pytest.raises(ValidationError, match="host and database"):
        services.connection.test(ServerConnection(" ", 5432, "", "office"), "x")


def test_a_connection_is_kept_without_its_password_and_picked_up_at_start(
    services: Services, fake_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ConnectionService, "test", lambda *a: ConnectionCheck(True, "ready"))
    choice = services.connection.connect(SERVER, "s3cret-pass")
    assert choice.saved == SERVER and choice.keyring and choice.password_kept
    assert "s3cret-pass" not in server_connection.settings_file().read_text(encoding="utf-8")
    assert fake_keyring.kept == {(server_connection.KEYRING_SERVICE, SERVER.label): "s3cret-pass"}
    # the next start: the saved server, unless --db or ADVISOR_DB says otherwise
    assert (
        resolve_location(None)
        == SERVER.url
        == "postgresql+psycopg://office@sanad-server:5432/sanad"
    )
    assert connect_args(SERVER.url)["password"] == "s3cret-pass"
    assert resolve_location("/tmp/x/other.db") == "sqlite:////tmp/x/other.db"
    monkeypatch.setenv("ADVISOR_DB", "/tmp/x/env.db")
    assert resolve_location(None) == "sqlite:////tmp/x/env.db"

    monkeypatch.delenv("ADVISOR_DB")
    back = services.connection.use_local_file()
    assert back.saved is None and not fake_keyring.kept
    assert not server_connection.settings_file().exists()
    assert resolve_location(None) == "sqlite:///" + str(back.local_file)


def test_without_a_keyring_the_password_stays_in_memory(
    services: Services, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ConnectionService, "test", lambda *a: ConnectionCheck(True, "ready"))
    choice = services.connection.connect(SERVER, "s3cret-pass")
    assert not choice.keyring and not choice.password_kept
    assert server_connection.stored_password(SERVER) == "s3cret-pass"  # this process only
    assert server_connection.password_to_ask() is None
    server_connection._typed.clear()  # the next start
    assert server_connection.password_to_ask() == SERVER


def test_only_an_administrator_connects_this_pc(services: Services) -> None:
    seat_as(services, "office", "office")
    with pytest.raises(PermissionDenied):
        services.connection.connect(SERVER, "x")
    with pytest.raises(PermissionDenied):
        services.connection.use_local_file()


def test_a_damaged_settings_file_means_the_local_file(services: Services) -> None:
    file = server_connection.settings_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("{not json", encoding="utf-8")
    assert server_connection.saved_connection() is None
    assert resolve_location(None).startswith("sqlite:///")


@pytest.mark.parametrize(
    ("driver_says", "we_say"),
    [
        ('FATAL:  password authentication failed for user "office"', "user name or password"),
        ('FATAL:  database "sanad" does not exist', "no database by that name"),
        ('could not translate host name "sanad-server" to address', "cannot be reached"),
        ("no pg_hba.conf entry for host", "does not accept connections from this PC"),
    ],
)
def test_driver_failures_in_words(driver_says: str, we_say: str) -> None:
    assert we_say in str(server_connection.explain_failure(Exception(driver_says), "x"))


@server_only
def test_test_connection_on_a_real_server(services: Services) -> None:
    from sqlalchemy.engine import make_url

    server = ServerConnection.from_url(services.db.url)
    assert server is not None
    password = make_url(services.db.url).password or ""
    check = services.connection.test(server, password)
    assert check.ok and check.message.startswith("Connected: a Sanad database"), check.message
    missing = ServerConnection(server.host, server.port, "no_such_sanad_db", server.user)
    answer = services.connection.test(missing, password)
    assert not answer.ok and "no database by that name" in answer.message
