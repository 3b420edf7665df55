"""Sanad opens no network socket: the autouse guard in conftest.py makes any attempt fail."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.conftest import NetworkUsed


def test_the_guard_catches_a_connection_attempt(_no_network: list) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    assert _no_network


def test_a_whole_session_of_work_opens_no_socket(_no_network: list, tmp_path: Path) -> None:
    from advisor.cli.main import main

    db = str(tmp_path / "n.db")
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "catalog", "list", "--search", "data", "--json"]) == 0
    assert main(["--db", db, "catalog", "export", str(tmp_path / "c.json")]) == 0
    assert main(["--db", db, "catalog", "import", str(tmp_path / "c.json")]) == 0
    assert main(["--db", db, "students", "list"]) == 0
    assert _no_network == []
