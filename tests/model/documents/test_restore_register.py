"""A restore never reuses a letter number, never loses a register entry, never installs a
file's own schema objects, and refuses damaged or incomplete files saying why (issue 16, 1)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from advisor.model.errors import AdvisorError, ValidationError
from advisor.model.services import Services, open_services
from advisor.model.services.backup_service import restore_database
from tests.conftest import seat_admin
from tests.model.documents.conftest import TODAY, add_students, certify

pytestmark = pytest.mark.sqlite_only  # a test of the file: its backups, locks, bytes


def _sql(file: Path, *statements: str) -> None:
    connection = sqlite3.connect(str(file))
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _dump(file: Path) -> str:
    connection = sqlite3.connect(str(file))
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".partial", ".restoring")))


def test_a_restore_carries_the_register_forward(certified: Services, tmp_path: Path) -> None:
    letters = certified.letters
    first = letters.issue("fa23-bcs-001", today=TODAY).record
    certified.backup.backup(tmp_path / "backup.db")
    (newcomer,) = add_students(certified, 1)  # a student the backup does not know
    certify(certified, "fa23-bcs-003", "google-it-support", certificate="G-3")
    second = letters.issue("fa23-bcs-003", today=TODAY).record
    third = letters.issue(newcomer, today=TODAY).record
    letters.revoke(first.reference, reason="issued in error")

    result = certified.backup.restore(tmp_path / "backup.db")
    assert set(result.carried.letters) == {second.reference, third.reference}
    assert result.carried.students == (newcomer,)
    assert result.carried.events >= 1  # the revocation of the letter both registers hold

    reopened = open_services(str(certified.db.file), create=False)
    try:
        for letter in (second, third):
            assert reopened.letters.verify(letter.code).status == "valid"
        assert reopened.letters.verify(first.code).status == "revoked"
        assert [k for k, *_ in reopened.letters.history(third.reference)] == ["issued"]
        from tests.conftest import TEST_PASSPHRASE, seat_admin

        seat_admin(reopened)  # a new session: someone signs in
        reopened.keys.unlock(TEST_PASSPHRASE)  # the key was carried forward: it still signs
        fourth = reopened.letters.issue("fa23-bcs-001", today=TODAY).record
        assert fourth.reference.endswith("/0004")  # never a second 0002
    finally:
        reopened.close()


def test_a_backup_from_another_register_is_refused(
    certified: Services, samples: Path, tmp_path: Path
) -> None:
    """Another office's database numbered its own 0001: the registers cannot be merged."""
    from tests.conftest import TEST_PASSPHRASE

    certified.letters.issue("fa23-bcs-001", today=TODAY)
    other = open_services(str(tmp_path / "other.db"))
    seat_admin(other)
    other.policy.import_file(samples / "policy.json", key_passphrase=TEST_PASSPHRASE)
    other.students.import_roster(samples / "roster.csv")
    certify(other, "fa23-bcs-002", "google-it-support", certificate="OTHER-1")
    other.letters.issue("fa23-bcs-002", today=TODAY)
    other.backup.backup(tmp_path / "theirs.db")
    other.close()
    before = _dump(certified.db.file)
    with pytest.raises(ValidationError, match="not the same letter|does not hold"):
        certified.backup.restore(tmp_path / "theirs.db")
    assert _dump(certified.db.file) == before


@pytest.mark.parametrize(
    ("craft", "said"),
    [
        (
            "CREATE TRIGGER jump AFTER INSERT ON letters BEGIN "
            "UPDATE letter_series SET last_serial = last_serial + 8; END",
            "trigger 'jump'",
        ),
        ("CREATE VIEW everyone AS SELECT * FROM students", "view 'everyone'"),
        ("CREATE TABLE extra (x)", "table 'extra'"),
        ("DROP TABLE advising_notes", "no table 'advising_notes'"),
        ("ALTER TABLE students DROP COLUMN advisor_notes", "no column 'advisor_notes'"),
        ("UPDATE letter_series SET last_serial = 'many'", "letter_series.last_serial"),
        ("UPDATE students SET intake_year = 2.5 WHERE rowid = 1", "students.intake_year"),
        (
            "UPDATE program_certificates SET completed_on = 'soon'",
            "program_certificates.completed_on",
        ),
        ("UPDATE students SET name = char(55296) WHERE rowid = 1", "students.name in row 1"),
    ],
)
def test_crafted_backups_are_refused_saying_what_is_wrong(
    certified: Services, tmp_path: Path, craft: str, said: str
) -> None:
    certified.letters.issue("fa23-bcs-001", today=TODAY)
    backup = tmp_path / "crafted.db"
    certified.backup.backup(backup)
    _sql(backup, craft)
    live = certified.db.file
    before = _dump(live)
    with pytest.raises(ValidationError) as refused:
        certified.backup.restore(backup)
    assert said in str(refused.value)
    assert "was not restored" in str(refused.value)
    assert _dump(live) == before
    assert _leftovers(live.parent) == []
    assert not list(live.parent.glob("*.before-restore-*"))


def test_a_damaged_index_that_quick_check_misses_is_refused(
    certified: Services, tmp_path: Path
) -> None:
    backup = tmp_path / "flipped.db"
    certified.backup.backup(backup)
    # The index now claims to cover names while it holds e-mails: quick_check does not look.
    _sql(
        backup,
        "PRAGMA writable_schema=ON",
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_students_email ON students (name)' "
        "WHERE name = 'ix_students_email'",
    )
    connection = sqlite3.connect(str(backup))
    assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA integrity_check").fetchone() != ("ok",)
    connection.close()
    with pytest.raises(ValidationError, match="integrity check"):
        certified.backup.restore(backup)


def test_an_unreadable_current_register_needs_consent(certified: Services, tmp_path: Path) -> None:
    certified.letters.issue("fa23-bcs-001", today=TODAY)
    certified.backup.backup(tmp_path / "good.db")
    live = certified.db.file
    certified.close()
    live.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(AdvisorError, match="--replace-unreadable"):
        restore_database(str(live), tmp_path / "good.db")
    assert live.read_bytes().startswith(b"SQLite format 3\x00" + b"\x00" * 50)
    result = restore_database(str(live), tmp_path / "good.db", replace_unreadable=True)
    assert result.previous_saved_to is not None


def test_restore_runs_the_register_checks_it_is_given(certified: Services, tmp_path: Path) -> None:
    """The place where further per-row checks plug in (e.g. seals of signed letters)."""
    from advisor.model.services.backup_service import RESTORE_CHECKS

    certified.letters.issue("fa23-bcs-001", today=TODAY)
    certified.backup.backup(tmp_path / "b.db")
    seen: list[int] = []

    def no_letters_allowed(session):  # type: ignore[no-untyped-def]
        from sqlalchemy import func, select

        from advisor.model.schema import Letter

        count = session.scalar(select(func.count(Letter.id)))
        seen.append(count)
        return [f"{count} letter(s) present"] if count else []

    with pytest.raises(ValidationError, match="1 letter"):
        restore_database(
            str(certified.db.file), tmp_path / "b.db", checks=(*RESTORE_CHECKS, no_letters_allowed)
        )
    assert seen == [1]
