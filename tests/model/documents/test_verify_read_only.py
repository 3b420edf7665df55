"""`letter verify` never writes (issue 16, item 7): it works on a database nobody may change."""

from __future__ import annotations

import sqlite3

import pytest

from advisor.model.services import Services, open_services
from tests.model.documents.conftest import TODAY


@pytest.mark.sqlite_only
def test_verify_checks_a_letter_in_a_read_only_database(certified: Services) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY).record
    file = certified.db.file
    assert file is not None
    certified.close()
    connection = sqlite3.connect(str(file))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    file.chmod(0o444)
    try:
        opened = open_services(str(file), create=False)
        try:
            assert opened.db.read_only
            assert opened.letters.verify(issued.code).status == "valid"
        finally:
            opened.close()
    finally:
        file.chmod(0o600)
