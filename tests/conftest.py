"""Shared fixtures: a fresh, migrated store with the bundled catalog; the sample files; no network."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture
def services(db_path: Path, _fresh_store: Path):  # type: ignore[no-untyped-def]
    from advisor.model.database import backup_sqlite
    from advisor.model.services import open_services

    backup_sqlite(_fresh_store, db_path)
    opened = open_services(str(db_path), create=True)
    seat_admin(opened)
    yield opened
    opened.close()


def seat_admin(services) -> None:  # type: ignore[no-untyped-def]
    """Act as the template store's administrator without paying for a scrypt check per test
    (signing in itself is tested in tests/model/test_accounts.py)."""
    seat_as(services, ADMIN, "administrator")


def seat_as(services, user_name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    from advisor.model.roles import Actor, Role

    services.db.seat.sit(Actor(user_name, user_name, Role.named(role)))
