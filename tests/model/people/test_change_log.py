"""The change log: one event per write, in the write's own transaction, chained by hashes;
triggers refuse UPDATE and DELETE; `verify` names the first broken event after plain sqlite3
tampering, and a signed head catches even a rewrite with every later hash recomputed."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from advisor.model.change_log import event_hash, head, sign_head
from advisor.model.schema import AdvisingNote, ChangeEvent
from advisor.model.services import Services
from tests.conftest import seat_as

TODAY = date(2026, 1, 20)
ROLL = "fa23-bcs-001"


def _connect(services: Services) -> sqlite3.Connection:
    assert services.db.file is not None
    return sqlite3.connect(str(services.db.file), isolation_level=None)


def _untriggered(services: Services) -> sqlite3.Connection:
    """What an outsider does first: drop the triggers that refuse edits."""
    c = _connect(services)
    for (name,) in c.execute(
        "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='change_log'"
    ).fetchall():
        c.execute(f'DROP TRIGGER "{name}"')
    return c


def _some_events(services: Services) -> None:
    seat_as(services, "saima", "advisor")
    for text in ("first session", "second session", "third session"):
        services.notes.add_note(ROLL, text, written_on=TODAY)
    services.exceptions.add_waiver(ROLL, "CERT-ELEC-2", "transfer credit")


def test_every_write_is_attributed_and_logged_in_its_transaction(department: Services) -> None:
    _some_events(department)
    events = department.history.events()
    assert [e.action for e in events[:4]] == ["exception.add"] + ["note.add"] * 3
    assert all(e.user == "saima" and e.roll_no == ROLL for e in events[:4])
    assert "proposed" in events[0].summary and events[0].reason == "transfer credit"
    with department.db.begin() as session:
        authors = set(session.scalars(select(AdvisingNote.created_by)))
    assert authors == {"saima"}  # no more "local"
    assert [e.action for e in department.history.events()[-4:]] == [
        "import.roster",
        "import.policy",
        "account.create",
        "catalog.install",
    ]
    assert department.history.verify().ok


def test_a_failed_write_leaves_no_event(department: Services) -> None:
    before = len(department.history.events())
    with pytest.raises(Exception, match="empty"):
        department.notes.add_note(ROLL, "   ", written_on=TODAY)
    with pytest.raises(Exception, match="no student"):
        department.notes.add_note("nobody", "text", written_on=TODAY)
    assert len(department.history.events()) == before


@pytest.mark.sqlite_only
def test_triggers_refuse_update_and_delete(department: Services) -> None:
    _some_events(department)
    c = _connect(department)
    for sql in (
        "UPDATE change_log SET actor = 'someone' WHERE id = 3",
        "DELETE FROM change_log WHERE id = 3",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            c.execute(sql)
    c.close()
    assert department.history.verify().ok


@pytest.mark.sqlite_only
@pytest.mark.parametrize("attack", ["edit", "delete", "reorder"])
def test_tampering_is_named_at_the_first_broken_event(department: Services, attack: str) -> None:
    _some_events(department)
    c = _untriggered(department)
    if attack == "edit":
        c.execute("UPDATE change_log SET summary = 'nothing happened' WHERE id = 4")
        expected = "event 4 was changed"
    elif attack == "delete":
        c.execute("DELETE FROM change_log WHERE id = 4")
        expected = "event 4 is missing"
    else:  # swap two events' places
        c.execute("UPDATE change_log SET id = -5 WHERE id = 5")
        c.execute("UPDATE change_log SET id = 5 WHERE id = 4")
        c.execute("UPDATE change_log SET id = 4 WHERE id = -5")
        expected = "event 4"
    c.close()
    check = department.history.verify()
    assert not check.ok and check.first_broken in (4, 5) and expected in check.problem


def _rewrite_from(c: sqlite3.Connection, first: int) -> None:
    """The careful forger: change event `first`, then recompute every later hash."""
    rows = c.execute(
        "SELECT id, at, actor, action, record, roll_no, summary, reason, prev_hash "
        "FROM change_log WHERE id >= ? ORDER BY id",
        (first,),
    ).fetchall()
    prev = c.execute("SELECT hash FROM change_log WHERE id = ?", (first - 1,)).fetchone()[0]
    from datetime import datetime

    for i, (eid, at, actor, action, record, roll, summary, reason, _old) in enumerate(rows):
        if i == 0:
            summary = "forged"
        new = event_hash(
            eid, datetime.fromisoformat(at), actor, action, record, roll, summary, reason, prev
        )
        c.execute(
            "UPDATE change_log SET summary = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (summary, prev, new, eid),
        )
        prev = new


@pytest.mark.sqlite_only
def test_a_recomputed_chain_passes_the_hashes_but_not_a_signed_head(department: Services) -> None:
    ec = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ec")
    from cryptography.hazmat.primitives import hashes, serialization

    _some_events(department)
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with department.db.begin() as session:  # what letter issuing does after its own event
        signed = sign_head(
            session,
            lambda m: key.sign(m, ec.ECDSA(hashes.SHA256())),
            pem,
            note="letter X/2026/0001",
        )
        assert signed is not None and signed.event_id == head(session).event_id  # type: ignore[union-attr]
    department.notes.add_note(ROLL, "after the signature", written_on=TODAY)
    good = department.history.verify([pem])
    assert good.ok and good.signatures == good.signatures_checked == 1

    c = _untriggered(department)
    _rewrite_from(c, 3)  # before the signed head
    c.close()
    check = department.history.verify()
    assert not check.ok and "history up to it was rewritten" in check.problem
    assert check.first_broken == signed.event_id


def test_a_signature_by_another_key_is_not_the_institutions(department: Services) -> None:
    ec = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ec")
    from cryptography.hazmat.primitives import hashes, serialization

    def pem_of(k: object) -> bytes:
        return k.public_key().public_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    ours, theirs = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    _some_events(department)
    with department.db.begin() as session:
        sign_head(session, lambda m: theirs.sign(m, ec.ECDSA(hashes.SHA256())), pem_of(theirs))
    assert department.history.verify().ok  # a self-consistent signature...
    check = department.history.verify([pem_of(ours)])
    assert not check.ok and "not the institution's" in check.problem  # ...by a stranger's key


def test_events_are_chained_to_the_one_before(department: Services) -> None:
    _some_events(department)
    with department.db.begin() as session:
        events = list(session.scalars(select(ChangeEvent).order_by(ChangeEvent.id)))
    assert events[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))


def test_the_log_filters(department: Services, tmp_path: Path) -> None:
    from advisor.model.services.history_service import LogFilter

    _some_events(department)
    assert len(department.history.events(LogFilter(roll_no=ROLL.upper()))) == 4
    assert len(department.history.events(LogFilter(user="SAIMA", action="note"))) == 3
    assert department.history.events(LogFilter(since=date(2999, 1, 1))) == []
