"""Issuing a letter also signs the change log's head with the institution key: a rewrite of
history before it, with every later hash recomputed, no longer matches the signature."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from advisor.model.services import Services
from tests.model.documents.conftest import TODAY
from tests.model.people.test_change_log import _rewrite_from, _untriggered


@pytest.mark.sqlite_only
def test_each_letter_signs_the_head_and_a_rewrite_under_it_is_caught(certified: Services) -> None:
    certified.notes.add_note("fa23-bcs-001", "before the letter", written_on=date(2026, 1, 2))
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    check = certified.history.verify()  # against the institution's own key, from the database
    assert check.ok and check.signatures == check.signatures_checked == 1
    last = certified.history.events(limit=1)[0]
    assert (last.action, last.record) == ("letter.issue", issued.record.reference)
    with sqlite3.connect(str(certified.db.file)) as c:
        signed_at = c.execute("SELECT event_id, note FROM change_log_signatures").fetchall()
    assert signed_at == [(last.id, issued.record.reference)]

    c = _untriggered(certified)
    _rewrite_from(c, 3)
    c.close()
    broken = certified.history.verify()
    assert not broken.ok and broken.first_broken == last.id
    assert "history up to it was rewritten" in broken.problem
